import { describe, expect, it } from 'vitest';
import { createMockNotification } from './notification.entity.ts';
import { renderNotificationEmail } from './notification-email.ts';

const tenant = { name: 'ООО «Демо»', appUrl: 'https://crm.example.com' };

describe('renderNotificationEmail', () => {
  it('writes the welcome in the recipient’s language with a link into the app', () => {
    const n = createMockNotification({ link: '/settings' });
    const ru = renderNotificationEmail(n, 'ru', tenant);
    expect(ru.subject).toBe('Добро пожаловать в CRM: ООО «Демо»');
    expect(ru.text).toContain('Здравствуйте, Анна!');
    expect(ru.text).toContain('https://crm.example.com/settings');
    const en = renderNotificationEmail(n, 'en', tenant);
    expect(en.subject).toBe('Welcome to the CRM: ООО «Демо»');
  });

  it('escapes what users typed before putting it in HTML', () => {
    const n = createMockNotification({ params: { name: '<script>alert(1)</script>' } });
    const { html } = renderNotificationEmail(n, 'en', tenant);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('falls back to a generic message for kinds it does not know', () => {
    const { subject } = renderNotificationEmail(createMockNotification({ kind: 'mystery' }), 'ru', tenant);
    expect(subject).toBe('Новое уведомление в CRM');
  });
});
