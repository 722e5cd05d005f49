// Quote numbers (КП-2026-0001): a per-tenant sequence per year of the tenant's calendar, without
// gaps. The counter item is advanced in the same TransactWriteItems as the quote's Put, on the
// condition that it still holds the number read: a transaction that fails writes neither, so a
// failed quote consumes no number, and two quotes made at once never get the same one (the
// loser's condition fails; it reads the counter again and retries). Pure: quotes.ts runs it.
import { localDate } from '../../lib/time-zone.ts';
import type { ItemKey, TransactItem } from '../mutations.ts';
import { type QuoteLocale, quoteCounterKey } from './quote.entity.ts';

export const quoteNumberPrefixes: Readonly<Record<QuoteLocale, string>> = { ru: 'КП', en: 'Q' };

/** КП-2026-0001; past 9999 the number simply grows (КП-2026-10000). */
export const formatQuoteNumber = (prefix: string, year: number, sequence: number): string =>
  `${prefix}-${year}-${String(sequence).padStart(4, '0')}`;

/** The year of the tenant's calendar an instant falls in (New Year's Eve in Moscow is next year's). */
export const quoteYear = (instant: Date, timeZone: string): number =>
  Number(localDate(instant, timeZone).slice(0, 4));

/**
 * The Update that moves the year's counter from `last` (0: no counter yet) to `last + 1`, only
 * if nobody moved it since it was read. `counter` names another sequence's item (invoices use
 * their own, invoices/invoice-number.ts); quotes' by default.
 */
export const advanceCounter = (
  tableName: string,
  year: number,
  last: number,
  counter: { readonly key: ItemKey; readonly entity: string } = {
    key: quoteCounterKey(year),
    entity: 'quote-counter',
  },
): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: counter.key,
    UpdateExpression: 'SET #last = :next, #entity = :entity, #year = :year',
    ConditionExpression: last === 0 ? 'attribute_not_exists(pk)' : '#last = :last',
    ExpressionAttributeNames: { '#last': 'last', '#entity': 'entity', '#year': 'year' },
    ExpressionAttributeValues: {
      ':next': last + 1,
      ':entity': counter.entity,
      ':year': year,
      ...(last === 0 ? {} : { ':last': last }),
    },
  },
});

/**
 * Whether a failed transaction lost the race for the number: the counter's condition failed
 * (another quote took it) or DynamoDB cancelled it for a conflicting transaction in flight.
 * Either way nothing was written and the number was not consumed: read again and retry.
 */
export const lostNumberRace = (error: unknown, counterIndex: number): boolean => {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
  if (e?.name !== 'TransactionCanceledException') return false;
  const reasons = e.CancellationReasons ?? [];
  return (
    reasons[counterIndex]?.Code === 'ConditionalCheckFailed' ||
    reasons.some((r) => r?.Code === 'TransactionConflict')
  );
};

/** Backoff before the next try: grows to about a second, jittered so racers spread out. */
export const retryDelayMs = (attempt: number, random: () => number = Math.random): number =>
  Math.round(Math.min(1000, 20 * 2 ** Math.min(attempt, 6)) * (0.5 + random()));

/** How many times a quote is retried before the caller is told to try again (409). */
export const maxNumberingAttempts = 30;
