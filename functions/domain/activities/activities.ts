// Calls, meetings and e-mails: logged by whoever may log activities on each of their records
// (as notes: support included), changed and deleted by their author or a manager, every change
// versioned and audited (a backdated one marked). Timelines follow through activity.*.v1
// events; a meeting's staff participants get attendee items for their calendar feeds, written
// in the same transaction as the meeting.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { now, nowIso } from '../../lib/clock.ts';
import { db, tableName } from '../../lib/dynamo.ts';
import { Forbidden, NotFound, StaleVersion, ValidationFailed } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import { backdatingToleranceMs } from '../audit/audit.entity.ts';
import { readDeal } from '../deals/deals.ts';
import { createVersioned, type TransactItem, updateVersioned } from '../mutations.ts';
import {
  canLogActivities,
  canLogActivity,
  canManageActivity,
  requireRecordReader,
} from '../records/access.ts';
import { companyKind, contactKind, type RecordItem, type RecordRef } from '../records/record-kinds.ts';
import { readRecord } from '../records/records.ts';
import {
  type ActivityItem,
  activityFutureToleranceMs,
  activityKey,
  attendeeKey,
  auditedActivityFields,
  type CallDetails,
  createActivitySchema,
  type EmailDetails,
  type MeetingDetails,
  maxMeetingMs,
  meetingAttendeeItems,
  type TimelineTarget,
  updateActivitySchemas,
} from './activity.entity.ts';

/** How long a deleted activity stays readable in the table before TTL removes it. */
const deletedActivityTtlDays = 30;

type Links = { companyId?: string; contactIds: readonly string[]; dealId?: string };

const isBackdated = (at: string, writtenAt: string): boolean =>
  Date.parse(writtenAt) - Date.parse(at) > backdatingToleranceMs;

const sameTarget = (a: TimelineTarget, b: TimelineTarget) => a.type === b.type && a.id === b.id;
const uniqueTargets = (list: readonly TimelineTarget[]) =>
  list.filter((t, i) => list.findIndex((u) => sameTarget(t, u)) === i);

/** Calls and e-mails happened; only a meeting may lie ahead. */
const checkWhen = (kind: ActivityItem['kind'], at: string, endAt?: string): void => {
  if (kind !== 'meeting') {
    if (Date.parse(at) > now().getTime() + activityFutureToleranceMs)
      throw new ValidationFailed([{ field: 'at', message: 'must not be in the future' }]);
    return;
  }
  const length = Date.parse(endAt ?? at) - Date.parse(at);
  if (length <= 0) throw new ValidationFailed([{ field: 'endAt', message: 'must be after startAt' }]);
  if (length > maxMeetingMs)
    throw new ValidationFailed([{ field: 'endAt', message: 'at most 14 days after startAt' }]);
};

/**
 * Reads the linked records (404 for a missing or deleted one), checks that the caller may log
 * activities on each, and returns the timelines that show the activity: its company, its
 * contacts and their companies, and its deal (which must exist: 400 on `dealId` otherwise).
 */
const resolveTimelines = async (principal: Principal, links: Links): Promise<TimelineTarget[]> => {
  if (!links.companyId && links.contactIds.length === 0)
    throw new ValidationFailed([{ field: 'companyId', message: 'name a company or at least one contact' }]);
  const records: RecordItem[] = await Promise.all([
    ...(links.companyId ? [readRecord(companyKind, links.companyId)] : []),
    ...links.contactIds.map((id) => readRecord(contactKind, id)),
  ]);
  for (const record of records)
    if (!canLogActivity(principal, record))
      throw new Forbidden('Your role may not log activities on this record.');
  if (links.dealId)
    await readDeal(links.dealId).catch(() => {
      throw new ValidationFailed([{ field: 'dealId', message: 'is not a deal of this organisation' }]);
    });
  return uniqueTargets([
    ...(links.companyId ? [{ type: 'company', id: links.companyId }] : []),
    ...links.contactIds.map((id) => ({ type: 'contact', id })),
    ...records.flatMap((r) =>
      r.entity === 'contact' && r.companyId ? [{ type: 'company', id: r.companyId }] : [],
    ),
    ...(links.dealId ? [{ type: 'deal', id: links.dealId }] : []),
  ]);
};

