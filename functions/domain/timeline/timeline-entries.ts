// The timeline entries an event makes (pure; projection.ts writes them): an audit entry on its
// record's timeline and on the related records' (a contact's company, a file's record); a
// note or an activity at its date on each of its timelines, with hidden tombstones where it
// no longer is.
import type { z } from 'zod';
import type { auditRecordedV1 } from '../../../events/schemas/audit.ts';
import type { noteCreatedV1 } from '../../../events/schemas/notes.ts';
import { type ActivitySnapshot, linkedRecords } from '../activities/activity.entity.ts';
import { type RecordRef, recordTypes, uniqueRefs } from '../records/record-kinds.ts';
import {
  activitySourceId,
  auditSourceId,
  noteSourceId,
  type TimelineEntryItem,
  type TimelineRef,
  timelineEntryKey,
} from './timeline-entry.entity.ts';

export type AuditRecorded = z.infer<typeof auditRecordedV1.schema>;
export type NoteSnapshot = z.infer<typeof noteCreatedV1.schema>['note'];

/** What has a timeline: companies and contacts, and deals (their own changes and activities). */
export const timelineTypes = [...recordTypes, 'deal'] as const;

const hasTimeline = (ref: { type: string; id: string }): ref is TimelineRef =>
  (timelineTypes as readonly string[]).includes(ref.type);

/** The timelines an audit entry appears on: its record's, and the related records'. */
export const auditTimelines = (d: AuditRecorded): TimelineRef[] =>
  uniqueRefs(
    [{ type: d.subject, id: d.subjectId }, ...(d.relatedTo ?? [])].filter(hasTimeline) as RecordRef[],
  );

export const auditEntry = (d: AuditRecorded, on: TimelineRef): TimelineEntryItem => {
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

/** Where a source was before a change: its previous date, the timelines it left, whether it is gone. */
export type PlacementChange = {
  readonly deleted?: boolean;
  readonly previousAt?: string;
  readonly previousTimelines?: readonly TimelineRef[];
};

/**
 * The entries of a source dated `at` on each of `timelines` (hidden when deleted), and
 * tombstones where it no longer is — at its previous date, and on the timelines it left — so
 * that an older, late event cannot bring it back there. Notes and activities alike.
 */
export const placedEntries = (
  entry: (on: TimelineRef, at: string, hidden: boolean) => TimelineEntryItem,
  timelines: readonly TimelineRef[],
  at: string,
  change: PlacementChange = {},
): TimelineEntryItem[] => {
  const moved = change.previousAt !== undefined && change.previousAt !== at;
  return [
    ...timelines.map((on) => entry(on, at, change.deleted === true)),
    ...(moved ? timelines.map((on) => entry(on, change.previousAt as string, true)) : []),
    ...(change.previousTimelines ?? []).flatMap((on) => [
      entry(on, at, true),
      ...(moved ? [entry(on, change.previousAt as string, true)] : []),
    ]),
  ];
};

/** The entries a note event writes (see placedEntries). */
export const noteEntries = (
  note: NoteSnapshot,
  recordedAt: string,
  change: { deleted?: boolean; previousAt?: string; previousSubjects?: readonly RecordRef[] } = {},
): TimelineEntryItem[] => {
  const sourceId = noteSourceId(note.noteId);
  return placedEntries(
    (on, at, hidden) => ({
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
    }),
    noteTimelines(note),
    note.at,
    {
      ...(change.deleted ? { deleted: true } : {}),
      ...(change.previousAt ? { previousAt: change.previousAt } : {}),
      ...(change.previousSubjects ? { previousTimelines: change.previousSubjects } : {}),
    },
  );
};

/** The entries an activity event writes: on every timeline of the activity (see placedEntries). */
export const activityEntries = (
  activity: ActivitySnapshot,
  recordedAt: string,
  change: PlacementChange = {},
): TimelineEntryItem[] => {
  const sourceId = activitySourceId(activity.activityId);
  const { timelines: _timelines, version: _version, backdated: _backdated, at: _at, ...shown } = activity;
  const { activityId, ...details } = shown;
  return placedEntries(
    (on, at, hidden) => ({
      ...timelineEntryKey(on, at, sourceId),
      entity: 'timeline-entry',
      kind: 'activity',
      sourceId,
      version: activity.version,
      at,
      recordedAt,
      actorId: activity.authorId,
      backdated: activity.backdated,
      subjects: linkedRecords(activity),
      activity: { id: activityId, ...details },
      ...(hidden ? { hidden: true } : {}),
    }),
    activity.timelines,
    activity.at,
    change,
  );
};
