// notification.created.v1 (via the notification-emails queue) → the e-mail, once per
// notification, unless the recipient turned e-mail notifications off.
import { notificationCreatedV1 } from '../../events/catalog.ts';
import { sendEmailOnce } from '../domain/email/send-once.ts';
import { renderNotificationEmail } from '../domain/notifications/notification-email.ts';
import { getNotification } from '../domain/notifications/notifications.ts';
import { readProfile } from '../domain/users/profiles.ts';
import { tenantConfig } from '../lib/env.ts';
import { logger } from '../lib/logger.ts';
import { eventFromQueue, queueConsumer } from '../lib/triggers.ts';

const tenant = tenantConfig();

export const handler = queueConsumer(async (record) => {
  const { detail } = eventFromQueue(notificationCreatedV1, record);
  const [notification, user] = await Promise.all([
    getNotification(detail.userId, detail.notificationId),
    readProfile(detail.userId),
  ]);
  if (!user?.emailNotifications || !user.email) {
    logger.info('not e-mailed: the user does not want e-mail', { notificationId: detail.notificationId });
    return;
  }
  const email = renderNotificationEmail(notification, user.locale, tenant);
  const outcome = await sendEmailOnce(`notification#${notification.notificationId}`, {
    to: user.email,
    ...email,
  });
  logger.info('notification e-mail', { notificationId: detail.notificationId, outcome: outcome.status });
});
