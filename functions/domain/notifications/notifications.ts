// Notifying users: create (idempotently, by a key the caller chooses), list, mark read.
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { nowIso } from '../../lib/clock.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { conditionFailedAt, db, tableName } from '../../lib/dynamo.ts';
import { NotFound } from '../../lib/errors.ts';
import { auditPut, createVersioned } from '../mutations.ts';
import {
  type NotificationAttributes,
  type NotificationItem,
  notificationCounterKey,
  notificationDedupeKey,
  notificationKey,
  notificationPrefix,
} from './notification.entity.ts';

export type NewNotification = Omit<NotificationAttributes, 'notificationId' | 'readAt'> & {
  /** The same key never notifies the same user twice (e.g. `welcome`, `task-reminder#<taskId>#<dueAt>`). */
  readonly dedupeKey: string;
};

/** Writes the notification unless one with the same dedupe key exists; returns it or undefined. */
export const notify = async (
  input: NewNotification,
  actorId: string,
): Promise<NotificationItem | undefined> => {
  const { dedupeKey, ...attributes } = input;
  const notificationId = ulid();
  try {
    const { item } = await createVersioned(
      { entity: 'notification', id: notificationId },
      notificationKey(input.userId, notificationId),
      { ...attributes, notificationId },
      actorId,
      {
        extra: [
          {
            Put: {
              TableName: tableName,
              Item: {
                ...notificationDedupeKey(input.userId, dedupeKey),
                entity: 'notification-key',
                notificationId,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: notificationCounterKey(input.userId),
              UpdateExpression: 'ADD unread :one SET entity = :entity',
              ExpressionAttributeValues: { ':one': 1, ':entity': 'notification-counter' },
            },
          },
        ],
      },
    );
    return item as NotificationItem;
  } catch (error) {
    if (conditionFailedAt(error, 2)) return undefined;
    throw error;
  }
};

export const listNotifications = async (
  userId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: NotificationItem[]; nextCursor?: string; unread: number }> => {
  const pk = notificationCounterKey(userId).pk;
  const [result, counter] = await Promise.all([
    db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': notificationPrefix },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, { pk }),
      }),
    ),
    db.send(new GetCommand({ TableName: tableName, Key: notificationCounterKey(userId) })),
  ]);
  const nextCursor = encodeCursor(result.LastEvaluatedKey as Record<string, string> | undefined);
  return {
    items: (result.Items ?? []) as NotificationItem[],
    ...(nextCursor ? { nextCursor } : {}),
    unread: Math.max(0, Number(counter.Item?.unread ?? 0)),
  };
};

export const getNotification = async (userId: string, notificationId: string): Promise<NotificationItem> => {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: notificationKey(userId, notificationId),
      ConsistentRead: true,
    }),
  );
  if (!Item) throw new NotFound('notification', notificationId);
  return Item as NotificationItem;
};

/** Marks it read once; marking a read notification again changes nothing. */
export const markRead = async (userId: string, notificationId: string): Promise<NotificationItem> => {
  const at = nowIso();
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: notificationKey(userId, notificationId),
              UpdateExpression: 'SET readAt = :at, updatedAt = :at, updatedBy = :by ADD version :one',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(readAt)',
              ExpressionAttributeValues: { ':at': at, ':by': userId, ':one': 1 },
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: notificationCounterKey(userId),
              UpdateExpression: 'ADD unread :minus',
              ExpressionAttributeValues: { ':minus': -1 },
            },
          },
          auditPut({
            subject: 'notification',
            subjectId: notificationId,
            action: 'updated',
            actorId: userId,
            at,
            changes: [{ field: 'readAt', to: at }],
          }),
        ],
      }),
    );
  } catch (error) {
    if (!conditionFailedAt(error, 0)) throw error;
  }
  return getNotification(userId, notificationId);
};
