// An invoice (Счёт на оплату, docs/invoices.md): a company's bill, optionally from a deal's lines,
// with a payment schedule (installments) and the payments recorded against it. A draft has no
// number; issuing numbers it from the tenant's yearly counter (invoice-number.ts), fixes its
// content and opens its installments: each installment of an issued invoice that is not fully
// paid has an index item in the sparse gsi3 partition `INSTALLMENTS#OPEN`, which the daily
// reminder run and the receivables reports Query (never scan). Payments are items under the
// invoice (`PAYMENT#<ulid>`). Whether an invoice is overdue is derived on read in the tenant's
// time zone, never stored. Lists: all invoices (gsi4) and a company's (gsi5), newest first.
import { z } from 'zod';
import type { Versioned } from '../mutations.ts';
import { formatScaled, type LineAmounts, type LineTotals, type Money } from '../quotes/line-math.ts';

// --- keys -------------------------------------------------------------------------------------

export const invoiceKey = (id: string) => ({ pk: `INVOICE#${id}`, sk: 'INVOICE' }) as const;

/** All invoices by creation (gsi4). */
export const invoicesPartition = 'INVOICES';
/** A company's invoices by creation (gsi5). */
export const companyInvoicesPartition = (companyId: string) => `COMPANY#${companyId}#INVOICES`;

export const invoiceIndexKeys = (i: { id: string; companyId: string; createdAt: string }) => ({
  gsi4pk: invoicesPartition,
  gsi4sk: `${i.createdAt}#${i.id}`,
  gsi5pk: companyInvoicesPartition(i.companyId),
  gsi5sk: `${i.createdAt}#${i.id}`,
});

/** The per-tenant counter of one year's invoice numbers (`last` = the last number given). */
export const invoiceCounterKey = (year: number) =>
  ({ pk: `COUNTER#invoice#${year}`, sk: 'COUNTER' }) as const;

/** `01`…`24`: installment numbers in sort keys. */
export const installmentSuffix = (n: number) => String(n).padStart(2, '0');

/** An installment's index item (there while the invoice is issued or partly paid). */
export const installmentKey = (invoiceId: string, n: number) =>
  ({ pk: `INVOICE#${invoiceId}`, sk: `INSTALLMENT#${installmentSuffix(n)}` }) as const;

/** The sparse gsi3 partition of every open (not fully paid) installment of every issued invoice. */
export const openInstallmentsPartition = 'INSTALLMENTS#OPEN';

/** gsi3 keys of an open installment: sorted by due date. */
export const openInstallmentIndexKeys = (i: { invoiceId: string; n: number; dueDate: string }) => ({
  gsi3pk: openInstallmentsPartition,
  gsi3sk: `${i.dueDate}#${i.invoiceId}#${installmentSuffix(i.n)}`,
});

/**
 * The upper bound of "due on or before `date`" in the open set: `gsi3sk <= :bound` with
 * `gsi3pk = INSTALLMENTS#OPEN` ('~' sorts after every id character).
 */
export const dueOnOrBeforeBound = (date: string) => `${date}#~`;

/** A payment under its invoice. */
export const paymentKey = (invoiceId: string, paymentId: string) =>
  ({ pk: `INVOICE#${invoiceId}`, sk: `PAYMENT#${paymentId}` }) as const;
export const paymentSkPrefix = 'PAYMENT#';

/** The PDF's key in the files bucket, and the name it downloads under. */
export const invoiceFileKey = (id: string) => `invoices/${id}.pdf`;
export const invoiceFileName = (number: string) => `${number}.pdf`;

/** The send record of the n-th explicit send (email/send-once.ts). */
export const invoiceSendKey = (id: string, n: number) => `invoice-send#${id}#${n}`;

// --- attributes -------------------------------------------------------------------------------

export const invoiceStatuses = ['draft', 'issued', 'partly_paid', 'paid', 'cancelled'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];
/** What the view shows: the stored status, or `overdue` when an open installment is past due. */
export type InvoiceViewStatus = InvoiceStatus | 'overdue';
export type InvoiceLocale = 'ru' | 'en';

