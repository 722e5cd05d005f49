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

  it('reminds of a task with its due time in the tenant’s time zone, in either language', () => {
    const n = createMockNotification({
      kind: 'task-reminder',
      params: { taskId: 't-1', title: 'Позвонить в «Ромашку»', dueAt: '2026-11-25T11:30:00.000Z' },
      link: '/tasks/t-1',
    });
    const ru = renderNotificationEmail(n, 'ru', { ...tenant, timezone: 'Europe/Moscow' });
    expect(ru.subject).toBe('Напоминание: Позвонить в «Ромашку»');
    expect(ru.text).toContain('Срок задачи «Позвонить в «Ромашку»» — 25.11.2026, 14:30.');
    expect(ru.text).toContain('https://crm.example.com/tasks/t-1');
    const en = renderNotificationEmail(n, 'en', { ...tenant, timezone: 'Europe/Moscow' });
    expect(en.subject).toBe('Reminder: Позвонить в «Ромашку»');
    expect(en.text).toContain('is due 25/11/2026, 14:30.');
    const overdue = renderNotificationEmail({ ...n, kind: 'task-overdue' }, 'ru', {
      ...tenant,
      timezone: 'UTC',
    });
    expect(overdue.subject).toBe('Просрочено: Позвонить в «Ромашку»');
    expect(overdue.text).toContain('срок был 25.11.2026, 11:30.');
  });
});
