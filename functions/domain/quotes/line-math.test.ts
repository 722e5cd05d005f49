// The money of deal and quote lines: rounding half up at the minor unit, VAT on the discounted
// net, per-line rounding that the totals add up, and exact decimals for quantities and discounts.
import { describe, expect, it } from 'vitest';
import {
  AmountTooLarge,
  createMockLine,
  divideHalfUp,
  formatScaled,
  lineAmounts,
  lineTotals,
  parseScaled,
  toLineView,
} from './line-math.ts';

describe('divideHalfUp', () => {
  it('rounds halves up and everything else to the nearest', () => {
    expect(divideHalfUp(5n, 10n)).toBe(1n);
    expect(divideHalfUp(4n, 10n)).toBe(0n);
    expect(divideHalfUp(15n, 10n)).toBe(2n);
    expect(divideHalfUp(25n, 10n)).toBe(3n); // not banker's rounding
    expect(divideHalfUp(1499n, 1000n)).toBe(1n);
    expect(divideHalfUp(1500n, 1000n)).toBe(2n);
    expect(divideHalfUp(0n, 7n)).toBe(0n);
  });
});

describe('parseScaled and formatScaled', () => {
  it('read quantities with up to 3 decimals exactly, from text or JSON numbers', () => {
    expect(parseScaled('1.5', 3)).toBe(1500);
    expect(parseScaled(1.5, 3)).toBe(1500);
    expect(parseScaled('0.001', 3)).toBe(1);
    expect(parseScaled(0.1, 3)).toBe(100);
    expect(parseScaled('2', 3)).toBe(2000);
    expect(parseScaled('2,75', 3)).toBe(2750); // as Russians type it
    expect(parseScaled(' 10 ', 3)).toBe(10_000);
  });

  it('refuse more decimals, negatives, exponents and words', () => {
    expect(parseScaled('1.0005', 3)).toBeUndefined();
    expect(parseScaled(1.0005, 3)).toBeUndefined();
    expect(parseScaled('-1', 3)).toBeUndefined();
    expect(parseScaled(1e-7, 3)).toBeUndefined();
    expect(parseScaled('1e3', 3)).toBeUndefined();
    expect(parseScaled('', 3)).toBeUndefined();
    expect(parseScaled('abc', 2)).toBeUndefined();
    expect(parseScaled('12.345', 2)).toBeUndefined();
  });

  it('write them back without trailing zeros', () => {
    expect(formatScaled(1500, 3)).toBe('1.5');
    expect(formatScaled(2000, 3)).toBe('2');
    expect(formatScaled(1, 3)).toBe('0.001');
    expect(formatScaled(1250, 2)).toBe('12.5');
    expect(formatScaled(0, 2)).toBe('0');
  });
});

describe('lineAmounts', () => {
  it('multiplies price by quantity and adds VAT on top of the net', () => {
    // 3 × 1 000,00 ₽ at 20 %: 3 000,00 + 600,00 VAT = 3 600,00
    expect(
      lineAmounts({ unitPrice: 1000_00, quantityThousandths: 3000, discountHundredths: 0, vatRate: 20 }),
    ).toEqual({ amount: 3000_00, discount: 0, net: 3000_00, vat: 600_00, total: 3600_00 });
  });

  it('rounds the amount half up at the kopeck', () => {
    // 0.005 × 1,00 ₽ = 0,5 kopeck → 1 kopeck; 0.004 × 1,00 ₽ = 0,4 → 0
    expect(
      lineAmounts({ unitPrice: 100, quantityThousandths: 5, discountHundredths: 0, vatRate: 0 }).amount,
    ).toBe(1);
    expect(
      lineAmounts({ unitPrice: 100, quantityThousandths: 4, discountHundredths: 0, vatRate: 0 }).amount,
    ).toBe(0);
    // 1.5 × 0,33 ₽ = 49,5 kopecks → 50
    expect(
      lineAmounts({ unitPrice: 33, quantityThousandths: 1500, discountHundredths: 0, vatRate: 0 }).amount,
    ).toBe(50);
  });

  it('charges VAT on the discounted net, each step rounded half up', () => {
    // 2.5 × 199,99 ₽ = 499,975 → 499,98; 12.5 % off = 62,4975 → 62,50; net 437,48;
    // 20 % VAT = 87,496 → 87,50; total 524,98
    expect(
      lineAmounts({ unitPrice: 199_99, quantityThousandths: 2500, discountHundredths: 1250, vatRate: 20 }),
    ).toEqual({ amount: 499_98, discount: 62_50, net: 437_48, vat: 87_50, total: 524_98 });
  });

  it('rounds a VAT of exactly half a kopeck up', () => {
    // net 0,05 ₽ at 10 % = 0,5 kopeck → 1
    expect(
      lineAmounts({ unitPrice: 5, quantityThousandths: 1000, discountHundredths: 0, vatRate: 10 }),
    ).toEqual({ amount: 5, discount: 0, net: 5, vat: 1, total: 6 });
  });

  it('gives nothing to pay at a 100 % discount, and no VAT at 0 %', () => {
    expect(
      lineAmounts({ unitPrice: 500_00, quantityThousandths: 2000, discountHundredths: 10_000, vatRate: 20 }),
    ).toEqual({ amount: 1000_00, discount: 1000_00, net: 0, vat: 0, total: 0 });
    expect(
      lineAmounts({ unitPrice: 500_00, quantityThousandths: 2000, discountHundredths: 0, vatRate: 0 }).vat,
    ).toBe(0);
  });

  it('stays exact when price × quantity passes 2^53, and refuses what no safe integer holds', () => {
    // 9 007 199 254 741 × 1 001 thousandths = 9 016 206 453 995 741 (> 2^53) / 1000 → …995,741 → …996
    const big = lineAmounts({
      unitPrice: 9_007_199_254_741,
      quantityThousandths: 1_001,
      discountHundredths: 0,
      vatRate: 0,
    });
    expect(big.amount).toBe(9_016_206_453_996);
    expect(() =>
      lineAmounts({
        unitPrice: 900_719_925_474_099,
        quantityThousandths: 1_000_000_000,
        discountHundredths: 0,
        vatRate: 20,
      }),
    ).toThrow(AmountTooLarge);
  });
});

