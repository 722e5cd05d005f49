// The interface languages and the Intl locale each one formats with.
export const locales = ['ru', 'en'] as const;

export type Locale = (typeof locales)[number];

// English users of a Russian organisation still get day-first dates and a 24-hour clock.
const intlLocales: Record<Locale, string> = { ru: 'ru-RU', en: 'en-GB' };

export const intlLocale = (locale: Locale): string => intlLocales[locale];

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (locales as readonly string[]).includes(value);

export const toLocale = (value: unknown, fallback: Locale = 'ru'): Locale => {
  if (isLocale(value)) return value;
  if (typeof value === 'string') {
    const base = value.toLowerCase().split(/[-_]/)[0];
    if (isLocale(base)) return base;
  }
  return fallback;
};
