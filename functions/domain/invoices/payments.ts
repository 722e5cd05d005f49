// Payments against an issued invoice (docs/invoices.md "Payments"): allocated to the open
// installments oldest first or to the one named, never more than is owed, dated by the tenant's
// calendar (a date before today is a backdated payment: marked on the payment and in its audit
// entry; a date after today is refused). One transaction writes the invoice (version checked:
// installments' `paid`, status), the payment item, the installments' index items (a fully paid one
// leaves the open set) and the audit entries — "payment recorded", and "paid" when it completes
// the invoice. A reversal (admins and sales managers) is the same transaction backwards.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { now } from '../../lib/clock.ts';
import { db, tableName } from '../../lib/dynamo.ts';
import { tenantConfig } from '../../lib/env.ts';
import { Conflict, NotFound, StaleVersion, ValidationFailed } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { instantAt, localDate } from '../../lib/time-zone.ts';
import { parseInput } from '../../lib/validation.ts';
import { auditPut, type TransactItem } from '../mutations.ts';
import { formatMoney } from '../quotes/quote-document.ts';
import {
  type InvoiceItem,
  nextDueDateOf,
  type PaymentItem,
  paymentKey,
  recordPaymentSchema,
  reversePaymentSchema,
} from './invoice.entity.ts';
import { requireCompanyEditor, requireInvoiceManager, requireInvoiceWriter } from './invoice-access.ts';
import { allocatePayment, applyAllocations, ValidationFailedWithDetails } from './invoice-lines.ts';
import {
  installmentPuts,
  invoiceRelated,
  prepareInvoiceUpdate,
  readInvoice,
  writeInvoiceUpdate,
} from './invoices.ts';

/** What an audit entry and the timeline say of a payment. */
const paymentFact = (p: PaymentItem) => ({
  id: p.id,
  amount: p.amount,
  currency: p.currency,
  paidOn: p.paidOn,
  backdated: p.backdated,
  ...(p.installment !== undefined ? { installment: p.installment } : {}),
  allocations: p.allocations,
  ...(p.reference ? { reference: p.reference } : {}),
});

/**
 * Records a payment. 400 on `amount` (with `details.owed`) when it is more than what is owed on
 * the installment named or on the invoice; 400 on `paidOn` when it is after today; 409 on a stale
 * `expectedVersion` or an invoice that is not issued or partly paid. Nothing is written then.
 */
export const recordPayment = async (
  principal: Principal,
  invoiceId: string,
  body: unknown,
): Promise<{ invoice: InvoiceItem; payment: PaymentItem }> => {
  requireInvoiceWriter(principal);
  const input = parseInput(recordPaymentSchema, body);
  const current = await readInvoice(invoiceId);
  await requireCompanyEditor(principal, current.companyId);
  if (current.version !== input.expectedVersion)
    throw new StaleVersion('invoice', invoiceId, current.version);
  if (current.status === 'draft') throw new Conflict('Issue the invoice before recording payments.');
  if (current.status === 'cancelled') throw new Conflict('This invoice is cancelled.');
  if (current.status === 'paid') throw new Conflict('This invoice is already paid in full.');

  const tenant = tenantConfig();
  const at = now();
  const today = localDate(at, tenant.timezone);
  if (input.paidOn > today)
    throw new ValidationFailed([{ field: 'paidOn', message: `must not be after today (${today})` }]);
  if (input.installment !== undefined && !current.installments.some((x) => x.n === input.installment))
    throw new ValidationFailed([
      {
        field: 'installment',
        message: `is not an installment of this invoice (1–${current.installments.length})`,
      },
    ]);
  const allocation = allocatePayment(current.installments, input.amount, input.installment);
  if ('owed' in allocation)
    throw new ValidationFailedWithDetails(
      [
        {
          field: 'amount',
          message: `exceeds the amount owed: ${formatMoney(allocation.owed, current.currency, current.locale)}`,
        },
      ],
      { owed: allocation.owed },
    );

  const recordedAt = at.toISOString();
  const backdated = input.paidOn < today;
  const payment: PaymentItem = {
    ...paymentKey(invoiceId, ulid()),
    entity: 'invoice-payment',
    id: '',
    invoiceId,
    amount: input.amount,
    currency: current.currency,
    paidOn: input.paidOn,
    backdated,
    ...(input.installment !== undefined ? { installment: input.installment } : {}),
    allocations: allocation.allocations,
    ...(input.reference ? { reference: input.reference } : {}),
    ...(input.note ? { note: input.note } : {}),
    recordedAt,
    recordedBy: principal.userId,
  };
  const stored: PaymentItem = { ...payment, id: payment.sk.slice('PAYMENT#'.length) };
  const installments = applyAllocations(current.installments, allocation.allocations, 1);
  const paidTotal = current.paidTotal + input.amount;
  const status = paidTotal === current.totals.gross ? 'paid' : 'partly_paid';
  const changes = {
    installments,
    paidTotal,
    status,
    nextDueDate: nextDueDateOf(installments),
    ...(status === 'paid' ? { paidAt: recordedAt } : {}),
  };
  const after = { ...current, ...changes } as InvoiceItem;
  const touched = installments.filter((x) => allocation.allocations.some((a) => a.n === x.n));
  const extra: TransactItem[] = [
    { Put: { TableName: tableName, Item: stored, ConditionExpression: 'attribute_not_exists(pk)' } },
    ...installmentPuts(after, touched),
  ];
  if (status === 'paid')
    extra.push(
      auditPut({
        subject: 'invoice',
        subjectId: invoiceId,
        action: 'paid',
        actorId: principal.userId,
        at: recordedAt,
        changes: [
          { field: 'status', from: current.status, to: 'paid' },
          { field: 'total', to: { amount: current.totals.gross, currency: current.currency } },
        ],
        relatedTo: invoiceRelated(current),
      }),
    );
  const prepared = prepareInvoiceUpdate(principal, current, input.expectedVersion, changes, {
    action: 'payment-recorded',
    at: recordedAt,
    // A backdated payment is dated on the timeline by the day the money came in.
    ...(backdated ? { effectiveAt: instantAt(input.paidOn, '00:00', tenant.timezone).toISOString() } : {}),
    facts: [
      { field: 'payment', to: paymentFact(stored) },
      { field: 'amount', to: input.amount },
      { field: 'paidOn', to: input.paidOn },
      { field: 'backdated', to: backdated },
    ],
    extra,
  });
  const invoice = await writeInvoiceUpdate(current, prepared);
  return { invoice, payment: stored };
};

