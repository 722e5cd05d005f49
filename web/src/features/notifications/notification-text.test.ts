// Notification texts come from the dictionaries by kind (tasks' with their due time in the
// organisation's zone); unknown kinds get a generic text.
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../format/format.ts';
import { createTranslator } from '../../i18n/translate.ts';
import { notificationText } from './notification-text.ts';

const welcome = { kind: 'welcome', params: { name: 'Анна', tenant: 'ООО «Демо»' } };

describe('notificationText', () => {
  it('renders the welcome notification in Russian and English', () => {
    expect(
      notificationText(
        welcome,
        createTranslator(() => 'ru'),
      ).title,
    ).toBe('Добро пожаловать в CRM, Анна!');
    expect(
      notificationText(
        welcome,
        createTranslator(() => 'ru'),
      ).body,
    ).toContain('ООО «Демо»');
    expect(
      notificationText(
        welcome,
        createTranslator(() => 'en'),
      ).title,
    ).toBe('Welcome to the CRM, Анна!');
  });

  it('tells of a task reminder and an overdue task, the due time in the organisation’s zone', () => {
    const params = { taskId: '01JTASK', title: 'Перезвонить по КП', dueAt: '2026-11-24T12:30:00.000Z' };
    const moscow = (iso: string) =>
      formatDateTime(iso, { locale: 'ru-RU', timeZone: 'Europe/Moscow' }).replace(/\s/g, ' ');
    expect(
      notificationText(
        { kind: 'task-reminder', params },
        createTranslator(() => 'ru'),
        { dateTime: moscow },
      ),
    ).toEqual({
      title: 'Напоминание: Перезвонить по КП',
      body: 'Срок задачи — 24.11.2026, 15:30.',
    });
    expect(
      notificationText(
        { kind: 'task-overdue', params },
        createTranslator(() => 'ru'),
        { dateTime: moscow },
      ),
    ).toEqual({
      title: 'Задача просрочена: Перезвонить по КП',
      body: 'Срок истёк 24.11.2026, 15:30. Выполните задачу или перенесите срок.',
    });
    const london = (iso: string) => formatDateTime(iso, { locale: 'en-GB', timeZone: 'Europe/Moscow' });
    expect(
      notificationText(
        { kind: 'task-reminder', params },
        createTranslator(() => 'en'),
        { dateTime: london },
      ).body,
    ).toBe('The task is due 24/11/2026, 15:30.');
  });

  it('tells of an overdue installment and its escalation, with the money and the due day formatted', () => {
    const params = {
      invoiceId: '01JINV',
      number: 'СЧ-2026-0007',
      n: '2',
      dueDate: '2026-11-20',
      amount: '9500000',
      currency: 'RUB',
      companyName: 'ООО «Ромашка»',
      daysOverdue: '4',
      ownerName: 'Анна Смирнова',
    };
    const formats = {
      money: (minor: number, currency: string) => `${minor / 100} ${currency}`,
      day: (date: string) => date.split('-').reverse().join('.'),
    };
    expect(
      notificationText(
        { kind: 'invoice-overdue', params },
        createTranslator(() => 'ru'),
        formats,
      ),
    ).toEqual({
      title: 'Просрочен платёж по счёту СЧ-2026-0007',
      body: 'ООО «Ромашка»: платёж 2 на 95000 RUB со сроком 20.11.2026 не оплачен (4 дн.).',
    });
    expect(
      notificationText(
        { kind: 'invoice-escalated', params },
        createTranslator(() => 'en'),
        formats,
      ).body,
    ).toBe('ООО «Ромашка»: installment 2 of 95000 RUB due 20.11.2026 is unpaid. Responsible: Анна Смирнова.');
  });

  it('shows a generic text for a kind this version does not know', () => {
    expect(
      notificationText(
        { kind: 'deal.stage-changed', params: {} },
        createTranslator(() => 'ru'),
      ),
    ).toEqual({
      title: 'Новое уведомление',
      body: 'Это уведомление нельзя показать в этой версии приложения. Обновите страницу.',
    });
  });

  it('does not treat a section of the dictionary as a kind', () => {
    expect(
      notificationText(
        { kind: 'welcome.title', params: {} },
        createTranslator(() => 'en'),
      ).title,
    ).toBe('New notification');
  });
});
