// Money arithmetic without floats: conversion at a rate kept in millionths, and the totals of
// a set of deals in the tenant's currency. Pure, so reports and tests share it.
import type { DealItem, Money } from './deal.entity.ts';

/** Currencies with two minor digits that deals may use. */
export const dealCurrencies = ['RUB', 'USD', 'EUR', 'CNY', 'KZT', 'BYN', 'GBP', 'CHF', 'AED', 'TRY'] as const;

/** The tenant's currency and, per other currency, millionths of it for one unit. */
export type Rates = {
  readonly base: string;
  readonly rates: Readonly<Record<string, number>>;
  readonly version: number;
};

export const toMicros = (text: string): number => {
  const [whole, fraction = ''] = text.split('.');
  return Number(whole) * 1_000_000 + Number(fraction.padEnd(6, '0'));
};
export const fromMicros = (micros: number): string => {
  const whole = Math.floor(micros / 1_000_000);
  const fraction = String(micros % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
};

/**
 * `money` in the tenant's currency (minor units, rounded half away from zero), or undefined
 * when no rate is stored for its currency.
 */
export const convert = (money: Money, rates: Rates): number | undefined => {
  if (money.currency === rates.base) return money.amount;
  const micros = rates.rates[money.currency];
  if (micros === undefined) return undefined;
  const product = BigInt(money.amount) * BigInt(micros);
  return Number((product + 500_000n) / 1_000_000n);
};

export type Totals = { count: number; sum: number; weighted: number; currency: string };

/** Count, sum and sum × probability (%) of `deals`, in the tenant's currency. */
export const totalsOf = (
  deals: readonly Pick<DealItem, 'value'>[],
  probability: number,
  rates: Rates,
): Totals => {
  let sum = 0;
  for (const d of deals) sum += convert(d.value, rates) ?? 0;
  return { count: deals.length, sum, weighted: Math.round((sum * probability) / 100), currency: rates.base };
};
