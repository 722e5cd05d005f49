// DynamoDB stream → Lambda, as Lambda's event source mapping does it: read every shard in
// order (parents before children), in batches, invoke the consumer, and move a checkpoint
// past what it handled. With ReportBatchItemFailures the batch is retried from the first
// reported record; after `retryAttempts` failed tries the batch is described on the
// on-failure queue (like Lambda's OnFailure destination) and skipped. The checkpoint is kept
// on disk, so a restarted runtime resumes where it stopped and no change goes unpublished.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type Shard,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { LocalClients } from './aws-clients.ts';

type Checkpoint = { streamArn?: string; shards: Record<string, { after?: string; finished?: boolean }> };

export type StreamPollerOptions = {
  readonly clients: LocalClients;
  readonly tableName: string;
  readonly region: string;
  readonly batchSize: number;
  readonly retryAttempts: number;
  readonly invoke: (event: DynamoDBStreamEvent) => Promise<unknown>;
  readonly onFailureQueueUrl: string;
  /** Where the checkpoint is kept; in memory when undefined. */
  readonly checkpointFile: string | undefined;
  readonly pollIntervalMs?: number;
  readonly retryDelayMs?: number;
  readonly onError?: (error: unknown) => void;
};

const toLambdaRecord = (r: StreamRecord, streamArn: string, region: string): DynamoDBRecord =>
  ({
    eventID: r.eventID,
    eventName: r.eventName,
    eventVersion: r.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    eventSourceARN: streamArn,
    dynamodb: {
      ...r.dynamodb,
      ApproximateCreationDateTime: r.dynamodb?.ApproximateCreationDateTime
        ? Math.floor(r.dynamodb.ApproximateCreationDateTime.getTime() / 1000)
        : undefined,
    },
  }) as DynamoDBRecord;

/** The sequence number of the first failed record, 'all' for a failed batch, or undefined. */
export const firstFailure = (
  records: readonly DynamoDBRecord[],
  response: unknown,
): string | 'all' | undefined => {
  const failures = (response as { batchItemFailures?: unknown } | undefined)?.batchItemFailures;
  if (failures === undefined || failures === null) return undefined;
  if (!Array.isArray(failures)) return 'all';
  if (failures.length === 0) return undefined;
  const order = records.map((r) => r.dynamodb?.SequenceNumber);
  let first = Number.POSITIVE_INFINITY;
  for (const f of failures) {
    const index = order.indexOf((f as { itemIdentifier?: string })?.itemIdentifier);
    if (index < 0) return 'all';
    first = Math.min(first, index);
  }
  return order[first] ?? 'all';
};

