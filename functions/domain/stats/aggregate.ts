// What a batch of table changes does to the counters (no I/O): each company or contact item
// counts 1 in `total`, in its lifecycle stage (companies) and with its owner while it is live
// (not deleted, not merged away). A change counts as "after minus before", so a stage change
// moves one from the old stage to the new, a delete takes one off everything and a restore puts
// it back. Records at or below a counter item's watermark for their shard were already counted
// (a redelivered or retried batch) and are left out.
import {
  type CountedType,
  countedTypes,
  paddedSequence,
  type StatsItem,
  statsAttributes,
  statsEntity,
  statsKey,
} from './stats.entity.ts';

export type RecordChange = {
  readonly sequenceNumber: string;
  readonly oldImage?: Readonly<Record<string, unknown>>;
  readonly newImage?: Readonly<Record<string, unknown>>;
};

/** The record type whose counters a change can move, from either image. */
export const countedTypeOf = (change: RecordChange): CountedType | undefined => {
  const entity = change.newImage?.entity ?? change.oldImage?.entity;
  return countedTypes.find((t) => t === entity);
};

/** The counters an item adds one to while it is live. */
export const countersOf = (image: Readonly<Record<string, unknown>> | undefined): string[] => {
  if (!image || image.deletedAt || image.mergedInto) return [];
  const type = countedTypes.find((t) => t === image.entity);
  if (!type) return [];
  const counters: string[] = [statsAttributes.total];
  if (type === 'company' && typeof image.lifecycleStage === 'string')
    counters.push(statsAttributes.stage(image.lifecycleStage));
  if (typeof image.ownerId === 'string' && image.ownerId !== '')
    counters.push(statsAttributes.owner(image.ownerId));
  return counters;
};

/** after − before, per counter; counters that do not move are left out. */
export const deltasOf = (change: RecordChange): Map<string, number> => {
  const deltas = new Map<string, number>();
  for (const c of countersOf(change.oldImage)) deltas.set(c, (deltas.get(c) ?? 0) - 1);
  for (const c of countersOf(change.newImage)) deltas.set(c, (deltas.get(c) ?? 0) + 1);
  for (const [c, d] of deltas) if (d === 0) deltas.delete(c);
  return deltas;
};

export type CounterUpdate = {
  /** The counter item: a record type's (`STATS#COMPANY`) or a month's sales (`STATS#SALES#…`). */
  readonly key: { readonly pk: string; readonly sk: string };
  /** Non-zero additions per counter attribute. */
  readonly deltas: Readonly<Record<string, number>>;
  readonly shardId: string;
  /** The watermark the update is conditional on (undefined: the shard has none yet). */
  readonly previousWatermark: string | undefined;
  /** The padded sequence number of the last record counted. */
  readonly watermark: string;
  /** Shards whose watermarks are older than the stream keeps records: removed with this update. */
  readonly staleShards: readonly string[];
};

/** DynamoDB Streams keep records for 24 hours; a watermark untouched for twice that is dead. */
export const watermarkLifetimeMs = 48 * 3600 * 1000;

/** A change with what it adds to one counter item, in stream order. */
export type CountedChange = { readonly sequenceNumber: string; readonly deltas: ReadonlyMap<string, number> };

/**
 * The update of one counter item (`key`) for the changes of a batch from one shard, given the
 * item as it is now; undefined when no change is left to count (all at or below its watermark).
 */
export const planDeltaUpdate = (
  key: CounterUpdate['key'],
  shardId: string,
  changes: readonly CountedChange[],
  current: StatsItem | undefined,
  now: Date,
): CounterUpdate | undefined => {
  const previous = current?.[statsAttributes.watermark(shardId)];
  const previousWatermark = typeof previous === 'string' ? previous : undefined;
  const deltas: Record<string, number> = {};
  let watermark: string | undefined;
  for (const change of changes) {
    const sequence = paddedSequence(change.sequenceNumber);
    if (previousWatermark !== undefined && sequence <= previousWatermark) continue;
    for (const [counter, d] of change.deltas) deltas[counter] = (deltas[counter] ?? 0) + d;
    if (watermark === undefined || sequence > watermark) watermark = sequence;
  }
  for (const [counter, d] of Object.entries(deltas)) if (d === 0) delete deltas[counter];
  // The watermark moves even when the counts do not (edits that change no stage or owner), so
  // that "at or below the watermark" always means "counted".
  if (watermark === undefined) return undefined;
  const staleShards = Object.entries(current ?? {})
    .filter(([attribute, at]) => statsAttributes.isWatermarkAt(attribute) && typeof at === 'string')
    .filter(([, at]) => now.getTime() - Date.parse(at as string) > watermarkLifetimeMs)
    .map(([attribute]) => statsAttributes.shardOfWatermarkAt(attribute))
    .filter((shard) => shard !== shardId);
  return { key, deltas, shardId, previousWatermark, watermark, staleShards };
};

/** The update of one record type's counter item for the records of a batch from one shard. */
export const planCounterUpdate = (
  type: CountedType,
  shardId: string,
  changes: readonly RecordChange[],
  current: StatsItem | undefined,
  now: Date,
): CounterUpdate | undefined =>
  planDeltaUpdate(
    statsKey(type),
    shardId,
    changes
      .filter((change) => countedTypeOf(change) === type)
      .map((change) => ({ sequenceNumber: change.sequenceNumber, deltas: deltasOf(change) })),
    current,
    now,
  );

/**
 * The UpdateItem of a planned update: ADD the deltas, move this shard's watermark, drop dead
 * shards' watermarks; conditional on the watermark the plan was made from.
 */
export const counterUpdateInput = (update: CounterUpdate, now: Date, tableName: string) => {
  const names: Record<string, string> = {
    '#entity': 'entity',
    '#wm': statsAttributes.watermark(update.shardId),
    '#wmAt': statsAttributes.watermarkAt(update.shardId),
  };
  const values: Record<string, unknown> = {
    ':entity': statsEntity,
    ':wm': update.watermark,
    ':now': now.toISOString(),
  };
  const adds = Object.entries(update.deltas).map(([counter, delta], i) => {
    names[`#c${i}`] = counter;
    values[`:d${i}`] = delta;
    return `#c${i} :d${i}`;
  });
  const removes = update.staleShards.flatMap((shard, i) => {
    names[`#sw${i}`] = statsAttributes.watermark(shard);
    names[`#sa${i}`] = statsAttributes.watermarkAt(shard);
    return [`#sw${i}`, `#sa${i}`];
  });
  if (update.previousWatermark !== undefined) values[':prev'] = update.previousWatermark;
  return {
    TableName: tableName,
    Key: update.key,
    UpdateExpression: [
      'SET #entity = :entity, #wm = :wm, #wmAt = :now',
      adds.length ? `ADD ${adds.join(', ')}` : '',
      removes.length ? `REMOVE ${removes.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' '),
    ConditionExpression: update.previousWatermark === undefined ? 'attribute_not_exists(#wm)' : '#wm = :prev',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
};
