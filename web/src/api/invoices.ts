// /api/invoices (docs/invoices.md): invoices (Счёт на оплату) newest first by status, owner or company;
// one invoice with its installments and payments; creating a draft (from a deal's lines, catalogue
// products or free lines, with a payment schedule), editing it, issuing (numbered then), e-mailing it to
// the billing contact, cancelling; its PDF (a presigned link) and printable HTML; payments recorded
// against it and reversed. Writes carry `expectedVersion` (a stale one is an ApiError 409). The types
// are the domain's own (types only: no server code reaches the bundle).
import type {
  CreateInvoiceInput,
  InvoiceLineInput,
  InvoiceView,
  InvoiceViewStatus,
  PaymentView,
  RecordPaymentInput,
  UpdateInvoiceInput,
} from '../../../functions/domain/invoices/invoice.entity.ts';
import type { HttpClient } from './http-client.ts';

export type Invoice = InvoiceView;
export type InvoicePayment = PaymentView;
export type InvoiceStatusFilter = InvoiceViewStatus;
export type InvoiceInstallment = Invoice['installments'][number];
export type NewInvoice = CreateInvoiceInput;
export type InvoiceChanges = Omit<UpdateInvoiceInput, 'expectedVersion'>;
export type InvoiceLineDraftInput = InvoiceLineInput;
export type NewPayment = Omit<RecordPaymentInput, 'expectedVersion'>;

export type InvoiceListQuery = {
  status?: InvoiceStatusFilter;
  ownerId?: string;
  companyId?: string;
  limit?: number;
  cursor?: string;
};

export type InvoicePage = { items: Invoice[]; nextCursor?: string };

export type InvoicesApi = {
  list: (query: InvoiceListQuery, signal?: AbortSignal) => Promise<InvoicePage>;
  get: (id: string) => Promise<Invoice>;
  /** A draft; a schedule that does not add up to the total is an ApiError 400 on `installments`. */
  create: (input: NewInvoice) => Promise<Invoice>;
  update: (id: string, expectedVersion: number, changes: InvoiceChanges) => Promise<Invoice>;
  issue: (id: string, expectedVersion: number) => Promise<Invoice>;
  send: (id: string) => Promise<{ invoice: Invoice; email?: string }>;
  cancel: (id: string, expectedVersion: number, reason: string) => Promise<Invoice>;
  /** A link valid a few minutes that downloads the PDF as «<number>.pdf». */
  pdfUrl: (id: string) => Promise<string>;
  /** The printable page: a whole HTML document with its own styles and no script. */
  printHtml: (id: string) => Promise<string>;
  /** More than is owed is an ApiError 400 on `amount` (details.owed); a future `paidOn` a 400 too. */
  recordPayment: (id: string, expectedVersion: number, payment: NewPayment) => Promise<Invoice>;
  reversePayment: (id: string, paymentId: string, expectedVersion: number) => Promise<Invoice>;
};

const invoicePath = (id: string, suffix = '') => `/api/invoices/${encodeURIComponent(id)}${suffix}`;

/** The invoice of an answer, whether it comes as `{ invoice }` or as the invoice itself. */
export const unwrapInvoice = (body: unknown): Invoice => {
  const value = body as { invoice?: Invoice } | Invoice;
  return 'invoice' in value && value.invoice ? value.invoice : (value as Invoice);
};

export const invoicesApi = (http: HttpClient): InvoicesApi => ({
  list: async (query, signal) => {
    const body = await http.request<InvoicePage>('GET', '/api/invoices', {
      query: { ...query },
      ...(signal ? { signal } : {}),
    });
    return { items: body.items ?? [], ...(body.nextCursor ? { nextCursor: body.nextCursor } : {}) };
  },
  get: async (id) => unwrapInvoice(await http.request('GET', invoicePath(id))),
  create: async (input) => unwrapInvoice(await http.request('POST', '/api/invoices', { body: input })),
  update: async (id, expectedVersion, changes) =>
    unwrapInvoice(await http.request('PATCH', invoicePath(id), { body: { expectedVersion, ...changes } })),
  issue: async (id, expectedVersion) =>
    unwrapInvoice(await http.request('POST', invoicePath(id, '/issue'), { body: { expectedVersion } })),
  send: async (id) => {
    const body = await http.request<{ invoice?: Invoice; email?: string }>('POST', invoicePath(id, '/send'), {
      body: {},
    });
    return { invoice: unwrapInvoice(body), ...(body.email ? { email: body.email } : {}) };
  },
  cancel: async (id, expectedVersion, reason) =>
    unwrapInvoice(
      await http.request('POST', invoicePath(id, '/cancel'), { body: { expectedVersion, reason } }),
    ),
  pdfUrl: async (id) => (await http.request<{ url: string }>('GET', invoicePath(id, '/pdf'))).url,
  printHtml: (id) => http.request<string>('GET', invoicePath(id, '/print'), { responseType: 'text' }),
  recordPayment: async (id, expectedVersion, payment) =>
    unwrapInvoice(
      await http.request('POST', invoicePath(id, '/payments'), { body: { expectedVersion, ...payment } }),
    ),
  reversePayment: async (id, paymentId, expectedVersion) =>
    unwrapInvoice(
      await http.request('DELETE', invoicePath(id, `/payments/${encodeURIComponent(paymentId)}`), {
        body: { expectedVersion },
      }),
    ),
});