describe('lineTotals', () => {
  it('adds the rounded lines, so the VAT total is the sum of the lines’ VAT', () => {
    // Each line: net 0,05 ₽, VAT 10 % = 0,005 → 0,01. Three lines: VAT 0,03, although 10 % of
    // the 0,15 total net would be 0,015 → 0,02: an invoice shows the lines' sum.
    const line = createMockLine({
      unitPrice: { amount: 5, currency: 'RUB' },
      quantityThousandths: 1000,
      vatRate: 10,
    });
    const totals = lineTotals([line, line, line], 'RUB');
    expect(totals).toMatchObject({ amount: 15, discount: 0, net: 15, vat: 3, total: 18, currency: 'RUB' });
  });

  it('groups VAT by rate, lowest first, and sums discounts', () => {
    const a = createMockLine({
      productId: 'a',
      unitPrice: { amount: 1000_00, currency: 'RUB' },
      quantityThousandths: 2000,
      discountHundredths: 1000,
      vatRate: 20,
    });
    const b = createMockLine({
      productId: 'b',
      unitPrice: { amount: 300_00, currency: 'RUB' },
      quantityThousandths: 1000,
      vatRate: 0,
    });
    const c = createMockLine({
      productId: 'c',
      unitPrice: { amount: 50_00, currency: 'RUB' },
      quantityThousandths: 3000,
      vatRate: 10,
    });
    const totals = lineTotals([a, b, c], 'RUB');
    // a: 2 000,00 − 200,00 = 1 800,00 + 360,00; b: 300,00 + 0; c: 150,00 + 15,00
    expect(totals).toEqual({
      amount: 2450_00,
      discount: 200_00,
      net: 2250_00,
      vat: 375_00,
      total: 2625_00,
      currency: 'RUB',
      vatByRate: [
        { rate: 0, net: 300_00, vat: 0 },
        { rate: 10, net: 150_00, vat: 15_00 },
        { rate: 20, net: 1800_00, vat: 360_00 },
      ],
    });
  });

  it('is zero for no lines and refuses a line of another currency', () => {
    expect(lineTotals([], 'RUB')).toEqual({
      amount: 0,
      discount: 0,
      net: 0,
      vat: 0,
      total: 0,
      currency: 'RUB',
      vatByRate: [],
    });
    expect(() => lineTotals([createMockLine()], 'USD')).toThrow(/RUB, not USD/);
  });
});

describe('toLineView', () => {
  it('shows quantity and discount as decimal text beside the amounts', () => {
    const view = toLineView(
      createMockLine({
        quantityThousandths: 2500,
        discountHundredths: 1250,
        unitPrice: { amount: 199_99, currency: 'RUB' },
      }),
    );
    expect(view).toMatchObject({
      quantity: '2.5',
      discountPercent: '12.5',
      unitPrice: { amount: 199_99, currency: 'RUB' },
      amount: 499_98,
      discount: 62_50,
      net: 437_48,
      vat: 87_50,
      total: 524_98,
    });
  });
});
