// Calendar days in the tenant's time zone (tenants/*.json `timezone`): where "today" begins
// and ends for "my tasks", and the instant of a wall-clock time on a local date (automations
// that create a task "tomorrow at 10:00"). Instants stay UTC everywhere else; only these
// functions know about wall clocks. Pure (Intl only), DST-aware.

const dayMs = 86_400_000;

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

/** The wall-clock time at `instantMs` in `timeZone`, written as a UTC timestamp (to the second). */
const wallTime = (instantMs: number, timeZone: string): number => {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
};

const offsetAt = (instantMs: number, timeZone: string): number => {
  const second = Math.floor(instantMs / 1000) * 1000;
  return wallTime(second, timeZone) - second;
};

/**
 * The first instant at which the wall clock of `timeZone` shows `wallMs` or later: the
 * earlier of two in a fall-back overlap, the first instant after a spring-forward gap.
 */
const instantOfWallTime = (wallMs: number, timeZone: string): number => {
  const offsets = new Set([
    offsetAt(wallMs - dayMs, timeZone),
    offsetAt(wallMs, timeZone),
    offsetAt(wallMs + dayMs, timeZone),
  ]);
  const exact = [...offsets]
    .map((offset) => wallMs - offset)
    .filter((instant) => wallTime(instant, timeZone) === wallMs)
    .sort((a, b) => a - b);
  return exact[0] ?? wallMs - offsetAt(wallMs - dayMs, timeZone);
};

/** Throws a RangeError for a name Intl does not know. */
export const assertTimeZone = (timeZone: string): void => {
  formatter(timeZone);
};

/** The local date (`yyyy-mm-dd`) of an instant in `timeZone`. */
export const localDate = (instant: Date, timeZone: string): string =>
  new Date(wallTime(instant.getTime(), timeZone)).toISOString().slice(0, 10);

/** The date `days` after `date` (`yyyy-mm-dd`), by the calendar. */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + days * dayMs).toISOString().slice(0, 10);

/** The day of the week of a date: 0 = Sunday … 6 = Saturday. */
export const weekday = (date: string): number => new Date(`${date}T00:00:00.000Z`).getUTCDay();

/** The instant a wall-clock time (`hh:mm`) falls on a local date in `timeZone`. */
export const instantAt = (date: string, time: string, timeZone: string): Date =>
  new Date(instantOfWallTime(Date.parse(`${date}T${time}:00.000Z`), timeZone));

/** Where the local day of `instant` begins and where the next one begins, as instants. */
export const localDayBounds = (instant: Date, timeZone: string): { start: Date; end: Date } => {
  const date = localDate(instant, timeZone);
  return { start: instantAt(date, '00:00', timeZone), end: instantAt(addDays(date, 1), '00:00', timeZone) };
};
