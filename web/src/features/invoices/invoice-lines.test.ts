// Pricing an invoice's lines in the dialog: catalogue products and free lines add up as the server will.
import { describe, expect, it } from 'vitest';
import type { DraftLine } from '../products/line-draft.ts';
import { blankFreeLine, priceInvoiceDraft, toInvoiceLineInputs } from './invoice-lines.ts';

const product: DraftLine = {
  key: 'p1',
  productId: 'prod-1',
  name: 'Кабель',
  sku: 'VVG',
  unit: 'м',
  vatRate: 22,
  prices: { list: 14_250 },
  archived: false,
  quantity: '10',
  discount: '',
};

describe('priceInvoiceDraft', () => {
  it('prices product and free lines with VAT and totals them', () => {
    const free = {
      ...blankFreeLine(),
      name: 'Монтаж',
      unit: 'ч',
      unitPrice: '2 500',
      quantity: '2',
      discount: '10',
    };
    const draft = priceInvoiceDraft(
      [
        { kind: 'product', line: product },
        { kind: 'free', line: free },
      ],
      'list',
      'RUB',
      2,
    );
    expect(draft.valid).toBe(true);
    // 142,50 × 10 = 1 425,00 + 22 % = 1 738,50; 2 500 × 2 − 10 % = 4 500,00 + 22 % = 5 490,00.
    expect(draft.lines.map((l) => l.amounts?.total)).toEqual([173_850, 549_000]);
    expect(draft.totals?.total).toBe(722_850);
    expect(draft.totals?.vat).toBe(31_350 + 99_000);
  });

  it('names what is missing on a free line and is not valid', () => {
    const draft = priceInvoiceDraft([{ kind: 'free', line: blankFreeLine() }], 'list', 'RUB', 2);
    expect(draft.valid).toBe(false);
    expect(draft.lines[0]?.problems).toEqual(['name', 'unit', 'unitPrice']);
    expect(draft.totals).toBeUndefined();
  });

  it('is not valid without lines', () => {
    expect(priceInvoiceDraft([], 'list', 'RUB', 2).valid).toBe(false);
  });
});

describe('toInvoiceLineInputs', () => {
  it('sends products by id and free lines in full, amounts in minor units', () => {
    const free = { ...blankFreeLine(0), name: ' Услуга ', unit: 'шт', unitPrice: '99,90', quantity: '1,5' };
    expect(
      toInvoiceLineInputs(
        [
          { kind: 'product', line: { ...product, discount: '5' } },
          { kind: 'free', line: free },
        ],
        2,
      ),
    ).toEqual([
      { productId: 'prod-1', quantity: '10', discountPercent: '5' },
      { name: 'Услуга', quantity: '1.5', unit: 'шт', unitPrice: 9_990, vatRate: 0 },
    ]);
  });
});
