import { describe, expect, it } from 'vitest';
import { auditEntryId, auditItem, auditSubjectOf, diffFields } from './audit.entity.ts';

describe('diffFields', () => {
  it('lists only the fields whose value changed, from and to', () => {
    const before = { name: 'Анна', locale: 'ru', tags: ['a'] };
    const after = { name: 'Анна', locale: 'en', tags: ['a', 'b'] };
    expect(diffFields(before, after, ['name', 'locale', 'tags'])).toEqual([
      { field: 'locale', from: 'ru', to: 'en' },
      { field: 'tags', from: ['a'], to: ['a', 'b'] },
    ]);
  });

  it('does not mistake a map read back with its keys in another order for a change', () => {
    const before = { phones: [{ value: '+79123456789', kind: 'work' }] };
    const after = { phones: [{ kind: 'work', value: '+79123456789' }] };
    expect(diffFields(before, after, ['phones'])).toEqual([]);
  });
});

describe('auditItem', () => {
  const base = { subject: 'user', subjectId: 'u-1', action: 'updated' as const, actorId: 'u-1', changes: [] };

  it('keeps the entries of one item in one partition, ordered by time', () => {
    const a = auditItem({ ...base, at: '2026-11-24T09:00:00.000Z' });
    const b = auditItem({ ...base, at: '2026-11-24T09:00:01.000Z' });
    expect(a.pk).toBe('AUDIT#user#u-1');
    expect(a.pk).toBe(b.pk);
    expect(a.sk < b.sk).toBe(true);
  });

  it('marks an entry dated in the past as backdated, but not one dated now', () => {
    expect(
      auditItem({ ...base, at: '2026-11-24T09:00:00.000Z', effectiveAt: '2026-11-20T15:00:00.000Z' })
        .backdated,
    ).toBe(true);
    expect(
      auditItem({ ...base, at: '2026-11-24T09:00:00.000Z', effectiveAt: '2026-11-24T08:59:30.000Z' })
        .backdated,
    ).toBe(false);
    expect(auditItem({ ...base, at: '2026-11-24T09:00:00.000Z' }).backdated).toBe(false);
  });

  it('names its own id and its subject from its keys', () => {
    const item = auditItem({ ...base, at: '2026-11-24T09:00:00.000Z' });
    expect(auditEntryId(item.sk)).toMatch(/^[0-9A-Z]{26}$/);
    expect(auditSubjectOf('AUDIT#custom-field#company#segment')).toEqual({
      subject: 'custom-field',
      subjectId: 'company#segment',
    });
  });
});
