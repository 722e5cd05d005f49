import { describe, expect, it } from 'vitest';
import { createMockCompany } from '../companies/company.entity.ts';
import { applyBulkAction, bulkSchema } from './bulk-actions.ts';
import {
  changesAnyAttribute,
  changesBetween,
  derivedWrites,
  recordAttributes,
  restored,
  softDeleted,
} from './record-changes.ts';
import { companyKind, contactKind, type RecordItem } from './record-kinds.ts';

const company = (overrides = {}) => createMockCompany(overrides) as unknown as RecordItem;

describe('changesBetween', () => {
  it('lists changed and removed attributes, ignoring bookkeeping and the key order of maps', () => {
    const current = { ...company(), address: { city: 'Москва', line: 'x' } };
    const next = {
      ...recordAttributes(current),
      address: { line: 'x', city: 'Москва' },
      name: 'Новое имя',
      website: undefined,
      version: 99,
    };
    delete (next as Record<string, unknown>).inn;
    expect(changesBetween(current, next)).toEqual({ name: 'Новое имя', inn: undefined });
  });

  it('tells index-key-only changes from real ones', () => {
    expect(changesAnyAttribute({ gsi5sk: 'x' })).toBe(false);
    expect(changesAnyAttribute({ gsi5sk: 'x', tags: [] })).toBe(true);
  });
});

describe('derived items of a record', () => {
  it('deletes tokens that went and puts new or changed ones only', () => {
    const before = company({
      emails: [
        { value: 'a@x.ru', kind: 'work' },
        { value: 'b@x.ru', kind: 'work' },
      ],
    });
    const after = company({
      emails: [
        { value: 'a@x.ru', kind: 'work' },
        { value: 'c@x.ru', kind: 'work' },
      ],
    });
    const writes = derivedWrites('t', companyKind.derivedItems(before), companyKind.derivedItems(after));
    expect(writes.map((w) => (w.Delete ? `delete ${w.Delete.Key?.sk}` : `put ${w.Put?.Item?.sk}`))).toEqual([
      'delete TOKEN#email#b@x.ru',
      'put TOKEN#email#c@x.ru',
    ]);
    expect(derivedWrites('t', companyKind.derivedItems(before), companyKind.derivedItems(before))).toEqual(
      [],
    );
  });

  it('moves a contact’s link and keeps one from each company it left', () => {
    const contact = {
      id: 'p',
      firstName: 'Иван',
      phones: [],
      emails: [],
      messengers: [],
      companyId: 'new',
      pastCompanies: [{ companyId: 'old', until: '2026-01-01T00:00:00.000Z' }],
    } as unknown as RecordItem;
    expect(contactKind.derivedItems(contact).map((i) => `${i.pk} ${i.sk}`)).toEqual([
      'COMPANY#new CONTACT#p',
      'COMPANY#old PAST-CONTACT#p',
    ]);
    expect(contactKind.derivedItems({ ...contact, deletedAt: 'x' } as RecordItem)).toEqual([]);
  });
});

describe('soft delete and restore', () => {
  it('keeps the record 30 days in the trash, without list and search keys', () => {
    const item = company();
    const deleted = softDeleted(item, '2026-11-24T09:00:00.000Z', 'u-1');
    expect(deleted).toMatchObject({
      deletedAt: '2026-11-24T09:00:00.000Z',
      deletedBy: 'u-1',
      expiresAt: Date.parse('2026-12-24T09:00:00.000Z') / 1000,
    });
    expect(
      companyKind.indexKeys({ ...deleted, createdAt: 'c', updatedAt: 'u' } as unknown as RecordItem),
    ).toEqual({
      gsi3pk: 'TRASH#COMPANY',
      gsi3sk: `2026-11-24T09:00:00.000Z#${item.id}`,
    });
    expect(companyKind.derivedItems(deleted as unknown as RecordItem)).toEqual([]);
    const back = restored({ ...item, ...deleted } as RecordItem);
    expect(back).not.toHaveProperty('deletedAt');
    expect(back).not.toHaveProperty('expiresAt');
    expect(back.name).toBe(item.name);
  });
});

describe('bulk actions', () => {
  it('adds and removes tags (case-folded, no repeats) and stays within the limit', () => {
    const item = company({ tags: ['vip'] });
    const add = bulkSchema.parse({ action: 'add-tags', ids: ['a', 'a'], tags: ['VIP', 'Опт'] });
    expect(add.ids).toEqual(['a']);
    expect(applyBulkAction(item, add)).toMatchObject({ attributes: { tags: ['vip', 'опт'] } });
    const remove = bulkSchema.parse({ action: 'remove-tags', ids: ['a'], tags: ['vip'] });
    expect(applyBulkAction(item, remove)).toMatchObject({ attributes: { tags: [] } });
    const full = company({ tags: Array.from({ length: 30 }, (_, i) => `t${i}`) });
    expect(applyBulkAction(full, add)).toEqual({ invalid: 'would have 32 tags, at most 30' });
  });

  it('refuses more than 100 records and unknown actions', () => {
    expect(
      bulkSchema.safeParse({ action: 'delete', ids: Array.from({ length: 101 }, (_, i) => `${i}`) }).success,
    ).toBe(false);
    expect(bulkSchema.safeParse({ action: 'explode', ids: ['a'] }).success).toBe(false);
  });
});