/**
 * Reverses a payment (admins and sales managers): its allocations are taken back from the
 * installments, which re-enter the open set; the payment stays, marked reversed. 409 when it was
 * already reversed or the version is stale.
 */
export const reversePayment = async (
  principal: Principal,
  invoiceId: string,
  paymentId: string,
  body: unknown,
): Promise<{ invoice: InvoiceItem; payment: PaymentItem }> => {
  requireInvoiceManager(principal, 'reverse a payment');
  const input = parseInput(reversePaymentSchema, body);
  const [current, found] = await Promise.all([
    readInvoice(invoiceId),
    db.send(
      new GetCommand({ TableName: tableName, Key: paymentKey(invoiceId, paymentId), ConsistentRead: true }),
    ),
  ]);
  const payment = found.Item as PaymentItem | undefined;
  if (!payment) throw new NotFound('payment', paymentId);
  if (current.version !== input.expectedVersion)
    throw new StaleVersion('invoice', invoiceId, current.version);
  if (payment.reversedAt) throw new Conflict('This payment is already reversed.');
  const at = now().toISOString();
  const installments = applyAllocations(current.installments, payment.allocations, -1);
  const paidTotal = current.paidTotal - payment.amount;
  const changes = {
    installments,
    paidTotal,
    status: paidTotal === 0 ? 'issued' : 'partly_paid',
    nextDueDate: nextDueDateOf(installments),
    paidAt: undefined,
  };
  const after = { ...current, ...changes } as InvoiceItem;
  const touched = installments.filter((x) => payment.allocations.some((a) => a.n === x.n));
  const reversed: PaymentItem = { ...payment, reversedAt: at, reversedBy: principal.userId };
  const prepared = prepareInvoiceUpdate(principal, current, input.expectedVersion, changes, {
    action: 'payment-reversed',
    at,
    facts: [
      { field: 'payment', to: paymentFact(payment) },
      { field: 'amount', to: payment.amount },
    ],
    extra: [
      {
        Update: {
          TableName: tableName,
          Key: paymentKey(invoiceId, paymentId),
          UpdateExpression: 'SET reversedAt = :at, reversedBy = :by',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(reversedAt)',
          ExpressionAttributeValues: { ':at': at, ':by': principal.userId },
        },
      },
      ...installmentPuts(after, touched),
    ],
  });
  const invoice = await writeInvoiceUpdate(current, prepared);
  return { invoice, payment: reversed };
};
