// The markers of the receivables automation (docs/invoices.md "Reminders, alerts, escalations"):
// one item per installment and step under the invoice, put with `attribute_not_exists(pk)` once
// the step's e-mail or alerts went out, so that a step is performed at most once however often
// the daily run fires. The keys of the e-mail send record and of the notifications' dedupe items
// are derived from the same triple, so a crash between sending and marking never sends twice.
import type { ReceivablesStep } from './steps.ts';

export const stepMarkerPrefix = 'STEP#';

export const stepMarkerKey = (invoiceId: string, n: number, step: ReceivablesStep) =>
  ({ pk: `INVOICE#${invoiceId}`, sk: `${stepMarkerPrefix}${String(n).padStart(2, '0')}#${step}` }) as const;

/** The key of the step's e-mail send record and of its notifications (`receivables#<invoiceId>#<nn>#<step>`). */
export const stepDedupeKey = (invoiceId: string, n: number, step: ReceivablesStep) =>
  `receivables#${invoiceId}#${String(n).padStart(2, '0')}#${step}`;

export type StepMarkerItem = {
  readonly pk: string;
  readonly sk: string;
  readonly entity: 'receivables-step';
  readonly invoiceId: string;
  readonly n: number;
  readonly step: ReceivablesStep;
  readonly dueDate: string;
  /** The tenant's local date of the run that performed it. */
  readonly runDate: string;
  readonly at: string;
  /** Who was told: the billing contact's e-mail, or the users alerted. */
  readonly recipients: readonly string[];
};
