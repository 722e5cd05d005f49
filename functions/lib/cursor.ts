// Opaque pagination cursors: a DynamoDB LastEvaluatedKey encoded as base64url JSON. A cursor
// is checked against the partition the caller is allowed to read, so it cannot be used to
// page through somebody else's items.
import { createHash } from 'node:crypto';
import { ValidationFailed } from './errors.ts';

export type Key = Record<string, string | number>;

export const encodeCursor = (key: Key | undefined): string | undefined =>
  key === undefined ? undefined : Buffer.from(JSON.stringify(key)).toString('base64url');

/** `expected`: the partition key (of the table or the index queried) the cursor must be in. */
export const decodeCursor = (
  cursor: string | undefined,
  expected: Readonly<Record<string, string>>,
): Key | undefined => {
  if (cursor === undefined || cursor === '') return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (
    typeof key !== 'object' ||
    key === null ||
    Object.entries(expected).some(([field, value]) => (key as Key)[field] !== value)
  ) {
    throw new ValidationFailed([{ field: 'cursor', message: 'is not a cursor this list returned' }]);
  }
  return key as Key;
};

/**
 * A cursor bound to the list it came from. `scope` names that list (index, partition, sort
 * order and filters); the cursor carries the key and a checksum of key and scope, so a cursor
 * of another list, or an edited one, is refused (400) before DynamoDB sees it. The checksum
 * has no secret: what makes a forged cursor harmless is `check`, which only lets through keys
 * of the partition the list reads (every role may read every record of it anyway).
 */
export type CursorBinding = {
  readonly scope: string;
  /** The attributes the key must have, and only these. */
  readonly keyAttributes: readonly string[];
  /** Further checks of the key's values: its partition, its range. */
  readonly check?: (key: Key) => boolean;
};

const checksum = (key: Key, scope: string): string =>
  createHash('sha256')
    .update(`${scope}\n${JSON.stringify(Object.entries(key).sort(([a], [b]) => (a < b ? -1 : 1)))}`)
    .digest('base64url')
    .slice(0, 16);

export const encodeBoundCursor = (key: Key, scope: string): string =>
  Buffer.from(JSON.stringify({ k: key, c: checksum(key, scope) })).toString('base64url');

export const decodeBoundCursor = (cursor: string, binding: CursorBinding): Key => {
  const refuse = (message: string) => new ValidationFailed([{ field: 'cursor', message }]);
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse('is not a cursor this list returned');
  }
  const { k: key, c: sum } = (payload ?? {}) as { k?: unknown; c?: unknown };
  if (typeof key !== 'object' || key === null || Array.isArray(key) || typeof sum !== 'string')
    throw refuse('is not a cursor this list returned');
  const entries = Object.entries(key as Record<string, unknown>);
  const wellFormed =
    entries.length === binding.keyAttributes.length &&
    entries.every(
      ([name, value]) =>
        binding.keyAttributes.includes(name) &&
        ((typeof value === 'string' && value.length > 0 && value.length <= 1024) ||
          (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)),
    );
  if (!wellFormed) throw refuse('is not a cursor this list returned');
  if (sum !== checksum(key as Key, binding.scope))
    throw refuse('belongs to another list (its sort, order or filters differ) or was altered');
  if (binding.check && !binding.check(key as Key)) throw refuse('is not a cursor this list returned');
  return key as Key;
};
