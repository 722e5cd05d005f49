// In-app notifications (the bell), kept in the recipient's partition newest first.
// Beside them: an unread counter item, kept in the same transactions as the notifications,
// and idempotency-key items so that a redelivered event never notifies twice.
import { z } from 'zod';
import type { Versioned } from '../mutations.ts';

export const notificationPrefix = 'NOTIFICATION#';

export const notificationKey = (userId: string, notificationId: string) =>
  ({ pk: `USER#${userId}`, sk: `${notificationPrefix}${notificationId}` }) as const;

export const notificationCounterKey = (userId: string) =>
  ({ pk: `USER#${userId}`, sk: 'NOTIFICATIONS' }) as const;

export const notificationDedupeKey = (userId: string, dedupeKey: string) =>
  ({ pk: `USER#${userId}`, sk: `NOTIFICATION-KEY#${dedupeKey}` }) as const;

export type NotificationAttributes = {
  readonly notificationId: string;
  readonly userId: string;
  /** What happened; the web app and the e-mail templates render the text from it. */
  readonly kind: string;
  readonly params: Readonly<Record<string, string>>;
  /** A path inside the web app to open, e.g. /deals/01H… */
  readonly link?: string;
  /** Whether it should also go out by e-mail (if the user wants e-mail). */
  readonly email: boolean;
  readonly readAt?: string;
};

export type NotificationItem = Versioned & NotificationAttributes;

export type NotificationView = Omit<NotificationAttributes, 'userId' | 'notificationId'> & {
  readonly id: string;
  readonly createdAt: string;
};

export const toNotificationView = (item: NotificationItem): NotificationView => ({
  id: item.notificationId,
  kind: item.kind,
  params: item.params,
  ...(item.link ? { link: item.link } : {}),
  email: item.email,
  createdAt: item.createdAt,
  ...(item.readAt ? { readAt: item.readAt } : {}),
});

export const listNotificationsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1, 'at least 1').max(100, 'at most 100').default(20),
  cursor: z.string().optional(),
});

export const createMockNotification = (overrides: Partial<NotificationItem> = {}): NotificationItem => {
  const userId = overrides.userId ?? '5f1c1d9e-0000-4000-8000-000000000001';
  const notificationId = overrides.notificationId ?? '01JDEMO0000000000000000000';
  return {
    ...notificationKey(userId, notificationId),
    entity: 'notification',
    notificationId,
    userId,
    kind: 'welcome',
    params: { name: 'Анна', tenant: 'ООО «Демо»' },
    email: true,
    version: 1,
    createdAt: '2026-11-24T09:00:00.000Z',
    createdBy: 'system',
    updatedAt: '2026-11-24T09:00:00.000Z',
    updatedBy: 'system',
    ...overrides,
  };
};
