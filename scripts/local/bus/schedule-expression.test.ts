// Next-occurrence computation of rate, cron and at expressions: AWS's cron dialect (1 = SUN,
// ?, L, W, #, names, year), time zones, and AWS's daylight-saving rules (a time skipped by
// spring-forward does not run; a time repeated by fall-back runs once).
import { describe, expect, it } from 'vitest';
import {
  atInstant,
  instantsForWallTime,
  nextOccurrence,
  parseScheduleExpression,
  ScheduleExpressionError,
} from './schedule-expression.ts';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

const occurrences = (
  expression: string,
  timeZone: string,
  fromIso: string,
  count: number,
  startIso?: string,
): string[] => {
  const parsed = parseScheduleExpression(expression);
  const startMs = startIso ? Date.parse(startIso) : Date.parse(fromIso);
  const out: string[] = [];
  let after = Date.parse(fromIso);
  for (let i = 0; i < count; i++) {
    const next = nextOccurrence(parsed, { afterMs: after, timeZone, startMs });
    if (next === undefined) break;
    out.push(iso(next) as string);
    after = next;
  }
  return out;
};

describe('rate()', () => {
  it('counts fixed intervals from the start, strictly after the given instant', () => {
    expect(occurrences('rate(5 minutes)', 'UTC', '2026-01-01T00:00:00Z', 3, '2026-01-01T00:00:00Z')).toEqual([
      '2026-01-01T00:05:00.000Z',
      '2026-01-01T00:10:00.000Z',
      '2026-01-01T00:15:00.000Z',
    ]);
    expect(occurrences('rate(1 hour)', 'UTC', '2026-01-01T00:30:00Z', 1, '2026-01-01T00:00:00Z')).toEqual([
      '2026-01-01T01:00:00.000Z',
    ]);
  });

  it('a day is 24 hours even across a DST change', () => {
    expect(
      occurrences('rate(1 day)', 'Europe/Berlin', '2026-03-28T10:00:00Z', 2, '2026-03-28T10:00:00Z'),
    ).toEqual(['2026-03-29T10:00:00.000Z', '2026-03-30T10:00:00.000Z']);
  });

  it('returns the start itself when asked for an instant before it', () => {
    const parsed = parseScheduleExpression('rate(2 days)');
    const start = Date.parse('2026-02-01T00:00:00Z');
    expect(iso(nextOccurrence(parsed, { afterMs: start - 1, timeZone: 'UTC', startMs: start }))).toBe(
      '2026-02-01T00:00:00.000Z',
    );
  });
});

