// The e-mail version of a notification, in the recipient's language (times in the tenant's
// time zone). The texts mirror the web app's notification texts; unknown kinds get a generic
// message with a link.
import type { Locale } from '../users/user.entity.ts';
import type { NotificationItem } from './notification.entity.ts';

export type RenderedEmail = { subject: string; text: string; html: string };

type Texts = { subject: string; lines: string[]; action: string };

type Tenant = { name: string; appUrl: string; timezone?: string };

/** A due time as the recipient reads it: 24.11.2026, 14:30 in the tenant's time zone. */
const formatDue = (iso: string | undefined, locale: Locale, timeZone: string | undefined): string =>
  iso
    ? new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
        dateStyle: 'short',
        timeStyle: 'short',
        timeZone: timeZone ?? 'UTC',
      }).format(new Date(iso))
    : '';

const texts: Record<Locale, (n: NotificationItem, tenant: Tenant) => Texts> = {
  ru: (n, tenant) => {
    const due = formatDue(n.params.dueAt, 'ru', tenant.timezone);
    switch (n.kind) {
      case 'welcome':
        return {
          subject: `Добро пожаловать в CRM: ${tenant.name}`,
          lines: [
            `Здравствуйте, ${n.params.name ?? ''}!`,
            `Для вас создан доступ к CRM организации «${tenant.name}».`,
          ],
          action: 'Открыть CRM',
        };
      case 'task-reminder':
        return {
          subject: `Напоминание: ${n.params.title ?? 'задача'}`,
          lines: [`Срок задачи «${n.params.title ?? ''}» — ${due}.`],
          action: 'Открыть задачу',
        };
      case 'task-overdue':
        return {
          subject: `Просрочено: ${n.params.title ?? 'задача'}`,
          lines: [`Задача «${n.params.title ?? ''}» просрочена: срок был ${due}.`],
          action: 'Открыть задачу',
        };
      default:
        return {
          subject: 'Новое уведомление в CRM',
          lines: ['В CRM для вас есть новое уведомление.'],
          action: 'Открыть',
        };
    }
  },
  en: (n, tenant) => {
    const due = formatDue(n.params.dueAt, 'en', tenant.timezone);
    switch (n.kind) {
      case 'welcome':
        return {
          subject: `Welcome to the CRM: ${tenant.name}`,
          lines: [`Hello, ${n.params.name ?? ''}!`, `You now have access to the CRM of ${tenant.name}.`],
          action: 'Open the CRM',
        };
      case 'task-reminder':
        return {
          subject: `Reminder: ${n.params.title ?? 'a task'}`,
          lines: [`The task “${n.params.title ?? ''}” is due ${due}.`],
          action: 'Open the task',
        };
      case 'task-overdue':
        return {
          subject: `Overdue: ${n.params.title ?? 'a task'}`,
          lines: [`The task “${n.params.title ?? ''}” is overdue: it was due ${due}.`],
          action: 'Open the task',
        };
      default:
        return {
          subject: 'New notification in the CRM',
          lines: ['You have a new notification in the CRM.'],
          action: 'Open',
        };
    }
  },
};

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export const renderNotificationEmail = (
  notification: NotificationItem,
  locale: Locale,
  tenant: Tenant,
): RenderedEmail => {
  const t = texts[locale](notification, tenant);
  const url = new URL(notification.link ?? '/', tenant.appUrl).toString();
  const text = `${t.lines.join('\n\n')}\n\n${t.action}: ${url}\n`;
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5">${t.lines
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join('')}<p><a href="${escapeHtml(url)}">${escapeHtml(t.action)}</a></p></body></html>`;
  return { subject: t.subject, text, html };
};
