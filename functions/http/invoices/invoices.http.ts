// /api/invoices and a company's receivables block: thin handlers over functions/domain/invoices
// (docs/invoices.md). The printable page is HTML with a policy that lets no script run; the PDF
// is a presigned link. Views derive `overdue` on the tenant's today.
import { type InvoiceItem, toInvoiceView, toPaymentView } from '../../domain/invoices/invoice.entity.ts';
import { invoicePdfUrl, renderInvoiceHtml } from '../../domain/invoices/invoice-files.ts';
import { companyReceivables, listInvoices } from '../../domain/invoices/invoice-lists.ts';
import {
  cancelInvoice,
  createInvoice,
  getInvoice,
  getInvoiceOnly,
  issueInvoice,
  recordPayment,
  reversePayment,
  sendInvoice,
  tenantToday,
  updateInvoice,
} from '../../domain/invoices/invoices.ts';
import { printPageSecurityPolicy } from '../../domain/quotes/quote-html.ts';
import { created, ok, userRoutes } from '../../lib/http.ts';

const view = (invoice: InvoiceItem) => ({ invoice: toInvoiceView(invoice, tenantToday()) });

export const handler = userRoutes({
  'GET /api/invoices': async ({ query }, principal) => {
    const { items, nextCursor, today } = await listInvoices(principal, query);
    return ok({ items: items.map((i) => toInvoiceView(i, today)), ...(nextCursor ? { nextCursor } : {}) });
  },
  'POST /api/invoices': async ({ body }, principal) => created(view(await createInvoice(principal, body))),
  'GET /api/invoices/{id}': async ({ params }, principal) => {
    const { invoice, payments } = await getInvoice(principal, params.id ?? '');
    return ok({ invoice: toInvoiceView(invoice, tenantToday(), payments) });
  },
  'PATCH /api/invoices/{id}': async ({ params, body }, principal) =>
    ok(view(await updateInvoice(principal, params.id ?? '', body))),
  'POST /api/invoices/{id}/issue': async ({ params, body }, principal) =>
    ok(view(await issueInvoice(principal, params.id ?? '', body))),
  'POST /api/invoices/{id}/send': async ({ params, body }, principal) => {
    const { invoice, email } = await sendInvoice(principal, params.id ?? '', body);
    return ok({ ...view(invoice), email });
  },
  'POST /api/invoices/{id}/cancel': async ({ params, body }, principal) =>
    ok(view(await cancelInvoice(principal, params.id ?? '', body))),
  'GET /api/invoices/{id}/pdf': async ({ params }, principal) =>
    ok({ url: await invoicePdfUrl(await getInvoiceOnly(principal, params.id ?? '')) }),
  'GET /api/invoices/{id}/print': async ({ params }, principal) => ({
    status: 200,
    text: renderInvoiceHtml(await getInvoiceOnly(principal, params.id ?? '')),
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': printPageSecurityPolicy,
      'x-content-type-options': 'nosniff',
    },
  }),
  'POST /api/invoices/{id}/payments': async ({ params, body }, principal) => {
    const { invoice, payment } = await recordPayment(principal, params.id ?? '', body);
    return created({ ...view(invoice), payment: toPaymentView(payment) });
  },
  // The version may come in the body or, as other DELETE routes take it, in the query string.
  'DELETE /api/invoices/{id}/payments/{paymentId}': async ({ params, body, query }, principal) => {
    const input = body ?? (query.expectedVersion ? { expectedVersion: Number(query.expectedVersion) } : {});
    const { invoice, payment } = await reversePayment(
      principal,
      params.id ?? '',
      params.paymentId ?? '',
      input,
    );
    return ok({ ...view(invoice), payment: toPaymentView(payment) });
  },
  'GET /api/companies/{id}/receivables': async ({ params }, principal) => {
    const block = await companyReceivables(principal, params.id ?? '');
    return ok({
      openInvoices: block.openInvoices.map((i) => toInvoiceView(i, block.today)),
      ...(block.nextDue ? { nextDue: block.nextDue } : {}),
      overdue: block.overdue,
      outstanding: block.outstanding,
      overdueAmount: block.overdueAmount,
    });
  },
});
