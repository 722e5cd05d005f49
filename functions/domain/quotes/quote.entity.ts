// A quote (Коммерческое предложение, КП): a numbered snapshot of a deal's lines and totals with
// the buyer, the addressee, the seller and the manager as they were when it was made, so that a
// later change of the deal or the catalogue never changes a quote that went out. Its number
// comes from a per-tenant yearly counter (quote-number.ts). Status: draft until it is e-mailed,
// then sent (with whom it was sent to, each once). Its PDF lives in the files bucket under a key
// derived from its id. A deal's quotes are listed newest first on gsi4.
import { z } from 'zod';
import type { Versioned } from '../mutations.ts';
import { type LineTotals, type PricedLine, toLineView } from './line-math.ts';

export const quoteKey = (id: string) => ({ pk: `QUOTE#${id}`, sk: 'QUOTE' }) as const;

/** A deal's quotes by creation (gsi4). */
export const dealQuotesPartition = (dealId: string) => `DEAL#${dealId}#QUOTES`;

export const quoteIndexKeys = (q: { id: string; dealId: string; createdAt: string }) => ({
  gsi4pk: dealQuotesPartition(q.dealId),
  gsi4sk: `${q.createdAt}#${q.id}`,
});

/** The per-tenant counter of one year's quote numbers (`last` = the last number given). */
export const quoteCounterKey = (year: number) => ({ pk: `COUNTER#quote#${year}`, sk: 'COUNTER' }) as const;

/** The PDF's key in the files bucket (ASCII; the download keeps the quote's number as its name). */
export const quoteFileKey = (id: string) => `quotes/${id}.pdf`;
export const quoteFileName = (number: string) => `${number}.pdf`;

export const quoteStatuses = ['draft', 'sent'] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];
export type QuoteLocale = 'ru' | 'en';

export type QuoteRecipient = {
  readonly contactId: string;
  readonly email: string;
  readonly at: string;
};

export type QuoteAttributes = {
  readonly id: string;
  /** КП-2026-0001 */
  readonly number: string;
  readonly year: number;
  readonly sequence: number;
  readonly dealId: string;
  readonly dealTitle: string;
  /** The deal's owner when the quote was made. */
  readonly ownerId: string;
  readonly company: {
    readonly id: string;
    readonly name: string;
    readonly inn?: string;
    readonly kpp?: string;
  };
  /** Whom the quote is addressed to (one of the deal's contacts), if chosen. */
  readonly contact?: { readonly id: string; readonly name: string };
  readonly seller: { readonly name: string };
  readonly preparedBy: { readonly userId: string; readonly name?: string; readonly email?: string };
  readonly priceListId: string;
  readonly priceListName: string;
  readonly currency: string;
  readonly lines: readonly PricedLine[];
  readonly totals: LineTotals;
  /** The tenant's local date it was made on, and until when it holds (YYYY-MM-DD). */
  readonly issuedOn: string;
  readonly validUntil: string;
  readonly note?: string;
  /** The language it is rendered in: the tenant's. */
  readonly locale: QuoteLocale;
  readonly status: QuoteStatus;
  readonly sentAt?: string;
  readonly sentTo: readonly QuoteRecipient[];
};

export type QuoteItem = Versioned & QuoteAttributes & ReturnType<typeof quoteIndexKeys>;

const dateOnly = z.iso.date({ error: 'must be a date, YYYY-MM-DD' });

/** POST /api/deals/{id}/quotes */
export const createQuoteSchema = z
  .object({
    validUntil: dateOnly.optional(),
    note: z.string().trim().max(2000, 'at most 2000 characters').optional(),
    contactId: z.string().min(1).max(40).optional(),
  })
  .strict();

/** POST /api/quotes/{id}/send */
export const sendQuoteSchema = z
  .object({
    contactId: z.string().min(1).max(40),
    subject: z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters').optional(),
    message: z.string().trim().max(5000, 'at most 5000 characters').optional(),
  })
  .strict();

/** What a quote's creation audits (its lines are in the quote itself). */
export const auditedQuoteFields = ['number', 'dealId', 'status', 'totals', 'validUntil', 'contact'] as const;

/** How long a quote holds when the caller does not say. */
export const defaultValidityDays = 30;

export const toQuoteView = (q: QuoteItem) => ({
  id: q.id,
  number: q.number,
  dealId: q.dealId,
  dealTitle: q.dealTitle,
  ownerId: q.ownerId,
  company: { ...q.company },
  ...(q.contact ? { contact: { ...q.contact } } : {}),
  seller: { ...q.seller },
  preparedBy: { ...q.preparedBy },
  priceListId: q.priceListId,
  priceListName: q.priceListName,
  currency: q.currency,
  lines: q.lines.map(toLineView),
  totals: q.totals,
  issuedOn: q.issuedOn,
  validUntil: q.validUntil,
  ...(q.note ? { note: q.note } : {}),
  locale: q.locale,
  status: q.status,
  ...(q.sentAt ? { sentAt: q.sentAt } : {}),
  sentTo: q.sentTo.map((r) => ({ ...r })),
  version: q.version,
  createdAt: q.createdAt,
  createdBy: q.createdBy,
  updatedAt: q.updatedAt,
});
export type QuoteView = ReturnType<typeof toQuoteView>;

export const createMockQuote = (overrides: Partial<QuoteItem> = {}): QuoteItem => {
  const id = overrides.id ?? '01JQUOTE000000000000000001';
  const line: PricedLine = {
    productId: '01JPRODUCT0000000000000001',
    name: 'Кабель ВВГнг 3×2,5',
    sku: 'VVG-3X2.5',
    unit: 'м',
    quantityThousandths: 100_000,
    unitPrice: { amount: 125_50, currency: 'RUB' },
    discountHundredths: 1000,
    vatRate: 20,
    amount: 12_550_00,
    discount: 1_255_00,
    net: 11_295_00,
    vat: 2_259_00,
    total: 13_554_00,
  };
  const base: QuoteAttributes = {
    id,
    number: 'КП-2026-0001',
    year: 2026,
    sequence: 1,
    dealId: '01JDEAL0000000000000000001',
    dealTitle: 'Поставка кабеля',
    ownerId: 'user-anna',
    company: { id: '01JCOMPANY0000000000000001', name: 'ООО «Ромашка»', inn: '7707083893', kpp: '773601001' },
    contact: { id: '01JCONTACT0000000000000001', name: 'Петров Иван Сергеевич' },
    seller: { name: 'ООО «Демо»' },
    preparedBy: { userId: 'user-anna', name: 'Анна Смирнова', email: 'anna.smirnova@demo.example' },
    priceListId: 'base',
    priceListName: 'Базовый',
    currency: 'RUB',
    lines: [line],
    totals: {
      amount: line.amount,
      discount: line.discount,
      net: line.net,
      vat: line.vat,
      total: line.total,
      currency: 'RUB',
      vatByRate: [{ rate: 20, net: line.net, vat: line.vat }],
    },
    issuedOn: '2026-11-24',
    validUntil: '2026-12-24',
    locale: 'ru',
    status: 'draft',
    sentTo: [],
    ...overrides,
  };
  return {
    ...quoteKey(id),
    ...quoteIndexKeys({ id, dealId: base.dealId, createdAt: '2026-11-24T09:00:00.000Z' }),
    entity: 'quote',
    version: 1,
    createdAt: '2026-11-24T09:00:00.000Z',
    createdBy: 'user-anna',
    updatedAt: '2026-11-24T09:00:00.000Z',
    updatedBy: 'user-anna',
    ...base,
    ...overrides,
  } as QuoteItem;
};
