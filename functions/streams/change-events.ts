// Which domain events a change to an item means, by the item's `entity`. The stream
// publisher asks this module; entities without an entry (audit entries, counters, send
// records) publish nothing. Details are checked against their contract before they leave.

import { notificationCreatedV1, userCreatedV1, userUpdatedV1 } from '../../events/catalog.ts';
import type { EventContract } from '../../events/contract.ts';
import { auditRecordedV1 } from '../../events/schemas/audit.ts';
import { dealLostV1, dealStageChangedV1, dealWonV1 } from '../../events/schemas/deals.ts';
import { noteCreatedV1, noteDeletedV1, noteUpdatedV1 } from '../../events/schemas/notes.ts';
import { mergeRelinkRequestedV1 } from '../../events/schemas/records.ts';
import { auditEntryId, auditSubjectOf } from '../domain/audit/audit.entity.ts';
import type { DealItem } from '../domain/deals/deal.entity.ts';
import { type NoteItem, toNoteSnapshot } from '../domain/notes/note.entity.ts';
import type { NotificationItem } from '../domain/notifications/notification.entity.ts';
import type { MergeJobItem } from '../domain/records/merge-job.entity.ts';
import { toUserSnapshot, type UserItem } from '../domain/users/user.entity.ts';
import { activityTaskMappers } from './activity-task-events.ts';
import { campaignMappers } from './campaign-events.ts';

export type Change = {
  readonly kind: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly newImage?: Record<string, unknown>;
  readonly oldImage?: Record<string, unknown>;
  /** When the change was written (from the stream record). */
  readonly at: string;
};

export type DomainEvent = { readonly contract: EventContract; readonly detail: unknown };

type Mapper = (change: Change) => DomainEvent[];

const bookkeeping = new Set(['version', 'updatedAt', 'updatedBy', 'pk', 'sk', 'entity']);

const changedFields = (before: Record<string, unknown> = {}, after: Record<string, unknown> = {}): string[] =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((f) => !bookkeeping.has(f) && !/^gsi\d+(pk|sk)$/.test(f))
    .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))
    .sort();

const user: Mapper = ({ kind, newImage, oldImage, at }) => {
  if (kind === 'INSERT' && newImage) {
    return [{ contract: userCreatedV1, detail: { user: toUserSnapshot(newImage as UserItem), at } }];
  }
  if (kind === 'MODIFY' && newImage) {
    const item = newImage as UserItem;
    return [
      {
        contract: userUpdatedV1,
        detail: {
          user: toUserSnapshot(item),
          changedFields: changedFields(oldImage, newImage),
          actorId: item.updatedBy,
          at,
        },
      },
    ];
  }
  return [];
};

const notification: Mapper = ({ kind, newImage, at }) => {
  if (kind !== 'INSERT' || !newImage) return [];
  const item = newImage as NotificationItem;
  return [
    {
      contract: notificationCreatedV1,
      detail: {
        notificationId: item.notificationId,
        userId: item.userId,
        kind: item.kind,
        email: item.email,
        at,
      },
    },
  ];
};

/** Above this, an audit event carries the changed field names only (EventBridge takes 256 KB). */
const maxChangesBytes = 32 * 1024;

const isIso = (v: unknown): v is string =>
  typeof v === 'string' && auditRecordedV1.schema.shape.at.safeParse(v).success;

/** The changes as an event carries them: whole when small, names only (or nothing) when not. */
export const eventChanges = (changes: unknown): { changes: unknown[]; changesOmitted: boolean } => {
  const list = (Array.isArray(changes) ? changes : []).filter(
    (c): c is { field: string } => typeof (c as { field?: unknown })?.field === 'string',
  );
  if (JSON.stringify(list).length <= maxChangesBytes) return { changes: list, changesOmitted: false };
  const names = list.map((c) => ({ field: c.field }));
  return { changes: JSON.stringify(names).length <= maxChangesBytes ? names : [], changesOmitted: true };
};

// Every audit entry, whoever wrote it, so built defensively: a malformed entry must not stop
// the stream, and a huge one (an import batch) must still fit on the bus.
const audit: Mapper = ({ kind, newImage, at }) => {
  if (kind !== 'INSERT' || !newImage) return [];
  const item = newImage;
  const fromKey = auditSubjectOf(String(item.pk ?? ''));
  const merge = item.merge as { survivorId?: unknown; duplicateId?: unknown } | undefined;
  return [
    {
      contract: auditRecordedV1,
      detail: {
        entryId: auditEntryId(String(item.sk ?? '')) || String(item.sk ?? 'unknown'),
        subject: typeof item.subject === 'string' && item.subject ? item.subject : fromKey.subject,
        subjectId: typeof item.subjectId === 'string' && item.subjectId ? item.subjectId : fromKey.subjectId,
        action: typeof item.action === 'string' && item.action ? item.action : 'recorded',
        actorId: String(item.actorId ?? ''),
        at: isIso(item.at) ? item.at : at,
        ...(isIso(item.effectiveAt) ? { effectiveAt: item.effectiveAt } : {}),
        backdated: item.backdated === true,
        ...eventChanges(item.changes),
        ...(Array.isArray(item.relatedTo) ? { relatedTo: item.relatedTo } : {}),
        ...(typeof merge?.survivorId === 'string' && typeof merge.duplicateId === 'string'
          ? { merge: { survivorId: merge.survivorId, duplicateId: merge.duplicateId } }
          : {}),
      },
    },
  ];
};

