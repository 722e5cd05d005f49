// A payment schedule (График платежей) while it is edited: installments with a due date and an amount as
// typed, what is left to allocate against the invoice's total, and the "split evenly into N" helper.
// Amounts are integer minor units (no floats); the server checks the same sum and refuses a schedule
// that does not add up with a 400 on `installments`, shown beside the editor.
import type { Locale } from '../../i18n/locales.ts';
import { parseAmount } from '../deals/money-input.ts';
import { amountText } from '../products/line-draft.ts';

export type ScheduleRow = { readonly key: string; readonly dueDate: string; readonly amount: string };

export type RowProblem = 'dueDate' | 'order' | 'amount';

export type ScheduleCheck = {
  /** Minor units per row; undefined where the amount is not a positive amount. */
  readonly amounts: readonly (number | undefined)[];
  /** Per row, what is wrong with it. */
  readonly problems: readonly (readonly RowProblem[])[];
  /** The sum of the amounts that parse. */
  readonly allocated: number;
  /** total − allocated: 0 when the schedule adds up, negative when it allocates too much. */
  readonly remaining: number;
  /** Every row is valid and the schedule adds up. */
  readonly valid: boolean;
};

export const maxInstallments = 24;

let counter = 0;
export const rowKey = (): string => `installment-${++counter}`;

/** YYYY-MM-DD plus whole days (UTC calendar arithmetic). */
export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** YYYY-MM-DD plus whole months, the day kept or clamped to the month's end (31 Jan + 1 → 28/29 Feb). */
export const addMonths = (day: string, months: number): string => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
};

export const checkSchedule = (rows: readonly ScheduleRow[], total: number, digits: number): ScheduleCheck => {
  const amounts = rows.map((row) => {
    const value = parseAmount(row.amount, digits);
    return value !== undefined && value > 0 ? value : undefined;
  });
  const problems = rows.map((row, index) => {
    const found: RowProblem[] = [];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(row.dueDate)) found.push('dueDate');
    else {
      const before = rows[index - 1]?.dueDate;
      if (before && /^\d{4}-\d{2}-\d{2}$/.test(before) && row.dueDate <= before) found.push('order');
    }
    if (amounts[index] === undefined) found.push('amount');
    return found;
  });
  const allocated = amounts.reduce<number>((sum, value) => sum + (value ?? 0), 0);
  const remaining = total - allocated;
  return {
    amounts,
    problems,
    allocated,
    remaining,
    valid: rows.length > 0 && remaining === 0 && problems.every((p) => p.length === 0),
  };
};

/**
 * N installments of the total, a month apart from `firstDue`: equal parts in whole minor units, the
 * kopecks that do not divide going to the last one (10 000,00 into 3: 3 333,33 + 3 333,33 + 3 333,34).
 */
export const splitEvenly = (
  total: number,
  count: number,
  firstDue: string,
  digits: number,
  locale: Locale,
): ScheduleRow[] => {
  const n = Math.max(1, Math.min(maxInstallments, Math.floor(count)));
  const part = Math.floor(total / n);
  return Array.from({ length: n }, (_, index) => ({
    key: rowKey(),
    dueDate: addMonths(firstDue, index),
    amount: amountText(index === n - 1 ? total - part * (n - 1) : part, digits, locale),
  }));
};

/** A new last row: a month after the last due date, holding whatever is left to allocate. */
export const appendRow = (
  rows: readonly ScheduleRow[],
  remaining: number,
  fallbackDue: string,
  digits: number,
  locale: Locale,
): ScheduleRow[] => {
  const last = rows.at(-1)?.dueDate;
  const dueDate = last && /^\d{4}-\d{2}-\d{2}$/.test(last) ? addMonths(last, 1) : fallbackDue;
  return [
    ...rows,
    { key: rowKey(), dueDate, amount: remaining > 0 ? amountText(remaining, digits, locale) : '' },
  ];
};

/** The schedule as POST /api/invoices takes it. Only call when `checkSchedule(...).valid`… or to let the server judge. */
export const toInstallmentInputs = (
  rows: readonly ScheduleRow[],
  digits: number,
): { dueDate: string; amount: number }[] =>
  rows.map((row) => ({ dueDate: row.dueDate, amount: parseAmount(row.amount, digits) ?? 0 }));
