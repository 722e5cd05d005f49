// Greeting by the tenant's clock, first names and initials, role names from the glossary.
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../i18n/translate.ts';
import { firstName, greetingKey, initials } from './greeting.ts';
import { roleLabel, sortRoles } from './roles.ts';

describe('greeting', () => {
  it('changes with the time of day', () => {
    expect(greetingKey(4)).toBe('home.greeting.night');
    expect(greetingKey(5)).toBe('home.greeting.morning');
    expect(greetingKey(12)).toBe('home.greeting.day');
    expect(greetingKey(17)).toBe('home.greeting.day');
    expect(greetingKey(18)).toBe('home.greeting.evening');
    expect(greetingKey(23)).toBe('home.greeting.night');
  });

  it('greets «Добрый день, Анна»', () => {
    const { t } = createTranslator(() => 'ru');
    expect(t(greetingKey(14), { name: firstName('Анна Смирнова') })).toBe('Добрый день, Анна');
  });

  it('falls back to the e-mail when the name is empty, and builds initials', () => {
    expect(firstName('  ', 'anna.smirnova@demo.ru')).toBe('anna.smirnova');
    expect(initials('Анна Смирнова')).toBe('АС');
    expect(initials('', 'ivan@demo.ru')).toBe('I');
  });
});

describe('roles', () => {
  it('orders roles by seniority and names them as the glossary does', () => {
    const ru = createTranslator(() => 'ru');
    expect(
      sortRoles(['support', 'sales', 'admin', 'sales-manager']).map((role) => roleLabel(role, ru)),
    ).toEqual([
      'Администратор',
      'Руководитель отдела продаж',
      'Менеджер по продажам',
      'Специалист поддержки',
    ]);
  });

  it('shows an unknown role by its id instead of hiding it', () => {
    expect(
      roleLabel(
        'auditor',
        createTranslator(() => 'en'),
      ),
    ).toBe('auditor');
  });
});
