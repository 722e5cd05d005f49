// Quote numbering: the number's form, the year of the tenant's calendar, the counter's
// conditional advance (from nothing and from a number read), and which failures are a lost race.
import { describe, expect, it } from 'vitest';
import {
  advanceCounter,
  formatQuoteNumber,
  lostNumberRace,
  quoteNumberPrefixes,
  quoteYear,
  retryDelayMs,
} from './quote-number.ts';

const cancelled = (...codes: string[]) =>
  Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

describe('formatQuoteNumber', () => {
  it('pads the sequence to four digits and lets it grow past them', () => {
    expect(formatQuoteNumber(quoteNumberPrefixes.ru, 2026, 1)).toBe('КП-2026-0001');
    expect(formatQuoteNumber(quoteNumberPrefixes.ru, 2026, 42)).toBe('КП-2026-0042');
    expect(formatQuoteNumber(quoteNumberPrefixes.en, 2027, 9999)).toBe('Q-2027-9999');
    expect(formatQuoteNumber('КП', 2027, 10000)).toBe('КП-2027-10000');
  });
});

describe('quoteYear', () => {
  it('is the year of the tenant’s calendar, not of UTC', () => {
    // 31.12.2026 22:30 UTC is already 01.01.2027 01:30 in Moscow, still 2026 in London
    const instant = new Date('2026-12-31T22:30:00.000Z');
    expect(quoteYear(instant, 'Europe/Moscow')).toBe(2027);
    expect(quoteYear(instant, 'Europe/London')).toBe(2026);
  });
});

describe('advanceCounter', () => {
  it('creates the year’s counter at 1 only if no quote of that year has taken it', () => {
    const write = advanceCounter('crm-demo', 2026, 0);
    expect(write.Update?.Key).toEqual({ pk: 'COUNTER#quote#2026', sk: 'COUNTER' });
    expect(write.Update?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(write.Update?.ExpressionAttributeValues).toMatchObject({ ':next': 1, ':year': 2026 });
    expect(write.Update?.ExpressionAttributeValues).not.toHaveProperty(':last');
  });

  it('moves it from the number read to the next, on the condition it still holds that number', () => {
    const write = advanceCounter('crm-demo', 2026, 41);
    expect(write.Update?.TableName).toBe('crm-demo');
    expect(write.Update?.ConditionExpression).toBe('#last = :last');
    expect(write.Update?.ExpressionAttributeValues).toMatchObject({ ':last': 41, ':next': 42 });
    expect(write.Update?.UpdateExpression).toContain('#last = :next');
  });
});

describe('lostNumberRace', () => {
  it('is a cancelled transaction whose counter condition failed, or a conflicting one', () => {
    expect(lostNumberRace(cancelled('None', 'None', 'ConditionalCheckFailed'), 2)).toBe(true);
    expect(lostNumberRace(cancelled('None', 'TransactionConflict', 'None'), 2)).toBe(true);
  });

  it('is not any other failure: those are real errors and surface', () => {
    // the quote's own condition (a duplicate id) is not the counter's
    expect(lostNumberRace(cancelled('ConditionalCheckFailed', 'None', 'None'), 2)).toBe(false);
    expect(lostNumberRace(cancelled('ValidationError', 'None', 'None'), 2)).toBe(false);
    expect(lostNumberRace(new Error('socket hang up'), 2)).toBe(false);
    expect(lostNumberRace(undefined, 2)).toBe(false);
  });
});

describe('retryDelayMs', () => {
  it('grows with the attempt, stays under a second and a half, and is jittered', () => {
    expect(retryDelayMs(0, () => 0)).toBe(10);
    expect(retryDelayMs(3, () => 0.5)).toBe(160);
    expect(retryDelayMs(20, () => 0.999)).toBeLessThanOrEqual(1500);
    expect(retryDelayMs(2, () => 0)).not.toBe(retryDelayMs(2, () => 0.9));
  });
});