/**
 * A line: a catalogue product's (as a deal's `PricedLine`, with its product id and SKU) or a free
 * one (no product, no SKU). Same amounts as quotes (quotes/line-math.ts).
 */
export type InvoiceLine = LineAmounts & {
  readonly productId?: string;
  readonly name: string;
  readonly sku?: string;
  readonly unit: string;
  readonly quantityThousandths: number;
  readonly unitPrice: Money;
  readonly discountHundredths: number;
  readonly vatRate: number;
};

/** The lines' totals; `gross` is the invoice's total with VAT (= `total`), what installments add up to. */
export type InvoiceTotals = LineTotals & { readonly gross: number };

export type Installment = {
  /** 1.. */
  readonly n: number;
  /** The tenant's local date, YYYY-MM-DD. */
  readonly dueDate: string;
  /** Minor units of the invoice's currency. */
  readonly amount: number;
  readonly paid: number;
};

export type InvoiceRecipient = { readonly contactId: string; readonly email: string; readonly at: string };

export type InvoiceAttributes = {
  readonly id: string;
  readonly companyId: string;
  /** The buyer as it was when the invoice was made (refreshed while it is a draft). */
  readonly company: {
    readonly id: string;
    readonly name: string;
    readonly inn?: string;
    readonly kpp?: string;
  };
  readonly dealId?: string;
  readonly dealTitle?: string;
  readonly billingContactId?: string;
  readonly billingContactName?: string;
  readonly ownerId: string;
  readonly currency: string;
  readonly priceListId?: string;
  readonly lines: readonly InvoiceLine[];
  readonly totals: InvoiceTotals;
  /** Empty on a draft = one installment of the total, due `defaultPaymentDays` after issue. */
  readonly installments: readonly Installment[];
  /** The sum of the installments' `paid`. */
  readonly paidTotal: number;
  /** The earliest due date of an installment not fully paid (issued, partly paid): for the overdue filter. */
  readonly nextDueDate?: string;
  readonly note?: string;
  readonly seller: { readonly name: string };
  readonly locale: InvoiceLocale;
  readonly status: InvoiceStatus;
  /** Given at issue: СЧ-2026-0001. */
  readonly number?: string;
  readonly year?: number;
  readonly sequence?: number;
  /** The tenant's local date of the issue. */
  readonly issueDate?: string;
  readonly issuedAt?: string;
  readonly issuedBy?: string;
  readonly paidAt?: string;
  readonly cancelledAt?: string;
  readonly cancelledBy?: string;
  readonly cancelReason?: string;
  /** How many times it was explicitly sent, and to whom. */
  readonly sendCount: number;
  readonly sentAt?: string;
  readonly sentTo: readonly InvoiceRecipient[];
};

export type InvoiceItem = Versioned & InvoiceAttributes & ReturnType<typeof invoiceIndexKeys>;

/**
 * The index item of an installment of an issued invoice (docs/invoices.md "Index items"): put by
 * the issue, updated by each payment and reversal in its transaction; `gsi3pk`/`gsi3sk` are
 * removed when it is fully paid or the invoice is cancelled (it leaves the open set), and put back
 * when a reversal reopens it.
 */
export type InstallmentItem = {
  readonly pk: string;
  readonly sk: string;
  readonly entity: 'invoice-installment';
  readonly invoiceId: string;
  readonly n: number;
  readonly dueDate: string;
  readonly amount: number;
  readonly paid: number;
  readonly companyId: string;
  /** The company's name as on the invoice (for reports; not in the doc's list, additive). */
  readonly companyName: string;
  readonly ownerId: string;
  readonly currency: string;
  readonly billingContactId?: string;
  readonly number: string;
  /** `INSTALLMENTS#OPEN` while open. */
  readonly gsi3pk?: string;
  readonly gsi3sk?: string;
};

export type PaymentAllocation = { readonly n: number; readonly amount: number };

