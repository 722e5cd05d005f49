// The sending-rate decision: the window, the minimum sample, each limit at and below its edge.
import { describe, expect, it } from 'vitest';
import { pauseReason, type RateBucket, rateLimits, ratesOver, rateVerdict } from './sending-rates.ts';

const hour = (h: number, sends: number, bounces = 0, complaints = 0): RateBucket => ({
  hour: `2026-11-24T${String(h).padStart(2, '0')}`,
  sends,
  bounces,
  complaints,
});

describe('ratesOver', () => {
  it('sums the newest hours until the window holds enough sends, and says since when', () => {
    const rates = ratesOver([hour(12, 6000, 10), hour(11, 5000, 20), hour(10, 5000, 400)]);
    expect(rates).toEqual({ sends: 11_000, bounces: 30, complaints: 0, since: '2026-11-24T11' });
  });

  it('is empty without buckets', () => {
    expect(ratesOver([])).toEqual({ sends: 0, bounces: 0, complaints: 0 });
  });
});

describe('rateVerdict', () => {
  it('decides nothing below the minimum sample, however bad', () => {
    expect(rateVerdict({ sends: rateLimits.minimumSends - 1, bounces: 100, complaints: 50 })).toEqual({
      pause: false,
    });
  });

  it('pauses at a bounce rate of 4 %, not at 3.99 %', () => {
    expect(rateVerdict({ sends: 10_000, bounces: 399, complaints: 0 }).pause).toBe(false);
    expect(rateVerdict({ sends: 10_000, bounces: 400, complaints: 0 })).toEqual({
      pause: true,
      rate: 'bounce',
      value: 0.04,
      count: 400,
      sends: 10_000,
      limit: 0.04,
    });
  });

  it('pauses at a complaint rate of 0.08 %, not below', () => {
    expect(rateVerdict({ sends: 10_000, bounces: 0, complaints: 7 }).pause).toBe(false);
    expect(rateVerdict({ sends: 10_000, bounces: 0, complaints: 8 })).toMatchObject({
      pause: true,
      rate: 'complaint',
      count: 8,
    });
  });

  it('names the rate, the figures and the limits in the reason', () => {
    const verdict = rateVerdict({ sends: 200, bounces: 9, complaints: 0 });
    if (!verdict.pause) throw new Error('expected a pause');
    expect(pauseReason(verdict, 'en')).toBe(
      'Bounce rate 4.5 % (9 of the last 200 sends) reached the 4 % limit; SES reviews accounts at 5 %. Campaigns paused.',
    );
    expect(pauseReason(verdict, 'ru')).toContain('Доля отказов (bounce) 4,5 % (9 из 200 последних отправок)');
  });
});
