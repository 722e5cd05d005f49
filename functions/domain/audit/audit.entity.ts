// Audit entries: who changed which fields of which item, from what to what, and when.
// Each is written in the same transaction as the change it records. Entries of one item
// share a partition (`AUDIT#<entity>#<id>`), which spreads the audit of a busy tenant
// over as many partitions as it has items and lets a timeline read one item's history
// in order.
import { ulid } from 'ulid';

/**
 * `sent`: a document went out by e-mail (a quote to a contact, docs/quotes.md). An invoice's own
 * steps (docs/invoices.md): issued, a payment recorded or reversed, paid in full, cancelled, and
 * the receivables automation's reminder, overdue alert and escalation.
 */
export type AuditAction =
  | 'created'
  | 'updated'
  | 'deleted'
  | 'restored'
  | 'merged'
  | 'purged'
  | 'sent'
  | 'issued'
  | 'payment-recorded'
  | 'payment-reversed'
  | 'paid'
  | 'cancelled'
  | 'reminder-sent'
  | 'overdue-alerted'
  | 'escalated'
  // Marketing e-mail (docs/campaigns.md): a contact unsubscribed (or undid it), an address
  // suppressed after a bounce or complaint, a campaign paused by the sending-rate check.
  | 'unsubscribed'
  | 'resubscribed'
  | 'suppressed'
  | 'paused';

/** Another item the entry concerns: a contact's company, the record a file is attached to. */
export type AuditRef = { readonly type: string; readonly id: string };

export type AuditChange = { readonly field: string; readonly from?: unknown; readonly to?: unknown };

export type AuditEntry = {
  readonly subject: string;
  readonly subjectId: string;
  readonly action: AuditAction;
  readonly actorId: string;
  /** When the write happened. */
  readonly at: string;
  /** When the recorded fact happened, if the user dated it in the past. */
  readonly effectiveAt?: string;
  readonly backdated: boolean;
  readonly changes: readonly AuditChange[];
  /** Records whose timelines also show this entry (a contact's company, a file's record). */
  readonly relatedTo?: readonly AuditRef[];
  /** On both records of a merge: which one survived and which one went into it. */
  readonly merge?: { readonly survivorId: string; readonly duplicateId: string };
};

/** An entry is backdated when its fact is dated more than this before the write. */
export const backdatingToleranceMs = 5 * 60 * 1000;

export const auditKey = (subject: string, subjectId: string) => ({ pk: `AUDIT#${subject}#${subjectId}` });

/** The entry's own id: the ULID that ends its sort key. */
export const auditEntryId = (sk: string): string => sk.slice(sk.lastIndexOf('#') + 1);

/** Subject and id from an audit partition key (`AUDIT#<entity>#<id>`), for entries that lack them. */
export const auditSubjectOf = (pk: string): { subject: string; subjectId: string } => {
  const [, subject = 'unknown', ...id] = pk.split('#');
  return { subject, subjectId: id.join('#') || 'unknown' };
};

export const auditItem = (entry: Omit<AuditEntry, 'backdated'>) => {
  const backdated =
    entry.effectiveAt !== undefined &&
    Date.parse(entry.at) - Date.parse(entry.effectiveAt) > backdatingToleranceMs;
  return {
    ...auditKey(entry.subject, entry.subjectId),
    sk: `${entry.at}#${ulid()}`,
    entity: 'audit',
    ...entry,
    backdated,
  };
};

/** JSON with object keys sorted: DynamoDB does not keep the key order of a map. */
export const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

const equal = (a: unknown, b: unknown): boolean => stableJson(a) === stableJson(b);

/** The fields whose value differs between two versions of an item, ignoring bookkeeping. */
export const diffFields = (
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  fields: readonly string[],
): AuditChange[] =>
  fields
    .filter((field) => !equal(before[field], after[field]))
    .map((field) => ({ field, from: before[field], to: after[field] }));
