// Audit entries: who changed which fields of which item, from what to what, and when.
// Each is written in the same transaction as the change it records. Entries of one item
// share a partition (`AUDIT#<entity>#<id>`), which spreads the audit of a busy tenant
// over as many partitions as it has items and lets a timeline read one item's history
// in order.
import { ulid } from 'ulid';

export type AuditAction = 'created' | 'updated' | 'deleted' | 'restored';

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
};

/** An entry is backdated when its fact is dated more than this before the write. */
export const backdatingToleranceMs = 5 * 60 * 1000;

export const auditKey = (subject: string, subjectId: string) => ({ pk: `AUDIT#${subject}#${subjectId}` });

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

const equal = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The fields whose value differs between two versions of an item, ignoring bookkeeping. */
export const diffFields = (
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  fields: readonly string[],
): AuditChange[] =>
  fields
    .filter((field) => !equal(before[field], after[field]))
    .map((field) => ({ field, from: before[field], to: after[field] }));