export type PaymentItem = {
  readonly pk: string;
  readonly sk: string;
  readonly entity: 'invoice-payment';
  readonly id: string;
  readonly invoiceId: string;
  readonly amount: number;
  readonly currency: string;
  /** The tenant's local date the money came in. */
  readonly paidOn: string;
  /** paidOn before the day it was recorded (tenant's time zone). */
  readonly backdated: boolean;
  /** The installment the payer named, if any. */
  readonly installment?: number;
  readonly allocations: readonly PaymentAllocation[];
  readonly reference?: string;
  readonly note?: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly reversedAt?: string;
  readonly reversedBy?: string;
};

// --- input ------------------------------------------------------------------------------------

export const maxInvoiceLines = 100;
export const maxInstallments = 24;
/** Amounts up to 10^15 minor units (deal.entity.ts's limit). */
const minorUnits = z
  .number({ error: 'must be a whole number of minor units' })
  .int('must be a whole number of minor units')
  .max(1e15, 'is too large');
const dateOnly = z.iso.date({ error: 'must be a date, YYYY-MM-DD' });
const decimal = z.union([z.number(), z.string().max(20)], { error: 'must be a number' });
const id = z.string().min(1).max(40);

const productLineSchema = z
  .object({ productId: id, quantity: decimal, discountPercent: decimal.optional() })
  .strict();
const freeLineSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(300, 'at most 300 characters'),
    quantity: decimal,
    unit: z.string().trim().min(1, 'must not be empty').max(20, 'at most 20 characters'),
    unitPrice: minorUnits.min(0, 'must not be negative'),
    vatRate: z.number().int('must be a whole percent').min(0, 'must be 0–100').max(100, 'must be 0–100'),
    discountPercent: decimal.optional(),
  })
  .strict();
export const invoiceLineSchema = z.union([productLineSchema, freeLineSchema], {
  error:
    'must be { productId, quantity, discountPercent? } or { name, quantity, unit, unitPrice, vatRate, discountPercent? }',
});
export type InvoiceLineInput = z.infer<typeof invoiceLineSchema>;

export const installmentInputSchema = z
  .object({ dueDate: dateOnly, amount: minorUnits.min(1, 'must be above 0') })
  .strict();

const installmentsSchema = z
  .array(installmentInputSchema)
  .max(maxInstallments, `at most ${maxInstallments} installments`);
const linesSchema = z.array(invoiceLineSchema).max(maxInvoiceLines, `at most ${maxInvoiceLines} lines`);
const note = z.string().trim().max(2000, 'at most 2000 characters');

/** POST /api/invoices */
export const createInvoiceSchema = z
  .object({
    companyId: id,
    dealId: id.optional(),
    billingContactId: id.optional(),
    ownerId: id.optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as RUB')
      .optional(),
    priceListId: id.optional(),
    lines: linesSchema.optional(),
    installments: installmentsSchema.optional(),
    note: note.optional(),
  })
  .strict();
export type CreateInvoiceInput = z.infer<typeof createInvoiceSchema>;

/** PATCH /api/invoices/{id}: any of these on a draft; on an issued one only contact and owner. */
export const updateInvoiceSchema = z
  .object({
    expectedVersion: z.number().int().positive(),
    billingContactId: id.nullable().optional(),
    ownerId: id.optional(),
    priceListId: id.optional(),
    lines: linesSchema.optional(),
    installments: installmentsSchema.optional(),
    note: note.nullable().optional(),
  })
  .strict();
export type UpdateInvoiceInput = z.infer<typeof updateInvoiceSchema>;

export const versionOnlySchema = z.object({ expectedVersion: z.number().int().positive() }).strict();

export const cancelInvoiceSchema = z
  .object({
    expectedVersion: z.number().int().positive(),
    reason: z.string().trim().min(1, 'must not be empty').max(500, 'at most 500 characters'),
  })
  .strict();

export const sendInvoiceSchema = z
  .object({
    subject: z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters').optional(),
    message: z.string().trim().max(5000, 'at most 5000 characters').optional(),
  })
  .strict();

