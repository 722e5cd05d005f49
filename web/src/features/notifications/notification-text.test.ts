// Notification texts come from the dictionaries by kind; unknown kinds get a generic text.
import { describe, expect, it } from 'vitest';
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
