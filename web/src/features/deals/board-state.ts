// The board as the browser holds it between two reads: a deal is placed into the column of its stage
// (or taken off the board when it is closed, in another pipeline or filtered out), and the column
// totals follow — count, sum in the tenant's currency (converted with the domain's own arithmetic at
// the stored rates) and the weighted sum, rounded as the server rounds it. Optimistic moves, their
// rollbacks, a deal reloaded after a 409 and a new deal all go through `placeDeal`. Pure, no I/O.

import { convert } from '../../../../functions/domain/deals/money.ts';
import type { Board, BoardColumn, Deal, DealFilters, Rates, Stage, Totals } from '../../api/deals.ts';

/** Whether a deal passes the board's filters (the server's rule in functions/domain/deals/board.ts). */
export const passesFilters = (deal: Deal, f: DealFilters): boolean =>
  (!f.owner || deal.ownerId === f.owner) &&
  (!f.source || deal.source === f.source) &&
  (!f.from || (deal.expectedCloseDate !== undefined && deal.expectedCloseDate >= f.from)) &&
  (!f.to || (deal.expectedCloseDate !== undefined && deal.expectedCloseDate <= f.to));

const weigh = (sum: number, probability: number) => Math.round((sum * probability) / 100);

/** The deal's value in the board's currency; undefined when no rate is known for its currency. */
const valueIn = (deal: Deal, currency: string, rates: Rates | undefined): number | undefined =>
  deal.value.currency === currency
    ? deal.value.amount
    : rates && rates.base === currency
      ? convert(deal.value, rates)
      : undefined;

const order = (deal: Deal) => `${deal.stageEnteredAt}#${deal.id}`;

const insertInOrder = (deals: readonly Deal[], deal: Deal): Deal[] => {
  const index = deals.findIndex((d) => order(d) > order(deal));
  return index === -1 ? [...deals, deal] : [...deals.slice(0, index), deal, ...deals.slice(index)];
};

export type Placement = {
  board: Board;
  /** False when a value could not be converted: the totals are off until the board is read again. */
  exact: boolean;
};

/** The deal where it belongs on the board now: out of its old column, into its stage's column. */
export const placeDeal = (
  board: Board,
  deal: Deal,
  filters: DealFilters,
  rates: Rates | undefined,
): Placement => {
  let exact = true;
  const adjust = (totals: Totals, probability: number, card: Deal, sign: 1 | -1): Totals => {
    const value = valueIn(card, totals.currency, rates);
    if (value === undefined) exact = false;
    const sum = totals.sum + sign * (value ?? 0);
    return { ...totals, count: totals.count + sign, sum, weighted: weigh(sum, probability) };
  };
  const belongs =
    deal.status === 'open' && deal.pipelineId === board.pipeline.id && passesFilters(deal, filters);
  const columns = board.columns.map((column): BoardColumn => {
    const old = column.deals.find((d) => d.id === deal.id);
    const target = belongs && column.stage.id === deal.stageId;
    if (!old && !target) return column;
    const { probability } = column.stage;
    let totals = column.totals;
    if (old) totals = adjust(totals, probability, old, -1);
    if (target) totals = adjust(totals, probability, deal, 1);
    // A column is in the server's order, by when each deal entered the stage: a deal that arrives
    // (or comes back after a refused move) takes its place in it; one that stays keeps its element.
    const rest = column.deals.filter((d) => d.id !== deal.id);
    const deals =
      old && target && order(old) === order(deal)
        ? column.deals.map((d) => (d.id === deal.id ? deal : d))
        : target
          ? insertInOrder(rest, deal)
          : rest;
    return { ...column, deals, totals };
  });
  const sum = (key: 'count' | 'sum' | 'weighted') => columns.reduce((a, c) => a + c.totals[key], 0);
  return {
    board: {
      ...board,
      columns,
      totals: { ...board.totals, count: sum('count'), sum: sum('sum'), weighted: sum('weighted') },
    },
    exact,
  };
};

/** The deal as it will look once moved to `stage` at `at`, shown before the server answers. */
export const movedTo = (deal: Deal, stage: Stage, at = new Date().toISOString()): Deal => ({
  ...deal,
  stageId: stage.id,
  stageEnteredAt: at,
  probability: stage.probability,
  daysInStage: 0,
  stalled: false,
});

/** The stage before (-1) or after (+1) the deal's, or undefined at either end. */
export const neighbourStage = (
  stages: readonly Stage[],
  stageId: string,
  step: -1 | 1,
): Stage | undefined => {
  const index = stages.findIndex((s) => s.id === stageId);
  return index === -1 ? undefined : stages[index + step];
};

/** A deal shown on the board, by id. */
export const findDeal = (board: Board, id: string): Deal | undefined => {
  for (const column of board.columns) {
    const deal = column.deals.find((d) => d.id === id);
    if (deal) return deal;
  }
  return undefined;
};
