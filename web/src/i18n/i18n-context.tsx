// The current language as a Solid signal, with the translator and the tenant-aware formatters bound to it.
import {
  type Accessor,
  createContext,
  createMemo,
  createSignal,
  type ParentComponent,
  useContext,
} from 'solid-js';
import {
  type DateInput,
  formatDate,
  formatDateTime,
  formatEventTime,
  formatLongDate,
  formatMoney,
  formatNumber,
  formatTime,
} from '../format/format.ts';
import { intlLocale, type Locale } from './locales.ts';
import { createTranslator, type Translator } from './translate.ts';

export type Formatters = {
  date: (value: DateInput) => string;
  time: (value: DateInput) => string;
  dateTime: (value: DateInput) => string;
  longDate: (value: DateInput) => string;
  eventTime: (value: DateInput, now?: DateInput) => string;
  money: (minorUnits: number | bigint, currency?: string) => string;
  number: (value: number) => string;
};

export type I18n = Translator & {
  locale: Accessor<Locale>;
  setLocale: (locale: Locale) => void;
  timeZone: Accessor<string>;
  currency: Accessor<string>;
  /** The organisation's time zone and currency, known from config.json and then from /api/me. */
  setTenantFormats: (timeZone: string, currency: string) => void;
  fmt: Formatters;
};

export const createI18n = (initial: { locale: Locale; timeZone: string; currency: string }): I18n => {
  const [locale, setLocaleSignal] = createSignal<Locale>(initial.locale);
  const [timeZone, setTimeZone] = createSignal(initial.timeZone);
  const [currency, setCurrency] = createSignal(initial.currency);
  const tag = createMemo(() => intlLocale(locale()));
  const options = () => ({ locale: tag(), timeZone: timeZone() });

  const setLocale = (next: Locale) => {
    setLocaleSignal(next);
    document.documentElement.lang = next;
  };
  document.documentElement.lang = initial.locale;

  return {
    ...createTranslator(locale),
    locale,
    setLocale,
    timeZone,
    currency,
    setTenantFormats: (zone, code) => {
      setTimeZone(zone);
      setCurrency(code);
    },
    fmt: {
      date: (value) => formatDate(value, options()),
      time: (value) => formatTime(value, options()),
      dateTime: (value) => formatDateTime(value, options()),
      longDate: (value) => formatLongDate(value, options()),
      eventTime: (value, now = Date.now()) => formatEventTime(value, now, options()),
      money: (minorUnits, code) => formatMoney(minorUnits, code ?? currency(), tag()),
      number: (value) => formatNumber(value, tag()),
    },
  };
};

const I18nContext = createContext<I18n>();

export const I18nProvider: ParentComponent<{ value: I18n }> = (props) => (
  <I18nContext.Provider value={props.value}>{props.children}</I18nContext.Provider>
);

export const useI18n = (): I18n => {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() outside <I18nProvider>');
  return i18n;
};
