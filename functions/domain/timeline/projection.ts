// The timeline projection (project-timeline): audit entries, notes and activities (calls,
// meetings, e-mails) become timeline entries of their records — and a contact's also of its
// company — keyed by their source, so a redelivered event rewrites the same entry. Notes and
// activities also move `lastActivityAt` of their records forward, and a company's rename
// refreshes its contacts' `companyName`.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../lib/dynamo.ts';
import { type ActivitySnapshot, activityFutureToleranceMs } from '../activities/activity.entity.ts';
import { refreshCompanyName } from '../contacts/contacts.ts';
import { type RecordRef, recordKinds, recordTypes } from '../records/record-kinds.ts';
import { touchActivity } from '../records/records.ts';
import { putEntryIfNewer } from './timeline.ts';
import {
  type AuditRecorded,
  activityEntries,
  auditEntry,
  auditTimelines,
  type NoteSnapshot,
  noteEntries,
  noteTimelines,
  type PlacementChange,
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

/**
 * An activity on each of its timelines (a deal's too: its type is just a name here). Calls,
 * e-mails and meetings that took place move `lastActivityAt` of the companies and contacts;
 * a meeting still ahead does not.
 */
export const projectActivity = async (
  activity: ActivitySnapshot,
  recordedAt: string,
  change: PlacementChange = {},
): Promise<void> => {
  for (const entry of activityEntries(activity, recordedAt, change)) await putEntryIfNewer(entry);
  // The stream dates its records to the second, so "ahead" allows for clocks a little apart.
  if (change.deleted || Date.parse(activity.at) > Date.parse(recordedAt) + activityFutureToleranceMs) return;
  for (const on of activity.timelines) {
    const type = recordTypes.find((t) => t === on.type);
    if (type) await touchActivity(recordKinds[type], on.id, activity.at);
  }
};
