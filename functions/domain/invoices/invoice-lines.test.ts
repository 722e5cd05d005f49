// The schedule's rules, payment allocation and the invoice template, without I/O.
import { describe, expect, it } from 'vitest';
import { type InvoiceItem, isOverdue, toInvoiceView } from './invoice.entity.ts';
import { invoiceDocument } from './invoice-document.ts';
import {
  allocatePayment,
  applyAllocations,
  invoiceTotals,
  priceInvoiceLines,
  scheduleAtIssue,
  scheduleErrors,
  toInstallments,
} from './invoice-lines.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('scheduleErrors', () => {
  it('names the sum and the total when the amounts do not add up, in minor units too', () => {
    const { errors, mismatch } = scheduleErrors(
      [{ dueDate: '2026-12-01', amount: 1000_00 }],
      1200_00,
      'RUB',
      'ru',
    );
    expect(errors.map((e) => ({ ...e, message: plain(e.message) }))).toEqual([
      {
        field: 'installments',
        message: 'installments add up to 1 000,00 ₽, the invoice total is 1 200,00 ₽',
      },
    ]);
    expect(mismatch).toEqual({ sum: 1000_00, total: 1200_00 });
  });

  it('wants due dates strictly increasing and none before the issue date', () => {
    const { errors, mismatch } = scheduleErrors(
      [
        { dueDate: '2026-11-30', amount: 600_00 },
        { dueDate: '2026-11-30', amount: 600_00 },
      ],
      1200_00,
      'RUB',
      'en',
      '2026-12-01',
    );
    expect(errors.map((e) => e.field)).toEqual([
      'installments.0.dueDate',
      'installments.1.dueDate',
      'installments.1.dueDate',
    ]);
    expect(mismatch).toBeUndefined();
  });

  it('accepts an exact schedule; no schedule becomes one installment due after the payment term', () => {
    expect(
      scheduleErrors(
        [
          { dueDate: '2026-12-01', amount: 400_00 },
          { dueDate: '2027-01-01', amount: 800_00 },
        ],
        1200_00,
        'RUB',
        'ru',
      ).errors,
    ).toEqual([]);
    expect(scheduleAtIssue([], 1200_00, '2026-12-28', 10)).toEqual([
      { n: 1, dueDate: '2027-01-07', amount: 1200_00, paid: 0 },
    ]);
  });
});

describe('allocatePayment', () => {
  const installments = applyAllocations(
    toInstallments([
      { dueDate: '2026-12-01', amount: 400_00 },
      { dueDate: '2027-01-01', amount: 800_00 },
    ]),
    [{ n: 1, amount: 100_00 }],
    1,
  );

  it('fills the open installments oldest first', () => {
    expect(allocatePayment(installments, 500_00)).toEqual({
      allocations: [
        { n: 1, amount: 300_00 },
        { n: 2, amount: 200_00 },
      ],
    });
  });

  it('refuses more than is owed, on the invoice or on the installment named', () => {
    expect(allocatePayment(installments, 1100_01)).toEqual({ owed: 1100_00 });
    expect(allocatePayment(installments, 300_01, 1)).toEqual({ owed: 300_00 });
    expect(allocatePayment(installments, 800_00, 2)).toEqual({ allocations: [{ n: 2, amount: 800_00 }] });
  });

  it('is undone by applying the allocations back', () => {
    const result = allocatePayment(installments, 500_00);
    if (!('allocations' in result)) throw new Error('expected allocations');
    const paid = applyAllocations(installments, result.allocations, 1);
    expect(applyAllocations(paid, result.allocations, -1)).toEqual(installments);
  });
});

describe('lines and the document', () => {
  const { lines, errors } = priceInvoiceLines(
    [{ name: 'Монтаж', quantity: '2.5', unit: 'ч', unitPrice: 1000_00, vatRate: 20, discountPercent: 10 }],
    'RUB',
    undefined,
    new Map(),
  );

  it('prices free lines with the quotes’ arithmetic and totals them with the gross', () => {
    expect(errors).toEqual([]);
    expect(lines[0]).toMatchObject({
      amount: 2500_00,
      discount: 250_00,
      net: 2250_00,
      vat: 450_00,
      total: 2700_00,
    });
    expect(invoiceTotals(lines, 'RUB')).toMatchObject({
      net: 2250_00,
      vat: 450_00,
      total: 2700_00,
      gross: 2700_00,
    });
  });

  it('asks for a price list for catalogue lines', () => {
    expect(priceInvoiceLines([{ productId: 'p1', quantity: 1 }], 'RUB', undefined, new Map()).errors).toEqual(
      [{ field: 'priceListId', message: 'is required for product lines' }],
    );
  });

  const issued = {
    pk: 'INVOICE#i1',
    sk: 'INVOICE',
    entity: 'invoice',
    version: 2,
    createdAt: '2026-11-24T09:00:00.000Z',
    createdBy: 'u',
    updatedAt: '2026-11-24T09:00:00.000Z',
    updatedBy: 'u',
    gsi4pk: 'INVOICES',
    gsi4sk: 'x',
    gsi5pk: 'y',
    gsi5sk: 'x',
    id: 'i1',
    companyId: 'c1',
    company: { id: 'c1', name: 'ООО «Ромашка»', inn: '7707083893' },
    ownerId: 'u',
    currency: 'RUB',
    lines,
    totals: invoiceTotals(lines, 'RUB'),
    installments: [{ n: 1, dueDate: '2026-12-04', amount: 2700_00, paid: 0 }],
    paidTotal: 0,
    nextDueDate: '2026-12-04',
    seller: { name: 'ООО «Демо»' },
    locale: 'ru',
    status: 'issued',
    number: 'СЧ-2026-0007',
    issueDate: '2026-11-24',
    sendCount: 0,
    sentTo: [],
  } satisfies InvoiceItem;

  it('shows the number, date, total and schedule', () => {
    const doc = invoiceDocument(issued);
    expect(plain(doc.heading)).toBe('Счёт на оплату № СЧ-2026-0007 от 24.11.2026');
    expect(doc.totals.at(-1)?.map((c) => (typeof c === 'string' ? plain(c) : c))).toEqual([
      'Всего к оплате',
      '2 700,00 ₽',
      true,
    ]);
    expect(plain(doc.footnotes[0] ?? '')).toBe('График платежей: 1) до 04.12.2026 — 2 700,00 ₽.');
  });

  it('derives overdue from the due date and today, never from what is stored', () => {
    expect(isOverdue(issued, '2026-12-04')).toBe(false);
    expect(isOverdue(issued, '2026-12-05')).toBe(true);
    expect(toInvoiceView(issued, '2026-12-05')).toMatchObject({ status: 'overdue', storedStatus: 'issued' });
    expect(isOverdue({ ...issued, status: 'cancelled' }, '2027-01-01')).toBe(false);
  });
});
