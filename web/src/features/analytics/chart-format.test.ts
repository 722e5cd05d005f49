// Chart labels in both languages and the value axis.
import { describe, expect, it } from 'vitest';
import {
  axisTicks,
  barPercent,
  formatMoneyShort,
  formatMonth,
  formatMonthShort,
  formatPeriod,
  formatShare,
  niceMax,
} from './chart-format.ts';

/** Intl's no-break and narrow no-break spaces as plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('month and period labels', () => {
  it('names months in the language, in the nominative for Russian', () => {
    expect(plain(formatMonth('2026-11', 'ru-RU'))).toBe('ноябрь 2026 г.');
    expect(formatMonth('2026-11', 'en-GB')).toBe('November 2026');
    expect(formatMonthShort('2026-05', 'en-GB')).toBe('May');
    expect(formatMonthShort('2026-02', 'ru-RU')).toMatch(/^февр?\.?$/);
  });

  it('says a period once per year', () => {
    expect(plain(formatPeriod('2026-10', '2026-12', 'ru-RU'))).toBe('октябрь – декабрь 2026 г.');
    expect(formatPeriod('2026-10', '2026-12', 'en-GB')).toBe('October – December 2026');
    expect(formatPeriod('2025-11', '2026-02', 'en-GB')).toBe('November 2025 – February 2026');
    expect(formatPeriod('2026-11', '2026-11', 'en-GB')).toBe('November 2026');
  });
});

describe('figures', () => {
  it('gives shares with at most one decimal', () => {
    expect(plain(formatShare(66.7, 'ru-RU'))).toBe('66,7 %');
    expect(formatShare(50, 'en-GB')).toBe('50%');
  });

  it('shortens money from minor units for the charts', () => {
    expect(plain(formatMoneyShort(123_456_789, 'RUB', 'ru-RU'))).toBe('1,2 млн ₽');
    expect(plain(formatMoneyShort(15_000_000, 'RUB', 'ru-RU'))).toBe('150 тыс. ₽');
    expect(plain(formatMoneyShort(15_000_000, 'RUB', 'en-GB'))).toMatch(/^RUB 150[kK]$/);
    expect(plain(formatMoneyShort(99_900, 'RUB', 'en-GB'))).toBe('RUB 999');
    expect(formatMoneyShort(150_000, 'JPY', 'en-GB')).toMatch(/^(JP)?¥150K$/i);
  });
});

describe('the value axis', () => {
  it('tops at a round number at or above the largest value', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(10)).toBe(10);
    expect(niceMax(11)).toBe(20);
    expect(niceMax(2_100)).toBe(2_500);
    expect(niceMax(4_000_00)).toBe(5_000_00);
    expect(axisTicks(2_500)).toEqual([0, 625, 1_250, 1_875, 2_500]);
  });

  it('keeps a small non-zero bar visible and an empty one empty', () => {
    expect(barPercent(0, 100)).toBe(0);
    expect(barPercent(1, 10_000)).toBe(0.6);
    expect(barPercent(50, 200)).toBe(25);
    expect(barPercent(300, 200)).toBe(100);
  });
});