/** Attendee items to put and to delete so that they match the meeting as it will be. */
const attendeeWrites = (before: ActivityItem | undefined, after: ActivityItem): TransactItem[] => {
  const keep = meetingAttendeeItems(after);
  const gone = (before?.meeting?.staffIds ?? []).filter((id) => !keep.some((k) => k.userId === id));
  return [
    ...keep.map((Item) => ({ Put: { TableName: tableName, Item } })),
    ...gone.map((userId) => ({ Delete: { TableName: tableName, Key: attendeeKey(after.id, userId) } })),
  ];
};

export const createActivity = async (principal: Principal, body: unknown): Promise<ActivityItem> => {
  requireRecordReader(principal);
  if (!canLogActivities(principal)) throw new Forbidden('Your role may read activities but not log them.');
  const input = parseInput(createActivitySchema, body);
  const writtenAt = nowIso();
  const at = input.kind === 'meeting' ? input.startAt : (input.at ?? writtenAt);
  checkWhen(input.kind, at, input.kind === 'meeting' ? input.endAt : undefined);
  const links: Links = {
    ...(input.companyId ? { companyId: input.companyId } : {}),
    contactIds: input.contactIds ?? [],
    ...(input.dealId ? { dealId: input.dealId } : {}),
  };
  const timelines = await resolveTimelines(principal, links);
  const id = ulid();
  const details =
    input.kind === 'call'
      ? {
          call: {
            direction: input.direction,
            durationSeconds: input.durationSeconds,
            outcome: input.outcome,
          },
          ...(input.notes ? { notes: input.notes } : {}),
        }
      : input.kind === 'meeting'
        ? {
            meeting: {
              title: input.title,
              endAt: input.endAt,
              ...(input.place ? { place: input.place } : {}),
              staffIds: input.staffIds ?? [principal.userId],
            },
            ...(input.notes ? { notes: input.notes } : {}),
          }
        : { email: { subject: input.subject, body: input.body, direction: input.direction } };
  const attributes = {
    id,
    kind: input.kind,
    ...links,
    timelines,
    at,
    authorId: principal.userId,
    backdated: isBackdated(at, writtenAt),
    ...details,
  };
  const stamped = {
    ...attributes,
    ...activityKey(id),
    entity: 'activity',
    version: 1,
    createdAt: writtenAt,
    createdBy: principal.userId,
    updatedAt: writtenAt,
    updatedBy: principal.userId,
  } as ActivityItem;
  const { item } = await createVersioned(
    { entity: 'activity', id },
    activityKey(id),
    attributes,
    principal.userId,
    {
      at: writtenAt,
      effectiveAt: at,
      auditedFields: auditedActivityFields,
      derived: attendeeWrites(undefined, stamped),
    },
  );
  return item as ActivityItem;
};

const readActivity = async (id: string): Promise<ActivityItem> => {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: activityKey(id), ConsistentRead: true }),
  );
  if (!Item || Item.deletedAt) throw new NotFound('activity', id);
  return Item as ActivityItem;
};

export const getActivity = async (principal: Principal, id: string): Promise<ActivityItem> => {
  requireRecordReader(principal);
  return readActivity(id);
};

const requireActivityManager = (principal: Principal, activity: ActivityItem): void => {
  if (!canManageActivity(principal, activity))
    throw new Forbidden('Only the author of an activity, a sales manager or an administrator may change it.');
};

/** `null` in the input clears; `undefined` keeps. */
const next = <T>(change: T | null | undefined, current: T | undefined): T | undefined =>
  change === null ? undefined : change === undefined ? current : change;

/** Every field a change of any kind may carry (each kind's schema allows a part of them). */
type ActivityChange = {
  readonly expectedVersion: number;
  readonly companyId?: string | null;
  readonly contactIds?: string[];
  readonly dealId?: string | null;
  readonly notes?: string | null;
  readonly at?: string;
  readonly direction?: CallDetails['direction'];
  readonly durationSeconds?: number;
  readonly outcome?: CallDetails['outcome'];
  readonly title?: string;
  readonly startAt?: string;
  readonly endAt?: string;
  readonly place?: string | null;
  readonly staffIds?: string[];
  readonly subject?: string;
  readonly body?: string;
};

/** The kind's own details after a change. */
const changedDetails = (current: ActivityItem, input: ActivityChange) => {
  if (current.call)
    return {
      call: {
        direction: input.direction ?? current.call.direction,
        durationSeconds: input.durationSeconds ?? current.call.durationSeconds,
        outcome: input.outcome ?? current.call.outcome,
      } satisfies CallDetails,
    };
  if (current.meeting) {
    const place = next(input.place, current.meeting.place);
    return {
      meeting: {
        title: input.title ?? current.meeting.title,
        endAt: input.endAt ?? current.meeting.endAt,
        ...(place ? { place } : {}),
        staffIds: input.staffIds ?? current.meeting.staffIds,
      } satisfies MeetingDetails,
    };
  }
  if (current.email)
    return {
      email: {
        subject: input.subject ?? current.email.subject,
        body: input.body ?? current.email.body,
        direction: input.direction ?? current.email.direction,
      } satisfies EmailDetails,
    };
  return {};
};

