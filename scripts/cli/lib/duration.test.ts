// Durations typed by operators for `crm clock --advance`.
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.ts';

describe('parseDuration', () => {
  it.each([
    ['15m', 900_000],
    ['3h', 10_800_000],
    ['1d', 86_400_000],
    ['2w', 1_209_600_000],
    ['1d12h', 129_600_000],
    ['90s', 90_000],
    [' 1H ', 3_600_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '0d', '1', 'd', '-1d', '1.5h', '1 day', '1y'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it('names days, hours, minutes and seconds', () => {
    expect(formatDuration(90_061_000)).toBe('1d 1h 1m 1s');
    expect(formatDuration(1_209_600_000)).toBe('14d');
    expect(formatDuration(0)).toBe('0s');
  });
});
