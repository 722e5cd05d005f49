// POST /api/notifications/{id}/read: marks one of the caller's notifications read.
import { toNotificationView } from '../../domain/notifications/notification.entity.ts';
import { markRead } from '../../domain/notifications/notifications.ts';
import { ok, userRoute } from '../../lib/http.ts';

export const handler = userRoute(async ({ params }, principal) => {
  const id = params.id ?? '';
  return ok({ notification: toNotificationView(await markRead(principal.userId, id)) });
});
