// The SQS client and the URLs of the work queues a function may send to, created once per
// function instance. A queue's URL comes from its catalog grant (`sendTo`); asking for one the
// function was not granted fails at once with the variable's name.
import { SQSClient } from '@aws-sdk/client-sqs';
import type { WorkQueueName } from '../../events/queues.ts';
import { requireEnv } from './env.ts';
import { queueUrlVariable } from './function-environment.ts';

// The queue URL is the one the catalog grant names; no need to aim the client at its host.
export const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });

export const queueUrl = (queue: WorkQueueName): string => requireEnv(queueUrlVariable(queue));
