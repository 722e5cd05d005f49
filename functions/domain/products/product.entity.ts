// A product or service of the catalogue (Каталог товаров): name, SKU (артикул), description,
// unit, VAT rate and a net price per price list (integer minor units of that list's currency).
// Products are archived, never deleted: an archived one leaves the pickers (it moves to another
// gsi1 partition) but stays readable, so old deals and quotes keep pointing at it. A SKU is
// unique in the tenant: a guard item per normalized SKU is written in the product's transactions.
import { z } from 'zod';
import type { Versioned } from '../mutations.ts';
import { normalizeText } from '../normalize/text.ts';

export const productKey = (id: string) => ({ pk: `PRODUCT#${id}`, sk: 'PRODUCT' }) as const;

/** SKUs compare without case and surrounding space: "vvg-3x2.5" is "VVG-3X2.5". */
export const normalizeSku = (sku: string): string => sku.trim().toLocaleUpperCase('ru');

/** The item that reserves a SKU for one product (written and removed with the product). */
export const productSkuKey = (sku: string) =>
  ({ pk: `PRODUCT-SKU#${normalizeSku(sku)}`, sk: 'SKU' }) as const;

/** gsi1 partitions: products offered (the pickers) and archived ones, each by name. */
export const productLists = { active: 'PRODUCTS', archived: 'PRODUCTS#ARCHIVED' } as const;

/** The name as lists sort and prefixes match it (case-folded, ё = е, punctuation dropped). */
export const productSortName = (name: string): string => normalizeText(name).slice(0, 200);

export const productListKeys = (p: Pick<ProductAttributes, 'id' | 'name' | 'archived'>) => ({
  gsi1pk: p.archived ? productLists.archived : productLists.active,
  gsi1sk: `${productSortName(p.name)}#${p.id}`,
});

/** The largest catalogue price (minor units): 10 billion roubles a unit. */
export const maxUnitPrice = 1e12;

export type ProductAttributes = {
  readonly id: string;
  readonly name: string;
  readonly sku: string;
  readonly description?: string;
  readonly unit: string;
  /** A whole percent. */
  readonly vatRate: number;
  /** Net price per price list id, minor units of that list's currency. */
  readonly prices: Readonly<Record<string, number>>;
  readonly archived: boolean;
};

export type ProductItem = Versioned & ProductAttributes & ReturnType<typeof productListKeys>;

const price = z
  .number({ error: 'must be a number of minor units (kopecks, cents)' })
  .int('must be whole minor units (kopecks, cents)')
  .min(0, 'must not be negative')
  .max(maxUnitPrice, 'is too large');

const fields = {
  name: z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters'),
  sku: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(64, 'at most 64 characters')
    .regex(/^[^\s#]+(?: [^\s#]+)*$/, 'must not contain # or runs of spaces'),
  description: z.string().trim().max(5000, 'at most 5000 characters'),
  unit: z.string().trim().min(1, 'must not be empty').max(20, 'at most 20 characters'),
  vatRate: z
    .number({ error: 'must be a whole percent, e.g. 20' })
    .int('must be a whole percent, e.g. 20')
    .min(0, 'must be 0–100')
    .max(100, 'must be 0–100'),
};

export const createProductSchema = z
  .object({
    name: fields.name,
    sku: fields.sku,
    description: fields.description.optional(),
    /** Defaults to the tenant's word for a piece (шт / pcs). */
    unit: fields.unit.optional(),
    vatRate: fields.vatRate,
    prices: z.record(z.string().min(1).max(40), price).default({}),
  })
  .strict();
export type CreateProduct = z.infer<typeof createProductSchema>;

export const updateProductSchema = z
  .object({
    expectedVersion: z.number().int().positive(),
    name: fields.name.optional(),
    sku: fields.sku.optional(),
    description: fields.description.nullable().optional(),
    unit: fields.unit.optional(),
    vatRate: fields.vatRate.optional(),
    /** Only the price lists named change; `null` removes the product from that list. */
    prices: z.record(z.string().min(1).max(40), price.nullable()).optional(),
    archived: z.boolean().optional(),
  })
  .strict();
export type UpdateProduct = z.infer<typeof updateProductSchema>;

export const auditedProductFields = [
  'name',
  'sku',
  'description',
  'unit',
  'vatRate',
  'prices',
  'archived',
] as const;

export const toProductView = (p: ProductItem) => ({
  id: p.id,
  name: p.name,
  sku: p.sku,
  ...(p.description ? { description: p.description } : {}),
  unit: p.unit,
  vatRate: p.vatRate,
  prices: { ...p.prices },
  archived: p.archived,
  version: p.version,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});
export type ProductView = ReturnType<typeof toProductView>;

export const createMockProduct = (overrides: Partial<ProductItem> = {}): ProductItem => {
  const base: ProductAttributes = {
    id: overrides.id ?? '01JPRODUCT0000000000000001',
    name: 'Кабель ВВГнг 3×2,5',
    sku: 'VVG-3X2.5',
    unit: 'м',
    vatRate: 20,
    prices: { base: 125_50 },
    archived: false,
    ...overrides,
  };
  return {
    ...productKey(base.id),
    ...productListKeys(base),
    entity: 'product',
    version: 1,
    createdAt: '2026-11-24T09:00:00.000Z',
    createdBy: 'user-igor',
    updatedAt: '2026-11-24T09:00:00.000Z',
    updatedBy: 'user-igor',
    ...base,
    ...overrides,
  } as ProductItem;
};
