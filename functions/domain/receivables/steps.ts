// Which steps of the receivables sequence are due for an open installment on a day, in the
// tenant's time zone (docs/invoices.md): the reminder `reminderDaysBefore` days before the due
// date, the overdue alert the day after it, the escalation `escalateAfterDays` days after that.
// Cumulative, so a run after a clock jump (or after missed runs) returns every missed step, in
// order; what was already done is the markers' business (daily-run.ts), not this function's. Pure.
import { addDays } from '../../lib/time-zone.ts';
import type { ReceivablesSettings } from '../settings/receivables-settings.entity.ts';

export const receivablesSteps = ['reminder', 'overdue', 'escalation'] as const;
export type ReceivablesStep = (typeof receivablesSteps)[number];

type StepSettings = Pick<ReceivablesSettings, 'reminderDaysBefore' | 'escalateAfterDays'>;

/** The first local date on which each step is due for an installment due on `dueDate`. */
export const stepDates = (dueDate: string, settings: StepSettings): Record<ReceivablesStep, string> => ({
  reminder: addDays(dueDate, -settings.reminderDaysBefore),
  overdue: addDays(dueDate, 1),
  escalation: addDays(dueDate, 1 + settings.escalateAfterDays),
});

/** The steps due on `today` (YYYY-MM-DD, tenant's time zone) for an installment due on `dueDate`, in order. */
export const dueSteps = (dueDate: string, today: string, settings: StepSettings): ReceivablesStep[] => {
  const dates = stepDates(dueDate, settings);
  return receivablesSteps.filter((step) => today >= dates[step]);
};

/** The latest due date a run on `today` must look at: the reminder window's far end. */
export const lookAheadDate = (today: string, settings: Pick<StepSettings, 'reminderDaysBefore'>): string =>
  addDays(today, settings.reminderDaysBefore);

/** Whole days from `dueDate` to `today`: positive when past due, 0 on the day, negative before. */
export const daysPastDue = (dueDate: string, today: string): number =>
  Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / 86_400_000);
