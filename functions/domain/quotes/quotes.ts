// Quotes (docs/quotes.md): made from a deal's lines by whoever may change the deal, numbered
// from the tenant's yearly counter in the same transaction as the quote's Put (so a failed
// write consumes no number and no two quotes share one), read by every role, printed as HTML,
// downloaded as a PDF from the files bucket, and e-mailed to a contact of the deal — once per
// quote and contact however often the request is retried. Creating and sending are audited
// with the deal's company and the contact as related records, which is how they reach those
// timelines (rule `timeline-from-audit`).
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { z } from 'zod';
import { now, nowIso } from '../../lib/clock.ts';
import { decodeBoundCursor, encodeBoundCursor } from '../../lib/cursor.ts';
import { db, tableName } from '../../lib/dynamo.ts';
import { tenantConfig } from '../../lib/env.ts';
import { Conflict, NotFound, StaleVersion, ValidationFailed } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { addDays, localDate } from '../../lib/time-zone.ts';
import { parseInput } from '../../lib/validation.ts';
import type { AuditRef } from '../audit/audit.entity.ts';
import type { ContactItem } from '../contacts/contact.entity.ts';
import { fullName } from '../contacts/contact.entity.ts';
import type { DealItem } from '../deals/deal.entity.ts';
import { readDeal } from '../deals/deals.ts';
import { SendInProgress, type SendOutcome, sendEmailOnce } from '../email/send-once.ts';
import { createVersioned, updateVersioned } from '../mutations.ts';
import { readPriceList } from '../products/catalogue.ts';
import { requireEditor, requireRecordReader, requireRecordWriter } from '../records/access.ts';
import { companyKind, contactKind } from '../records/record-kinds.ts';
import { readRecord } from '../records/records.ts';
import { readProfile } from '../users/profiles.ts';
import { lineTotals } from './line-math.ts';
import {
  auditedQuoteFields,
  createQuoteSchema,
  dealQuotesPartition,
  defaultValidityDays,
  type QuoteAttributes,
  type QuoteItem,
  type QuoteRecipient,
  quoteCounterKey,
  quoteFileName,
  quoteIndexKeys,
  quoteKey,
  sendQuoteSchema,
} from './quote.entity.ts';
import { renderQuoteEmail } from './quote-email.ts';
import { pdfContentType, quotePdf } from './quote-files.ts';
import {
  advanceCounter,
  formatQuoteNumber,
  lostNumberRace,
  maxNumberingAttempts,
  quoteNumberPrefixes,
  quoteYear,
  retryDelayMs,
} from './quote-number.ts';

export const readQuote = async (id: string): Promise<QuoteItem> => {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: quoteKey(id), ConsistentRead: true }),
  );
  if (!Item) throw new NotFound('quote', id);
  return Item as QuoteItem;
};

export const getQuote = async (principal: Principal, id: string): Promise<QuoteItem> => {
  requireRecordReader(principal);
  return readQuote(id);
};

/** The deal of a quote, with the check that the caller may change it (make and send its quotes). */
const dealForEditing = async (principal: Principal, dealId: string): Promise<DealItem> => {
  requireRecordWriter(principal, 'deals');
  const deal = await readDeal(dealId);
  requireEditor(principal, deal, 'deal');
  return deal;
};

