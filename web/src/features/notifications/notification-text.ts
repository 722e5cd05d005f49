// A notification's words come from the dictionaries by its kind, filled with its params; kinds this
// version does not know get a generic text instead of a raw key. An ISO `dueAt` (a task's reminder or
// overdue notice) is offered to the text as `{due}`, formatted in the organisation's time zone; an
// `amount` in minor units with its `currency` (an invoice alert) as `{money}`, and a calendar
// `dueDate` as `{dueDay}`.
import type { Notification } from '../../api/notifications.ts';
import type { Translator } from '../../i18n/translate.ts';

export type NotificationFormats = {
  readonly dateTime?: (iso: string) => string;
  readonly money?: (minorUnits: number, currency: string) => string;
  readonly day?: (date: string) => string;
};

export type NotificationText = { title: string; body: string };

export const notificationText = (
  notification: Pick<Notification, 'kind' | 'params'>,
  { lookup }: Pick<Translator, 'lookup'>,
  formats: NotificationFormats = {},
): NotificationText => {
  const given = notification.params ?? {};
  const { dueAt, amount, currency, dueDate } = given;
  const params: Record<string, string> = {
    ...given,
    due:
      dueAt && formats.dateTime && !Number.isNaN(Date.parse(dueAt)) ? formats.dateTime(dueAt) : (dueAt ?? ''),
  };
  if (amount !== undefined && currency && /^-?\d+$/.test(amount)) {
    params.money = formats.money ? formats.money(Number(amount), currency) : `${amount} ${currency}`;
  }
  if (dueDate)
    params.dueDay = formats.day && /^\d{4}-\d{2}-\d{2}$/.test(dueDate) ? formats.day(dueDate) : dueDate;
  const title = lookup(`notifications.kinds.${notification.kind}.title`, params);
  if (title === undefined) {
    return {
      title: lookup('notifications.kinds.unknown.title') ?? notification.kind,
      body: lookup('notifications.kinds.unknown.body') ?? '',
    };
  }
  return { title, body: lookup(`notifications.kinds.${notification.kind}.body`, params) ?? '' };
};