/** POST /api/invoices/{id}/payments */
export const recordPaymentSchema = z
  .object({
    expectedVersion: z.number().int().positive(),
    amount: minorUnits.min(1, 'must be above 0'),
    paidOn: dateOnly,
    installment: z.number().int().min(1).max(maxInstallments).optional(),
    reference: z.string().trim().max(200, 'at most 200 characters').optional(),
    note: note.optional(),
  })
  .strict();
export type RecordPaymentInput = z.infer<typeof recordPaymentSchema>;

export const reversePaymentSchema = z.object({ expectedVersion: z.number().int().positive() }).strict();

export const listInvoicesQuerySchema = z
  .object({
    status: z.enum([...invoiceStatuses, 'overdue']).optional(),
    ownerId: id.optional(),
    companyId: id.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2000).optional(),
  })
  .strict();

/** The invoice fields an audit entry lists on creation and on edits. */
export const auditedInvoiceFields = [
  'companyId',
  'dealId',
  'billingContactId',
  'ownerId',
  'currency',
  'lines',
  'totals',
  'installments',
  'note',
  'status',
  'number',
  'issueDate',
  'cancelReason',
  'paidTotal',
] as const;

// --- derived on read --------------------------------------------------------------------------

/** Open installments: not fully paid. */
export const openInstallments = (installments: readonly Installment[]) =>
  installments.filter((i) => i.paid < i.amount);

/** The earliest due date among open installments (undefined when none is open). */
export const nextDueDateOf = (installments: readonly Installment[]): string | undefined =>
  openInstallments(installments)
    .map((i) => i.dueDate)
    .sort()[0];

/** Whether an invoice is overdue on `today` (the tenant's local date): derived, never stored. */
export const isOverdue = (i: Pick<InvoiceAttributes, 'status' | 'installments'>, today: string): boolean =>
  (i.status === 'issued' || i.status === 'partly_paid') &&
  openInstallments(i.installments).some((x) => x.dueDate < today);

export const toPaymentView = (p: PaymentItem) => ({
  id: p.id,
  amount: p.amount,
  currency: p.currency,
  paidOn: p.paidOn,
  backdated: p.backdated,
  ...(p.installment !== undefined ? { installment: p.installment } : {}),
  allocations: p.allocations.map((a) => ({ ...a })),
  ...(p.reference ? { reference: p.reference } : {}),
  ...(p.note ? { note: p.note } : {}),
  recordedAt: p.recordedAt,
  recordedBy: p.recordedBy,
  reversed: p.reversedAt !== undefined,
  ...(p.reversedAt ? { reversedAt: p.reversedAt, reversedBy: p.reversedBy } : {}),
});
export type PaymentView = ReturnType<typeof toPaymentView>;

export const toInvoiceLineView = (line: InvoiceLine) => ({
  ...(line.productId ? { productId: line.productId } : {}),
  name: line.name,
  ...(line.sku ? { sku: line.sku } : {}),
  unit: line.unit,
  quantity: formatScaled(line.quantityThousandths, 3),
  unitPrice: { ...line.unitPrice },
  discountPercent: formatScaled(line.discountHundredths, 2),
  vatRate: line.vatRate,
  amount: line.amount,
  discount: line.discount,
  net: line.net,
  vat: line.vat,
  total: line.total,
});

