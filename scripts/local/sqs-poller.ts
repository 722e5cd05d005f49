// SQS → Lambda, as Lambda's event source mapping does it: long-poll the queue, gather up to
// `batchSize` messages within the batching window, invoke the consumer with an SQS event,
// delete what succeeded. With ReportBatchItemFailures only the reported messages stay; a
// thrown error or a malformed response keeps the whole batch. Kept messages reappear after
// the queue's visibility timeout and go to the DLQ after maxReceiveCount receives (fauxqs
// applies the queue's redrive policy).
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';

export type SqsPollerOptions = {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly region: string;
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  readonly invoke: (event: SQSEvent) => Promise<unknown>;
  /**
   * Local-only: make failed messages visible again after this many seconds instead of the
   * queue's visibility timeout, so that tests and demos see retries and redrive quickly.
   */
  readonly retryVisibilitySeconds?: number;
  readonly onError?: (error: unknown) => void;
};

const toRecord = (m: Message, o: SqsPollerOptions): SQSRecord => ({
  messageId: m.MessageId ?? '',
  receiptHandle: m.ReceiptHandle ?? '',
  body: m.Body ?? '',
  attributes: {
    ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1',
    SentTimestamp: m.Attributes?.SentTimestamp ?? String(Date.now()),
    SenderId: m.Attributes?.SenderId ?? 'local',
    ApproximateFirstReceiveTimestamp: m.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
  },
  messageAttributes: Object.fromEntries(
    Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [
      k,
      {
        dataType: v.DataType ?? 'String',
        ...(v.StringValue !== undefined ? { stringValue: v.StringValue } : {}),
      },
    ]),
  ),
  md5OfBody: m.MD5OfBody ?? '',
  eventSource: 'aws:sqs',
  eventSourceARN: o.queueArn,
  awsRegion: o.region,
});

/** The message ids to keep, from the consumer's response (all of them if it is malformed). */
export const failedMessageIds = (records: readonly SQSRecord[], response: unknown): Set<string> => {
  const all = new Set(records.map((r) => r.messageId));
  if (response === undefined || response === null) return new Set();
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return all;
  const ids = new Set<string>();
  for (const f of failures) {
    const id = (f as { itemIdentifier?: unknown })?.itemIdentifier;
    // Lambda treats an empty or unknown identifier as a failure of the whole batch.
    if (typeof id !== 'string' || !all.has(id)) return all;
    ids.add(id);
  }
  return ids;
};

export const startSqsPoller = (options: SqsPollerOptions) => {
  let running = true;
  let current: AbortController | undefined;

  const receive = async (max: number, waitSeconds: number): Promise<Message[]> => {
    current = new AbortController();
    const { Messages } = await options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: Math.min(10, max),
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: current.signal },
    );
    return Messages ?? [];
  };

  const loop = async () => {
    while (running) {
      try {
        const batch = await receive(options.batchSize, 1);
        if (batch.length === 0) continue;
        const windowEnds = Date.now() + options.maxBatchingWindowSeconds * 1000;
        while (running && batch.length < options.batchSize && Date.now() < windowEnds) {
          const more = await receive(options.batchSize - batch.length, 0);
          if (more.length === 0) await new Promise((r) => setTimeout(r, 50));
          batch.push(...more);
        }
        const records = batch.map((m) => toRecord(m, options));
        let failed: Set<string>;
        try {
          failed = failedMessageIds(records, await options.invoke({ Records: records }));
        } catch (error) {
          options.onError?.(error);
          failed = new Set(records.map((r) => r.messageId));
        }
        const done = records.filter((r) => !failed.has(r.messageId));
        for (let i = 0; i < done.length; i += 10) {
          await options.sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: options.queueUrl,
              Entries: done
                .slice(i, i + 10)
                .map((r, j) => ({ Id: String(j), ReceiptHandle: r.receiptHandle })),
            }),
          );
        }
        const retry = records.filter((r) => failed.has(r.messageId));
        if (retry.length > 0 && options.retryVisibilitySeconds !== undefined) {
          for (let i = 0; i < retry.length; i += 10) {
            await options.sqs.send(
              new ChangeMessageVisibilityBatchCommand({
                QueueUrl: options.queueUrl,
                Entries: retry.slice(i, i + 10).map((r, j) => ({
                  Id: String(j),
                  ReceiptHandle: r.receiptHandle,
                  VisibilityTimeout: options.retryVisibilitySeconds,
                })),
              }),
            );
          }
        }
      } catch (error) {
        if (!running) break;
        options.onError?.(error);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  };
  const done = loop();
  return {
    stop: async () => {
      running = false;
      current?.abort();
      await done;
    },
  };
};
