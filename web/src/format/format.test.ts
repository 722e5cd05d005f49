// Dates in the tenant's time zone and money from minor units, as Russian users expect to read them.
import { describe, expect, it } from 'vitest';
import {
  currencyMinorDigits,
  dayInTimeZone,
  formatDate,
  formatDateTime,
  formatEventTime,
  formatLongDate,
  formatMoney,
  formatTime,
  formatUtcOffset,
  hourInTimeZone,
} from './format.ts';

// CLDR versions differ on the exact no-break space (U+00A0 or U+202F) between thousands and before ₽;
// compare with plain spaces, and check separately that no breakable space is ever produced.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const money = (...args: Parameters<typeof formatMoney>) => {
  const text = formatMoney(...args);
  expect(text).not.toMatch(/ /);
  return plain(text);
};
const moscow = { locale: 'ru-RU', timeZone: 'Europe/Moscow' };

describe('dates and times', () => {
  it('formats a date as 24.11.2026 and a time as 14:30 in ru-RU', () => {
    expect(formatDate('2026-11-24T11:30:00Z', moscow)).toBe('24.11.2026');
    expect(formatTime('2026-11-24T11:30:00Z', moscow)).toBe('14:30');
    expect(formatDateTime('2026-11-24T11:30:00Z', moscow)).toBe('24.11.2026, 14:30');
  });

  it("uses the tenant's time zone, not UTC: 21:30Z is already the next day in Moscow", () => {
    expect(formatDate('2026-11-24T21:30:00Z', moscow)).toBe('25.11.2026');
    expect(formatTime('2026-11-24T21:30:00Z', moscow)).toBe('00:30');
    expect(formatDate('2026-11-24T21:30:00Z', { locale: 'ru-RU', timeZone: 'Asia/Vladivostok' })).toBe(
      '25.11.2026',
    );
    expect(formatTime('2026-11-24T21:30:00Z', { locale: 'ru-RU', timeZone: 'America/New_York' })).toBe(
      '16:30',
    );
  });

  it('keeps day-first dates and a 24-hour clock for English', () => {
    const english = { locale: 'en-GB', timeZone: 'Europe/Moscow' };
    expect(formatDate('2026-11-24T11:30:00Z', english)).toBe('24/11/2026');
    expect(formatTime('2026-11-24T15:05:00Z', english)).toBe('18:05');
  });

  it('writes the long date with the weekday', () => {
    expect(formatLongDate('2026-11-24T11:30:00Z', moscow)).toBe('вторник, 24 ноября');
  });

  it('reads the wall-clock hour and the calendar day in a time zone', () => {
    expect(hourInTimeZone('2026-11-24T21:30:00Z', 'Europe/Moscow')).toBe(0);
    expect(hourInTimeZone('2026-11-24T09:00:00Z', 'Europe/Moscow')).toBe(12);
    expect(dayInTimeZone('2026-11-24T21:30:00Z', 'Europe/Moscow')).toBe('2026-11-25');
    expect(formatUtcOffset('Europe/Moscow', '2026-11-24T00:00:00Z')).toBe('GMT+3');
  });

  it('describes a notification time relative to now, with "today" in the tenant zone', () => {
    const now = '2026-11-24T11:30:00Z'; // 14:30 in Moscow
    expect(formatEventTime('2026-11-24T11:29:30Z', now, moscow)).toBe('сейчас');
    expect(formatEventTime('2026-11-24T11:25:00Z', now, moscow)).toBe('5 минут назад');
    expect(formatEventTime('2026-11-24T08:30:00Z', now, moscow)).toBe('3 часа назад');
    expect(formatEventTime('2026-11-24T04:10:00Z', now, moscow)).toBe('сегодня, 07:10');
    expect(formatEventTime('2026-11-23T21:10:00Z', now, moscow)).toBe('сегодня, 00:10');
    expect(formatEventTime('2026-11-23T20:50:00Z', now, moscow)).toBe('вчера, 23:50');
    expect(formatEventTime('2026-11-20T08:00:00Z', now, moscow)).toBe('20.11.2026, 11:00');
  });
});

describe('money', () => {
  it('formats minor units of roubles as 1 234 567,89 ₽', () => {
    expect(money(123_456_789, 'RUB', 'ru-RU')).toBe('1 234 567,89 ₽');
  });

  it('keeps kopecks and signs exact', () => {
    expect(money(5, 'RUB', 'ru-RU')).toBe('0,05 ₽');
    expect(money(-150_000, 'RUB', 'ru-RU')).toBe('-1 500,00 ₽');
    expect(money(0, 'RUB', 'ru-RU')).toBe('0,00 ₽');
  });

  it('never rounds large sums through a float', () => {
    // 9 007 199 254 740 993 kopecks is not representable as a double.
    expect(money(9_007_199_254_740_993n, 'RUB', 'ru-RU')).toBe('90 071 992 547 409,93 ₽');
  });

  it("uses each currency's own minor unit", () => {
    expect(currencyMinorDigits('RUB')).toBe(2);
    expect(currencyMinorDigits('JPY')).toBe(0);
    expect(currencyMinorDigits('KWD')).toBe(3);
    expect(money(1234, 'JPY', 'ru-RU')).toBe('1 234 ¥');
    expect(money(123_456, 'USD', 'en-GB')).toBe('US$1,234.56');
    expect(money(1_234_567, 'KWD', 'en-GB')).toBe('KWD 1,234.567');
  });

  it('rejects fractional minor units', () => {
    expect(() => formatMoney(10.5, 'RUB', 'ru-RU')).toThrow(RangeError);
  });
});
