// A past date typed for a note means the organisation's wall clock, whatever the browser's zone.
import { describe, expect, it } from 'vitest';
import { isoToZonedLocal, zonedLocalToIso } from './zoned.ts';

describe('wall clock of the tenant', () => {
  it('reads a datetime-local value in the tenant zone', () => {
    expect(zonedLocalToIso('2026-11-20T14:30', 'Europe/Moscow')).toBe('2026-11-20T11:30:00.000Z');
    expect(zonedLocalToIso('2026-07-01T09:00', 'Europe/Berlin')).toBe('2026-07-01T07:00:00.000Z');
    expect(zonedLocalToIso('2026-01-01T09:00', 'Europe/Berlin')).toBe('2026-01-01T08:00:00.000Z');
    expect(zonedLocalToIso('20.11.2026', 'Europe/Moscow')).toBeUndefined();
  });

  it('writes an instant as the tenant wall clock', () => {
    expect(isoToZonedLocal('2026-11-20T11:30:00.000Z', 'Europe/Moscow')).toBe('2026-11-20T14:30');
    expect(isoToZonedLocal('2026-11-20T23:30:00.000Z', 'Asia/Vladivostok')).toBe('2026-11-21T09:30');
  });
});