export const updateActivity = async (
  principal: Principal,
  id: string,
  body: unknown,
): Promise<ActivityItem> => {
  requireRecordReader(principal);
  const current = await readActivity(id);
  requireActivityManager(principal, current);
  const input: ActivityChange = parseInput(updateActivitySchemas[current.kind], body);
  const writtenAt = nowIso();
  const at = current.kind === 'meeting' ? input.startAt : input.at;
  const companyId = next(input.companyId, current.companyId);
  const dealId = next(input.dealId, current.dealId);
  const links: Links = {
    ...(companyId ? { companyId } : {}),
    contactIds: input.contactIds ?? current.contactIds,
    ...(dealId ? { dealId } : {}),
  };
  const relinked =
    companyId !== current.companyId ||
    dealId !== current.dealId ||
    links.contactIds.join() !== current.contactIds.join();
  const details = changedDetails(current, input);
  checkWhen(current.kind, at ?? current.at, details.meeting?.endAt);
  const changes = {
    companyId,
    contactIds: links.contactIds,
    dealId,
    timelines: relinked ? await resolveTimelines(principal, links) : current.timelines,
    notes: next(input.notes, current.notes),
    ...(at !== undefined ? { at, backdated: isBackdated(at, writtenAt) } : {}),
    ...details,
  };
  const after = {
    ...current,
    ...changes,
    version: input.expectedVersion + 1,
    updatedAt: writtenAt,
  } as ActivityItem;
  return updateVersioned<ActivityItem>(
    { entity: 'activity', id },
    activityKey(id),
    input.expectedVersion,
    changes,
    principal.userId,
    {
      current,
      at: writtenAt,
      auditedFields: auditedActivityFields,
      ...(at !== undefined ? { effectiveAt: at } : {}),
      derived: current.kind === 'meeting' ? attendeeWrites(current, after) : [],
    },
  );
};

/** Soft delete: timelines hide it (activity.deleted.v1); the item expires after 30 days. */
export const deleteActivity = async (
  principal: Principal,
  id: string,
  expectedVersion: number,
): Promise<ActivityItem> => {
  requireRecordReader(principal);
  const current = await readActivity(id);
  requireActivityManager(principal, current);
  const at = nowIso();
  const deleted = { ...current, deletedAt: at } as ActivityItem;
  return updateVersioned<ActivityItem>(
    { entity: 'activity', id },
    activityKey(id),
    expectedVersion,
    {
      deletedAt: at,
      deletedBy: principal.userId,
      expiresAt: Math.floor(Date.parse(at) / 1000) + deletedActivityTtlDays * 24 * 3600,
    },
    principal.userId,
    {
      current,
      at,
      action: 'deleted',
      auditedFields: auditedActivityFields,
      derived: attendeeWrites(current, deleted),
    },
  );
};

/** A merge moves an activity from the duplicate record to the survivor (versioned and audited). */
export const repointActivity = async (
  activityId: string,
  from: RecordRef,
  to: RecordRef,
  actorId: string,
): Promise<boolean> => {
  for (let attempt = 0; attempt < 5; attempt++) {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: activityKey(activityId), ConsistentRead: true }),
    );
    const activity = Item as ActivityItem | undefined;
    if (!activity) return false;
    const swap = (id: string | undefined, type: string) =>
      id === from.id && from.type === type ? to.id : id;
    const companyId = swap(activity.companyId, 'company');
    const contactIds = [...new Set(activity.contactIds.map((id) => swap(id, 'contact') as string))];
    const timelines = uniqueTargets(
      activity.timelines.map((t) => (sameTarget(t, from) ? { type: to.type, id: to.id } : t)),
    );
    try {
      await updateVersioned<ActivityItem>(
        { entity: 'activity', id: activityId },
        activityKey(activityId),
        activity.version,
        { companyId, contactIds, timelines },
        actorId,
        { current: activity, auditedFields: auditedActivityFields },
      );
      return true;
    } catch (error) {
      if (!(error instanceof StaleVersion)) throw error;
    }
  }
  return false;
};