/** One of the deal's contacts, or a 400 on `contactId`. */
const dealContact = async (deal: DealItem, contactId: string): Promise<ContactItem> => {
  const refuse = (message: string) => new ValidationFailed([{ field: 'contactId', message }]);
  if (!deal.contacts.some((c) => c.contactId === contactId)) throw refuse('is not a contact of this deal');
  const contact = (await readRecord(contactKind, contactId).catch(() => undefined)) as
    | ContactItem
    | undefined;
  if (!contact) throw refuse('is not a contact of this organisation (or it was deleted)');
  return contact;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const createQuote = async (
  principal: Principal,
  dealId: string,
  body: unknown,
): Promise<QuoteItem> => {
  const deal = await dealForEditing(principal, dealId);
  const input = parseInput(createQuoteSchema, body);
  if (!deal.lines?.length || !deal.priceListId)
    throw new Conflict('This deal has no product lines yet: add them before making a quote.');
  const tenant = tenantConfig();
  const at = now();
  const issuedOn = localDate(at, tenant.timezone);
  const validUntil = input.validUntil ?? addDays(issuedOn, defaultValidityDays);
  if (validUntil < issuedOn)
    throw new ValidationFailed([{ field: 'validUntil', message: `must not be before today (${issuedOn})` }]);
  const [contact, company, priceList, profile] = await Promise.all([
    input.contactId ? dealContact(deal, input.contactId) : undefined,
    readRecord(companyKind, deal.companyId).catch(() => undefined),
    readPriceList(deal.priceListId).catch(() => undefined),
    readProfile(principal.userId),
  ]);
  const year = quoteYear(at, tenant.timezone);
  const createdAt = at.toISOString();
  const relatedTo: AuditRef[] = [
    { type: 'company', id: deal.companyId },
    ...(contact ? [{ type: 'contact', id: contact.id }] : []),
    { type: 'deal', id: deal.id },
  ];
  const content = {
    dealId: deal.id,
    dealTitle: deal.title,
    ownerId: deal.ownerId,
    company: {
      id: deal.companyId,
      name: String(company?.name ?? deal.companyName),
      ...(company?.inn ? { inn: String(company.inn) } : {}),
      ...(company?.kpp ? { kpp: String(company.kpp) } : {}),
    },
    ...(contact ? { contact: { id: contact.id, name: fullName(contact) } } : {}),
    seller: { name: tenant.name },
    preparedBy: {
      userId: principal.userId,
      ...(profile?.name ? { name: profile.name } : {}),
      ...(profile?.email ? { email: profile.email } : {}),
    },
    priceListId: deal.priceListId,
    priceListName: priceList?.name ?? deal.priceListId,
    currency: deal.value.currency,
    lines: deal.lines,
    totals: lineTotals(deal.lines, deal.value.currency),
    issuedOn,
    validUntil,
    ...(input.note ? { note: input.note } : {}),
    locale: tenant.locale,
    status: 'draft' as const,
    sentTo: [],
  };
  for (let attempt = 0; attempt < maxNumberingAttempts; attempt++) {
    const counter = await db.send(
      new GetCommand({ TableName: tableName, Key: quoteCounterKey(year), ConsistentRead: true }),
    );
    const last = Number(counter.Item?.last ?? 0);
    const id = ulid();
    const attributes: QuoteAttributes = {
      id,
      number: formatQuoteNumber(quoteNumberPrefixes[tenant.locale], year, last + 1),
      year,
      sequence: last + 1,
      ...content,
    };
    try {
      // [quote, audit, counter]: all or nothing.
      const { item } = await createVersioned(
        { entity: 'quote', id },
        quoteKey(id),
        { ...attributes, ...quoteIndexKeys({ id, dealId: deal.id, createdAt }) },
        principal.userId,
        {
          at: createdAt,
          auditedFields: [...auditedQuoteFields],
          audit: { relatedTo },
          extra: [advanceCounter(tableName, year, last)],
        },
      );
      return item as unknown as QuoteItem;
    } catch (error) {
      if (!lostNumberRace(error, 2)) throw error;
      await sleep(retryDelayMs(attempt));
    }
  }
  throw new Conflict('Too many quotes are being numbered at this moment; try again.');
};

export const dealQuotesQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2000).optional(),
  })
  .strict();

