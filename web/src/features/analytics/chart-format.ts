// Labels and scales of the analytics charts, as pure functions of the Intl locale: month names
// («ноябрь 2026 г.», «нояб.»), the period («октябрь – декабрь 2026 г.»), shares («66,7 %»), short
// money for axes and bar ends («1,2 млн ₽»; the tables and text alternatives give the exact sum with
// formatMoney), and the "nice" top of a value axis.
import { currencyMinorDigits } from '../../format/format.ts';

const formats = new Map<string, Intl.DateTimeFormat>();

const monthFormat = (locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    formats.set(key, format);
  }
  return format;
};

const firstDay = (month: string): Date => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1));
};

/** «ноябрь 2026 г.», «November 2026». */
export const formatMonth = (month: string, locale: string): string =>
  monthFormat(locale, { month: 'long', year: 'numeric' }).format(firstDay(month));

/** «ноябрь», «November» (the standalone form). */
export const formatMonthName = (month: string, locale: string): string =>
  monthFormat(locale, { month: 'long' }).format(firstDay(month));

/** «нояб.», «Nov»: an axis label. */
export const formatMonthShort = (month: string, locale: string): string =>
  monthFormat(locale, { month: 'short' }).format(firstDay(month));

/** A period of months: «ноябрь 2026 г.», «октябрь – декабрь 2026 г.», «ноябрь 2025 г. – март 2026 г.». */
export const formatPeriod = (from: string, to: string, locale: string): string => {
  if (from === to) return formatMonth(from, locale);
  if (from.slice(0, 4) === to.slice(0, 4))
    return `${formatMonthName(from, locale)} – ${formatMonth(to, locale)}`;
  return `${formatMonth(from, locale)} – ${formatMonth(to, locale)}`;
};

/** A percentage the API gives with one decimal (66.7 → «66,7 %», «66.7%»). */
export const formatShare = (percent: number, locale: string): string =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(percent / 100);

/** Money in minor units, shortened for a chart («1,2 млн ₽», «RUB 1.2M»: the currency shown as formatMoney shows it). */
export const formatMoneyShort = (minorUnits: number, currency: string, locale: string): string => {
  const major = minorUnits / 10 ** currencyMinorDigits(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: Math.abs(major) < 1000 ? 0 : 1,
  }).format(major);
};

/**
 * The top of a value axis: the smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `max`, so that its
 * quarters are round numbers. At least 1.
 */
export const niceMax = (max: number): number => {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
};

/** Evenly spaced ticks from 0 to `top`, inclusive. */
export const axisTicks = (top: number, count = 4): number[] =>
  Array.from({ length: count + 1 }, (_, i) => (top * i) / count);

/** A value's share of the scale as a CSS percentage, never below `min` for a non-zero value (so it stays visible). */
export const barPercent = (value: number, top: number, min = 0.6): number => {
  if (!(value > 0) || !(top > 0)) return 0;
  return Math.max(min, Math.min(100, (value / top) * 100));
};
