// The step decision: which of reminder, overdue alert and escalation are due on a day.
import { describe, expect, it } from 'vitest';
import { daysPastDue, dueSteps, lookAheadDate, stepDates } from './steps.ts';

const defaults = { reminderDaysBefore: 3, escalateAfterDays: 7 };

describe('dueSteps', () => {
  it('is nothing before the reminder window', () => {
    expect(dueSteps('2026-12-10', '2026-12-06', defaults)).toEqual([]);
    expect(dueSteps('2026-12-10', '2026-11-01', defaults)).toEqual([]);
  });

  it('is the reminder from reminderDaysBefore days before the due date through the due date', () => {
    expect(dueSteps('2026-12-10', '2026-12-07', defaults)).toEqual(['reminder']);
    expect(dueSteps('2026-12-10', '2026-12-10', defaults)).toEqual(['reminder']);
  });

  it('adds the overdue alert the day after the due date', () => {
    expect(dueSteps('2026-12-10', '2026-12-11', defaults)).toEqual(['reminder', 'overdue']);
    expect(dueSteps('2026-12-10', '2026-12-17', defaults)).toEqual(['reminder', 'overdue']);
  });

  it('adds the escalation escalateAfterDays days after the overdue alert', () => {
    // due 10th, alert on the 11th, escalation 7 days after the alert: the 18th.
    expect(dueSteps('2026-12-10', '2026-12-17', defaults)).not.toContain('escalation');
    expect(dueSteps('2026-12-10', '2026-12-18', defaults)).toEqual(['reminder', 'overdue', 'escalation']);
  });

  it('returns every missed step, in order, after a jump far past the due date', () => {
    expect(dueSteps('2026-12-10', '2027-03-01', defaults)).toEqual(['reminder', 'overdue', 'escalation']);
  });

  it('follows the settings: a reminder on the day itself, escalation the day after the alert', () => {
    const s = { reminderDaysBefore: 0, escalateAfterDays: 1 };
    expect(dueSteps('2026-12-10', '2026-12-09', s)).toEqual([]);
    expect(dueSteps('2026-12-10', '2026-12-10', s)).toEqual(['reminder']);
    expect(dueSteps('2026-12-10', '2026-12-11', s)).toEqual(['reminder', 'overdue']);
    expect(dueSteps('2026-12-10', '2026-12-12', s)).toEqual(['reminder', 'overdue', 'escalation']);
  });

  it('counts calendar days across month and year ends', () => {
    expect(stepDates('2026-12-30', defaults)).toEqual({
      reminder: '2026-12-27',
      overdue: '2026-12-31',
      escalation: '2027-01-07',
    });
    expect(stepDates('2028-03-01', { reminderDaysBefore: 1, escalateAfterDays: 7 }).reminder).toBe(
      '2028-02-29',
    );
  });
});

describe('lookAheadDate and daysPastDue', () => {
  it('look as far ahead as the reminder window', () => {
    expect(lookAheadDate('2026-12-29', defaults)).toBe('2027-01-01');
    expect(lookAheadDate('2026-12-29', { reminderDaysBefore: 0 })).toBe('2026-12-29');
  });

  it('count whole days past due', () => {
    expect(daysPastDue('2026-12-10', '2026-12-10')).toBe(0);
    expect(daysPastDue('2026-12-10', '2026-12-11')).toBe(1);
    expect(daysPastDue('2026-12-10', '2026-12-01')).toBe(-9);
    expect(daysPastDue('2026-02-27', '2026-03-30')).toBe(31);
  });
});
