// The timeline projection (project-timeline): audit entries and notes become timeline
// entries of their records — and a contact's also of its company — keyed by their source,
// so a redelivered event rewrites the same entry. Notes also move `lastActivityAt` of their
// records forward, and a company's rename refreshes its contacts' `companyName`.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../lib/dynamo.ts';
import { refreshCompanyName } from '../contacts/contacts.ts';
import { type RecordRef, recordKinds } from '../records/record-kinds.ts';
import { touchActivity } from '../records/records.ts';
import { putEntryIfNewer } from './timeline.ts';
import {
  type AuditRecorded,
  auditEntry,
  auditTimelines,
  type NoteSnapshot,
  noteEntries,
  noteTimelines,
} from './timeline-entries.ts';

export const projectAudit = async (d: AuditRecorded): Promise<void> => {
  for (const on of auditTimelines(d))
    await db.send(new PutCommand({ TableName: tableName, Item: auditEntry(d, on) }));
  if (d.subject === 'company' && d.changes.some((c) => c.field === 'name'))
    await refreshCompanyName(d.subjectId);
};

export const projectNote = async (
  note: NoteSnapshot,
  recordedAt: string,
  change: { deleted?: boolean; previousAt?: string; previousSubjects?: readonly RecordRef[] } = {},
): Promise<void> => {
  for (const entry of noteEntries(note, recordedAt, change)) await putEntryIfNewer(entry);
  if (change.deleted) return;
  for (const on of noteTimelines(note)) await touchActivity(recordKinds[on.type], on.id, note.at);
};
