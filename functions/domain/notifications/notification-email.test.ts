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

describe('invoice alerts', () => {
  const params = {
    invoiceId: 'inv-1',
    number: 'СЧ-2026-0007',
    n: '1',
    dueDate: '2026-12-10',
    amount: '123456789',
    currency: 'RUB',
    companyName: 'ООО «Ромашка»',
    daysOverdue: '8',
    ownerName: 'Анна Смирнова',
  };
  const nbsp = /[\u00a0\u202f]/g;

  it('tells the manager of a missed payment with the amount as money and the due date as a date', () => {
    const n = createMockNotification({ kind: 'invoice-overdue', params, link: '/invoices/inv-1' });
    const ru = renderNotificationEmail(n, 'ru', tenant);
    expect(ru.subject).toBe('Просрочена оплата: счёт № СЧ-2026-0007, ООО «Ромашка»');
    expect(ru.text.replace(nbsp, ' ')).toContain(
      'По счёту № СЧ-2026-0007 (ООО «Ромашка») не поступила оплата 1 234 567,89 ₽: срок был 10.12.2026.',
    );
    expect(ru.text).toContain('https://crm.example.com/invoices/inv-1');
    const en = renderNotificationEmail(n, 'en', tenant);
    expect(en.text.replace(nbsp, ' ')).toContain(
      'has not paid RUB 1,234,567.89 on invoice СЧ-2026-0007: it was due on 10 Dec 2026.',
    );
  });

  it('escalates with the days overdue and the responsible manager', () => {
    const n = createMockNotification({ kind: 'invoice-escalated', params });
    const ru = renderNotificationEmail(n, 'ru', tenant);
    expect(ru.subject).toBe('Эскалация: счёт № СЧ-2026-0007, ООО «Ромашка» — просрочка 8 дн.');
    expect(ru.text).toContain('Ответственный менеджер: Анна Смирнова.');
    const en = renderNotificationEmail(n, 'en', tenant);
    expect(en.subject).toBe('Escalation: invoice СЧ-2026-0007, ООО «Ромашка» — 8 days overdue');
  });
});
