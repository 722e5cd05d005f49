// The analytics period: calendar presets in the organisation's time zone, the URL round trip, and
// what the API would refuse said before asking.
import { describe, expect, it } from 'vitest';
import {
  defaultPlanMonth,
  monthInTimeZone,
  monthsBetween,
  parseAnalyticsParams,
  periodProblem,
  presetRange,
  shiftMonth,
  toAnalyticsSearch,
} from './period.ts';

describe('presetRange', () => {
  it('gives the month, the calendar quarter and the year holding a month', () => {
    expect(presetRange('month', '2026-11')).toEqual({ from: '2026-11', to: '2026-11' });
    expect(presetRange('quarter', '2026-11')).toEqual({ from: '2026-10', to: '2026-12' });
    expect(presetRange('quarter', '2026-01')).toEqual({ from: '2026-01', to: '2026-03' });
    expect(presetRange('quarter', '2026-06')).toEqual({ from: '2026-04', to: '2026-06' });
    expect(presetRange('year', '2026-11')).toEqual({ from: '2026-01', to: '2026-12' });
  });
});

describe('monthInTimeZone', () => {
  it('is the month of the organisation, not of the browser', () => {
    // 21:30 UTC on 30 September is already 1 October in Moscow (UTC+3), still September in New York.
    const at = Date.UTC(2026, 8, 30, 21, 30);
    expect(monthInTimeZone(at, 'Europe/Moscow')).toBe('2026-10');
    expect(monthInTimeZone(at, 'America/New_York')).toBe('2026-09');
    // …which moves "this quarter" from Q3 to Q4.
    expect(presetRange('quarter', monthInTimeZone(at, 'Europe/Moscow')).from).toBe('2026-10');
  });
});

describe('months', () => {
  it('shift across years and list a period inclusively', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-05', -17)).toBe('2024-12');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-02')).toEqual([]);
  });
});

describe('the URL', () => {
  it('defaults to this quarter and keeps the pipeline', () => {
    expect(parseAnalyticsParams({}, '2026-11')).toEqual({
      preset: 'quarter',
      from: '2026-10',
      to: '2026-12',
    });
    expect(parseAnalyticsParams({ pipeline: 'renewals', period: 'nonsense' }, '2026-11')).toEqual({
      preset: 'quarter',
      from: '2026-10',
      to: '2026-12',
      pipeline: 'renewals',
    });
  });

  it('computes presets from the current month, ignoring stray bounds', () => {
    expect(parseAnalyticsParams({ period: 'year', from: '2020-01' }, '2026-11')).toEqual({
      preset: 'year',
      from: '2026-01',
      to: '2026-12',
    });
  });

  it('round-trips a custom range and drops malformed months', () => {
    const custom = parseAnalyticsParams({ period: 'custom', from: '2025-11', to: '2026-02' }, '2026-11');
    expect(custom).toEqual({ preset: 'custom', from: '2025-11', to: '2026-02' });
    expect(parseAnalyticsParams(toAnalyticsSearch(custom), '2026-11')).toEqual(custom);
    expect(parseAnalyticsParams({ period: 'custom', from: '2025-13', to: 'x' }, '2026-11')).toEqual({
      preset: 'custom',
      from: '2026-10',
      to: '2026-12',
    });
  });

  it('clears the keys a preset does not use', () => {
    expect(toAnalyticsSearch({ preset: 'quarter', from: '2026-10', to: '2026-12' })).toEqual({
      period: undefined,
      from: undefined,
      to: undefined,
      pipeline: undefined,
    });
    expect(toAnalyticsSearch({ preset: 'month', from: '2026-11', to: '2026-11', pipeline: 'p' })).toEqual({
      period: 'month',
      from: undefined,
      to: undefined,
      pipeline: 'p',
    });
  });
});

describe('periodProblem', () => {
  it('names an inverted or a too long period, as the API would', () => {
    expect(periodProblem({ from: '2026-03', to: '2026-02' })).toBe('inverted');
    expect(periodProblem({ from: '2023-01', to: '2025-12' })).toBeUndefined();
    expect(periodProblem({ from: '2023-01', to: '2026-01' })).toBe('tooLong');
  });
});

describe('defaultPlanMonth', () => {
  it('opens the plan of the current month when the period holds it, else of its first month', () => {
    expect(defaultPlanMonth(['2026-10', '2026-11', '2026-12'], '2026-11')).toBe('2026-11');
    expect(defaultPlanMonth(['2026-01', '2026-02'], '2026-11')).toBe('2026-01');
    expect(defaultPlanMonth([], '2026-11')).toBeUndefined();
  });
});
