// EventBridge Scheduler's schedule expressions — `rate(value unit)`, `cron(min hour dom
// month dow year)` and `at(yyyy-mm-ddThh:mm:ss)` — parsed and validated as AWS documents
// them, and turned into "next occurrence after instant t".
//
// Calendar arithmetic for cron (L, W, #, ranges, steps, names, the year field) is croner's;
// it runs on wall-clock time written as if it were UTC. This module then maps each
// wall-clock time into the schedule's IANA time zone with AWS's daylight-saving rules
// (Scheduler user guide, "Daylight savings time"): a time that does not exist when clocks
// spring forward is skipped, and a time that occurs twice when they fall back runs once, at
// its first occurrence. `rate` counts fixed durations from the start (a day is 24 hours,
// whatever DST does). A one-off `at()` that falls into a spring-forward gap runs at the
// equivalent instant after the gap rather than never.
import { Cron } from 'croner';

export type ScheduleExpression =
  | { readonly kind: 'rate'; readonly intervalMs: number; readonly text: string }
  | { readonly kind: 'cron'; readonly cron: Cron; readonly text: string }
  | { readonly kind: 'at'; readonly wallMs: number; readonly text: string };

export class ScheduleExpressionError extends Error {
  override readonly name = 'ValidationException';
}

const minuteMs = 60_000;
const rateUnits: Readonly<Record<string, number>> = {
  minute: minuteMs,
  minutes: minuteMs,
  hour: 60 * minuteMs,
  hours: 60 * minuteMs,
  day: 24 * 60 * minuteMs,
  days: 24 * 60 * minuteMs,
};

export const isValidTimeZone = (timeZone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
};

/** Parses and validates an expression; throws ScheduleExpressionError with AWS-like wording. */
export const parseScheduleExpression = (text: string): ScheduleExpression => {
  const invalid = (reason: string) =>
    new ScheduleExpressionError(`Invalid Schedule Expression ${text}. ${reason}`);
  const match = /^(rate|cron|at)\((.*)\)$/.exec(text.trim());
  if (!match) throw invalid('Expected rate(...), cron(...) or at(...).');
  const [, kind, body = ''] = match;
  if (kind === 'rate') {
    const rate = /^(\d+)\s+([a-z]+)$/.exec(body.trim());
    const unitMs = rate ? rateUnits[rate[2] as string] : undefined;
    const value = rate ? Number(rate[1]) : 0;
    if (!rate || unitMs === undefined)
      throw invalid('A rate is "rate(value unit)" with unit minutes, hours or days.');
    if (!Number.isSafeInteger(value) || value < 1)
      throw invalid('The rate value must be a positive integer.');
    return { kind: 'rate', intervalMs: value * unitMs, text };
  }
  if (kind === 'at') {
    const at = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
    if (!at) throw invalid('A one-time schedule is "at(yyyy-mm-ddThh:mm:ss)".');
    const [y, mo, d, h, mi, s] = at.slice(1).map(Number) as [number, number, number, number, number, number];
    const wallMs = Date.UTC(y, mo - 1, d, h, mi, s);
    const check = new Date(wallMs);
    if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
      throw invalid('The date or time does not exist.');
    }
    return { kind: 'at', wallMs, text };
  }
  return { kind: 'cron', cron: compileCron(body, invalid), text };
};

// --- cron -----------------------------------------------------------------------------

type FieldSpec = {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly special: RegExp;
};

const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const weekdays = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

