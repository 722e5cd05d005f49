// The SQS → Lambda poller against fauxqs: batches, partial batch failures, whole-batch
// failures, and redrive to the dead-letter queue after maxReceiveCount receives.
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials } from './aws-clients.ts';
import { type Fauxqs, startFauxqsEmulator } from './emulators/fauxqs.ts';
import { freePort } from './ports.ts';
import { startSqsPoller } from './sqs-poller.ts';
import { eventually } from './testing.ts';

let fauxqs: Fauxqs;
let sqs: SQSClient;
beforeAll(async () => {
  fauxqs = await startFauxqsEmulator({ port: await freePort(), region: 'eu-central-1', dataDir: undefined });
  sqs = new SQSClient({ region: 'eu-central-1', endpoint: fauxqs.endpoint, credentials: localCredentials });
});
afterAll(async () => fauxqs?.stop());

const queueWithDlq = async (name: string, maxReceiveCount: number) => {
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  const queue = await sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: '30',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount }),
      },
    }),
  );
  return { url: queue.QueueUrl as string, dlqUrl: dlq.QueueUrl as string };
};

const send = (url: string, bodies: string[]) =>
  sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: url,
      Entries: bodies.map((b, i) => ({ Id: String(i), MessageBody: b })),
    }),
  );

const depth = async (url: string) => {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes?.ApproximateNumberOfMessages) +
    Number(Attributes?.ApproximateNumberOfMessagesNotVisible)
  );
};

describe('sqs poller', () => {
  it('deletes what succeeded, retries only the reported failures, then redrives them to the DLQ', async () => {
    const { url, dlqUrl } = await queueWithDlq('partial', 2);
    const handled = new Map<string, number>();
    const poller = startSqsPoller({
      sqs,
      queueUrl: url,
      queueArn: 'arn:aws:sqs:eu-central-1:000000000000:partial',
      region: 'eu-central-1',
      batchSize: 10,
      maxBatchingWindowSeconds: 0,
      retryVisibilitySeconds: 0,
      invoke: async (event: SQSEvent) => {
        for (const r of event.Records) handled.set(r.body, (handled.get(r.body) ?? 0) + 1);
        return {
          batchItemFailures: event.Records.filter((r) => r.body === 'poison').map((r) => ({
            itemIdentifier: r.messageId,
          })),
        };
      },
    });
    await send(url, ['a', 'b', 'poison', 'c']);
    await eventually(
      async () => ((await depth(dlqUrl)) === 1 ? true : undefined),
      'the poison message in the DLQ',
    );
    await poller.stop();
    expect(await depth(url)).toBe(0);
    expect(handled.get('a')).toBe(1);
    expect(handled.get('c')).toBe(1);
    expect(handled.get('poison')).toBe(2);
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl }));
    expect(Messages?.[0]?.Body).toBe('poison');
  });

  it('keeps the whole batch when the consumer throws, and delivers it again', async () => {
    const { url } = await queueWithDlq('crashing', 5);
    let calls = 0;
    const delivered: string[] = [];
    const poller = startSqsPoller({
      sqs,
      queueUrl: url,
      queueArn: 'arn:aws:sqs:eu-central-1:000000000000:crashing',
      region: 'eu-central-1',
      batchSize: 10,
      maxBatchingWindowSeconds: 0,
      retryVisibilitySeconds: 0,
      invoke: async (event: SQSEvent) => {
        calls++;
        if (calls === 1) throw new Error('crash in mid-batch');
        delivered.push(...event.Records.map((r) => `${r.body}:${r.attributes.ApproximateReceiveCount}`));
        return { batchItemFailures: [] };
      },
    });
    await send(url, ['x', 'y']);
    await eventually(async () => (delivered.length === 2 ? true : undefined), 'the redelivery');
    await poller.stop();
    expect(delivered.sort()).toEqual(['x:2', 'y:2']);
    expect(await depth(url)).toBe(0);
  });

  it('gathers up to batchSize messages into one invocation', async () => {
    const { url } = await queueWithDlq('batching', 3);
    await send(url, ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    await send(url, ['11', '12']);
    const sizes: number[] = [];
    const poller = startSqsPoller({
      sqs,
      queueUrl: url,
      queueArn: 'arn',
      region: 'eu-central-1',
      batchSize: 5,
      maxBatchingWindowSeconds: 1,
      invoke: async (event: SQSEvent) => {
        sizes.push(event.Records.length);
        return undefined;
      },
    });
    await eventually(
      async () => (sizes.reduce((a, b) => a + b, 0) === 12 ? true : undefined),
      'all 12 messages',
    );
    await poller.stop();
    expect(Math.max(...sizes)).toBe(5);
  });
});