export type InvoiceView = {
  readonly id: string;
  readonly number?: string;
  /** The stored status, or `overdue` (derived). */
  readonly status: InvoiceViewStatus;
  readonly storedStatus: InvoiceStatus;
  readonly overdue: boolean;
  readonly companyId: string;
  readonly company: InvoiceAttributes['company'];
  readonly dealId?: string;
  readonly dealTitle?: string;
  readonly billingContactId?: string;
  readonly billingContactName?: string;
  readonly ownerId: string;
  readonly currency: string;
  readonly priceListId?: string;
  readonly lines: readonly ReturnType<typeof toInvoiceLineView>[];
  readonly totals: InvoiceTotals;
  readonly installments: readonly (Installment & { readonly overdue: boolean })[];
  readonly paidTotal: number;
  /** What is still owed: gross − paid (0 for a draft or cancelled invoice is not implied: see status). */
  readonly outstanding: number;
  readonly nextDueDate?: string;
  readonly issueDate?: string;
  readonly note?: string;
  readonly seller: { readonly name: string };
  readonly locale: InvoiceLocale;
  readonly paidAt?: string;
  readonly cancelledAt?: string;
  readonly cancelReason?: string;
  readonly sendCount: number;
  readonly sentAt?: string;
  readonly sentTo: readonly InvoiceRecipient[];
  /** Present on the single-invoice read. */
  readonly payments?: readonly PaymentView[];
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
};

/** The invoice as the API shows it on `today` (the tenant's local date). */
export const toInvoiceView = (
  i: InvoiceItem,
  today: string,
  payments?: readonly PaymentItem[],
): InvoiceView => {
  const overdue = isOverdue(i, today);
  const live = i.status === 'issued' || i.status === 'partly_paid';
  return {
    id: i.id,
    ...(i.number ? { number: i.number } : {}),
    status: overdue ? 'overdue' : i.status,
    storedStatus: i.status,
    overdue,
    companyId: i.companyId,
    company: { ...i.company },
    ...(i.dealId ? { dealId: i.dealId, dealTitle: i.dealTitle } : {}),
    ...(i.billingContactId
      ? { billingContactId: i.billingContactId, billingContactName: i.billingContactName }
      : {}),
    ownerId: i.ownerId,
    currency: i.currency,
    ...(i.priceListId ? { priceListId: i.priceListId } : {}),
    lines: i.lines.map(toInvoiceLineView),
    totals: i.totals,
    installments: i.installments.map((x) => ({
      ...x,
      overdue: live && x.paid < x.amount && x.dueDate < today,
    })),
    paidTotal: i.paidTotal,
    outstanding: i.status === 'cancelled' ? 0 : i.totals.gross - i.paidTotal,
    ...(i.nextDueDate && live ? { nextDueDate: i.nextDueDate } : {}),
    ...(i.issueDate ? { issueDate: i.issueDate } : {}),
    ...(i.note ? { note: i.note } : {}),
    seller: { ...i.seller },
    locale: i.locale,
    ...(i.paidAt ? { paidAt: i.paidAt } : {}),
    ...(i.cancelledAt ? { cancelledAt: i.cancelledAt, cancelReason: i.cancelReason } : {}),
    sendCount: i.sendCount,
    ...(i.sentAt ? { sentAt: i.sentAt } : {}),
    sentTo: i.sentTo.map((r) => ({ ...r })),
    ...(payments ? { payments: payments.map(toPaymentView) } : {}),
    version: i.version,
    createdAt: i.createdAt,
    createdBy: i.createdBy,
    updatedAt: i.updatedAt,
  };
};

/** The index item of one installment of an issued invoice, in the open set while not fully paid. */
export const installmentItem = (
  invoice: Pick<
    InvoiceAttributes,
    'id' | 'companyId' | 'company' | 'ownerId' | 'currency' | 'billingContactId' | 'number'
  >,
  installment: Installment,
): InstallmentItem => ({
  ...installmentKey(invoice.id, installment.n),
  entity: 'invoice-installment',
  invoiceId: invoice.id,
  n: installment.n,
  dueDate: installment.dueDate,
  amount: installment.amount,
  paid: installment.paid,
  companyId: invoice.companyId,
  companyName: invoice.company.name,
  ownerId: invoice.ownerId,
  currency: invoice.currency,
  ...(invoice.billingContactId ? { billingContactId: invoice.billingContactId } : {}),
  number: invoice.number ?? '',
  ...(installment.paid < installment.amount
    ? openInstallmentIndexKeys({ invoiceId: invoice.id, n: installment.n, dueDate: installment.dueDate })
    : {}),
});
