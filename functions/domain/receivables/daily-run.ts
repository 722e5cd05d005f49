// The daily receivables run (schedule `receivables-daily` → run-receivables; docs/invoices.md
// "Reminders, alerts, escalations"). With `today` the tenant's local date of the run's moment:
// one Query of the open set (gsi3 `INSTALLMENTS#OPEN`, due on or before today + the reminder
// window, never a Scan); for each installment the steps due (steps.ts), minus those already
// marked, each performed at most once:
//   reminder   → an e-mail to the billing contact with the invoice's PDF (sendEmailOnce),
//   overdue    → an alert to the responsible manager (in-app, e-mailed: `email: true`),
//   escalation → the same alert to every sales manager,
// then an audit entry on the invoice (once; it reaches the company's timeline) and the step's
// marker `INVOICE#<id>` / `STEP#<nn>#<step>` (put if absent). The e-mail's send record and the
// notifications' dedupe items are keyed `receivables#<invoiceId>#<nn>#<step>`, so a run that
// fires twice, a retried handler or a crash between sending and marking never sends twice; a
// clock that jumped several days sends each missed step once, in order. Before each step the
// installment is read again (strongly consistent): one paid in full since the index was read gets
// nothing more.
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailed, tableName } from '../../lib/dynamo.ts';
import { tenantConfig } from '../../lib/env.ts';
import { logger } from '../../lib/logger.ts';
import { localDate } from '../../lib/time-zone.ts';
import { type ContactItem, contactKey, fullName } from '../contacts/contact.entity.ts';
import { SendInProgress, sendEmailOnce } from '../email/send-once.ts';
import { type InstallmentItem, type InvoiceItem, invoiceKey } from '../invoices/invoice.entity.ts';
import { auditInvoiceStep } from '../invoices/invoice-audit.ts';
import { invoicePdf, pdfContentType } from '../invoices/invoice-files.ts';
import { notify } from '../notifications/notifications.ts';
import type { ReceivablesSettings } from '../settings/receivables-settings.entity.ts';
import { readReceivablesSettings } from '../settings/receivables-settings.ts';
import { readProfile } from '../users/profiles.ts';
import { type RoleMember, usersInRole } from '../users/role-members.ts';
import { isStillOpen, listOpenInstallmentsDueBy, readInstallment } from './open-installments.ts';
import { type StepMarkerItem, stepDedupeKey, stepMarkerKey } from './receivables-step.entity.ts';
import { renderReminderEmail } from './reminder-email.ts';
import { daysPastDue, dueSteps, lookAheadDate, type ReceivablesStep } from './steps.ts';

const tenant = tenantConfig();
const actor = 'system:receivables';

/** Notification kinds of the alerts (notification-email.ts and the web app render them). */
export const alertKinds = { overdue: 'invoice-overdue', escalation: 'invoice-escalated' } as const;

export type RunSummary = {
  today: string;
  installments: number;
  performed: Record<ReceivablesStep, number>;
  alreadyDone: number;
  /** Steps that could not go out (no billing e-mail, no sales manager): tried again next run. */
  skipped: number;
  /** Installments paid in full or cancelled since the index was read. */
  closed: number;
};

const markersOf = async (invoiceId: string, n: number): Promise<Set<ReceivablesStep>> => {
  const prefix = stepMarkerKey(invoiceId, n, 'reminder').sk.slice(0, -'reminder'.length);
  const { Items } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': stepMarkerKey(invoiceId, n, 'reminder').pk, ':prefix': prefix },
      ConsistentRead: true,
    }),
  );
  return new Set(((Items ?? []) as StepMarkerItem[]).map((m) => m.step));
};

type Run = {
  readonly today: string;
  readonly settings: ReceivablesSettings;
  readonly at: string;
  /** The sales managers, asked of the user pool once per run, on the first escalation. */
  salesManagers?: Promise<RoleMember[]>;
};

type Performed = { recipients: string[]; details: Record<string, unknown> } | { skipped: string };

