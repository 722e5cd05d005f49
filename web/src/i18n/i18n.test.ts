// The dictionaries stay complete and consistent, and plurals follow Intl.PluralRules.
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { intlLocale, type Locale, locales, toLocale } from './locales.ts';
import { isPluralForms } from './plural.ts';
import { ru } from './ru.ts';
import { createTranslator, dictionaries, diffDictionaries, interpolate, leaves } from './translate.ts';

describe('dictionaries', () => {
  it('have every key in both languages, with the same kind and placeholders', () => {
    expect(diffDictionaries(ru, en)).toEqual({
      missing: [],
      extra: [],
      kindMismatch: [],
      placeholderMismatch: [],
    });
  });

  it('the completeness check notices a key missing from one language', () => {
    const broken = structuredClone(en) as unknown as { signIn: Record<string, unknown> };
    delete broken.signIn.submit;
    broken.signIn.onlyHere = 'x';
    const diff = diffDictionaries(ru, broken);
    expect(diff.missing).toEqual(['signIn.submit']);
    expect(diff.extra).toEqual(['signIn.onlyHere']);
  });

  it('the completeness check notices a changed placeholder', () => {
    const broken = structuredClone(en) as unknown as { home: { greeting: Record<string, string> } };
    broken.home.greeting.day = 'Good afternoon, {firstName}';
    expect(diffDictionaries(ru, broken).placeholderMismatch).toEqual(['home.greeting.day']);
  });

  it('have no empty messages', () => {
    for (const locale of locales) {
      const empty = leaves(dictionaries[locale]).filter(
        ({ value }) => (typeof value === 'string' ? value : value.forms.other).trim() === '',
      );
      expect(empty.map((leaf) => `${locale}:${leaf.path}`)).toEqual([]);
    }
  });

  it.each(locales)('give every plural message exactly the plural categories of %s', (locale: Locale) => {
    const categories = [
      ...new Intl.PluralRules(intlLocale(locale)).resolvedOptions().pluralCategories,
    ].sort();
    const plurals = leaves(dictionaries[locale]).filter((leaf) => isPluralForms(leaf.value));
    expect(plurals.length).toBeGreaterThan(0);
    for (const { path, value } of plurals) {
      if (!isPluralForms(value)) continue;
      expect({ path, categories: Object.keys(value.forms).sort() }).toEqual({ path, categories });
    }
  });

  it('use the glossary terms for roles', () => {
    expect(ru.roles).toEqual({
      admin: 'Администратор',
      'sales-manager': 'Руководитель отдела продаж',
      sales: 'Менеджер по продажам',
      marketing: 'Маркетолог',
      support: 'Специалист поддержки',
    });
  });
});

describe('translator', () => {
  it('translates in the current locale and follows a locale change', () => {
    let locale: Locale = 'ru';
    const { t } = createTranslator(() => locale);
    expect(t('signIn.submit')).toBe('Войти');
    locale = 'en';
    expect(t('signIn.submit')).toBe('Sign in');
  });

  it('fills placeholders', () => {
    const { t } = createTranslator(() => 'ru');
    expect(t('notifications.kinds.welcome.title', { name: 'Анна' })).toBe('Добро пожаловать в CRM, Анна!');
  });

  it('leaves an unknown placeholder visible', () => {
    expect(interpolate('Привет, {name} из {city}', { name: 'Анна' })).toBe('Привет, Анна из {city}');
  });

  it('picks Russian plural forms: 1 уведомление, 2 уведомления, 5 уведомлений, 21 уведомление', () => {
    const { tp } = createTranslator(() => 'ru');
    expect(tp('home.notifications.unread', 1)).toBe('1 непрочитанное уведомление');
    expect(tp('home.notifications.unread', 2)).toBe('2 непрочитанных уведомления');
    expect(tp('home.notifications.unread', 5)).toBe('5 непрочитанных уведомлений');
    expect(tp('home.notifications.unread', 11)).toBe('11 непрочитанных уведомлений');
    expect(tp('home.notifications.unread', 21)).toBe('21 непрочитанное уведомление');
    expect(tp('home.notifications.unread', 1.5)).toBe('1,5 непрочитанного уведомления');
  });

  it('picks English plural forms and formats the count for the locale', () => {
    const { tp } = createTranslator(() => 'en');
    expect(tp('home.notifications.unread', 1)).toBe('1 unread notification');
    expect(tp('home.notifications.unread', 3)).toBe('3 unread notifications');
    // The thousands separator is a no-break space (U+00A0 or U+202F, depending on the CLDR version).
    expect(createTranslator(() => 'ru').tp('home.notifications.unread', 1234)).toMatch(
      /^1[\u00a0\u202f]234 непрочитанных уведомления$/,
    );
  });

  it('lookup returns undefined for a key built at run time that does not exist', () => {
    const { lookup } = createTranslator(() => 'en');
    expect(lookup('roles.sales')).toBe('Salesperson');
    expect(lookup('roles.astronaut')).toBeUndefined();
  });
});

describe('toLocale', () => {
  it('maps browser and profile values to a supported language', () => {
    expect(toLocale('en-US')).toBe('en');
    expect(toLocale('ru_RU')).toBe('ru');
    expect(toLocale('de-DE')).toBe('ru');
    expect(toLocale('de-DE', 'en')).toBe('en');
  });
});
