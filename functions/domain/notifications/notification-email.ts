// The e-mail version of a notification, in the recipient's language (times in the tenant's
// time zone). The texts mirror the web app's notification texts; unknown kinds get a generic
// message with a link.
import { formatDate, formatMoney } from '../quotes/quote-document.ts';
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

/** An invoice alert's installment as the recipient reads it: amount as money, due date as a local date. */
const installmentOf = (n: NotificationItem, locale: Locale) => ({
  number: n.params.number ?? '',
  company: n.params.companyName ?? '',
  amount:
    n.params.amount && n.params.currency
      ? formatMoney(Number(n.params.amount), n.params.currency, locale)
      : '',
  due: n.params.dueDate ? formatDate(n.params.dueDate, locale) : '',
  days: n.params.daysOverdue ?? '',
});

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
      case 'invoice-overdue': {
        const i = installmentOf(n, 'ru');
        return {
          subject: `Просрочена оплата: счёт № ${i.number}, ${i.company}`,
          lines: [
            `По счёту № ${i.number} (${i.company}) не поступила оплата ${i.amount}: срок был ${i.due}.`,
            'Свяжитесь с клиентом и отметьте оплату, когда она поступит.',
          ],
          action: 'Открыть счёт',
        };
      }
      case 'invoice-escalated': {
        const i = installmentOf(n, 'ru');
        return {
          subject: `Эскалация: счёт № ${i.number}, ${i.company} — просрочка ${i.days} дн.`,
          lines: [
            `Оплата ${i.amount} по счёту № ${i.number} (${i.company}) просрочена на ${i.days} дн.: срок был ${i.due}.`,
            `Ответственный менеджер: ${n.params.ownerName ?? '—'}.`,
          ],
          action: 'Открыть счёт',
        };
      }
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
      case 'invoice-overdue': {
        const i = installmentOf(n, 'en');
        return {
          subject: `Payment overdue: invoice ${i.number}, ${i.company}`,
          lines: [
            `${i.company} has not paid ${i.amount} on invoice ${i.number}: it was due on ${i.due}.`,
            'Contact the customer, and record the payment when it comes in.',
          ],
          action: 'Open the invoice',
        };
      }
      case 'invoice-escalated': {
        const i = installmentOf(n, 'en');
        return {
          subject: `Escalation: invoice ${i.number}, ${i.company} — ${i.days} days overdue`,
          lines: [
            `Payment of ${i.amount} on invoice ${i.number} (${i.company}) is ${i.days} days overdue: it was due on ${i.due}.`,
            `Responsible manager: ${n.params.ownerName ?? '—'}.`,
          ],
          action: 'Open the invoice',
        };
      }
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
