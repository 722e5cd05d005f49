import { describe, expect, it } from 'vitest';
import { createMockCompany } from '../companies/company.entity.ts';
import { createMockContact } from '../contacts/contact.entity.ts';
import { counterUpdateInput, deltasOf, planCounterUpdate, type RecordChange } from './aggregate.ts';
import { paddedSequence } from './stats.entity.ts';

const company = (overrides = {}) =>
  createMockCompany({ ownerId: 'anna', lifecycleStage: 'lead', ...overrides });
const now = new Date('2026-11-24T12:00:00.000Z');
const change = (sequenceNumber: string, oldImage?: object, newImage?: object): RecordChange => ({
  sequenceNumber,
  ...(oldImage ? { oldImage: oldImage as Record<string, unknown> } : {}),
  ...(newImage ? { newImage: newImage as Record<string, unknown> } : {}),
});

describe('counter deltas of one change', () => {
  it('counts a new company in total, its stage and its owner', () => {
    expect(Object.fromEntries(deltasOf(change('1', undefined, company())))).toEqual({
      total: 1,
      'stage#lead': 1,
      'owner#anna': 1,
    });
  });

  it('moves a stage change and a reassignment from one side to the other, total unchanged', () => {
    const d = deltasOf(change('2', company(), company({ lifecycleStage: 'customer', ownerId: 'igor' })));
    expect(Object.fromEntries(d)).toEqual({
      'stage#lead': -1,
      'stage#customer': 1,
      'owner#anna': -1,
      'owner#igor': 1,
    });
  });

  it('takes a deleted or merged record off everything, puts a restored one back', () => {
    const all = { total: -1, 'stage#lead': -1, 'owner#anna': -1 };
    expect(
      Object.fromEntries(deltasOf(change('3', company(), company({ deletedAt: now.toISOString() })))),
    ).toEqual(all);
    expect(Object.fromEntries(deltasOf(change('3', company(), company({ mergedInto: 'x' }))))).toEqual(all);
    expect(Object.fromEntries(deltasOf(change('4', company({ deletedAt: 'x' }), company())))).toEqual({
      total: 1,
      'stage#lead': 1,
      'owner#anna': 1,
    });
  });

  it('ignores edits that move no counter, TTL removal of a deleted record, and other items', () => {
    expect(deltasOf(change('5', company(), company({ name: 'Новое имя' }))).size).toBe(0);
    expect(deltasOf(change('6', company({ deletedAt: 'x' }), undefined)).size).toBe(0);
    expect(
      deltasOf(change('7', undefined, { entity: 'search-token', of: 'company', ownerId: 'anna' })).size,
    ).toBe(0);
    expect(deltasOf(change('8', undefined, { entity: 'audit' })).size).toBe(0);
  });

  it('counts contacts by owner, without stages', () => {
    expect(
      Object.fromEntries(deltasOf(change('9', undefined, createMockContact({ ownerId: 'anna' })))),
    ).toEqual({
      total: 1,
      'owner#anna': 1,
    });
  });
});

describe('the watermark', () => {
  const batch = [
    change('100', undefined, company({ id: 'a' })),
    change('101', undefined, createMockContact({ id: 'c' })),
    change('102', company({ id: 'a' }), company({ id: 'a', lifecycleStage: 'customer' })),
  ];

  it('counts a first batch of a shard and sets its watermark to the last record of the type', () => {
    const update = planCounterUpdate('company', 'shard-1', batch, undefined, now);
    expect(update).toMatchObject({
      deltas: { total: 1, 'stage#customer': 1, 'owner#anna': 1 },
      previousWatermark: undefined,
      watermark: paddedSequence('102'),
    });
  });

  it('leaves out what the watermark of the same shard covers: a redelivered batch counts nothing', () => {
    const counted = { pk: 'STATS#COMPANY', sk: 'COUNTS', 'wm#shard-1': paddedSequence('102') };
    const again = planCounterUpdate('company', 'shard-1', batch, counted, now);
    expect(again).toBeUndefined();
    const partly = { ...counted, 'wm#shard-1': paddedSequence('100') };
    expect(planCounterUpdate('company', 'shard-1', batch, partly, now)?.deltas).toEqual({
      'stage#lead': -1,
      'stage#customer': 1,
    });
  });

  it("does not let another shard's watermark hide this shard's records", () => {
    const other = { pk: 'STATS#COMPANY', sk: 'COUNTS', 'wm#shard-2': paddedSequence('999') };
    expect(planCounterUpdate('company', 'shard-1', batch, other, now)?.deltas).toMatchObject({ total: 1 });
  });

  it('compares sequence numbers as numbers, through zero padding', () => {
    const wm = { pk: 'S', sk: 'C', 'wm#s': paddedSequence('99') };
    const later = [change('100', undefined, company())];
    expect(planCounterUpdate('company', 's', later, wm, now)?.deltas).toMatchObject({ total: 1 });
    expect('100' < '99').toBe(true); // why the padding is needed
  });

  it('moves the watermark even when the counts do not change', () => {
    const edit = [change('200', company(), company({ name: 'X' }))];
    expect(planCounterUpdate('company', 's', edit, undefined, now)).toMatchObject({
      deltas: {},
      watermark: paddedSequence('200'),
    });
  });

  it("drops other shards' watermarks older than the stream keeps records", () => {
    const item = {
      pk: 'S',
      sk: 'C',
      'wm#old': '1',
      'wmAt#old': '2026-11-20T00:00:00.000Z',
      'wm#recent': '1',
      'wmAt#recent': '2026-11-24T00:00:00.000Z',
    };
    expect(planCounterUpdate('company', 's', batch, item, now)?.staleShards).toEqual(['old']);
  });

  it('is one UpdateItem: ADD the deltas, SET the watermark, conditional on the one read', () => {
    const update = planCounterUpdate(
      'company',
      'shard-1',
      batch,
      { pk: 'S', sk: 'C', 'wm#shard-1': paddedSequence('1') },
      now,
    );
    const input = counterUpdateInput(update as NonNullable<typeof update>, now, 'table');
    expect(input.UpdateExpression).toMatch(/^SET #entity = :entity, #wm = :wm, #wmAt = :now ADD #c0 :d0/);
    expect(input.ConditionExpression).toBe('#wm = :prev');
    expect(input.ExpressionAttributeValues[':prev']).toBe(paddedSequence('1'));
    expect(input.Key).toEqual({ pk: 'STATS#COMPANY', sk: 'COUNTS' });
    const first = counterUpdateInput(
      { ...(update as NonNullable<typeof update>), previousWatermark: undefined },
      now,
      't',
    );
    expect(first.ConditionExpression).toBe('attribute_not_exists(#wm)');
  });
});
