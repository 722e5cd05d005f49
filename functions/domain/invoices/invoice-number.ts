// Invoice numbers (СЧ-2026-0001, INV-2026-0001): a per-tenant sequence per year of the tenant's
// calendar, given at issue, without gaps — the quotes' scheme (quotes/quote-number.ts) on a
// counter of its own, advanced in the TransactWriteItems on the condition that it still
// holds the number read. A failed issue consumes no number; two issues at once never share one.
import type { TransactItem } from '../mutations.ts';
import { advanceCounter, formatQuoteNumber } from '../quotes/quote-number.ts';
import { type InvoiceLocale, invoiceCounterKey } from './invoice.entity.ts';

export const invoiceNumberPrefixes: Readonly<Record<InvoiceLocale, string>> = { ru: 'СЧ', en: 'INV' };

/** СЧ-2026-0001; past 9999 the number simply grows. */
export const formatInvoiceNumber = (locale: InvoiceLocale, year: number, sequence: number): string =>
  formatQuoteNumber(invoiceNumberPrefixes[locale], year, sequence);

/** The Update that moves the year's invoice counter from `last` to `last + 1` (see advanceCounter). */
export const advanceInvoiceCounter = (tableName: string, year: number, last: number): TransactItem =>
  advanceCounter(tableName, year, last, { key: invoiceCounterKey(year), entity: 'invoice-counter' });
