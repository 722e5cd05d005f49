// DynamoDB stream → Lambda, as Lambda's event source mapping does it: read every shard in
// order (parents before children), in batches, invoke the consumer, and move a checkpoint
// past what it handled. With ReportBatchItemFailures the batch is retried from the first
// reported record; after `retryAttempts` failed tries the batch is described on the
// on-failure queue (like Lambda's OnFailure destination) and skipped. The checkpoint is kept
// on disk, so a restarted runtime resumes where it stopped and no change goes unpublished.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  ListStreamsCommand,
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
  /**
   * As an event source mapping with a tumbling window: each event names its shard and window
   * and carries the state the previous invocation of the window returned; a response without
   * `state` is a failed invocation.
   */
  readonly tumblingWindowSeconds?: number;
  readonly pollIntervalMs?: number;
  readonly retryDelayMs?: number;
  readonly onError?: (error: unknown) => void;
};

/**
 * DynamoDB Local 3.x drops the type of an empty map in stream images (`{}` instead of
 * `{ "M": {} }`, awslabs/amazon-dynamodb-local-samples#37), which no unmarshaller reads;
 * DynamoDB itself keeps it. Restored here, so consumers get what Lambda would hand them.
 */
const repairValue = (value: unknown): unknown => {
  if (typeof value !== 'object' || value === null) return value;
  const v = value as Record<string, unknown>;
  if (Object.keys(v).length === 0) return { M: {} };
  if (v.M && typeof v.M === 'object') return { M: repairImage(v.M as Record<string, unknown>) };
  if (Array.isArray(v.L)) return { L: v.L.map(repairValue) };
  return v;
};

export const repairImage = <T extends Record<string, unknown> | undefined>(image: T): T =>
  (image && Object.fromEntries(Object.entries(image).map(([k, v]) => [k, repairValue(v)]))) as T;

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
      ...(r.dynamodb?.NewImage
        ? { NewImage: repairImage(r.dynamodb.NewImage as Record<string, unknown>) }
        : {}),
      ...(r.dynamodb?.OldImage
        ? { OldImage: repairImage(r.dynamodb.OldImage as Record<string, unknown>) }
        : {}),
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

  const windows = new Map<string, { start: number; state: unknown }>();
  const invokeWith = async (streamArn: string, shardId: string, records: DynamoDBRecord[]) => {
    const seconds = options.tumblingWindowSeconds;
    if (!seconds) return options.invoke({ Records: records });
    const size = seconds * 1000;
    const start = Math.floor(Date.now() / size) * size;
    const window = windows.get(shardId);
    const state = window && window.start === start ? window.state : {};
    const response = await options.invoke({
      Records: records,
      shardId,
      eventSourceARN: streamArn,
      window: { start: new Date(start).toISOString(), end: new Date(start + size).toISOString() },
      state,
      isFinalInvokeForWindow: false,
      isWindowTerminatedEarly: false,
    } as DynamoDBStreamEvent);
    const returned = (response as { state?: unknown } | undefined)?.state;
    if (returned === undefined || returned === null)
      throw new Error('the response of a windowed invocation has no state');
    windows.set(shardId, { start, state: returned });
    return response;
  };

  const deliver = async (streamArn: string, shardId: string, records: DynamoDBRecord[]): Promise<boolean> => {
    let pending = records;
    for (let attempt = 0; pending.length > 0; attempt++) {
      let failure: string | 'all' | undefined;
      try {
        failure = firstFailure(pending, await invokeWith(streamArn, shardId, pending));
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

  /** Whether the last poll read a full batch from some shard (more is waiting). */
  let full = false;

  /**
   * The table's current stream, found with ListStreams rather than DescribeTable: DynamoDB
   * Local counts every item of the table and of each index on a DescribeTable (≈ 1 s at
   * 300,000 companies), which polled every few seconds by each consumer held a core busy and
   * slowed a bulk import to a fifth. After a reset the old table's stream may still be listed:
   * the newest label (its creation time) wins.
   */
  const latestStreamArn = async (): Promise<string | undefined> => {
    const streams: { StreamArn?: string; StreamLabel?: string }[] = [];
    let start: string | undefined;
    do {
      const page = await clients.streams.send(
        new ListStreamsCommand({
          TableName: options.tableName,
          ...(start ? { ExclusiveStartStreamArn: start } : {}),
        }),
      );
      streams.push(...(page.Streams ?? []));
      start = page.LastEvaluatedStreamArn;
    } while (start);
    streams.sort((a, b) => (a.StreamLabel ?? '').localeCompare(b.StreamLabel ?? ''));
    return streams.at(-1)?.StreamArn;
  };

  // The stream and its shards, described again every few seconds (a new table, a new shard)
  // or when no shard has an iterator, rather than on every poll: a busy emulator is spared.
  let described: { at: number; streamArn: string; shards: Shard[] } | undefined;
  const describe = async () => {
    if (described && iterators.size > 0 && Date.now() - described.at < 2000) return described;
    const streamArn = await latestStreamArn();
    described = streamArn ? { at: Date.now(), streamArn, shards: await shardsOf(streamArn) } : undefined;
    return described;
  };

  const pollOnce = async (): Promise<number> => {
    const stream = await describe();
    if (!stream) return 0;
    const { streamArn } = stream;
    if (checkpoint.streamArn !== streamArn) {
      // A new table (e.g. after a reset): start from its beginning.
      checkpoint = { streamArn, shards: {} };
      iterators.clear();
      save();
    }
    let handled = 0;
    full = false;
    const shards = stream.shards;
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
        const clean = await deliver(streamArn, shardId, records);
        handled += records.length;
        full ||= records.length >= options.batchSize;
        // After a retried batch, re-read from the checkpoint (it moved); else go on from here.
        if (clean && result.NextShardIterator) iterators.set(shardId, result.NextShardIterator);
        else iterators.delete(shardId);
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
        // Like Lambda's base polling rate: straight on only while full batches wait, so a
        // steady trickle of writes does not keep the emulator busy with polls.
        if (handled === 0 || !full) await sleep(options.pollIntervalMs ?? 200);
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
