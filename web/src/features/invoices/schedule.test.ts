// The schedule editor's arithmetic: what is left to allocate, the even split, due dates a month apart.
import { describe, expect, it } from 'vitest';
import { addMonths, appendRow, checkSchedule, splitEvenly, toInstallmentInputs } from './schedule.ts';

const row = (dueDate: string, amount: string) => ({ key: dueDate + amount, dueDate, amount });

describe('checkSchedule', () => {
  it('adds up typed amounts in minor units and says what is left', () => {
    const check = checkSchedule([row('2026-12-01', '1 000,50'), row('2027-01-01', '199.50')], 150_000, 2);
    expect(check.allocated).toBe(120_000);
    expect(check.remaining).toBe(30_000);
    expect(check.valid).toBe(false);
  });

  it('is valid when the amounts reach the total and due dates increase', () => {
    const check = checkSchedule([row('2026-12-01', '600'), row('2027-01-01', '600')], 120_000, 2);
    expect(check.remaining).toBe(0);
    expect(check.valid).toBe(true);
  });

  it('marks a missing date, a date not after the previous one and a non-positive amount', () => {
    const check = checkSchedule([row('2026-12-01', '0'), row('2026-12-01', '10'), row('', 'abc')], 1_000, 2);
    expect(check.problems).toEqual([['amount'], ['order'], ['dueDate', 'amount']]);
    expect(check.remaining).toBe(0);
    expect(check.valid).toBe(false);
  });

  it('goes negative when more than the total is allocated', () => {
    expect(checkSchedule([row('2026-12-01', '20')], 1_000, 2).remaining).toBe(-1_000);
  });
});

describe('splitEvenly', () => {
  it('gives the kopecks that do not divide to the last installment, a month apart', () => {
    const rows = splitEvenly(1_000_000, 3, '2026-01-31', 2, 'ru');
    expect(rows.map((r) => [r.dueDate, r.amount])).toEqual([
      ['2026-01-31', '3333,33'],
      ['2026-02-28', '3333,33'],
      ['2026-03-31', '3333,34'],
    ]);
    expect(checkSchedule(rows, 1_000_000, 2).valid).toBe(true);
  });

  it('keeps between 1 and 24 installments', () => {
    expect(splitEvenly(100, 0, '2026-01-01', 2, 'en')).toHaveLength(1);
    expect(splitEvenly(10_000, 40, '2026-01-01', 2, 'en')).toHaveLength(24);
  });
});

describe('addMonths and appendRow', () => {
  it('clamps to the end of a shorter month and crosses years', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });

  it('appends a month after the last row with what remains', () => {
    const rows = appendRow([row('2026-12-10', '500')], 70_000, '2026-11-30', 2, 'en');
    expect(rows.at(-1)).toMatchObject({ dueDate: '2027-01-10', amount: '700.00' });
    expect(appendRow([], 0, '2026-11-30', 2, 'ru')[0]).toMatchObject({ dueDate: '2026-11-30', amount: '' });
  });

  it('sends amounts in minor units', () => {
    expect(toInstallmentInputs([row('2026-12-10', '1 234,5')], 2)).toEqual([
      { dueDate: '2026-12-10', amount: 123_450 },
    ]);
  });
});
