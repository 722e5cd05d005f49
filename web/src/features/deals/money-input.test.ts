import { describe, expect, it } from 'vitest';
import { parseAmount } from './money-input.ts';

describe('parseAmount', () => {
  it('reads amounts as Russian and English users type them, in minor units', () => {
    expect(parseAmount('150 000')).toBe(150_000_00);
    expect(parseAmount('1 250,5')).toBe(1_250_50);
    expect(parseAmount('1\u00a0250,05')).toBe(1_250_05);
    expect(parseAmount('99.9')).toBe(99_90);
    expect(parseAmount('0')).toBe(0);
    expect(parseAmount('12,')).toBe(12_00);
  });

  it('refuses what is not an amount, too many decimals and sums past the API limit', () => {
    for (const text of ['', 'abc', '-5', '1,2,3', '1.234', '1e5'])
      expect(parseAmount(text), text).toBeUndefined();
    expect(parseAmount('10000000000000')).toBe(1e15);
    expect(parseAmount('10000000000000,01')).toBeUndefined();
  });

  it('keeps large amounts exact', () => {
    expect(parseAmount('90 071 992 547,41')).toBe(9_007_199_254_741);
  });

  it('follows the currency’s decimals', () => {
    expect(parseAmount('1500', 0)).toBe(1500);
    expect(parseAmount('1500,5', 0)).toBeUndefined();
  });
});