/** A deal's quotes, newest first. */
export const listDealQuotes = async (principal: Principal, dealId: string, query: unknown) => {
  requireRecordReader(principal);
  const q = parseInput(dealQuotesQuerySchema, query);
  await readDeal(dealId);
  const pk = dealQuotesPartition(dealId);
  const scope = JSON.stringify({ index: 'gsi4', pk });
  const start = q.cursor
    ? decodeBoundCursor(q.cursor, {
        scope,
        keyAttributes: ['pk', 'sk', 'gsi4pk', 'gsi4sk'],
        check: (k) => k.gsi4pk === pk,
      })
    : undefined;
  const page = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ScanIndexForward: false,
      Limit: q.limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  const last = page.LastEvaluatedKey as Record<string, string> | undefined;
  return {
    items: (page.Items ?? []) as QuoteItem[],
    ...(last ? { nextCursor: encodeBoundCursor(last, scope) } : {}),
  };
};

/** The name a letter greets: first name and patronymic in Russian, else the full name. */
const greetingName = (contact: ContactItem, locale: 'ru' | 'en'): string =>
  locale === 'ru' && contact.middleName ? `${contact.firstName} ${contact.middleName}` : fullName(contact);

/** Records the quote as sent to `recipient` (once), with an audit entry on the related timelines. */
const markSent = async (
  principal: Principal,
  quoteId: string,
  recipient: QuoteRecipient,
  relatedTo: readonly AuditRef[],
): Promise<QuoteItem> => {
  for (let attempt = 0; attempt < 10; attempt++) {
    const current = await readQuote(quoteId);
    if (current.sentTo.some((r) => r.contactId === recipient.contactId)) return current;
    try {
      return await updateVersioned<QuoteItem>(
        { entity: 'quote', id: quoteId },
        quoteKey(quoteId),
        current.version,
        { status: 'sent', sentAt: current.sentAt ?? recipient.at, sentTo: [...current.sentTo, recipient] },
        principal.userId,
        {
          current,
          at: recipient.at,
          action: 'sent',
          auditedFields: ['status', 'sentTo'],
          audit: { relatedTo },
        },
      );
    } catch (error) {
      // Sent to another contact at the same moment: read it again and add ours.
      if (!(error instanceof StaleVersion)) throw error;
      await sleep(retryDelayMs(attempt));
    }
  }
  throw new Conflict('The quote is being changed by someone else; try again.');
};

/**
 * E-mails the quote with its PDF to a contact of its deal and marks it sent. The e-mail is
 * keyed by (quote, contact): a retry after a timeout or a crash sends nothing twice and still
 * finishes marking the quote.
 */
export const sendQuote = async (
  principal: Principal,
  quoteId: string,
  body: unknown,
): Promise<{ quote: QuoteItem; email: SendOutcome['status'] }> => {
  requireRecordWriter(principal, 'deals');
  const input = parseInput(sendQuoteSchema, body);
  const quote = await readQuote(quoteId);
  const deal = await dealForEditing(principal, quote.dealId).catch((error) => {
    if (error instanceof NotFound) throw new Conflict('The deal of this quote was deleted.');
    throw error;
  });
  const contact = await dealContact(deal, input.contactId);
  const to = contact.emails[0]?.value;
  if (!to) throw new ValidationFailed([{ field: 'contactId', message: 'has no e-mail address' }]);
  const mail = renderQuoteEmail(quote, {
    greetingName: greetingName(contact, quote.locale),
    ...(input.subject ? { subject: input.subject } : {}),
    ...(input.message ? { message: input.message } : {}),
  });
  const pdf = await quotePdf(quote);
  let outcome: SendOutcome;
  try {
    outcome = await sendEmailOnce(`quote#${quote.id}#${contact.id}`, {
      to,
      ...mail,
      attachments: [{ fileName: quoteFileName(quote.number), contentType: pdfContentType, content: pdf }],
    });
  } catch (error) {
    if (error instanceof SendInProgress)
      throw new Conflict('This quote is being sent to that contact right now; try again in a few minutes.');
    throw error;
  }
  const marked = await markSent(principal, quote.id, { contactId: contact.id, email: to, at: nowIso() }, [
    { type: 'company', id: quote.company.id },
    { type: 'contact', id: contact.id },
    { type: 'deal', id: quote.dealId },
  ]);
  return { quote: marked, email: outcome.status };
};
