// Locale-aware formatting through Intl: dates and times in the tenant's time zone, money from minor units.
// Pure functions taking the Intl locale tag explicitly, so they are testable without the UI.

export type DateInput = string | number | Date;

export type DateFormatOptions = { locale: string; timeZone: string };

const toDate = (value: DateInput): Date => (value instanceof Date ? value : new Date(value));

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateTimeFormats.set(key, format);
  }
  return format;
};

/** 24.11.2026 (ru-RU), 24/11/2026 (en-GB). */
export const formatDate = (value: DateInput, { locale, timeZone }: DateFormatOptions): string =>
  dateTimeFormat(locale, { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    toDate(value),
  );

/** 14:30 — always a 24-hour clock. */
export const formatTime = (value: DateInput, { locale, timeZone }: DateFormatOptions): string =>
  dateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    toDate(value),
  );

/** 24.11.2026, 14:30 */
export const formatDateTime = (value: DateInput, { locale, timeZone }: DateFormatOptions): string =>
  dateTimeFormat(locale, {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(toDate(value));

/** вторник, 24 ноября */
export const formatLongDate = (value: DateInput, { locale, timeZone }: DateFormatOptions): string =>
  dateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(toDate(value));

/** The hour (0–23) on the wall clock of the time zone, for greetings and "today". */
export const hourInTimeZone = (value: DateInput, timeZone: string): number => {
  const hour = dateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' })
    .formatToParts(toDate(value))
    .find((part) => part.type === 'hour')?.value;
  return Number(hour ?? 0);
};

/** The calendar day (YYYY-MM-DD) of the instant in the time zone. */
export const dayInTimeZone = (value: DateInput, timeZone: string): string =>
  dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    toDate(value),
  );

/** GMT+3 */
export const formatUtcOffset = (timeZone: string, at: DateInput = Date.now()): string =>
  dateTimeFormat('en-GB', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(toDate(at))
    .find((part) => part.type === 'timeZoneName')?.value ?? timeZone;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * A notification's time: "сейчас", "5 минут назад", "3 часа назад" for the last hours, then
 * "сегодня, 14:30", "вчера, 14:30", then the date and time. "Today" is the tenant's calendar day.
 */
export const formatEventTime = (value: DateInput, now: DateInput, options: DateFormatOptions): string => {
  const date = toDate(value);
  const current = toDate(now);
  const elapsed = current.getTime() - date.getTime();
  const relative = new Intl.RelativeTimeFormat(options.locale, { numeric: 'auto' });
  if (elapsed >= 0 && elapsed < MINUTE) return relative.format(0, 'second');
  if (elapsed >= 0 && elapsed < HOUR) return relative.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed >= 0 && elapsed < 6 * HOUR) return relative.format(-Math.floor(elapsed / HOUR), 'hour');
  const day = dayInTimeZone(date, options.timeZone);
  if (day === dayInTimeZone(current, options.timeZone)) {
    return `${relative.format(0, 'day')}, ${formatTime(date, options)}`;
  }
  if (day === dayInTimeZone(current.getTime() - 24 * HOUR, options.timeZone)) {
    return `${relative.format(-1, 'day')}, ${formatTime(date, options)}`;
  }
  return formatDateTime(date, options);
};

/** Digits after the decimal point of a currency: 2 for RUB, 0 for JPY, 3 for KWD. */
export const currencyMinorDigits = (currency: string): number =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/**
 * Money kept as an integer of minor units plus an ISO 4217 code, e.g. (123456789, 'RUB') → 1 234 567,89 ₽.
 * The amount goes to Intl as a decimal string, so large sums are never rounded through a float.
 */
export const formatMoney = (minorUnits: number | bigint, currency: string, locale: string): string => {
  if (typeof minorUnits === 'number' && !Number.isSafeInteger(minorUnits)) {
    throw new RangeError(`Money must be an integer number of minor units, got ${minorUnits}`);
  }
  const digits = currencyMinorDigits(currency);
  const units = BigInt(minorUnits);
  const negative = units < 0n;
  const absolute = (negative ? -units : units).toString().padStart(digits + 1, '0');
  const whole = absolute.slice(0, absolute.length - digits);
  const fraction = digits > 0 ? `.${absolute.slice(absolute.length - digits)}` : '';
  const decimal = `${negative ? '-' : ''}${whole}${fraction}` as Intl.StringNumericLiteral;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(decimal);
};

export const formatNumber = (value: number, locale: string): string =>
  new Intl.NumberFormat(locale).format(value);
