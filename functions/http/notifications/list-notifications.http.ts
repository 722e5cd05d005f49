// GET /api/notifications: the caller's notifications, newest first, with the unread count.
import {
  listNotificationsQuerySchema,
  toNotificationView,
} from '../../domain/notifications/notification.entity.ts';
import { listNotifications } from '../../domain/notifications/notifications.ts';
import { ok, userRoute } from '../../lib/http.ts';
import { parseInput } from '../../lib/validation.ts';

export const handler = userRoute(async ({ query }, principal) => {
  const page = parseInput(listNotificationsQuerySchema, query);
  const { items, nextCursor, unread } = await listNotifications(principal.userId, page);
  return ok({ items: items.map(toNotificationView), ...(nextCursor ? { nextCursor } : {}), unread });
});
