// The e-mail version of a notification, in the recipient's language. The texts mirror the
// web app's notification texts; unknown kinds get a generic message with a link.
import type { Locale } from '../users/user.entity.ts';
import type { NotificationItem } from './notification.entity.ts';

export type RenderedEmail = { subject: string; text: string; html: string };

type Texts = { subject: string; lines: string[]; action: string };

const texts: Record<Locale, (n: NotificationItem, tenantName: string) => Texts> = {
  ru: (n, tenantName) =>
    n.kind === 'welcome'
      ? {
          subject: `Добро пожаловать в CRM: ${tenantName}`,
          lines: [
            `Здравствуйте, ${n.params.name ?? ''}!`,
            `Для вас создан доступ к CRM организации «${tenantName}».`,
          ],
          action: 'Открыть CRM',
        }
      : {
          subject: 'Новое уведомление в CRM',
          lines: ['В CRM для вас есть новое уведомление.'],
          action: 'Открыть',
        },
  en: (n, tenantName) =>
    n.kind === 'welcome'
      ? {
          subject: `Welcome to the CRM: ${tenantName}`,
          lines: [`Hello, ${n.params.name ?? ''}!`, `You now have access to the CRM of ${tenantName}.`],
          action: 'Open the CRM',
        }
      : {
          subject: 'New notification in the CRM',
          lines: ['You have a new notification in the CRM.'],
          action: 'Open',
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
  tenant: { name: string; appUrl: string },
): RenderedEmail => {
  const t = texts[locale](notification, tenant.name);
  const url = new URL(notification.link ?? '/', tenant.appUrl).toString();
  const text = `${t.lines.join('\n\n')}\n\n${t.action}: ${url}\n`;
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5">${t.lines
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join('')}<p><a href="${escapeHtml(url)}">${escapeHtml(t.action)}</a></p></body></html>`;
  return { subject: t.subject, text, html };
};
