import { describe, expect, it } from 'vitest';
import { decodeBoundCursor, encodeBoundCursor } from './cursor.ts';
import { ValidationFailed } from './errors.ts';

const key = { pk: 'COMPANY#1', sk: 'COMPANY', gsi1pk: 'COMPANY', gsi1sk: 'ромашка#1' };
const binding = {
  scope: 'companies by name',
  keyAttributes: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
  check: (k: Record<string, string | number>) =>
    k.gsi1pk === 'COMPANY' && String(k.pk).startsWith('COMPANY#'),
};

const refused = (cursor: string, b = binding) => {
  try {
    decodeBoundCursor(cursor, b);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationFailed);
    return (error as ValidationFailed).fields[0];
  }
  throw new Error('the cursor was accepted');
};

const forge = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');

describe('bound cursors', () => {
  it('give back the key they were made from, in the same list', () => {
    expect(decodeBoundCursor(encodeBoundCursor(key, binding.scope), binding)).toEqual(key);
  });

  it('are opaque: no key value is readable as is', () => {
    expect(encodeBoundCursor(key, binding.scope)).not.toContain('COMPANY');
  });

  it('are refused by another list (another sort, order or filter)', () => {
    const cursor = encodeBoundCursor(key, 'companies by creation');
    expect(refused(cursor)).toMatchObject({
      field: 'cursor',
      message: expect.stringContaining('another list'),
    });
  });

  it('are refused when edited: a changed key without a matching checksum', () => {
    const { c } = JSON.parse(Buffer.from(encodeBoundCursor(key, binding.scope), 'base64url').toString());
    expect(refused(forge({ k: { ...key, gsi1sk: 'я#1' }, c }))).toMatchObject({ field: 'cursor' });
  });

  it('are refused when the key has other attributes or values, or is not JSON', () => {
    expect(refused(forge({ k: { ...key, extra: 'x' }, c: 'x' }))).toMatchObject({ field: 'cursor' });
    expect(refused(forge({ k: { ...key, gsi1sk: { S: 'x' } }, c: 'x' }))).toMatchObject({ field: 'cursor' });
    expect(refused('not a cursor at all')).toMatchObject({ field: 'cursor' });
    expect(refused(forge([1, 2]))).toMatchObject({ field: 'cursor' });
  });

  it("are refused when the key is outside the list's partition, even with a right checksum", () => {
    const elsewhere = { ...key, gsi1pk: 'USERS' };
    expect(refused(encodeBoundCursor(elsewhere, binding.scope))).toMatchObject({ field: 'cursor' });
  });
});
