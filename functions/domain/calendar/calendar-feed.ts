// Calendar feeds: a user creates (or rotates) the private URL of their feed and may revoke it;
// a calendar app reads the feed with the token alone. The token is shown once, when issued; the
// table keeps its SHA-256. Issuing and revoking are versioned and audited like any change (the
// audit names when, never the hash). The feed lists the user's open tasks (gsi2, by due time)
// and the meetings they take part in from 90 days back (gsi2, by start) — Queries, no Scan.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../../lib/clock.ts';
import { db, tableName } from '../../lib/dynamo.ts';
import { NotFound, StaleVersion } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { type MeetingAttendeeItem, meetingAttendeePartition } from '../activities/activity.entity.ts';
import { createVersioned, deleteVersioned, updateVersioned } from '../mutations.ts';
import { requireRecordReader } from '../records/access.ts';
import { assigneeTasksPartition, type TaskItem } from '../tasks/task.entity.ts';
import { readProfile } from '../users/profiles.ts';
import {
  type CalendarFeedItem,
  calendarFeedKey,
  type FeedTokenItem,
  feedTokenKey,
  feedTokenPattern,
  feedUrl,
  hashFeedToken,
  newFeedToken,
} from './calendar-feed.entity.ts';
import { type FeedContext, renderCalendar } from './ical.ts';

/** At most this many tasks and this many meetings in a feed. */
const feedLimit = 1000;
/** Meetings that began longer ago than this are left out of the feed. */
const pastMeetingDays = 90;

const readFeed = async (userId: string): Promise<CalendarFeedItem | undefined> =>
  (
    await db.send(
      new GetCommand({ TableName: tableName, Key: calendarFeedKey(userId), ConsistentRead: true }),
    )
  ).Item as CalendarFeedItem | undefined;

/**
 * Issues a new feed URL for the caller, replacing the previous one (which stops working at
 * once). Returns the URL — the only time the token is ever shown.
 */
export const issueFeedUrl = async (
  principal: Principal,
  appUrl: string,
): Promise<{ url: string; issuedAt: string }> => {
  requireRecordReader(principal);
  const userId = principal.userId;
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await readFeed(userId);
    const token = newFeedToken();
    const tokenHash = hashFeedToken(token);
    const issuedAt = nowIso();
    const tokenItem: FeedTokenItem = {
      ...feedTokenKey(tokenHash),
      entity: 'calendar-feed-token',
      userId,
      issuedAt,
    };
    const options = {
      at: issuedAt,
      auditedFields: ['issuedAt'],
      extra: [
        { Put: { TableName: tableName, Item: tokenItem, ConditionExpression: 'attribute_not_exists(pk)' } },
        ...(current ? [{ Delete: { TableName: tableName, Key: feedTokenKey(current.tokenHash) } }] : []),
      ],
    };
    if (!current) {
      const { created } = await createVersioned(
        { entity: 'calendar-feed', id: userId },
        calendarFeedKey(userId),
        { userId, tokenHash, issuedAt },
        userId,
        options,
      );
      if (created) return { url: feedUrl(appUrl, token), issuedAt };
      continue;
    }
    try {
      await updateVersioned<CalendarFeedItem>(
        { entity: 'calendar-feed', id: userId },
        calendarFeedKey(userId),
        current.version,
        { tokenHash, issuedAt },
        userId,
        { ...options, current },
      );
      return { url: feedUrl(appUrl, token), issuedAt };
    } catch (error) {
      // Rotated at the same moment from another tab: issue again from the new state.
      if (!(error instanceof StaleVersion)) throw error;
    }
  }
  throw new StaleVersion('calendar-feed', userId, undefined);
};

/** Whether the caller has a feed URL, and since when (the URL itself cannot be shown again). */
export const feedStatus = async (principal: Principal): Promise<{ active: boolean; issuedAt?: string }> => {
  requireRecordReader(principal);
  const feed = await readFeed(principal.userId);
  return feed ? { active: true, issuedAt: feed.issuedAt } : { active: false };
};

/** Revokes the caller's feed URL; revoking none is not an error. */
export const revokeFeedUrl = async (principal: Principal): Promise<void> => {
  requireRecordReader(principal);
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await readFeed(principal.userId);
    if (!current) return;
    try {
      await deleteVersioned(
        { entity: 'calendar-feed', id: principal.userId },
        calendarFeedKey(principal.userId),
        current.version,
        principal.userId,
        {
          current,
          auditedFields: ['issuedAt'],
          extra: [{ Delete: { TableName: tableName, Key: feedTokenKey(current.tokenHash) } }],
        },
      );
      return;
    } catch (error) {
      // Rotated at the same moment from another tab: revoke what is there now.
      if (!(error instanceof StaleVersion)) throw error;
    }
  }
  throw new StaleVersion('calendar-feed', principal.userId, undefined);
};

const queryAll = async <T>(index: 'gsi2', partition: string, from?: string): Promise<T[]> => {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index,
        KeyConditionExpression: `gsi2pk = :pk${from ? ' AND gsi2sk >= :from' : ''}`,
        ExpressionAttributeValues: { ':pk': partition, ...(from ? { ':from': from } : {}) },
        Limit: feedLimit - items.length,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...((page.Items ?? []) as T[]));
    start = page.LastEvaluatedKey;
  } while (start && items.length < feedLimit);
  return items;
};

/** The feed a token opens, as iCalendar text; NotFound for an unknown or revoked token. */
export const renderFeed = async (
  token: string,
  tenant: FeedContext['tenant'] & { readonly locale: 'ru' | 'en' },
  now: Date,
): Promise<string> => {
  if (!feedTokenPattern.test(token)) throw new NotFound('calendar feed', 'for this address');
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: feedTokenKey(hashFeedToken(token)), ConsistentRead: true }),
  );
  const owner = Item as FeedTokenItem | undefined;
  if (!owner) throw new NotFound('calendar feed', 'for this address');
  const since = new Date(now.getTime() - pastMeetingDays * 24 * 3600 * 1000).toISOString();
  const [tasks, meetings, profile] = await Promise.all([
    queryAll<TaskItem>('gsi2', assigneeTasksPartition(owner.userId)),
    queryAll<MeetingAttendeeItem>('gsi2', meetingAttendeePartition(owner.userId), since),
    readProfile(owner.userId),
  ]);
  return renderCalendar({ tenant, locale: profile?.locale ?? tenant.locale }, { tasks, meetings });
};
