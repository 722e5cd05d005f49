// The counters of the customer base (Lists show "300 000 компаний"): one item per record type,
// `STATS#COMPANY` / `STATS#CONTACT`, kept by `aggregate-changes` from the table's stream. Counts
// are top-level number attributes (DynamoDB's ADD works on top-level attributes only): `total`,
// `stage#<stage>` (companies) and `owner#<userId>`. Beside them, per stream shard, the sequence
// number of the last record counted (`wm#<shardId>`, zero-padded so that strings compare as
// numbers) and when it was written (`wmAt#<shardId>`), which makes a redelivered record count once.

export type CountedType = 'company' | 'contact';
export const countedTypes = ['company', 'contact'] as const satisfies readonly CountedType[];

export const statsKey = (type: CountedType) => ({ pk: `STATS#${type.toUpperCase()}`, sk: 'COUNTS' }) as const;

/** A calendar month's sales aggregates (functions/domain/stats/sales-aggregate.ts). */
export const salesStatsKey = (month: string) => ({ pk: `STATS#SALES#${month}`, sk: 'COUNTS' }) as const;

export const statsEntity = 'stats';

/** The names of the counters and watermarks on a stats item. */
export const statsAttributes = {
  total: 'total',
  stage: (stage: string) => `stage#${stage}`,
  owner: (ownerId: string) => `owner#${ownerId}`,
  watermark: (shardId: string) => `wm#${shardId}`,
  watermarkAt: (shardId: string) => `wmAt#${shardId}`,
  isWatermarkAt: (attribute: string) => attribute.startsWith('wmAt#'),
  shardOfWatermarkAt: (attribute: string) => attribute.slice('wmAt#'.length),
} as const;

/** Sequence numbers are decimal strings of 21 to 40 digits; padded, they compare as strings. */
export const paddedSequence = (sequenceNumber: string): string => sequenceNumber.padStart(40, '0');

export type StatsItem = {
  readonly pk: string;
  readonly sk: string;
  readonly [attribute: string]: unknown;
};

/** A count from a stats item; 0 when the counter was never written. */
export const countOf = (item: StatsItem | undefined, attribute: string): number => {
  const value = item?.[attribute];
  return typeof value === 'number' ? Math.max(0, value) : 0;
};
