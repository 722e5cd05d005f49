import { describe, expect, it } from 'vitest';
import { addDays, assertTimeZone, instantAt, localDate, localDayBounds, weekday } from './time-zone.ts';

describe('local days', () => {
  it('puts Moscow’s day three hours ahead of UTC', () => {
    const late = new Date('2026-11-24T22:30:00.000Z');
    expect(localDate(late, 'Europe/Moscow')).toBe('2026-11-25');
    expect(localDate(late, 'UTC')).toBe('2026-11-24');
    const { start, end } = localDayBounds(late, 'Europe/Moscow');
    expect(start.toISOString()).toBe('2026-11-24T21:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-25T21:00:00.000Z');
  });

  it('has 23 and 25 hours on the days clocks change', () => {
    const spring = localDayBounds(new Date('2026-03-29T12:00:00.000Z'), 'Europe/Berlin');
    expect(spring.start.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3600_000);
    const autumn = localDayBounds(new Date('2026-10-25T12:00:00.000Z'), 'Europe/Berlin');
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3600_000);
  });

  it('finds the first instant of a day whose midnight does not exist', () => {
    // Santiago springs forward at 00:00 on 2026-09-06: the day begins at 01:00 local (-03).
    expect(instantAt('2026-09-06', '00:00', 'America/Santiago').toISOString()).toBe(
      '2026-09-06T04:00:00.000Z',
    );
  });

  it('places a wall-clock time on a local date, and counts dates and weekdays by the calendar', () => {
    expect(instantAt('2026-11-25', '10:00', 'Europe/Moscow').toISOString()).toBe('2026-11-25T07:00:00.000Z');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekday('2026-11-28')).toBe(6);
  });

  it('refuses a time zone Intl does not know', () => {
    expect(() => assertTimeZone('Mars/Olympus')).toThrow(RangeError);
  });
});
