// Invoices (docs/invoices.md): drafts of a company (optionally from a deal's lines), edited while
// drafts; issued with a number from the tenant's yearly counter in the same transaction that
// opens the installments' index items (so no number is skipped or shared, and the reminder run
// sees every open installment); printed as HTML, stored as a PDF, e-mailed to the billing
// contact; cancelled while nothing is paid. Payments are in payments.ts. Every write is
// versioned and audited with the company (and the deal) as related records, which is how it
// reaches the company's timeline (rule `timeline-from-audit`). Who may do what: invoice-access.ts.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { now, nowIso } from '../../lib/clock.ts';
import { conditionFailedAt, db, tableName } from '../../lib/dynamo.ts';
import { tenantConfig } from '../../lib/env.ts';
import { Conflict, Forbidden, NotFound, StaleVersion, ValidationFailed } from '../../lib/errors.ts';
import { logger } from '../../lib/logger.ts';
import type { Principal } from '../../lib/principal.ts';
import { localDate } from '../../lib/time-zone.ts';
import { parseInput } from '../../lib/validation.ts';
import { type AuditAction, type AuditChange, type AuditRef, diffFields } from '../audit/audit.entity.ts';
import { type ContactItem, fullName } from '../contacts/contact.entity.ts';
import { readRates } from '../deals/currency-rates.ts';
import type { DealItem } from '../deals/deal.entity.ts';
import { readDeal } from '../deals/deals.ts';
import { convert } from '../deals/money.ts';
import { SendInProgress, type SendOutcome, sendEmailOnce } from '../email/send-once.ts';
import { auditPut, createVersioned, prepareUpdate, type TransactItem, transactWrite } from '../mutations.ts';
import { readPriceList, readProducts } from '../products/catalogue.ts';
import { lostNumberRace, maxNumberingAttempts, quoteYear, retryDelayMs } from '../quotes/quote-number.ts';
import { canCreateRecord, canReassign } from '../records/access.ts';
import { companyKind, contactKind, type RecordItem } from '../records/record-kinds.ts';
import { readRecord } from '../records/records.ts';
import { readReceivablesSettings } from '../settings/receivables-settings.ts';
import { readProfile } from '../users/profiles.ts';
import {
  auditedInvoiceFields,
  cancelInvoiceSchema,
  createInvoiceSchema,
  type Installment,
  type InvoiceAttributes,
  type InvoiceItem,
  type InvoiceLine,
  type InvoiceRecipient,
  installmentItem,
  invoiceCounterKey,
  invoiceFileName,
  invoiceIndexKeys,
  invoiceKey,
  invoiceSendKey,
  nextDueDateOf,
  type PaymentItem,
  paymentSkPrefix,
  sendInvoiceSchema,
  updateInvoiceSchema,
  versionOnlySchema,
} from './invoice.entity.ts';
import {
  requireCompanyEditor,
  requireInvoiceManager,
  requireInvoiceReader,
  requireInvoiceWriter,
} from './invoice-access.ts';
import { renderInvoiceEmail } from './invoice-email.ts';
import { invoicePdf, pdfContentType, storeInvoicePdf } from './invoice-files.ts';
import {
  invoiceTotals,
  priceInvoiceLines,
  requireValidSchedule,
  scheduleAtIssue,
  toInstallments,
} from './invoice-lines.ts';
import { advanceInvoiceCounter, formatInvoiceNumber } from './invoice-number.ts';

export { auditInvoiceStep } from './invoice-audit.ts';
export { recordPayment, reversePayment } from './payments.ts';

export const invoiceSubject = (id: string) => ({ entity: 'invoice', id });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The tenant's local date now. */
export const tenantToday = (): string => localDate(now(), tenantConfig().timezone);

export const readInvoice = async (id: string): Promise<InvoiceItem> => {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: invoiceKey(id), ConsistentRead: true }),
  );
  if (!Item) throw new NotFound('invoice', id);
  return Item as InvoiceItem;
};