describe('cron() in a time zone', () => {
  it('evaluates the fields in ScheduleExpressionTimezone (Moscow is UTC+3, no DST)', () => {
    expect(occurrences('cron(0 10 * * ? *)', 'Europe/Moscow', '2026-01-01T00:00:00Z', 2)).toEqual([
      '2026-01-01T07:00:00.000Z',
      '2026-01-02T07:00:00.000Z',
    ]);
  });

  it('numbers weekdays 1 = SUN … 7 = SAT and accepts names and ranges', () => {
    // 2026-01-01 is a Thursday.
    expect(occurrences('cron(0 12 ? * 2 *)', 'UTC', '2026-01-01T00:00:00Z', 1)).toEqual([
      '2026-01-05T12:00:00.000Z',
    ]);
    expect(occurrences('cron(0 12 ? * MON-FRI *)', 'UTC', '2026-01-02T13:00:00Z', 2)).toEqual([
      '2026-01-05T12:00:00.000Z',
      '2026-01-06T12:00:00.000Z',
    ]);
    expect(occurrences('cron(0 12 ? * 1,7 *)', 'UTC', '2026-01-01T00:00:00Z', 2)).toEqual([
      '2026-01-03T12:00:00.000Z',
      '2026-01-04T12:00:00.000Z',
    ]);
  });

  it('supports lists, ranges, steps and month names', () => {
    expect(occurrences('cron(0/15 9 * * ? *)', 'UTC', '2026-01-01T09:20:00Z', 3)).toEqual([
      '2026-01-01T09:30:00.000Z',
      '2026-01-01T09:45:00.000Z',
      '2026-01-02T09:00:00.000Z',
    ]);
    expect(occurrences('cron(1/10 9 * * ? *)', 'UTC', '2026-01-01T09:00:00Z', 2)).toEqual([
      '2026-01-01T09:01:00.000Z',
      '2026-01-01T09:11:00.000Z',
    ]);
    expect(occurrences('cron(0 8 15 JAN,JUL ? *)', 'UTC', '2026-02-01T00:00:00Z', 2)).toEqual([
      '2026-07-15T08:00:00.000Z',
      '2027-01-15T08:00:00.000Z',
    ]);
  });

  it('L: last day of the month (leap February) and last weekday of the month', () => {
    expect(occurrences('cron(0 9 L * ? *)', 'UTC', '2028-02-01T00:00:00Z', 2)).toEqual([
      '2028-02-29T09:00:00.000Z',
      '2028-03-31T09:00:00.000Z',
    ]);
    // 6L = the last Friday; a lone L in day-of-week = Saturday.
    expect(occurrences('cron(0 9 ? * 6L *)', 'UTC', '2026-01-01T00:00:00Z', 2)).toEqual([
      '2026-01-30T09:00:00.000Z',
      '2026-02-27T09:00:00.000Z',
    ]);
    expect(occurrences('cron(0 9 ? * L *)', 'UTC', '2026-01-01T00:00:00Z', 1)).toEqual([
      '2026-01-03T09:00:00.000Z',
    ]);
  });

  it('W: the weekday nearest to a day, within the month', () => {
    // 2026-03-15 is a Sunday → Monday the 16th; 2026-08-15 a Saturday → Friday the 14th.
    expect(occurrences('cron(0 9 15W * ? *)', 'UTC', '2026-03-01T00:00:00Z', 1)).toEqual([
      '2026-03-16T09:00:00.000Z',
    ]);
    expect(occurrences('cron(0 9 15W * ? *)', 'UTC', '2026-08-01T00:00:00Z', 1)).toEqual([
      '2026-08-14T09:00:00.000Z',
    ]);
  });

  it('#: the nth weekday of the month (3#2 = second Tuesday)', () => {
    expect(occurrences('cron(0 9 ? * 3#2 *)', 'UTC', '2026-01-01T00:00:00Z', 2)).toEqual([
      '2026-01-13T09:00:00.000Z',
      '2026-02-10T09:00:00.000Z',
    ]);
  });

  it('honours the year field and ends when it is exhausted', () => {
    expect(occurrences('cron(0 0 1 1 ? 2030-2031)', 'UTC', '2026-01-01T00:00:00Z', 3)).toEqual([
      '2030-01-01T00:00:00.000Z',
      '2031-01-01T00:00:00.000Z',
    ]);
  });
});

describe('daylight saving time (Europe/Berlin, 2026: spring forward 29 March, fall back 25 October)', () => {
  it('skips a time that does not exist when clocks spring forward', () => {
    expect(occurrences('cron(30 2 * * ? *)', 'Europe/Berlin', '2026-03-28T00:00:00Z', 3)).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-30T00:30:00.000Z',
      '2026-03-31T00:30:00.000Z',
    ]);
  });

  it('runs a repeated time once, at its first occurrence, when clocks fall back', () => {
    expect(occurrences('cron(30 2 * * ? *)', 'Europe/Berlin', '2026-10-24T12:00:00Z', 2)).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
    // Every 30 minutes: 02:00 and 02:30 run in the first pass only, then 03:00 CET.
    expect(occurrences('cron(0/30 * * * ? *)', 'Europe/Berlin', '2026-10-24T23:45:00Z', 4)).toEqual([
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T02:00:00.000Z',
      '2026-10-25T02:30:00.000Z',
    ]);
  });

  it('does not re-run the first pass when asked from inside the second pass', () => {
    expect(occurrences('cron(0/30 * * * ? *)', 'Europe/Berlin', '2026-10-25T01:10:00Z', 1)).toEqual([
      '2026-10-25T02:00:00.000Z',
    ]);
  });

  it('maps wall times to instants: none in the gap, two in the overlap', () => {
    expect(instantsForWallTime(Date.parse('2026-03-29T02:30:00Z'), 'Europe/Berlin')).toEqual([]);
    expect(
      instantsForWallTime(Date.parse('2026-10-25T02:30:00Z'), 'Europe/Berlin').map((ms) => iso(ms)),
    ).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']);
    expect(
      instantsForWallTime(Date.parse('2026-07-01T12:00:00Z'), 'America/New_York').map((ms) => iso(ms)),
    ).toEqual(['2026-07-01T16:00:00.000Z']);
  });
});

