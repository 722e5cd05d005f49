// Opaque pagination cursors: a DynamoDB LastEvaluatedKey encoded as base64url JSON. A cursor
// is checked against the partition the caller is allowed to read, so it cannot be used to
// page through somebody else's items.
import { ValidationFailed } from './errors.ts';

export type Key = Record<string, string | number>;

export const encodeCursor = (key: Key | undefined): string | undefined =>
  key === undefined ? undefined : Buffer.from(JSON.stringify(key)).toString('base64url');

export const decodeCursor = (cursor: string | undefined, expected: { pk: string }): Key | undefined => {
  if (cursor === undefined || cursor === '') return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (typeof key !== 'object' || key === null || (key as Key).pk !== expected.pk) {
    throw new ValidationFailed([{ field: 'cursor', message: 'is not a cursor this list returned' }]);
  }
  return key as Key;
};
