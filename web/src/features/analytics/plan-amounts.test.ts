// The plan editor's amounts: shown as typed, read back to minor units, unchanged people kept.
import { describe, expect, it } from 'vitest';
import { amountText, draftChanged, draftOf, planAmounts } from './plan-amounts.ts';

describe('amountText', () => {
  it('groups thousands with spaces and shows kopecks only when there are some', () => {
    expect(amountText(500_000_00, 2, ',')).toBe('500 000');
    expect(amountText(1_250_50, 2, ',')).toBe('1 250,50');
    expect(amountText(1_250_50, 2, '.')).toBe('1 250.50');
    expect(amountText(5, 2, ',')).toBe('0,05');
    expect(amountText(1_000_000, 0, '.')).toBe('1 000 000');
  });

  it('is read back by the amount parser', () => {
    const draft = draftOf({ anna: 1_250_50, igor: 300_000_00 }, 2, ',');
    expect(planAmounts(draft, ['anna', 'igor'], {}, 2)).toEqual({
      amounts: { anna: 1_250_50, igor: 300_000_00 },
      invalid: [],
    });
  });
});

describe('planAmounts', () => {
  it('leaves an emptied field without a plan, names the invalid ones, keeps people not shown', () => {
    const stored = { anna: 100_00, igor: 200_00, former: 300_00 };
    expect(
      planAmounts({ anna: '', igor: '250 000', olga: 'много' }, ['anna', 'igor', 'olga'], stored, 2),
    ).toEqual({ amounts: { former: 300_00, igor: 250_000_00 }, invalid: ['olga'] });
  });
});

describe('draftChanged', () => {
  it('ignores spacing and treats no plan like a zero plan', () => {
    const stored = { anna: 500_000_00 };
    expect(draftChanged({ anna: '500000' }, ['anna', 'igor'], stored, 2)).toBe(false);
    expect(draftChanged({ anna: '500 000,00', igor: '0' }, ['anna', 'igor'], stored, 2)).toBe(false);
    expect(draftChanged({ anna: '500 001' }, ['anna'], stored, 2)).toBe(true);
    expect(draftChanged({ anna: 'abc' }, ['anna'], stored, 2)).toBe(true);
    expect(draftChanged({}, ['anna'], stored, 2)).toBe(true);
  });
});
