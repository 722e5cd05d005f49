// A price list (Прайс-лист): a name and a currency. Products carry their price in each list
// (product.entity.ts `prices`); a deal's lines are priced from one list, in its currency. A
// list's currency is fixed once it exists: its prices are amounts of that currency.
import { z } from 'zod';
import type { Versioned } from '../mutations.ts';
import { normalizeText } from '../normalize/text.ts';

export const priceListKey = (id: string) => ({ pk: `PRICELIST#${id}`, sk: 'PRICELIST' }) as const;

/** Every price list by name (gsi1). */
export const priceListsPartition = 'PRICELISTS';

export const priceListListKeys = (p: Pick<PriceListAttributes, 'id' | 'name'>) => ({
  gsi1pk: priceListsPartition,
  gsi1sk: `${normalizeText(p.name).slice(0, 200)}#${p.id}`,
});

export type PriceListAttributes = {
  readonly id: string;
  readonly name: string;
  /** ISO 4217; amounts are minor units with two decimals (functions/domain/deals/currency-rates.ts). */
  readonly currency: string;
};

export type PriceListItem = Versioned & PriceListAttributes & ReturnType<typeof priceListListKeys>;

const name = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters');

export const createPriceListSchema = z
  .object({
    name,
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as RUB'),
  })
  .strict();

export const updatePriceListSchema = z
  .object({ expectedVersion: z.number().int().positive(), name: name.optional() })
  .strict();

export const auditedPriceListFields = ['name', 'currency'] as const;

export const toPriceListView = (p: PriceListItem) => ({
  id: p.id,
  name: p.name,
  currency: p.currency,
  version: p.version,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

export const createMockPriceList = (overrides: Partial<PriceListItem> = {}): PriceListItem => {
  const base: PriceListAttributes = { id: 'base', name: 'Базовый', currency: 'RUB', ...overrides };
  return {
    ...priceListKey(base.id),
    ...priceListListKeys(base),
    entity: 'price-list',
    version: 1,
    createdAt: '2026-11-24T09:00:00.000Z',
    createdBy: 'user-igor',
    updatedAt: '2026-11-24T09:00:00.000Z',
    updatedBy: 'user-igor',
    ...base,
    ...overrides,
  } as PriceListItem;
};
