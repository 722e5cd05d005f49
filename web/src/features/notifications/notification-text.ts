// A notification's words come from the dictionaries by its kind, filled with its params; kinds this
// version does not know get a generic text instead of a raw key. An ISO `dueAt` (a task's reminder or
// overdue notice) is offered to the text as `{due}`, formatted in the organisation's time zone.
import type { Notification } from '../../api/notifications.ts';
import type { Translator } from '../../i18n/translate.ts';

export type NotificationText = { title: string; body: string };

export const notificationText = (
  notification: Pick<Notification, 'kind' | 'params'>,
  { lookup }: Pick<Translator, 'lookup'>,
  formatDateTime?: (iso: string) => string,
): NotificationText => {
  const given = notification.params ?? {};
  const dueAt = given.dueAt;
  const params =
    dueAt && formatDateTime && !Number.isNaN(Date.parse(dueAt))
      ? { ...given, due: formatDateTime(dueAt) }
      : { ...given, due: dueAt ?? '' };
  const title = lookup(`notifications.kinds.${notification.kind}.title`, params);
  if (title === undefined) {
    return {
      title: lookup('notifications.kinds.unknown.title') ?? notification.kind,
      body: lookup('notifications.kinds.unknown.body') ?? '',
    };
  }
  return { title, body: lookup(`notifications.kinds.${notification.kind}.body`, params) ?? '' };
};
