// Timeline entries (Лента событий) of companies and contacts, projected from bus events by
// project-timeline: one entry per source (an audit entry, a note, an activity) per record, keyed
// `TL#<type>#<id>` / `<at>#<source>`, newest first. A redelivered event rewrites the same
// entry; an entry remembers its source's version so that an older event never overwrites a
// newer one, and a deleted or re-dated note leaves a hidden tombstone for the same reason.
import type { ActivitySnapshot } from '../activities/activity.entity.ts';
import type { AuditChange } from '../audit/audit.entity.ts';
import type { ItemKey } from '../mutations.ts';

export type TimelineRef = { readonly type: string; readonly id: string };

export const timelinePartition = (ref: TimelineRef) => `TL#${ref.type}#${ref.id}`;

export const timelineEntryKey = (ref: TimelineRef, at: string, sourceId: string) =>
  ({ pk: timelinePartition(ref), sk: `${at}#${sourceId}` }) as const;

export const auditSourceId = (entryId: string) => `audit#${entryId}`;
export const noteSourceId = (noteId: string) => `note#${noteId}`;
export const activitySourceId = (activityId: string) => `activity#${activityId}`;

export type TimelineEntryKind = 'audit' | 'note' | 'activity' | 'import';

export type TimelineEntryItem = ItemKey & {
  readonly entity: 'timeline-entry';
  readonly kind: TimelineEntryKind;
  readonly sourceId: string;
  /** The version of the source this entry shows. */
  readonly version: number;
  /** When it happened (a backdated entry sorts at its own date). */
  readonly at: string;
  /** When it was written. */
  readonly recordedAt: string;
  readonly actorId: string;
  readonly backdated: boolean;
  /** The records the source is about: the timeline's own record, or a contact of a company. */
  readonly subjects: readonly TimelineRef[];
  readonly action?: string;
  readonly auditSubject?: string;
  readonly changes?: readonly AuditChange[];
  readonly changesOmitted?: boolean;
  readonly merge?: { readonly survivorId: string; readonly duplicateId: string };
  readonly note?: { readonly id: string; readonly text: string; readonly authorId: string };
  /** A call, meeting or e-mail (kind `activity`): what the timeline shows of it. */
  readonly activity?: Omit<ActivitySnapshot, 'activityId' | 'timelines' | 'version' | 'backdated' | 'at'> & {
    readonly id: string;
  };
  /** The import that created the record (kind `import`): shown, never stored. */
  readonly import?: { readonly jobId: string; readonly fileName?: string };
  /** A tombstone: the source was deleted or moved to another date. Never listed. */
  readonly hidden?: boolean;
};

export type TimelineEntryView = Omit<TimelineEntryItem, 'pk' | 'sk' | 'entity' | 'hidden' | 'sourceId'> & {
  readonly id: string;
};

export const toTimelineEntryView = (item: TimelineEntryItem): TimelineEntryView => {
  const { pk: _pk, sk: _sk, entity: _entity, hidden: _hidden, sourceId, ...rest } = item;
  return { id: sourceId, ...rest };
};

/**
 * The entry that opens the history of an imported record: an import writes no audit entry per
 * record (it audits its batches), so the timeline says where the record came from, from the
 * record itself (`importJobId`, who created it and when) and the job's file name.
 */
export const importEntryView = (
  record: { readonly createdAt: string; readonly createdBy: string; readonly importJobId: string },
  subject: TimelineRef,
  fileName: string | undefined,
): TimelineEntryView => ({
  id: `import#${record.importJobId}`,
  kind: 'import',
  version: 1,
  at: record.createdAt,
  recordedAt: record.createdAt,
  actorId: record.createdBy,
  backdated: false,
  subjects: [subject],
  action: 'imported',
  import: { jobId: record.importJobId, ...(fileName ? { fileName } : {}) },
});

export const createMockTimelineEntry = (overrides: Partial<TimelineEntryItem> = {}): TimelineEntryItem => {
  const ref = { type: 'company', id: '01JCOMPANY0000000000000001' };
  const at = overrides.at ?? '2026-11-24T09:00:00.000Z';
  const sourceId = overrides.sourceId ?? noteSourceId('01JNOTE0000000000000000001');
  return {
    ...timelineEntryKey(ref, at, sourceId),
    entity: 'timeline-entry',
    kind: 'note',
    sourceId,
    version: 1,
    at,
    recordedAt: at,
    actorId: 'user-anna',
    backdated: false,
    subjects: [ref],
    note: { id: '01JNOTE0000000000000000001', text: 'Созвонились.', authorId: 'user-anna' },
    ...overrides,
  };
};
