// The timeline entries an event makes (pure; projection.ts writes them): an audit entry on its
// record's timeline and on the related records' (a contact's company, a file's record); a
// note at its date on each of its records', with hidden tombstones where it no longer is.
import type { z } from 'zod';
import type { auditRecordedV1 } from '../../../events/schemas/audit.ts';
import type { noteCreatedV1 } from '../../../events/schemas/notes.ts';
import { type RecordRef, recordTypes, uniqueRefs } from '../records/record-kinds.ts';
import {
  auditSourceId,
  noteSourceId,
  type TimelineEntryItem,
  timelineEntryKey,
} from './timeline-entry.entity.ts';

export type AuditRecorded = z.infer<typeof auditRecordedV1.schema>;
export type NoteSnapshot = z.infer<typeof noteCreatedV1.schema>['note'];

const isRecordRef = (ref: { type: string; id: string }): ref is RecordRef =>
  (recordTypes as readonly string[]).includes(ref.type);

/** The timelines an audit entry appears on: its record's, and the related records'. */
export const auditTimelines = (d: AuditRecorded): RecordRef[] =>
  uniqueRefs([{ type: d.subject, id: d.subjectId }, ...(d.relatedTo ?? [])].filter(isRecordRef));

export const auditEntry = (d: AuditRecorded, on: RecordRef): TimelineEntryItem => {
  const at = d.effectiveAt ?? d.at;
  const sourceId = auditSourceId(d.entryId);
  return {
    ...timelineEntryKey(on, at, sourceId),
    entity: 'timeline-entry',
    kind: 'audit',
    sourceId,
    // An audit entry never changes: every delivery writes the same thing.
    version: 1,
    at,
    recordedAt: d.at,
    actorId: d.actorId,
    backdated: d.backdated,
    subjects: [{ type: d.subject, id: d.subjectId }],
    action: d.action,
    auditSubject: d.subject,
    changes: d.changes,
    ...(d.changesOmitted ? { changesOmitted: true } : {}),
    ...(d.merge ? { merge: d.merge } : {}),
  };
};

export const noteTimelines = (note: Pick<NoteSnapshot, 'subjects' | 'alsoOn'>): RecordRef[] =>
  uniqueRefs([...note.subjects, ...note.alsoOn]);

/**
 * The entries a note event writes: the note at its date on each of its timelines (hidden
 * when deleted), and tombstones where it no longer is — at its previous date, and on the
 * records it left — so that an older, late event cannot bring it back there.
 */
export const noteEntries = (
  note: NoteSnapshot,
  recordedAt: string,
  change: { deleted?: boolean; previousAt?: string; previousSubjects?: readonly RecordRef[] } = {},
): TimelineEntryItem[] => {
  const sourceId = noteSourceId(note.noteId);
  const entry = (on: RecordRef, at: string, hidden: boolean): TimelineEntryItem => ({
    ...timelineEntryKey(on, at, sourceId),
    entity: 'timeline-entry',
    kind: 'note',
    sourceId,
    version: note.version,
    at,
    recordedAt,
    actorId: note.authorId,
    backdated: note.backdated,
    subjects: note.subjects,
    note: { id: note.noteId, text: note.text, authorId: note.authorId },
    ...(hidden ? { hidden: true } : {}),
  });
  const current = noteTimelines(note);
  const moved = change.previousAt !== undefined && change.previousAt !== note.at;
  return [
    ...current.map((on) => entry(on, note.at, change.deleted === true)),
    ...(moved ? current.map((on) => entry(on, change.previousAt as string, true)) : []),
    ...(change.previousSubjects ?? []).flatMap((on) => [
      entry(on, note.at, true),
      ...(moved ? [entry(on, change.previousAt as string, true)] : []),
    ]),
  ];
};
