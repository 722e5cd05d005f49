// A notification's words come from the dictionaries by its kind, filled with its params; kinds this
// version does not know get a generic text instead of a raw key.
import type { Notification } from '../../api/notifications.ts';
import type { Translator } from '../../i18n/translate.ts';

export type NotificationText = { title: string; body: string };

export const notificationText = (
  notification: Pick<Notification, 'kind' | 'params'>,
  { lookup }: Pick<Translator, 'lookup'>,
): NotificationText => {
  const params = notification.params ?? {};
  const title = lookup(`notifications.kinds.${notification.kind}.title`, params);
  if (title === undefined) {
    return {
      title: lookup('notifications.kinds.unknown.title') ?? notification.kind,
      body: lookup('notifications.kinds.unknown.body') ?? '',
    };
  }
  return { title, body: lookup(`notifications.kinds.${notification.kind}.body`, params) ?? '' };
};