const refsOf = (n: NoteItem) => [...n.subjects, ...(n.alsoOn ?? [])];

const note: Mapper = ({ kind, newImage, oldImage, at }) => {
  if (!newImage) return [];
  const item = newImage as NoteItem;
  if (kind === 'INSERT') return [{ contract: noteCreatedV1, detail: { note: toNoteSnapshot(item), at } }];
  if (kind !== 'MODIFY' || !oldImage) return [];
  const before = oldImage as NoteItem;
  if (item.deletedAt && !before.deletedAt)
    return [{ contract: noteDeletedV1, detail: { note: toNoteSnapshot(item), actorId: item.updatedBy, at } }];
  if (item.deletedAt || item.version === before.version) return [];
  const now = refsOf(item);
  const left = refsOf(before).filter((r) => !now.some((n) => n.type === r.type && n.id === r.id));
  return [
    {
      contract: noteUpdatedV1,
      detail: {
        note: toNoteSnapshot(item),
        ...(before.at !== item.at ? { previousAt: before.at } : {}),
        ...(left.length ? { previousSubjects: left } : {}),
        actorId: item.updatedBy,
        at,
      },
    },
  ];
};

/** A merge job asks for its next slice each time it is written with a new slice number. */
const mergeJob: Mapper = ({ kind, newImage, oldImage, at }) => {
  const job = newImage as MergeJobItem | undefined;
  if (job?.status !== 'running') return [];
  if (kind === 'MODIFY' && (oldImage as MergeJobItem | undefined)?.slice === job.slice) return [];
  return [
    {
      contract: mergeRelinkRequestedV1,
      detail: {
        type: job.type,
        duplicateId: job.duplicateId,
        survivorId: job.survivorId,
        slice: job.slice,
        at,
      },
    },
  ];
};

const dealSnapshot = (d: DealItem) => ({
  dealId: d.id,
  title: d.title,
  companyId: d.companyId,
  ownerId: d.ownerId,
  pipelineId: d.pipelineId,
  stageId: d.stageId,
  value: { amount: d.value.amount, currency: d.value.currency },
  ...(d.source ? { source: d.source } : {}),
  version: d.version,
});

/** A deal's move to another stage, its win and its loss (a reopen moves it back: no event). */
const deal: Mapper = ({ kind, newImage, oldImage, at }) => {
  if (kind !== 'MODIFY' || !newImage || !oldImage) return [];
  const after = newImage as DealItem;
  const before = oldImage as DealItem;
  if (after.version === before.version) return [];
  const actorId = after.updatedBy;
  if (after.status !== before.status) {
    if (after.status === 'won')
      return [{ contract: dealWonV1, detail: { deal: dealSnapshot(after), actorId, at } }];
    if (after.status === 'lost')
      return [
        {
          contract: dealLostV1,
          detail: { deal: dealSnapshot(after), lostReason: after.lostReason ?? 'other', actorId, at },
        },
      ];
    return [];
  }
  if (after.status === 'open' && (after.stageId !== before.stageId || after.pipelineId !== before.pipelineId))
    return [
      {
        contract: dealStageChangedV1,
        detail: {
          deal: dealSnapshot(after),
          from: { pipelineId: before.pipelineId, stageId: before.stageId, enteredAt: before.stageEnteredAt },
          actorId,
          at,
        },
      },
    ];
  return [];
};

const mappers: Readonly<Record<string, Mapper>> = {
  deal,
  user,
  notification,
  audit,
  note,
  'merge-job': mergeJob,
  ...activityTaskMappers,
  ...campaignMappers,
};

export const eventsForChange = (change: Change): DomainEvent[] => {
  const entity = (change.newImage?.entity ?? change.oldImage?.entity) as string | undefined;
  const events = entity ? (mappers[entity]?.(change) ?? []) : [];
  // Producers check their own output: a detail that breaks its contract fails here, loudly.
  return events.map((e) => ({ contract: e.contract, detail: e.contract.schema.parse(e.detail) }));
};
