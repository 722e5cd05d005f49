// /api/deals/{id}/quotes and /api/quotes (docs/quotes.md "Quotes"): a deal's quotes (КП) newest first,
// making one from the deal's lines, its printable HTML (fetched with the token, shown in a sandboxed
// frame), a presigned link to its PDF, and e-mailing it to a contact of the deal (once per contact:
// a repeat answers `already-sent`). Types from the domain entity (types only).
import type { QuoteView } from '../../../functions/domain/quotes/quote.entity.ts';
import type { HttpClient } from './http-client.ts';

export type Quote = QuoteView;

export type NewQuote = { validUntil?: string; note?: string; contactId?: string };

export type SendQuote = { contactId: string; subject?: string; message?: string };

export type QuotesApi = {
  listForDeal: (dealId: string, cursor?: string) => Promise<{ items: Quote[]; nextCursor?: string }>;
  /** Rejects with ApiError 409 when the deal has no product lines. */
  create: (dealId: string, input: NewQuote) => Promise<Quote>;
  get: (id: string) => Promise<Quote>;
  /** The printable page: a whole HTML document with its own styles and no script. */
  printHtml: (id: string) => Promise<string>;
  /** A link valid 15 minutes that downloads the PDF as «<number>.pdf». */
  pdfUrl: (id: string) => Promise<string>;
  send: (id: string, input: SendQuote) => Promise<{ quote: Quote; email: 'sent' | 'already-sent' }>;
};

const quotePath = (id: string, suffix = '') => `/api/quotes/${encodeURIComponent(id)}${suffix}`;
const dealQuotesPath = (dealId: string) => `/api/deals/${encodeURIComponent(dealId)}/quotes`;

export const quotesApi = (http: HttpClient): QuotesApi => ({
  listForDeal: async (dealId, cursor) => {
    const body = await http.request<{ items: Quote[]; nextCursor?: string }>('GET', dealQuotesPath(dealId), {
      query: { cursor },
    });
    return { items: body.items ?? [], ...(body.nextCursor ? { nextCursor: body.nextCursor } : {}) };
  },
  create: async (dealId, input) =>
    (await http.request<{ quote: Quote }>('POST', dealQuotesPath(dealId), { body: input })).quote,
  get: async (id) => (await http.request<{ quote: Quote }>('GET', quotePath(id))).quote,
  printHtml: (id) => http.request<string>('GET', quotePath(id, '/print'), { responseType: 'text' }),
  pdfUrl: async (id) => (await http.request<{ url: string }>('GET', quotePath(id, '/pdf'))).url,
  send: (id, input) =>
    http.request<{ quote: Quote; email: 'sent' | 'already-sent' }>('POST', quotePath(id, '/send'), {
      body: input,
    }),
});