describe('at()', () => {
  it('is read in the time zone and fires once', () => {
    const parsed = parseScheduleExpression('at(2026-05-01T09:00:00)');
    expect(parsed.kind).toBe('at');
    const first = nextOccurrence(parsed, { afterMs: 0, timeZone: 'Europe/Moscow', startMs: 0 });
    expect(iso(first)).toBe('2026-05-01T06:00:00.000Z');
    expect(
      nextOccurrence(parsed, { afterMs: first as number, timeZone: 'Europe/Moscow', startMs: 0 }),
    ).toBeUndefined();
  });

  it('a time inside the spring-forward gap runs just after it; a repeated one at its first occurrence', () => {
    const gap = parseScheduleExpression('at(2026-03-29T02:30:00)');
    if (gap.kind !== 'at') throw new Error('expected an at() expression');
    expect(iso(atInstant(gap.wallMs, 'Europe/Berlin'))).toBe('2026-03-29T01:30:00.000Z');
    const overlap = parseScheduleExpression('at(2026-10-25T02:30:00)');
    if (overlap.kind !== 'at') throw new Error('expected an at() expression');
    expect(iso(atInstant(overlap.wallMs, 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('validation', () => {
  const rejects = (expression: string, fragment: string) => {
    expect(() => parseScheduleExpression(expression)).toThrow(ScheduleExpressionError);
    expect(() => parseScheduleExpression(expression)).toThrow(fragment);
  };

  it('rejects malformed expressions with the reason', () => {
    rejects('every 5 minutes', 'Expected rate(...), cron(...) or at(...)');
    rejects('rate(0 minutes)', 'positive integer');
    rejects('rate(5 weeks)', 'minutes, hours or days');
    rejects('at(2026-02-30T10:00:00)', 'does not exist');
    rejects('at(2026-02-10 10:00)', 'at(yyyy-mm-ddThh:mm:ss)');
    rejects('cron(0 10 * * *)', 'six fields');
    rejects('cron(0 10 * * MON *)', 'one of them must be "?"');
    rejects('cron(0 10 ? * ? *)', 'one of them must be "?"');
    rejects('cron(60 10 * * ? *)', 'Minutes: 60 is outside 0-59');
    rejects('cron(0 10 ? * 8 *)', 'Day-of-week: 8 is outside 1-7');
    rejects('cron(0 10 ? * FOO *)', 'unknown name FOO');
    rejects('cron(0 10 * * ? 1969)', 'Year: 1969 is outside 1970-2199');
    rejects('cron(0 10 ? * 3#1,6#3 *)', 'only one expression');
    rejects('cron(0 10 1#2 * ? *)', 'Day-of-month: "1#2" uses a character this field does not allow');
    rejects('cron(0 10 L? * ? *)', 'Invalid Schedule Expression cron(0 10 L? * ? *)');
  });

  it('accepts singular and plural rate units', () => {
    expect(parseScheduleExpression('rate(1 minute)')).toMatchObject({ kind: 'rate', intervalMs: 60_000 });
    expect(parseScheduleExpression('rate(2 hours)')).toMatchObject({ kind: 'rate', intervalMs: 7_200_000 });
  });
});
