import { describe, expect, it } from 'vitest';
import { createMockDeal } from '../deals/deal.entity.ts';
import { monthOf, salesDeltas } from './sales-aggregate.ts';

const tz = 'Europe/Moscow';
const plain = (d: ReturnType<typeof salesDeltas>) =>
  Object.fromEntries([...d].map(([m, a]) => [m, Object.fromEntries(a)]));

describe('monthOf', () => {
  it('is the month of the tenant’s time zone, not UTC', () => {
    expect(monthOf('2026-11-30T21:30:00.000Z', tz)).toBe('2026-12');
    expect(monthOf('2026-11-30T20:59:59.000Z', tz)).toBe('2026-11');
  });
});

describe('salesDeltas', () => {
  const base = createMockDeal({
    expectedCloseDate: '2026-12-20',
    stageHistory: [
      { pipelineId: 'default', stageId: 'meeting', stageName: 'В', enteredAt: '2026-11-20T08:00:00.000Z' },
    ],
  });

  it('counts a new deal: open value in its close month, its stage entered', () => {
    expect(plain(salesDeltas(undefined, base, tz))).toEqual({
      '2026-12': { 'open#default#meeting#user-anna#RUB': 1_250_000_00, 'openN#default#meeting#user-anna': 1 },
      '2026-11': { 'entered#default#meeting': 1 },
    });
  });

  it('moves the open value between stages and adds the visit, nothing else', () => {
    const moved = createMockDeal({
      ...base,
      stageId: 'proposal',
      stageHistory: [
        {
          pipelineId: 'default',
          stageId: 'meeting',
          stageName: 'В',
          enteredAt: '2026-11-20T08:00:00.000Z',
          leftAt: '2026-11-22T08:00:00.000Z',
        },
        {
          pipelineId: 'default',
          stageId: 'proposal',
          stageName: 'КП',
          enteredAt: '2026-11-22T08:00:00.000Z',
        },
      ],
    });
    expect(plain(salesDeltas(base, moved, tz))).toEqual({
      '2026-12': {
        'open#default#meeting#user-anna#RUB': -1_250_000_00,
        'openN#default#meeting#user-anna': -1,
        'open#default#proposal#user-anna#RUB': 1_250_000_00,
        'openN#default#proposal#user-anna': 1,
      },
      '2026-11': {
        'entered#default#proposal': 1,
        'stageHours#default#meeting': 48,
        'stageExits#default#meeting': 1,
      },
    });
  });

  it('turns a win into won value in the month it was won, and a delete takes everything back', () => {
    const won = createMockDeal({ ...base, status: 'won', closedAt: '2027-01-05T10:00:00.000Z' });
    expect(plain(salesDeltas(base, won, tz))).toEqual({
      '2026-12': {
        'open#default#meeting#user-anna#RUB': -1_250_000_00,
        'openN#default#meeting#user-anna': -1,
      },
      '2027-01': { 'won#user-anna#RUB': 1_250_000_00, 'wonN#user-anna': 1 },
    });
    expect(plain(salesDeltas(won, undefined, tz))['2026-11']).toEqual({ 'entered#default#meeting': -1 });
    expect(plain(salesDeltas(base, { ...base, title: 'x' }, tz))).toEqual({});
  });
});

describe('activities', () => {
  it('counts a logged activity or note for its author in the month of its date, and takes a deleted one back', () => {
    const note = { entity: 'note', authorId: 'u1', at: '2026-11-30T22:00:00.000Z' };
    expect(plain(salesDeltas(undefined, note, tz))).toEqual({ '2026-12': { 'activities#u1': 1 } });
    expect(plain(salesDeltas(note, { ...note, deletedAt: '2026-12-02T00:00:00.000Z' }, tz))).toEqual({
      '2026-12': { 'activities#u1': -1 },
    });
    expect(
      plain(
        salesDeltas(
          { entity: 'activity', authorId: 'u1', at: note.at },
          { entity: 'activity', authorId: 'u1', at: '2026-10-01T10:00:00.000Z' },
          tz,
        ),
      ),
    ).toEqual({
      '2026-12': { 'activities#u1': -1 },
      '2026-10': { 'activities#u1': 1 },
    });
  });
});