/** What is still owed on the installment, as money (what the audit entry states). */
const owedOn = (inst: InstallmentItem) => ({ amount: inst.amount - inst.paid, currency: inst.currency });

const readInvoice = async (invoiceId: string): Promise<InvoiceItem | undefined> =>
  (await db.send(new GetCommand({ TableName: tableName, Key: invoiceKey(invoiceId), ConsistentRead: true })))
    .Item as InvoiceItem | undefined;

const readContact = async (contactId: string): Promise<ContactItem | undefined> =>
  (await db.send(new GetCommand({ TableName: tableName, Key: contactKey(contactId), ConsistentRead: true })))
    .Item as ContactItem | undefined;

const remind = async (run: Run, inst: InstallmentItem, invoice: InvoiceItem): Promise<Performed> => {
  const contactId = invoice.billingContactId ?? inst.billingContactId;
  if (!contactId) return { skipped: 'the invoice has no billing contact' };
  const contact = await readContact(contactId);
  const to = contact && !contact.deletedAt ? contact.emails[0]?.value : undefined;
  if (!contact || !to) return { skipped: 'the billing contact has no e-mail address' };
  let pdf: Uint8Array | undefined;
  try {
    pdf = await invoicePdf(invoice);
  } catch (error) {
    // A reminder without its attachment is better than none: the contact has the invoice already.
    logger.error('the invoice PDF could not be attached to the reminder', {
      invoiceId: invoice.id,
      error: error as Error,
    });
  }
  const number = invoice.number ?? inst.number;
  const email = renderReminderEmail({
    locale: tenant.locale,
    // Addressed as a Russian letter is: by first name and patronymic («Ирина Сергеевна»), not
    // by the surname-first full name the lists show.
    contactName: [contact.firstName, contact.middleName].filter(Boolean).join(' ') || fullName(contact),
    sellerName: invoice.seller?.name ?? tenant.name,
    invoiceNumber: number,
    n: inst.n,
    installmentCount: invoice.installments.length,
    amount: inst.amount - inst.paid,
    currency: inst.currency,
    dueDate: inst.dueDate,
    today: run.today,
    withPdf: pdf !== undefined,
  });
  await sendEmailOnce(stepDedupeKey(inst.invoiceId, inst.n, 'reminder'), {
    to,
    ...email,
    ...(pdf
      ? { attachments: [{ fileName: `${number}.pdf`, contentType: pdfContentType, content: pdf }] }
      : {}),
  });
  return {
    recipients: [to],
    details: { amount: owedOn(inst), contactId, recipients: [to] },
  };
};

const alert = async (
  run: Run,
  step: 'overdue' | 'escalation',
  inst: InstallmentItem,
  invoice: InvoiceItem,
  userIds: readonly string[],
): Promise<Performed> => {
  if (userIds.length === 0) return { skipped: `nobody to alert (${step})` };
  const owner = step === 'escalation' ? await readProfile(invoice.ownerId) : undefined;
  const params: Record<string, string> = {
    invoiceId: inst.invoiceId,
    number: invoice.number ?? inst.number,
    n: String(inst.n),
    dueDate: inst.dueDate,
    amount: String(inst.amount - inst.paid),
    currency: inst.currency,
    companyId: invoice.companyId,
    companyName: invoice.company?.name ?? inst.companyName,
    ownerId: invoice.ownerId,
    daysOverdue: String(daysPastDue(inst.dueDate, run.today)),
    ...(owner ? { ownerName: owner.name || owner.email || invoice.ownerId } : {}),
  };
  for (const userId of userIds) {
    await notify(
      {
        userId,
        kind: alertKinds[step],
        params,
        link: `/invoices/${inst.invoiceId}`,
        email: true,
        dedupeKey: stepDedupeKey(inst.invoiceId, inst.n, step),
      },
      actor,
    );
  }
  return {
    recipients: [...userIds],
    details: { amount: owedOn(inst), recipients: [...userIds] },
  };
};

