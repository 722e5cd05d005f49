import { describe, expect, it } from 'vitest';
import type { Board, Deal, Rates, Stage } from '../../api/deals.ts';
import { findDeal, movedTo, neighbourStage, passesFilters, placeDeal } from './board-state.ts';

const stages: Stage[] = [
  { id: 'qualification', name: 'Квалификация', probability: 10, maxDaysInStage: 14 },
  { id: 'meeting', name: 'Встреча', probability: 25 },
  { id: 'proposal', name: 'КП', probability: 50 },
];

const rates: Rates = { base: 'RUB', rates: { USD: 90_500_000 }, version: 1 };

const deal = (id: string, overrides: Partial<Deal> = {}): Deal => ({
  id,
  title: `Сделка ${id}`,
  companyId: 'c1',
  companyName: 'ООО «Ромашка»',
  contacts: [],
  value: { amount: 1000_00, currency: 'RUB' },
  ownerId: 'anna',
  pipelineId: 'default',
  stageId: 'qualification',
  stageEnteredAt: '2026-11-20T08:00:00.000Z',
  daysInStage: 3,
  probability: 10,
  stalled: false,
  stageHistory: [],
  status: 'open',
  version: 1,
  createdAt: '2026-11-20T08:00:00.000Z',
  createdBy: 'anna',
  updatedAt: '2026-11-20T08:00:00.000Z',
  ...overrides,
});

/** A board read from the server: totals over the given deals of each stage. */
const boardOf = (deals: Deal[]): Board => {
  const columns = stages.map((stage) => {
    const mine = deals.filter((d) => d.stageId === stage.id);
    const sum = mine.reduce((a, d) => a + d.value.amount, 0);
    return {
      stage,
      totals: {
        count: mine.length,
        sum,
        weighted: Math.round((sum * stage.probability) / 100),
        currency: 'RUB',
      },
      partial: false,
      deals: mine,
      more: false,
    };
  });
  const total = (k: 'count' | 'sum' | 'weighted') => columns.reduce((a, c) => a + c.totals[k], 0);
  return {
    pipeline: { id: 'default', name: 'Новые продажи', version: 1 },
    columns,
    totals: { count: total('count'), sum: total('sum'), weighted: total('weighted'), currency: 'RUB' },
  };
};

const totalsOf = (board: Board) =>
  board.columns.map((c) => [c.stage.id, c.totals.count, c.totals.sum, c.totals.weighted]);

