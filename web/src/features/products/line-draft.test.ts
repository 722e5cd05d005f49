// The deal-lines editor's arithmetic and parsing: typed quantities and discounts, the browser's amounts
// equal to what the server stores (the figures of functions/http/quotes/quotes.int.test.ts), lines the
// server would refuse marked, and the request body.
import { describe, expect, it } from 'vitest';
import type { DealLine } from '../../api/deals.ts';
import type { Product } from '../../api/products.ts';
import {
  addProduct,
  amountText,
  type DraftLine,
  draftFromDeal,
  draftFromProduct,
  parseDiscount,
  parseQuantity,
  priceDraft,
  toLineInputs,
} from './line-draft.ts';

const product = (overrides: Partial<Product>): Product => ({
  id: 'p-cable',
  name: 'Кабель ВВГнг 3×2,5',
  sku: 'VVG-3X2.5',
  unit: 'м',
  vatRate: 20,
  prices: { base: 125_50 },
  archived: false,
  version: 1,
  createdAt: '2026-11-24T09:00:00.000Z',
  updatedAt: '2026-11-24T09:00:00.000Z',
  ...overrides,
});

const cable = product({});
const service = product({
  id: 'p-service',
  name: 'Монтаж',
  sku: 'SRV',
  unit: 'ч',
  vatRate: 0,
  prices: { base: 2500_00 },
});

const line = (p: Product, quantity: string, discount = ''): DraftLine => ({
  ...draftFromProduct(p),
  quantity,
  discount,
});

describe('typed numbers', () => {
  it('reads quantities with a comma or a point, up to 3 decimals, above 0 and at most a million', () => {
    expect(parseQuantity('150,5')).toBe(150_500);
    expect(parseQuantity('1.5')).toBe(1_500);
    expect(parseQuantity('1 000')).toBe(1_000_000);
    expect(parseQuantity('0')).toBeUndefined();
    expect(parseQuantity('1,0005')).toBeUndefined();
    expect(parseQuantity('1000001')).toBeUndefined();
    expect(parseQuantity('два')).toBeUndefined();
  });

  it('reads discounts from 0 to 100 %, up to 2 decimals; empty is none', () => {
    expect(parseDiscount('')).toBe(0);
    expect(parseDiscount('12,5')).toBe(1250);
    expect(parseDiscount('10 %')).toBe(1000);
    expect(parseDiscount('100')).toBe(10_000);
    expect(parseDiscount('150')).toBeUndefined();
    expect(parseDiscount('1,005')).toBeUndefined();
  });

  it('writes amounts for an input without grouping, with the locale’s decimal mark', () => {
    expect(amountText(1_250_50, 2, 'ru')).toBe('1250,50');
    expect(amountText(1_250_50, 2, 'en')).toBe('1250.50');
    expect(amountText(7, 2, 'ru')).toBe('0,07');
    expect(amountText(500, 0, 'ru')).toBe('500');
  });
});

describe('pricing a draft', () => {
  it('gives each line and the totals what the server stores', () => {
    const draft = priceDraft([line(cable, '150,5', '10'), line(service, '8')], 'base', 'RUB');
    expect(draft.valid).toBe(true);
    expect(draft.lines[0]?.amounts).toEqual({
      amount: 18_887_75,
      discount: 1_888_78,
      net: 16_998_97,
      vat: 3_399_79,
      total: 20_398_76,
    });
    expect(draft.lines[1]?.amounts).toMatchObject({ net: 20_000_00, vat: 0, total: 20_000_00 });
    expect(draft.totals).toMatchObject({
      net: 36_998_97,
      vat: 3_399_79,
      total: 40_398_76,
      currency: 'RUB',
      vatByRate: [
        { rate: 0, net: 20_000_00, vat: 0 },
        { rate: 20, net: 16_998_97, vat: 3_399_79 },
      ],
    });
  });

  it('marks what the server would refuse and adds up only the lines that price', () => {
    const unpriced = product({ id: 'p-x', prices: { other: 1_00 } });
    const draft = priceDraft(
      [line(cable, '0'), line(service, '1', '150'), line(unpriced, '1'), line(cable, '2')],
      'base',
      'RUB',
    );
    expect(draft.valid).toBe(false);
    expect(draft.lines.map((l) => l.problems)).toEqual([['quantity'], ['discount'], ['noPrice'], []]);
    expect(draft.totals?.total).toBe(301_20);
  });

  it('sends decimals with a point and leaves out a zero discount', () => {
    expect(toLineInputs([line(cable, '150,5', '12,5'), line(service, '8', '0')])).toEqual([
      { productId: 'p-cable', quantity: '150.5', discountPercent: '12.5' },
      { productId: 'p-service', quantity: '8' },
    ]);
  });
});

describe('editing lines', () => {
  it('raises the quantity when a product on the deal is picked again', () => {
    const first = addProduct([], cable, 'ru');
    expect(first.again).toBe(false);
    const edited = [{ ...(first.lines[0] as DraftLine), quantity: '1,5' }];
    const second = addProduct(edited, cable, 'ru');
    expect(second.again).toBe(true);
    expect(second.lines).toHaveLength(1);
    expect(second.lines[0]?.quantity).toBe('2,5');
  });

  it('starts from the deal’s lines with the catalogue’s current prices, or the deal’s own when unknown', () => {
    const saved = {
      productId: 'p-cable',
      name: 'Кабель (старое имя)',
      sku: 'VVG-3X2.5',
      unit: 'м',
      quantity: '150.5',
      unitPrice: { amount: 120_00, currency: 'RUB' },
      discountPercent: '0',
      vatRate: 20,
      amount: 0,
      discount: 0,
      net: 0,
      vat: 0,
      total: 0,
    } satisfies DealLine;
    const known = draftFromDeal([saved], 'base', new Map([['p-cable', cable]]), 'ru');
    expect(known[0]).toMatchObject({
      name: cable.name,
      prices: { base: 125_50 },
      quantity: '150,5',
      discount: '',
    });
    const unknown = draftFromDeal([saved], 'base', new Map(), 'en');
    expect(unknown[0]).toMatchObject({
      name: 'Кабель (старое имя)',
      prices: { base: 120_00 },
      quantity: '150.5',
    });
  });
});