const perform = async (
  run: Run,
  step: ReceivablesStep,
  inst: InstallmentItem,
  invoice: InvoiceItem,
): Promise<Performed> => {
  if (step === 'reminder') return remind(run, inst, invoice);
  if (step === 'overdue') return alert(run, step, inst, invoice, [invoice.ownerId]);
  run.salesManagers ??= usersInRole('sales-manager');
  return alert(
    run,
    step,
    inst,
    invoice,
    (await run.salesManagers).map((m) => m.id),
  );
};

/** Puts the step's marker; false when it was there already (another run did the step). */
const mark = async (run: Run, inst: InstallmentItem, step: ReceivablesStep, recipients: string[]) => {
  const marker: StepMarkerItem = {
    ...stepMarkerKey(inst.invoiceId, inst.n, step),
    entity: 'receivables-step',
    invoiceId: inst.invoiceId,
    n: inst.n,
    step,
    dueDate: inst.dueDate,
    runDate: run.today,
    at: run.at,
    recipients,
  };
  try {
    await db.send(
      new PutCommand({ TableName: tableName, Item: marker, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
};

type InstallmentOutcome = {
  performed: ReceivablesStep[];
  alreadyDone: number;
  skipped: number;
  closed: boolean;
};

/** Performs the steps due today for one open installment, in order, each once. */
const processInstallment = async (run: Run, listed: InstallmentItem): Promise<InstallmentOutcome> => {
  const outcome: InstallmentOutcome = { performed: [], alreadyDone: 0, skipped: 0, closed: false };
  const due = dueSteps(listed.dueDate, run.today, run.settings);
  if (due.length === 0) return outcome;
  const markers = await markersOf(listed.invoiceId, listed.n);
  const pending = due.filter((step) => !markers.has(step));
  outcome.alreadyDone = due.length - pending.length;
  if (pending.length === 0) return outcome;

  const inst = await readInstallment(listed.invoiceId, listed.n);
  const invoice = await readInvoice(listed.invoiceId);
  if (!isStillOpen(inst) || !invoice || (invoice.status !== 'issued' && invoice.status !== 'partly_paid')) {
    outcome.closed = true;
    return outcome;
  }
  for (const step of pending) {
    const result = await perform(run, step, inst, invoice);
    if ('skipped' in result) {
      logger.warn('receivables step not performed', {
        invoiceId: inst.invoiceId,
        n: inst.n,
        step,
        reason: result.skipped,
      });
      outcome.skipped++;
      continue;
    }
    // Audited (once: auditInvoiceStep keeps a guard item) before the marker, so that a crash in
    // between leaves the step unmarked: the next run performs it again, which sends nothing new.
    await auditInvoiceStep(inst.invoiceId, step, { n: inst.n, dueDate: inst.dueDate, ...result.details });
    if (await mark(run, inst, step, result.recipients)) outcome.performed.push(step);
    else outcome.alreadyDone++;
  }
  return outcome;
};

/** The run at `at` (the moment of the schedule's event, lib/clock.ts `now()`). */
export const runReceivables = async (at: Date): Promise<RunSummary> => {
  const settings = await readReceivablesSettings();
  const run: Run = { today: localDate(at, tenant.timezone), at: at.toISOString(), settings };
  const summary: RunSummary = {
    today: run.today,
    installments: 0,
    performed: { reminder: 0, overdue: 0, escalation: 0 },
    alreadyDone: 0,
    skipped: 0,
    closed: 0,
  };
  let inProgress = 0;
  for await (const listed of listOpenInstallmentsDueBy(lookAheadDate(run.today, settings))) {
    summary.installments++;
    try {
      const outcome = await processInstallment(run, listed);
      for (const step of outcome.performed) summary.performed[step]++;
      summary.alreadyDone += outcome.alreadyDone;
      summary.skipped += outcome.skipped;
      if (outcome.closed) summary.closed++;
    } catch (error) {
      // Another run is sending this reminder right now: finish the others, then fail so that the
      // bus retries the run (by then the other sender has marked it sent).
      if (!(error instanceof SendInProgress)) throw error;
      inProgress++;
    }
  }
  if (inProgress > 0) throw new Error(`${inProgress} reminders were being sent by another run; retrying`);
  return summary;
};