/** The invoice's payments, oldest first (reversed ones included, marked). */
export const readPayments = async (invoiceId: string): Promise<PaymentItem[]> => {
  const items: PaymentItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': invoiceKey(invoiceId).pk, ':prefix': paymentSkPrefix },
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...((page.Items ?? []) as PaymentItem[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

/** The records an invoice's audit entries also belong to: its company (timeline) and deal. */
export const invoiceRelated = (i: Pick<InvoiceAttributes, 'companyId' | 'dealId'>, contactId?: string) =>
  [
    { type: 'company', id: i.companyId },
    ...(i.dealId ? [{ type: 'deal', id: i.dealId }] : []),
    ...(contactId ? [{ type: 'contact', id: contactId }] : []),
  ] as AuditRef[];

/**
 * The writes of one versioned change of an invoice: the conditional Update, an audit entry with
 * the audited fields that change plus `facts` (what the entry states beyond the diff: a payment,
 * the total at issue), and `extra` writes in the same transaction.
 */
export const prepareInvoiceUpdate = (
  principal: Pick<Principal, 'userId'>,
  current: InvoiceItem,
  expectedVersion: number,
  changes: Readonly<Record<string, unknown>>,
  options: {
    readonly action: AuditAction;
    readonly at: string;
    readonly facts?: readonly AuditChange[];
    readonly effectiveAt?: string;
    readonly contactId?: string;
    readonly extra?: readonly TransactItem[];
  },
): { items: TransactItem[]; item: InvoiceItem } => {
  const prepared = prepareUpdate(
    invoiceSubject(current.id),
    current,
    expectedVersion,
    changes,
    principal.userId,
    { at: options.at, action: options.action, auditedFields: [] },
  );
  if (prepared.items.length === 0) return { items: [], item: current };
  const [update] = prepared.items as [TransactItem, TransactItem];
  const audit = auditPut({
    subject: 'invoice',
    subjectId: current.id,
    action: options.action,
    actorId: principal.userId,
    at: options.at,
    ...(options.effectiveAt ? { effectiveAt: options.effectiveAt } : {}),
    changes: [
      ...diffFields(
        current,
        changes,
        auditedInvoiceFields.filter((f) => f in changes),
      ),
      ...(options.facts ?? []),
    ],
    relatedTo: invoiceRelated(prepared.item, options.contactId),
  });
  return { items: [update, audit, ...(options.extra ?? [])], item: prepared.item };
};

/** Sends the writes of prepareInvoiceUpdate; a failed version condition is a 409. */
export const writeInvoiceUpdate = async (
  current: InvoiceItem,
  prepared: { items: TransactItem[]; item: InvoiceItem },
): Promise<InvoiceItem> => {
  if (prepared.items.length === 0) return current;
  try {
    await transactWrite(prepared.items);
  } catch (error) {
    if (conditionFailedAt(error, 0)) throw new StaleVersion('invoice', current.id, undefined);
    throw error;
  }
  return prepared.item;
};

const fieldError = (field: string, message: string) => new ValidationFailed([{ field, message }]);

const readCompany = async (companyId: string): Promise<RecordItem> =>
  readRecord(companyKind, companyId).catch((error) => {
    if (error instanceof NotFound || (error as { status?: number }).status === 410)
      throw fieldError('companyId', 'is not a company of this organisation (or it was deleted)');
    throw error;
  });

const companySnapshot = (company: RecordItem): InvoiceAttributes['company'] => ({
  id: company.id,
  name: String(company.name ?? ''),
  ...(company.inn ? { inn: String(company.inn) } : {}),
  ...(company.kpp ? { kpp: String(company.kpp) } : {}),
});

/** A contact of the company, or a 400 on `billingContactId`. */
const billingContact = async (companyId: string, contactId: string): Promise<ContactItem> => {
  const contact = (await readRecord(contactKind, contactId).catch(() => undefined)) as
    | ContactItem
    | undefined;
  if (!contact)
    throw fieldError('billingContactId', 'is not a contact of this organisation (or it was deleted)');
  if (contact.companyId !== companyId)
    throw fieldError('billingContactId', 'is not a contact of this company');
  return contact;
};

/** A won or open deal of the company, or a 400 on `dealId`. */
const dealOfCompany = async (companyId: string, dealId: string): Promise<DealItem> => {
  const deal = await readDeal(dealId).catch((error) => {
    if (error instanceof NotFound) throw fieldError('dealId', 'is not a deal of this organisation');
    throw error;
  });
  if (deal.companyId !== companyId) throw fieldError('dealId', 'is a deal of another company');
  if (deal.status === 'lost') throw fieldError('dealId', 'is lost: invoice a won or open deal');
  return deal;
};

/** Lines priced from the input (product lines need a price list in the invoice's currency). */
const priceLines = async (
  input: NonNullable<Parameters<typeof priceInvoiceLines>[0]>,
  currency: string,
  priceListId: string | undefined,
): Promise<InvoiceLine[]> => {
  const productIds = input.flatMap((l) => ('productId' in l ? [l.productId] : []));
  const [priceList, products] = await Promise.all([
    priceListId ? readPriceList(priceListId).catch(() => undefined) : undefined,
    productIds.length ? readProducts(productIds) : new Map(),
  ]);
  if (priceListId && !priceList) throw fieldError('priceListId', 'is not a price list of this organisation');
  if (priceList && priceList.currency !== currency)
    throw fieldError('priceListId', `is in ${priceList.currency}, the invoice is in ${currency}`);
  const { lines, errors } = priceInvoiceLines(input, currency, priceList, products);
  if (errors.length > 0) throw new ValidationFailed(errors);
  return lines;
};

/** The currency must be the tenant's or have a stored rate (the receivables report converts). */
const requireKnownCurrency = async (currency: string): Promise<void> => {
  const rates = await readRates();
  if (convert({ amount: 0, currency }, rates) === undefined)
    throw fieldError(
      'currency',
      `has no exchange rate to ${rates.base}; an administrator adds it under Settings → Currency rates`,
    );
};

/** Creates a draft (no number yet). Sales create drafts for the companies they own. */
export const createInvoice = async (principal: Principal, body: unknown): Promise<InvoiceItem> => {
  requireInvoiceWriter(principal);
  const input = parseInput(createInvoiceSchema, body);
  const company = await readCompany(input.companyId);
  await requireCompanyEditor(principal, company.id, company);
  const tenant = tenantConfig();
  const deal = input.dealId ? await dealOfCompany(company.id, input.dealId) : undefined;
  const ownerId = input.ownerId ?? deal?.ownerId ?? company.ownerId;
  if (input.ownerId && !canCreateRecord(principal, input.ownerId))
    throw new Forbidden('Only a sales manager or an administrator may make an invoice for another manager.');
  const priceListId = input.priceListId ?? (input.lines ? undefined : deal?.priceListId);
  const priceList = priceListId ? await readPriceList(priceListId).catch(() => undefined) : undefined;
  const currency = input.currency ?? deal?.value.currency ?? priceList?.currency ?? tenant.currency;
  await requireKnownCurrency(currency);
  let lines: InvoiceLine[] = [];
  if (input.lines) lines = await priceLines(input.lines, currency, priceListId);
  else if (deal?.lines?.length) {
    if (deal.value.currency !== currency)
      throw fieldError('currency', `must be the deal's currency (${deal.value.currency}) to copy its lines`);
    lines = [...deal.lines];
  }
  const totals = invoiceTotals(lines, currency);
  const installments = toInstallments(input.installments ?? []);
  if (installments.length > 0) requireValidSchedule(installments, totals.gross, currency, tenant.locale);
  const contact = input.billingContactId
    ? await billingContact(company.id, input.billingContactId)
    : undefined;

  const id = ulid();
  const createdAt = nowIso();
  const attributes: InvoiceAttributes = {
    id,
    companyId: company.id,
    company: companySnapshot(company),
    ...(deal ? { dealId: deal.id, dealTitle: deal.title } : {}),
    ...(contact ? { billingContactId: contact.id, billingContactName: fullName(contact) } : {}),
    ownerId,
    currency,
    ...(priceListId && lines.some((l) => l.productId) ? { priceListId } : {}),
    lines,
    totals,
    installments,
    paidTotal: 0,
    ...(input.note ? { note: input.note } : {}),
    seller: { name: tenant.name },
    locale: tenant.locale,
    status: 'draft',
    sendCount: 0,
    sentTo: [],
  };
  const { item } = await createVersioned(
    invoiceSubject(id),
    invoiceKey(id),
    { ...attributes, ...invoiceIndexKeys({ id, companyId: company.id, createdAt }) },
    principal.userId,
    {
      at: createdAt,
      auditedFields: auditedInvoiceFields.filter((f) => f in attributes),
      audit: { relatedTo: invoiceRelated(attributes) },
    },
  );
  return item as unknown as InvoiceItem;
};

export const getInvoice = async (
  principal: Principal,
  id: string,
): Promise<{ invoice: InvoiceItem; payments: PaymentItem[] }> => {
  requireInvoiceReader(principal);
  const [invoice, payments] = await Promise.all([readInvoice(id), readPayments(id)]);
  return { invoice, payments };
};

/** The invoice for a read that needs no payments (print, PDF). */
export const getInvoiceOnly = async (principal: Principal, id: string): Promise<InvoiceItem> => {
  requireInvoiceReader(principal);
  return readInvoice(id);
};

/** The index items of an issued invoice's installments, as they must be now (Puts). */
export const installmentPuts = (
  invoice: InvoiceAttributes,
  installments: readonly Installment[],
): TransactItem[] =>
  installments.map((x) => ({ Put: { TableName: tableName, Item: installmentItem(invoice, x) } }));

const draftOnlyFields = ['lines', 'installments', 'priceListId', 'note'] as const;

/**
 * Edits a draft (lines, schedule, contact, owner, note), or the billing contact and owner of an
 * issued invoice (its installments' index items follow in the same transaction).
 */
export const updateInvoice = async (
  principal: Principal,
  id: string,
  body: unknown,
): Promise<InvoiceItem> => {
  requireInvoiceWriter(principal);
  const input = parseInput(updateInvoiceSchema, body);
  const current = await readInvoice(id);
  await requireCompanyEditor(principal, current.companyId);
  if (current.version !== input.expectedVersion) throw new StaleVersion('invoice', id, current.version);
  if (current.status === 'cancelled') throw new Conflict('This invoice is cancelled: it cannot be changed.');
  const draft = current.status === 'draft';
  if (!draft) {
    const fixed = draftOnlyFields.filter((f) => input[f] !== undefined);
    if (fixed.length > 0)
      throw new ValidationFailed(
        fixed.map((field) => ({
          field,
          message:
            'cannot be changed once the invoice is issued (only the billing contact and the owner can)',
        })),
      );
  }
  if (input.ownerId !== undefined && !canReassign(principal, current, input.ownerId))
    throw new Forbidden('Only a sales manager or an administrator may hand an invoice to another manager.');

  const changes: Record<string, unknown> = {};
  if (input.ownerId !== undefined) changes.ownerId = input.ownerId;
  if (input.billingContactId === null) {
    changes.billingContactId = undefined;
    changes.billingContactName = undefined;
  } else if (input.billingContactId !== undefined) {
    const contact = await billingContact(current.companyId, input.billingContactId);
    changes.billingContactId = contact.id;
    changes.billingContactName = fullName(contact);
  }
  if (draft) {
    const tenant = tenantConfig();
    if (input.note !== undefined) changes.note = input.note ?? undefined;
    let totals = current.totals;
    if (input.lines !== undefined) {
      const priceListId = input.priceListId ?? current.priceListId;
      const lines = await priceLines(input.lines, current.currency, priceListId);
      totals = invoiceTotals(lines, current.currency);
      changes.lines = lines;
      changes.totals = totals;
      changes.priceListId = lines.some((l) => l.productId) ? priceListId : undefined;
    } else if (input.priceListId !== undefined && current.lines.some((l) => l.productId))
      throw fieldError('lines', 'are required with a new price list: the lines are priced from it');
    const installments = input.installments ? toInstallments(input.installments) : current.installments;
    if (input.installments) changes.installments = installments;
    if (installments.length > 0)
      requireValidSchedule(installments, totals.gross, current.currency, tenant.locale);
  }
  const after = { ...current, ...changes } as InvoiceItem;
  const prepared = prepareInvoiceUpdate(principal, current, input.expectedVersion, changes, {
    action: 'updated',
    at: nowIso(),
    extra: draft ? [] : installmentPuts(after, after.installments),
  });
  return writeInvoiceUpdate(current, prepared);
};

/**
 * Issues a draft: its number from the year's counter, today's date (the tenant's), the schedule
 * fixed (the draft's, or one installment due `defaultPaymentDays` later), and the installments'
 * index items opened — all in one transaction, retried when another issue took the number first.
 * The PDF is rendered and stored after it (rendered again on demand if that fails).
 */
export const issueInvoice = async (principal: Principal, id: string, body: unknown): Promise<InvoiceItem> => {
  requireInvoiceWriter(principal);
  const { expectedVersion } = parseInput(versionOnlySchema, body);
  const first = await readInvoice(id);
  await requireCompanyEditor(principal, first.companyId);
  const tenant = tenantConfig();
  const settings = await readReceivablesSettings();
  for (let attempt = 0; attempt < maxNumberingAttempts; attempt++) {
    const current = attempt === 0 ? first : await readInvoice(id);
    if (current.version !== expectedVersion) throw new StaleVersion('invoice', id, current.version);
    if (current.status !== 'draft')
      throw new Conflict(
        current.status === 'cancelled' ? 'This invoice is cancelled.' : 'This invoice is already issued.',
      );
    if (current.lines.length === 0 || current.totals.gross <= 0)
      throw fieldError('lines', 'an invoice needs lines with a total above 0 to be issued');
    const at = now();
    const issueDate = localDate(at, tenant.timezone);
    const installments = scheduleAtIssue(
      current.installments,
      current.totals.gross,
      issueDate,
      settings.defaultPaymentDays,
    );
    requireValidSchedule(installments, current.totals.gross, current.currency, current.locale, issueDate);
    const year = quoteYear(at, tenant.timezone);
    const counter = await db.send(
      new GetCommand({ TableName: tableName, Key: invoiceCounterKey(year), ConsistentRead: true }),
    );
    const last = Number(counter.Item?.last ?? 0);
    const number = formatInvoiceNumber(current.locale, year, last + 1);
    const changes = {
      status: 'issued',
      number,
      year,
      sequence: last + 1,
      issueDate,
      issuedAt: at.toISOString(),
      issuedBy: principal.userId,
      installments,
      nextDueDate: nextDueDateOf(installments),
    };
    const after = { ...current, ...changes } as InvoiceItem;
    // [invoice, audit, counter, installments…]: all or nothing.
    const prepared = prepareInvoiceUpdate(principal, current, expectedVersion, changes, {
      action: 'issued',
      at: at.toISOString(),
      facts: [{ field: 'total', to: { amount: current.totals.gross, currency: current.currency } }],
      extra: [advanceInvoiceCounter(tableName, year, last), ...installmentPuts(after, installments)],
    });
    try {
      await transactWrite(prepared.items);
    } catch (error) {
      if (conditionFailedAt(error, 0)) throw new StaleVersion('invoice', id, undefined);
      if (!lostNumberRace(error, 2)) throw error;
      await sleep(retryDelayMs(attempt));
      continue;
    }
    await storeInvoicePdf(prepared.item).catch((error: unknown) =>
      logger.warn('the invoice PDF was not stored at issue; it is rendered on demand', {
        invoiceId: id,
        error: String(error),
      }),
    );
    return prepared.item;
  }
  throw new Conflict('Too many invoices are being issued at this moment; try again.');
};

/** Cancels a draft or an issued invoice with nothing paid; its installments leave the open set. */
export const cancelInvoice = async (
  principal: Principal,
  id: string,
  body: unknown,
): Promise<InvoiceItem> => {
  requireInvoiceManager(principal, 'cancel an invoice');
  const input = parseInput(cancelInvoiceSchema, body);
  const current = await readInvoice(id);
  if (current.version !== input.expectedVersion) throw new StaleVersion('invoice', id, current.version);
  if (current.status === 'cancelled') throw new Conflict('This invoice is already cancelled.');
  if (current.status !== 'draft' && (current.status !== 'issued' || current.paidTotal > 0))
    throw new Conflict('An invoice with payments cannot be cancelled: reverse its payments first.');
  const at = nowIso();
  const changes = {
    status: 'cancelled',
    cancelledAt: at,
    cancelledBy: principal.userId,
    cancelReason: input.reason,
    nextDueDate: undefined,
  };
  const after = { ...current, ...changes } as InvoiceItem;
  const closed = current.status === 'issued' ? installmentPuts(after, after.installments) : [];
  // Cancelled: the index items stay (history) but leave the open set.
  for (const put of closed) {
    const item = put.Put?.Item as Record<string, unknown>;
    delete item.gsi3pk;
    delete item.gsi3sk;
  }
  const prepared = prepareInvoiceUpdate(principal, current, input.expectedVersion, changes, {
    action: 'cancelled',
    at,
    extra: closed,
  });
  return writeInvoiceUpdate(current, prepared);
};

/** The name a letter greets: first name and patronymic in Russian, else the full name. */
const greetingName = (contact: ContactItem, locale: 'ru' | 'en'): string =>
  locale === 'ru' && contact.middleName ? `${contact.firstName} ${contact.middleName}` : fullName(contact);

/** Records the n-th send (once), with an audit entry on the company's and the contact's timelines. */
const markSent = async (
  principal: Principal,
  invoiceId: string,
  n: number,
  recipient: InvoiceRecipient,
): Promise<InvoiceItem> => {
  for (let attempt = 0; attempt < 10; attempt++) {
    const current = await readInvoice(invoiceId);
    if (current.sendCount >= n) return current;
    const prepared = prepareInvoiceUpdate(
      principal,
      current,
      current.version,
      { sendCount: n, sentAt: recipient.at, sentTo: [...current.sentTo, recipient] },
      {
        action: 'sent',
        at: recipient.at,
        contactId: recipient.contactId,
        facts: [{ field: 'to', to: recipient.email }],
      },
    );
    try {
      return await writeInvoiceUpdate(current, prepared);
    } catch (error) {
      // Paid or edited at the same moment: read it again and mark it.
      if (!(error instanceof StaleVersion)) throw error;
      await sleep(retryDelayMs(attempt));
    }
  }
  throw new Conflict('The invoice is being changed by someone else; try again.');
};

/**
 * E-mails the issued invoice with its PDF to its billing contact. Each explicit send is the n-th
 * (send record `invoice-send#<id>#<n>`): a retry after a timeout or a crash sends nothing twice and
 * still finishes marking the invoice; a later, deliberate send goes out again.
 */
export const sendInvoice = async (
  principal: Principal,
  id: string,
  body: unknown,
): Promise<{ invoice: InvoiceItem; email: SendOutcome['status'] }> => {
  requireInvoiceWriter(principal);
  const input = parseInput(sendInvoiceSchema, body ?? {});
  const invoice = await readInvoice(id);
  await requireCompanyEditor(principal, invoice.companyId);
  if (invoice.status === 'draft') throw new Conflict('Issue the invoice before sending it.');
  if (invoice.status === 'cancelled') throw new Conflict('This invoice is cancelled.');
  if (!invoice.billingContactId)
    throw fieldError('billingContactId', 'is required to send the invoice: choose the billing contact first');
  const contact = await billingContact(invoice.companyId, invoice.billingContactId);
  const to = contact.emails[0]?.value;
  if (!to) throw fieldError('billingContactId', 'has no e-mail address');
  const sender = await readProfile(principal.userId);
  const mail = renderInvoiceEmail(invoice, {
    greetingName: greetingName(contact, invoice.locale),
    signature: [sender?.name, sender?.email, invoice.seller.name].filter((s): s is string => Boolean(s)),
    ...(input.subject ? { subject: input.subject } : {}),
    ...(input.message ? { message: input.message } : {}),
  });
  const n = invoice.sendCount + 1;
  const pdf = await invoicePdf(invoice);
  let outcome: SendOutcome;
  try {
    outcome = await sendEmailOnce(invoiceSendKey(id, n), {
      to,
      ...mail,
      attachments: [
        { fileName: invoiceFileName(invoice.number as string), contentType: pdfContentType, content: pdf },
      ],
    });
  } catch (error) {
    if (error instanceof SendInProgress)
      throw new Conflict('This invoice is being sent right now; try again in a few minutes.');
    throw error;
  }
  const marked = await markSent(principal, id, n, { contactId: contact.id, email: to, at: nowIso() });
  return { invoice: marked, email: outcome.status };
};
