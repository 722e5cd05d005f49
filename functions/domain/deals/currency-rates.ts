// Currency rates (Курсы валют): a deal may be in any currency; totals, forecasts and reports
// are in the tenant's currency, converted at the rate an admin stored. A rate is kept as an
// integer of millionths (92.5 RUB per USD = 92_500_000), so no float touches money; amounts
// are minor units of currencies with two decimals (RUB, USD, EUR, CNY, KZT, BYN, …).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { db, tableName } from '../../lib/dynamo.ts';
import { tenantConfig } from '../../lib/env.ts';
import { Forbidden, StaleVersion, ValidationFailed } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import { createVersioned, updateVersioned, type Versioned } from '../mutations.ts';
import { requireRecordReader } from '../records/access.ts';
import type { Money } from './deal.entity.ts';
import { convert, dealCurrencies, fromMicros, type Rates, toMicros } from './money.ts';

export const currencyRatesKey = { pk: 'SETTINGS#currency-rates', sk: 'RATES' } as const;

const rateText = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,6})?$/, 'must be a positive decimal with at most 6 decimals, e.g. 92.5');

export const updateRatesSchema = z
  .object({
    expectedVersion: z.number().int().min(0),
    /** Units of the tenant's currency for one unit of each other currency. */
    rates: z.partialRecord(z.enum(dealCurrencies), rateText),
  })
  .strict();

export type RatesItem = Versioned & {
  readonly base: string;
  readonly rates: Readonly<Record<string, number>>;
};

export const readRates = async (): Promise<Rates> => {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: currencyRatesKey }));
  const item = Item as RatesItem | undefined;
  return { base: tenantConfig().currency, rates: item?.rates ?? {}, version: item?.version ?? 0 };
};

export const toRatesView = (r: Rates) => ({
  base: r.base,
  rates: Object.fromEntries(Object.entries(r.rates).map(([c, m]) => [c, fromMicros(m)])),
  version: r.version,
});

/** A deal's currency must be the tenant's or one with a stored rate, or totals would skip it. */
export const requireConvertible = (money: Money, rates: Rates, field: string): void => {
  if (convert(money, rates) === undefined)
    throw new ValidationFailed([
      {
        field: `${field}.currency`,
        message: `no exchange rate for ${money.currency} to ${rates.base}; an administrator adds it under Settings → Currency rates`,
      },
    ]);
};

export const updateRates = async (principal: Principal, body: unknown): Promise<Rates> => {
  requireRecordReader(principal);
  if (!principal.roles.includes('admin'))
    throw new Forbidden('Only an administrator may change currency rates.');
  const input = parseInput(updateRatesSchema, body);
  const base = tenantConfig().currency;
  const rates: Record<string, number> = {};
  const invalid: { field: string; message: string }[] = [];
  for (const [currency, text] of Object.entries(input.rates)) {
    if (currency === base)
      invalid.push({ field: `rates.${currency}`, message: `is the tenant's own currency` });
    else if (toMicros(text) <= 0) invalid.push({ field: `rates.${currency}`, message: 'must be above zero' });
    else rates[currency] = toMicros(text);
  }
  if (invalid.length > 0) throw new ValidationFailed(invalid);
  if (input.expectedVersion === 0) {
    const { created } = await createVersioned(
      { entity: 'currency-rates', id: 'rates' },
      currencyRatesKey,
      { base, rates },
      principal.userId,
    );
    if (!created) throw new StaleVersion('currency-rates', 'rates', undefined);
    return { base, rates, version: 1 };
  }
  const item = await updateVersioned<RatesItem>(
    { entity: 'currency-rates', id: 'rates' },
    currencyRatesKey,
    input.expectedVersion,
    { base, rates },
    principal.userId,
  );
  return { base, rates: item.rates, version: item.version };
};