describe('placeDeal', () => {
  it('moves a card to its new stage and moves its value between the column totals', () => {
    const a = deal('a');
    const b = deal('b', { value: { amount: 333_33, currency: 'RUB' } });
    const board = boardOf([a, b]);
    const { board: next, exact } = placeDeal(board, movedTo(b, stages[1] as Stage), {}, rates);
    expect(exact).toBe(true);
    expect(totalsOf(next)).toEqual([
      ['qualification', 1, 1000_00, 100_00],
      ['meeting', 1, 333_33, 83_33],
      ['proposal', 0, 0, 0],
    ]);
    expect(next.totals).toEqual({ count: 2, sum: 1333_33, weighted: 183_33, currency: 'RUB' });
    expect(next.columns[1]?.deals.map((d) => d.id)).toEqual(['b']);
    // The board it came from is left as it was (rollback puts the old card back from it).
    expect(board.columns[0]?.deals.map((d) => d.id)).toEqual(['a', 'b']);
  });

  it('rolls a move back to exactly the board it started from', () => {
    const a = deal('a');
    const b = deal('b');
    const board = boardOf([a, b]);
    const moved = placeDeal(board, movedTo(a, stages[2] as Stage), {}, rates).board;
    const back = placeDeal(moved, a, {}, rates).board;
    expect(totalsOf(back)).toEqual(totalsOf(board));
    expect(back.totals).toEqual(board.totals);
    // Back in its place: a column is ordered by when each deal entered the stage.
    expect(back.columns[0]?.deals.map((d) => d.id)).toEqual(['a', 'b']);
  });

  it('converts other currencies at the stored rate, as the server totals them', () => {
    const usd = deal('u', { value: { amount: 10_00, currency: 'USD' } });
    const board = placeDeal(boardOf([]), usd, {}, rates);
    expect(board.exact).toBe(true);
    expect(board.board.columns[0]?.totals).toEqual({
      count: 1,
      sum: 905_00,
      weighted: 90_50,
      currency: 'RUB',
    });
    const unknown = placeDeal(boardOf([]), deal('x', { value: { amount: 1, currency: 'CNY' } }), {}, rates);
    expect(unknown.exact).toBe(false);
    expect(placeDeal(boardOf([]), usd, {}, undefined).exact).toBe(false);
  });

  it('takes a closed deal, one of another pipeline or one the filters hide off the board', () => {
    const a = deal('a');
    const board = boardOf([a, deal('b')]);
    for (const gone of [
      { ...a, status: 'lost' as const },
      { ...a, pipelineId: 'renewals' },
      { ...a, ownerId: 'igor' },
    ]) {
      const next = placeDeal(board, gone, { owner: 'anna' }, rates).board;
      expect(findDeal(next, 'a')).toBeUndefined();
      expect(next.columns[0]?.totals.count).toBe(1);
      expect(next.totals.count).toBe(1);
    }
  });

  it('keeps a card in its place when it stays in its stage, with the totals of its new value', () => {
    const board = boardOf([deal('a'), deal('b'), deal('c')]);
    const changed = deal('b', { version: 2, value: { amount: 3000_00, currency: 'RUB' } });
    const next = placeDeal(board, changed, {}, rates).board;
    expect(next.columns[0]?.deals.map((d) => `${d.id}${d.version}`)).toEqual(['a1', 'b2', 'c1']);
    expect(next.columns[0]?.totals).toEqual({ count: 3, sum: 5000_00, weighted: 500_00, currency: 'RUB' });
  });

  it('puts an arriving deal in the order the deals entered the stage', () => {
    const board = boardOf([
      deal('a', { stageId: 'meeting', stageEnteredAt: '2026-11-01T08:00:00.000Z' }),
      deal('c', { stageId: 'meeting', stageEnteredAt: '2026-11-10T08:00:00.000Z' }),
    ]);
    const arriving = deal('b', { stageEnteredAt: '2026-11-05T08:00:00.000Z', stageId: 'meeting' });
    expect(placeDeal(board, arriving, {}, rates).board.columns[1]?.deals.map((d) => d.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
    const moved = movedTo(deal('x'), stages[1] as Stage, '2026-11-24T10:00:00.000Z');
    expect(placeDeal(board, moved, {}, rates).board.columns[1]?.deals.map((d) => d.id)).toEqual([
      'a',
      'c',
      'x',
    ]);
  });

  it('adds a new deal to the end of its stage', () => {
    const next = placeDeal(
      boardOf([deal('a', { stageId: 'meeting' })]),
      deal('n', { stageId: 'meeting' }),
      {},
      rates,
    );
    expect(next.board.columns[1]?.deals.map((d) => d.id)).toEqual(['a', 'n']);
    expect(next.board.columns[1]?.totals.count).toBe(2);
  });
});

describe('moving helpers', () => {
  it('finds the neighbouring stage, and nothing past either end', () => {
    expect(neighbourStage(stages, 'meeting', 1)?.id).toBe('proposal');
    expect(neighbourStage(stages, 'meeting', -1)?.id).toBe('qualification');
    expect(neighbourStage(stages, 'proposal', 1)).toBeUndefined();
    expect(neighbourStage(stages, 'qualification', -1)).toBeUndefined();
  });

  it('shows a moved deal fresh in its new stage', () => {
    expect(
      movedTo(deal('a', { stalled: true, daysInStage: 20 }), stages[2] as Stage, '2026-11-24T10:00:00.000Z'),
    ).toMatchObject({
      stageId: 'proposal',
      stageEnteredAt: '2026-11-24T10:00:00.000Z',
      probability: 50,
      daysInStage: 0,
      stalled: false,
    });
  });

  it('filters by owner, source and the expected close period, inclusive', () => {
    const d = deal('a', { source: 'site', expectedCloseDate: '2026-12-15' });
    expect(passesFilters(d, { owner: 'anna', source: 'site', from: '2026-12-15', to: '2026-12-15' })).toBe(
      true,
    );
    expect(passesFilters(d, { from: '2026-12-16' })).toBe(false);
    expect(passesFilters(d, { to: '2026-12-14' })).toBe(false);
    expect(passesFilters(d, { source: 'referral' })).toBe(false);
    expect(passesFilters(deal('b'), { from: '2026-01-01' })).toBe(false);
  });
});