// The wildcards AWS allows per field ("Cron expressions reference").
const fields: readonly FieldSpec[] = [
  { name: 'Minutes', min: 0, max: 59, special: /^[\d,\-*/]+$/ },
  { name: 'Hours', min: 0, max: 23, special: /^[\d,\-*/]+$/ },
  { name: 'Day-of-month', min: 1, max: 31, special: /^[\d,\-*?/LW]+$/ },
  { name: 'Month', min: 1, max: 12, names: months, special: /^[\d,\-*/A-Z]+$/ },
  { name: 'Day-of-week', min: 1, max: 7, names: weekdays, special: /^[\d,\-*?L#A-Z]+$/ },
  { name: 'Year', min: 1970, max: 2199, special: /^[\d,\-*/]+$/ },
];

const checkNumbers = (value: string, spec: FieldSpec, fail: (reason: string) => never): void => {
  const words = value.match(/[A-Z]+/g) ?? [];
  for (const word of words) {
    if (word === 'L' || word === 'W' || word === 'LW') continue;
    if (!spec.names?.includes(word)) fail(`${spec.name}: unknown name ${word}.`);
  }
  // Numbers after "/" are steps and after "#" an occurrence: only the others are values.
  const numbers = value.replace(/[/#]\d+/g, '').match(/\d+/g) ?? [];
  for (const n of numbers) {
    const number = Number(n);
    if (number < spec.min || number > spec.max)
      fail(`${spec.name}: ${n} is outside ${spec.min}-${spec.max}.`);
  }
};

const compileCron = (body: string, invalid: (reason: string) => ScheduleExpressionError): Cron => {
  const fail = (reason: string): never => {
    throw invalid(reason);
  };
  const parts = body.trim().toUpperCase().split(/\s+/);
  if (parts.length !== 6)
    fail('A cron expression has six fields: minutes hours day-of-month month day-of-week year.');
  parts.forEach((part, i) => {
    const spec = fields[i] as FieldSpec;
    if (!spec.special.test(part)) fail(`${spec.name}: "${part}" uses a character this field does not allow.`);
    checkNumbers(part, spec, fail);
  });
  const [minute, hour, dayOfMonth, month, dayOfWeek, year] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    fail('Day-of-month and day-of-week cannot both be specified: one of them must be "?".');
  }
  if (dayOfWeek.includes('#') && dayOfWeek.includes(','))
    fail('Day-of-week: only one expression is allowed with "#".');
  // AWS reads a lone "L" in day-of-week as the last day of the week, Saturday; "nL" as the
  // last weekday n of the month, which croner writes "n#L".
  const weekday = dayOfWeek === 'L' ? '7' : dayOfWeek.replace(/^([1-7]|[A-Z]{3})L$/, '$1#L');
  const pattern = `0 ${minute} ${hour} ${dayOfMonth} ${month} ${weekday} ${year}`;
  try {
    return new Cron(pattern, {
      timezone: 'Etc/UTC',
      mode: '7-part',
      alternativeWeekdays: true,
      sloppyRanges: true,
      paused: true,
    });
  } catch (error) {
    return fail((error as Error).message);
  }
};

// --- time zones -------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatter = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

/** The wall-clock time at `instantMs` in `timeZone`, written as a UTC timestamp, to the second. */
export const wallTime = (instantMs: number, timeZone: string): number => {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(
    parts.year as number,
    (parts.month as number) - 1,
    parts.day as number,
    parts.hour as number,
    parts.minute as number,
    parts.second as number,
  );
};

const offsetAt = (instantMs: number, timeZone: string): number => {
  const second = Math.floor(instantMs / 1000) * 1000;
  return wallTime(second, timeZone) - second;
};

/**
 * Every instant at which the wall clock of `timeZone` shows `wallMs`: none inside a
 * spring-forward gap, two inside a fall-back overlap (earliest first), one otherwise.
 */
export const instantsForWallTime = (wallMs: number, timeZone: string): number[] => {
  const dayMs = 86_400_000;
  const offsets = new Set([
    offsetAt(wallMs - dayMs, timeZone),
    offsetAt(wallMs, timeZone),
    offsetAt(wallMs + dayMs, timeZone),
  ]);
  return [...offsets]
    .map((offset) => wallMs - offset)
    .filter((instant) => wallTime(instant, timeZone) === wallMs)
    .sort((a, b) => a - b);
};

// --- occurrences ------------------------------------------------------------------------

/** The instant an at() schedule fires: the first of two in an overlap, the shifted one in a gap. */
export const atInstant = (wallMs: number, timeZone: string): number => {
  const [first] = instantsForWallTime(wallMs, timeZone);
  return first ?? wallMs - offsetAt(wallMs - 86_400_000, timeZone);
};

/**
 * The first occurrence strictly after `afterMs` (and at or after `startMs` for rate
 * schedules, which count from it), or undefined when there is none.
 */
export const nextOccurrence = (
  expression: ScheduleExpression,
  options: { readonly afterMs: number; readonly timeZone: string; readonly startMs: number },
): number | undefined => {
  const { afterMs, timeZone, startMs } = options;
  switch (expression.kind) {
    case 'at': {
      const instant = atInstant(expression.wallMs, timeZone);
      return instant > afterMs ? instant : undefined;
    }
    case 'rate': {
      if (afterMs < startMs) return startMs;
      const steps = Math.floor((afterMs - startMs) / expression.intervalMs) + 1;
      return startMs + steps * expression.intervalMs;
    }
    case 'cron': {
      // Start a few hours back in wall time so that the first pass of a repeated hour is seen.
      let cursor = wallTime(afterMs, timeZone) - 3 * 3_600_000;
      for (let guard = 0; guard < 100_000; guard++) {
        const next = expression.cron.nextRun(new Date(cursor));
        if (!next) return undefined;
        cursor = next.getTime();
        const [first] = instantsForWallTime(cursor, timeZone);
        if (first !== undefined && first > afterMs) return first;
      }
      return undefined;
    }
  }
};
