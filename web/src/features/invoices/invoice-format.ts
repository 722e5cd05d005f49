// Small presentation helpers of invoices: links, the status badge's tone, what an invoice is called
// before it has a number, and the amounts a schedule row still owes.
import type { Invoice, InvoiceInstallment, InvoiceStatusFilter } from '../../api/invoices.ts';
import type { BadgeTone } from '../../ui/panel.tsx';

export const invoicesHref = (status?: string): string =>
  status ? `/invoices?status=${encodeURIComponent(status)}` : '/invoices';

export const invoiceHref = (id: string): string => `/invoices/${encodeURIComponent(id)}`;

export const invoiceStatuses: readonly InvoiceStatusFilter[] = [
  'draft',
  'issued',
  'partly_paid',
  'overdue',
  'paid',
  'cancelled',
];

export const isInvoiceStatus = (value: unknown): value is InvoiceStatusFilter =>
  typeof value === 'string' && (invoiceStatuses as readonly string[]).includes(value);

export const invoiceStatusTone: Record<InvoiceStatusFilter, BadgeTone> = {
  draft: 'neutral',
  issued: 'accent',
  partly_paid: 'warning',
  paid: 'success',
  overdue: 'danger',
  cancelled: 'neutral',
};

/** Issued, partly paid or overdue: money is still expected on it. */
export const isLive = (invoice: Pick<Invoice, 'storedStatus'>): boolean =>
  invoice.storedStatus === 'issued' || invoice.storedStatus === 'partly_paid';

export const installmentRemaining = (installment: Pick<InvoiceInstallment, 'amount' | 'paid'>): number =>
  Math.max(0, installment.amount - installment.paid);

/** The open installment due first (the one a payment without an installment goes to first). */
export const nextOpenInstallment = (invoice: Pick<Invoice, 'installments'>): InvoiceInstallment | undefined =>
  invoice.installments.filter((i) => i.paid < i.amount).sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