export const startStreamPoller = (options: StreamPollerOptions) => {
  const { clients } = options;
  let running = true;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  let checkpoint: Checkpoint =
    options.checkpointFile && existsSync(options.checkpointFile)
      ? (JSON.parse(readFileSync(options.checkpointFile, 'utf8')) as Checkpoint)
      : { shards: {} };
  const save = () => {
    if (!options.checkpointFile) return;
    mkdirSync(dirname(options.checkpointFile), { recursive: true });
    const tmp = `${options.checkpointFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(checkpoint));
    renameSync(tmp, options.checkpointFile);
  };

  const iterators = new Map<string, string>();

  const shardsOf = async (streamArn: string): Promise<Shard[]> => {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await clients.streams.send(
        new DescribeStreamCommand({
          StreamArn: streamArn,
          ...(start ? { ExclusiveStartShardId: start } : {}),
        }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return shards;
  };

  const iteratorFor = async (streamArn: string, shardId: string): Promise<string | undefined> => {
    const known = iterators.get(shardId);
    if (known) return known;
    const after = checkpoint.shards[shardId]?.after;
    const { ShardIterator } = await clients.streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: after ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON',
        ...(after ? { SequenceNumber: after } : {}),
      }),
    );
    return ShardIterator;
  };

  const deliver = async (streamArn: string, shardId: string, records: DynamoDBRecord[]): Promise<boolean> => {
    let pending = records;
    for (let attempt = 0; pending.length > 0; attempt++) {
      let failure: string | 'all' | undefined;
      try {
        failure = firstFailure(pending, await options.invoke({ Records: pending }));
      } catch (error) {
        options.onError?.(error);
        failure = 'all';
      }
      if (failure === undefined) {
        checkpoint.shards[shardId] = { after: pending.at(-1)?.dynamodb?.SequenceNumber };
        save();
        return true;
      }
      const from = failure === 'all' ? 0 : pending.findIndex((r) => r.dynamodb?.SequenceNumber === failure);
      if (from > 0) {
        checkpoint.shards[shardId] = { after: pending[from - 1]?.dynamodb?.SequenceNumber };
        save();
        pending = pending.slice(from);
      }
      if (attempt >= options.retryAttempts) {
        await clients.sqs.send(
          new SendMessageCommand({
            QueueUrl: options.onFailureQueueUrl,
            MessageBody: JSON.stringify({
              requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: attempt + 1 },
              DDBStreamBatchInfo: {
                shardId,
                streamArn,
                startSequenceNumber: pending[0]?.dynamodb?.SequenceNumber,
                endSequenceNumber: pending.at(-1)?.dynamodb?.SequenceNumber,
                batchSize: pending.length,
              },
            }),
          }),
        );
        checkpoint.shards[shardId] = { after: pending.at(-1)?.dynamodb?.SequenceNumber };
        save();
        return false;
      }
      await sleep(Math.min(30_000, (options.retryDelayMs ?? 500) * 2 ** attempt));
      if (!running) return false;
    }
    return true;
  };

  const pollOnce = async (): Promise<number> => {
    const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: options.tableName }));
    const streamArn = Table?.LatestStreamArn;
    if (!streamArn) return 0;
    if (checkpoint.streamArn !== streamArn) {
      // A new table (e.g. after a reset): start from its beginning.
      checkpoint = { streamArn, shards: {} };
      iterators.clear();
      save();
    }
    let handled = 0;
    const shards = await shardsOf(streamArn);
    const ids = new Set(shards.map((s) => s.ShardId));
    for (const shard of shards) {
      const shardId = shard.ShardId as string;
      if (checkpoint.shards[shardId]?.finished) continue;
      const parent = shard.ParentShardId;
      if (parent && ids.has(parent) && !checkpoint.shards[parent]?.finished) continue;
      const iterator = await iteratorFor(streamArn, shardId);
      if (!iterator) continue;
      let result: GetRecordsCommandOutput;
      try {
        result = await clients.streams.send(
          new GetRecordsCommand({ ShardIterator: iterator, Limit: options.batchSize }),
        );
      } catch (error) {
        iterators.delete(shardId);
        if ((error as Error).name === 'ExpiredIteratorException') continue;
        throw error;
      }
      const records = (result.Records ?? []).map((r) => toLambdaRecord(r, streamArn, options.region));
      if (records.length > 0) {
        await deliver(streamArn, shardId, records);
        handled += records.length;
        // Re-read from the checkpoint next time: a retried batch moved it.
        iterators.delete(shardId);
        continue;
      }
      if (result.NextShardIterator) iterators.set(shardId, result.NextShardIterator);
      else {
        iterators.delete(shardId);
        checkpoint.shards[shardId] = { ...checkpoint.shards[shardId], finished: true };
        save();
      }
    }
    return handled;
  };

  const loop = async () => {
    while (running) {
      try {
        const handled = await pollOnce();
        if (handled === 0) await sleep(options.pollIntervalMs ?? 200);
      } catch (error) {
        if (!running) break;
        options.onError?.(error);
        await sleep(1000);
      }
    }
  };
  const done = loop();
  return {
    stop: async () => {
      running = false;
      wake?.();
      await done;
    },
  };
};
