// The receivables automation's steps on an invoice's audit trail (docs/invoices.md "Reminders,
// alerts, escalations", item 5): the daily run calls auditInvoiceStep after it has sent a
// reminder, an overdue alert or an escalation, and the entry reaches the company's timeline like
// every other invoice entry (rule `timeline-from-audit`). It sends nothing itself.
import { nowIso } from '../../lib/clock.ts';
import { conditionFailedAt, tableName } from '../../lib/dynamo.ts';
import type { AuditAction } from '../audit/audit.entity.ts';
import { auditPut, transactWrite } from '../mutations.ts';
import { installmentSuffix, invoiceKey } from './invoice.entity.ts';
import { invoiceRelated, readInvoice } from './invoices.ts';

export type InvoiceStep = 'reminder' | 'overdue' | 'escalation';

/** The audit action of each step: the timeline shows `invoice` + `reminder-sent` and so on. */
export const invoiceStepActions = {
  reminder: 'reminder-sent',
  overdue: 'overdue-alerted',
  escalation: 'escalated',
} as const satisfies Record<InvoiceStep, AuditAction>;

/** Who acts in the automation's entries. */
export const receivablesActor = 'system:receivables';

export type InvoiceStepDetails = {
  /** The installment's number (1..). */
  readonly n: number;
  /** Anything else worth showing, each becomes a change `{ field, to }`: dueDate, amount, recipients… */
  readonly [field: string]: unknown;
};

/** The guard that makes each step's entry appear once per installment (`INVOICE#<id>` / `STEP-AUDIT#<nn>#<step>`). */
export const stepAuditKey = (invoiceId: string, n: number, step: InvoiceStep) =>
  ({ pk: invoiceKey(invoiceId).pk, sk: `STEP-AUDIT#${installmentSuffix(n)}#${step}` }) as const;

/**
 * Writes the audit entry of a receivables step on the invoice (`invoice.reminder-sent`,
 * `invoice.overdue-alerted`, `invoice.escalated`), shaped like every other invoice entry: actor
 * `system:receivables`, the invoice's number and the installment, `details` as changes, the company
 * (and deal) as related records. At most once per invoice, installment and step: a guard item is
 * put in the same transaction, so a retried run writes nothing twice. Returns false when the
 * step was already audited. Throws NotFound for an unknown invoice.
 */
export const auditInvoiceStep = async (
  invoiceId: string,
  step: InvoiceStep,
  details: InvoiceStepDetails,
): Promise<boolean> => {
  const invoice = await readInvoice(invoiceId);
  const at = nowIso();
  const { n, ...rest } = details;
  try {
    await transactWrite([
      {
        Put: {
          TableName: tableName,
          Item: { ...stepAuditKey(invoiceId, n, step), entity: 'invoice-step-audit', invoiceId, n, step, at },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      auditPut({
        subject: 'invoice',
        subjectId: invoiceId,
        action: invoiceStepActions[step],
        actorId: receivablesActor,
        at,
        changes: [
          { field: 'number', to: invoice.number },
          { field: 'installment', to: n },
          ...Object.entries(rest).map(([field, to]) => ({ field, to })),
        ],
        relatedTo: invoiceRelated(invoice),
      }),
    ]);
    return true;
  } catch (error) {
    if (conditionFailedAt(error, 0)) return false;
    throw error;
  }
};
