// import-chunks → one chunk of an import (or a whole dry run), idempotently; the next chunk's
// message is queued by the chunk before it (functions/domain/imports/import-jobs.ts).
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { workQueues } from '../../events/queues.ts';
import { bucketFiles } from '../domain/imports/files-bucket.ts';
import { type Enqueue, handleImportMessage, importMessageSchema } from '../domain/imports/import-jobs.ts';
import { nowIso } from '../lib/clock.ts';
import { tenantConfig } from '../lib/env.ts';
import { logger } from '../lib/logger.ts';
import { queueUrl, sqs } from '../lib/queues.ts';
import { queueConsumer } from '../lib/triggers.ts';

const tenant = tenantConfig();
const chunksQueue = queueUrl('import-chunks');
const maxReceiveCount = workQueues.find((q) => q.name === 'import-chunks')?.maxReceiveCount ?? 5;

const enqueue: Enqueue = async (message) => {
  await sqs.send(new SendMessageCommand({ QueueUrl: chunksQueue, MessageBody: JSON.stringify(message) }));
};

export const handler = queueConsumer(async (record) => {
  const message = importMessageSchema.parse(JSON.parse(record.body));
  logger.appendKeys({ importJobId: message.jobId });
  await handleImportMessage(message, {
    files: bucketFiles,
    enqueue,
    currency: tenant.currency,
    now: nowIso,
    receiveCount: Number(record.attributes.ApproximateReceiveCount ?? 1),
    maxReceiveCount,
  });
  logger.info('import message done', {
    kind: message.kind,
    chunk: 'chunk' in message ? message.chunk : undefined,
  });
});
