// Pure rules of a record write: which attributes change between two states, which derived
// items (search tokens, links) to delete and put, and what soft delete and restore do to a
// record. records.ts sends what these compute.
import { stableJson } from '../audit/audit.entity.ts';
import type { TransactItem } from '../mutations.ts';
import type { DerivedItem, RecordItem } from './record-kinds.ts';

/** How long a deleted record stays restorable before DynamoDB's TTL removes it. */
export const trashRetentionDays = 30;

const bookkeeping = new Set([
  'pk',
  'sk',
  'entity',
  'version',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
]);
const isIndexKey = (field: string): boolean => /^gsi\d+(pk|sk)$/.test(field);

/** Attributes of a record as a new state starts from: no keys, bookkeeping or index keys. */
export const recordAttributes = (item: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(item).filter(([k]) => !bookkeeping.has(k) && !isIndexKey(k)));

/**
 * The attribute changes that turn `current` into `next` (both with their index keys):
 * a changed value, or `undefined` for an attribute `next` no longer has.
 */
export const changesBetween = (
  current: Readonly<Record<string, unknown>>,
  next: Readonly<Record<string, unknown>>,
): Record<string, unknown> => {
  const changes: Record<string, unknown> = {};
  for (const field of new Set([...Object.keys(current), ...Object.keys(next)])) {
    if (bookkeeping.has(field)) continue;
    if (stableJson(current[field]) !== stableJson(next[field])) changes[field] = next[field];
  }
  return changes;
};

/** True when the changes touch more than index keys (which follow `updatedAt` on every write). */
export const changesAnyAttribute = (changes: Readonly<Record<string, unknown>>): boolean =>
  Object.keys(changes).some((field) => !isIndexKey(field));

const keyOf = (item: DerivedItem): string => `${item.pk}\u0000${item.sk}`;

/** Deletes of derived items that are gone, Puts of new or changed ones. */
export const derivedWrites = (
  tableName: string,
  before: readonly DerivedItem[],
  after: readonly DerivedItem[],
): TransactItem[] => {
  const previous = new Map(before.map((i) => [keyOf(i), i]));
  const kept = new Set(after.map(keyOf));
  return [
    ...before
      .filter((i) => !kept.has(keyOf(i)))
      .map((i) => ({ Delete: { TableName: tableName, Key: { pk: i.pk, sk: i.sk } } })),
    ...after
      .filter((i) => stableJson(previous.get(keyOf(i))) !== stableJson(i))
      .map((i) => ({ Put: { TableName: tableName, Item: { ...i } } })),
  ];
};

/** A record moved to the trash at `at` by `actorId`: restorable until `expiresAt` (epoch seconds). */
export const softDeleted = (item: RecordItem, at: string, actorId: string): Record<string, unknown> => ({
  ...recordAttributes(item),
  deletedAt: at,
  deletedBy: actorId,
  expiresAt: Math.floor(Date.parse(at) / 1000) + trashRetentionDays * 24 * 3600,
});

/** A record taken back out of the trash. */
export const restored = (item: RecordItem): Record<string, unknown> => {
  const { deletedAt: _at, deletedBy: _by, expiresAt: _expires, ...rest } = recordAttributes(item);
  return rest;
};
