// Reading and moving the counters (functions/domain/stats/stats.entity.ts). `countBatch` is what
// `aggregate-changes` runs for each stream batch: per record type, read the counter item, leave
// out what its watermark says was counted, and ADD the rest with the new watermark in one
// UpdateItem conditional on the watermark it read. ADD is atomic, so batches of other shards may
// update the same item at the same time; only this shard's watermark is the condition.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailed, tableName } from '../../lib/dynamo.ts';
import {
  type CountedChange,
  type CounterUpdate,
  countedTypeOf,
  counterUpdateInput,
  planCounterUpdate,
  planDeltaUpdate,
  type RecordChange,
} from './aggregate.ts';
import { salesDeltas } from './sales-aggregate.ts';
import {
  type CountedType,
  countOf,
  type StatsItem,
  salesStatsKey,
  statsAttributes,
  statsKey,
} from './stats.entity.ts';

const readStats = async (type: CountedType, consistent: boolean): Promise<StatsItem | undefined> =>
  (await db.send(new GetCommand({ TableName: tableName, Key: statsKey(type), ConsistentRead: consistent })))
    .Item as StatsItem | undefined;

const readItem = async (key: CounterUpdate['key']): Promise<StatsItem | undefined> =>
  (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item as
    | StatsItem
    | undefined;

/** Plans and writes one counter item's update; re-plans when another invocation moved its watermark. */
const applyToItem = async (
  key: CounterUpdate['key'],
  plan: (current: StatsItem | undefined) => CounterUpdate | undefined,
  now: Date,
) => {
  for (let attempt = 0; ; attempt++) {
    const update = plan(await readItem(key));
    if (!update) return;
    try {
      await db.send(new UpdateCommand(counterUpdateInput(update, now, tableName)));
      return;
    } catch (error) {
      // Another invocation moved this shard's watermark since the read: read again, count the rest.
      if (!isConditionFailed(error) || attempt >= 3) throw error;
    }
  }
};

/** The changes' sales deltas grouped by month, each month's in stream order. */
const salesByMonth = (changes: readonly RecordChange[], timeZone: string): Map<string, CountedChange[]> => {
  const months = new Map<string, CountedChange[]>();
  for (const change of changes) {
    for (const [month, deltas] of salesDeltas(change.oldImage, change.newImage, timeZone)) {
      const list = months.get(month) ?? [];
      list.push({ sequenceNumber: change.sequenceNumber, deltas });
      months.set(month, list);
    }
  }
  return months;
};

/**
 * Counts the changes of one stream batch, all from shard `shardId`, exactly once: the record
 * counters of each type, and the sales aggregates of each month the batch's deals touch.
 */
export const countBatch = async (
  shardId: string,
  changes: readonly RecordChange[],
  now: Date,
  timeZone: string,
) => {
  const types = [...new Set(changes.map(countedTypeOf).filter((t) => t !== undefined))];
  await Promise.all([
    ...types.map((type) =>
      applyToItem(statsKey(type), (current) => planCounterUpdate(type, shardId, changes, current, now), now),
    ),
    ...[...salesByMonth(changes, timeZone)].map(([month, monthChanges]) =>
      applyToItem(
        salesStatsKey(month),
        (current) => planDeltaUpdate(salesStatsKey(month), shardId, monthChanges, current, now),
        now,
      ),
    ),
  ]);
};

/** A type's counts as lists show them: in total, by lifecycle stage and by owner. */
export type Counts = {
  readonly total: number;
  readonly stage: (stage: string) => number;
  readonly owner: (ownerId: string) => number;
};

/**
 * The counters trail the table by the stream's second or so anyway; a warm function reuses what
 * it read for a moment longer, so busy lists do not read the counter item on every page.
 */
const countsFreshForMs = 2000;
const recent = new Map<CountedType, { at: number; item: StatsItem | undefined }>();

export const readCounts = async (type: CountedType): Promise<Counts> => {
  const cached = recent.get(type);
  const fresh = cached !== undefined && Date.now() - cached.at < countsFreshForMs;
  const item = fresh ? cached.item : await readStats(type, false);
  if (!fresh) recent.set(type, { at: Date.now(), item });
  return {
    total: countOf(item, statsAttributes.total),
    stage: (stage) => countOf(item, statsAttributes.stage(stage)),
    owner: (ownerId) => countOf(item, statsAttributes.owner(ownerId)),
  };
};
