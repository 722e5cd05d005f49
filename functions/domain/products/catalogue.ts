// The product catalogue: price lists and products. Administrators and sales managers change it;
// everyone with a role reads it. Every write is versioned and audited in its transaction
// (functions/domain/mutations.ts); a product's SKU guard item is written in that same
// transaction, so two products never share a SKU. Products are listed by name (gsi1), offered
// ones apart from archived ones, found by a prefix of their name, and paged with bound cursors.
import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { z } from 'zod';
import { decodeBoundCursor, encodeBoundCursor } from '../../lib/cursor.ts';
import { conditionFailedAt, db, tableName } from '../../lib/dynamo.ts';
import { tenantConfig } from '../../lib/env.ts';
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import { dealCurrencies } from '../deals/money.ts';
import { createVersioned, type TransactItem, updateVersioned } from '../mutations.ts';
import { requireRecordReader } from '../records/access.ts';
import {
  auditedPriceListFields,
  createPriceListSchema,
  type PriceListItem,
  priceListKey,
  priceListListKeys,
  priceListsPartition,
  updatePriceListSchema,
} from './price-list.entity.ts';
import {
  auditedProductFields,
  createProductSchema,
  normalizeSku,
  type ProductAttributes,
  type ProductItem,
  productKey,
  productListKeys,
  productLists,
  productSkuKey,
  productSortName,
  updateProductSchema,
} from './product.entity.ts';

/** Administrators and sales managers keep the catalogue. */
export const canEditCatalogue = (p: Principal): boolean =>
  p.roles.includes('admin') || p.roles.includes('sales-manager');

const requireCatalogueEditor = (p: Principal): void => {
  requireRecordReader(p);
  if (!canEditCatalogue(p))
    throw new Forbidden('Only an administrator or a sales manager may change the product catalogue.');
};

// ---------------------------------------------------------------------------------------------
// Price lists

export const listPriceLists = async (p: Principal): Promise<PriceListItem[]> => {
  requireRecordReader(p);
  const items: PriceListItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': priceListsPartition },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...((page.Items ?? []) as PriceListItem[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

export const readPriceList = async (id: string): Promise<PriceListItem> => {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: priceListKey(id), ConsistentRead: true }),
  );
  if (!Item) throw new NotFound('price list', id);
  return Item as PriceListItem;
};

export const createPriceList = async (p: Principal, body: unknown): Promise<PriceListItem> => {
  requireCatalogueEditor(p);
  const input = parseInput(createPriceListSchema, body);
  if (!(dealCurrencies as readonly string[]).includes(input.currency))
    throw new ValidationFailed([
      { field: 'currency', message: `must be one of ${dealCurrencies.join(', ')}` },
    ]);
  const id = ulid();
  const attributes = { id, name: input.name, currency: input.currency };
  const { item } = await createVersioned(
    { entity: 'price-list', id },
    priceListKey(id),
    { ...attributes, ...priceListListKeys(attributes) },
    p.userId,
    { auditedFields: [...auditedPriceListFields] },
  );
  return item as unknown as PriceListItem;
};

export const updatePriceList = async (p: Principal, id: string, body: unknown): Promise<PriceListItem> => {
  requireCatalogueEditor(p);
  const { expectedVersion, ...changes } = parseInput(updatePriceListSchema, body);
  const current = await readPriceList(id);
  const next = { ...current, ...changes };
  return updateVersioned<PriceListItem>(
    { entity: 'price-list', id },
    priceListKey(id),
    expectedVersion,
    { ...changes, ...priceListListKeys(next) },
    p.userId,
    { current, auditedFields: [...auditedPriceListFields] },
  );
};

// ---------------------------------------------------------------------------------------------
// Products

export const readProduct = async (id: string): Promise<ProductItem> => {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: productKey(id), ConsistentRead: true }),
  );
  if (!Item) throw new NotFound('product', id);
  return Item as ProductItem;
};

export const getProduct = async (p: Principal, id: string): Promise<ProductItem> => {
  requireRecordReader(p);
  return readProduct(id);
};

/** The products of `ids` that exist (at most 100 ids), by id. */
export const readProducts = async (ids: readonly string[]): Promise<Map<string, ProductItem>> => {
  const found = new Map<string, ProductItem>();
  let keys: Record<string, unknown>[] = [...new Set(ids)].map((id) => productKey(id));
  for (let attempt = 0; keys.length > 0; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** Math.min(attempt, 6)));
    if (attempt > 10) throw new Error('products left unprocessed by BatchGetItem');
    const result = await db.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }),
    );
    for (const item of (result.Responses?.[tableName] ?? []) as ProductItem[]) found.set(item.id, item);
    keys = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
  }
  return found;
};

/** Every price list named in `prices` must exist: 400 naming the ones that do not. */
const checkPriceLists = async (p: Principal, prices: Readonly<Record<string, unknown>>): Promise<void> => {
  const named = Object.keys(prices);
  if (named.length === 0) return;
  const lists = new Set((await listPriceLists(p)).map((l) => l.id));
  const unknown = named.filter((id) => !lists.has(id));
  if (unknown.length > 0)
    throw new ValidationFailed(
      unknown.map((id) => ({ field: `prices.${id}`, message: 'is not a price list of this organisation' })),
    );
};

const skuGuardPut = (sku: string, productId: string): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: { ...productSkuKey(sku), entity: 'product-sku', productId, sku },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** 409 naming the product that has the SKU already. */
const skuTaken = async (sku: string): Promise<Conflict> => {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: productSkuKey(sku), ConsistentRead: true }),
  );
  const holder = Item?.productId
    ? await readProduct(String(Item.productId)).catch(() => undefined)
    : undefined;
  return new Conflict(
    `SKU ${sku} belongs to ${holder ? `the product «${holder.name}»` : 'another product'} already.`,
  );
};

/** The tenant's word for a piece: the unit a product gets when none is given. */
const defaultUnit = (): string => (tenantConfig().locale === 'ru' ? 'шт' : 'pcs');

export const createProduct = async (p: Principal, body: unknown): Promise<ProductItem> => {
  requireCatalogueEditor(p);
  const input = parseInput(createProductSchema, body);
  await checkPriceLists(p, input.prices);
  const id = ulid();
  const attributes: ProductAttributes = {
    id,
    name: input.name,
    sku: input.sku,
    ...(input.description ? { description: input.description } : {}),
    unit: input.unit ?? defaultUnit(),
    vatRate: input.vatRate,
    prices: input.prices,
    archived: false,
  };
  try {
    const { item } = await createVersioned(
      { entity: 'product', id },
      productKey(id),
      { ...attributes, ...productListKeys(attributes) },
      p.userId,
      { auditedFields: [...auditedProductFields], extra: [skuGuardPut(input.sku, id)] },
    );
    return item as unknown as ProductItem;
  } catch (error) {
    // [product, audit, SKU guard]
    if (conditionFailedAt(error, 2)) throw await skuTaken(input.sku);
    throw error;
  }
};

export const updateProduct = async (p: Principal, id: string, body: unknown): Promise<ProductItem> => {
  requireCatalogueEditor(p);
  const { expectedVersion, prices, description, ...rest } = parseInput(updateProductSchema, body);
  const current = await readProduct(id);
  const changes: Record<string, unknown> = { ...rest };
  if (description !== undefined) changes.description = description ?? undefined;
  if (prices !== undefined) {
    await checkPriceLists(
      p,
      Object.fromEntries(Object.entries(prices).filter(([, amount]) => amount !== null)),
    );
    const merged: Record<string, number> = { ...current.prices };
    for (const [list, amount] of Object.entries(prices))
      if (amount === null) delete merged[list];
      else merged[list] = amount;
    changes.prices = merged;
  }
  const next = { ...current, ...changes } as ProductItem;
  const skuChanged = rest.sku !== undefined && normalizeSku(rest.sku) !== normalizeSku(current.sku);
  const extra: TransactItem[] = skuChanged
    ? [
        {
          Delete: {
            TableName: tableName,
            Key: productSkuKey(current.sku),
            ConditionExpression: 'productId = :id',
            ExpressionAttributeValues: { ':id': id },
          },
        },
        skuGuardPut(rest.sku as string, id),
      ]
    : [];
  try {
    return await updateVersioned<ProductItem>(
      { entity: 'product', id },
      productKey(id),
      expectedVersion,
      { ...changes, ...productListKeys(next) },
      p.userId,
      { current, auditedFields: [...auditedProductFields], extra },
    );
  } catch (error) {
    // [product, audit, old SKU guard, new SKU guard]
    if (skuChanged && conditionFailedAt(error, 3)) throw await skuTaken(rest.sku as string);
    throw error;
  }
};

export const productListQuerySchema = z
  .object({
    /** A prefix of the name (case and ё ignored); an exact SKU is answered as `skuMatch`. */
    q: z.string().trim().max(100).optional(),
    archived: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(2000).optional(),
  })
  .strict();

/**
 * Products by name, offered ones (the pickers) or archived ones: one gsi1 partition, a prefix of
 * the normalized name as a key condition, so a page is one Query. An exact SKU given as `q` is
 * answered beside the page (`skuMatch`), whatever its name.
 */
export const listProducts = async (p: Principal, query: unknown) => {
  requireRecordReader(p);
  const q = parseInput(productListQuerySchema, query);
  const pk = q.archived === 'true' ? productLists.archived : productLists.active;
  const prefix = q.q ? productSortName(q.q) : '';
  const scope = JSON.stringify({ index: 'gsi1', pk, prefix });
  const start = q.cursor
    ? decodeBoundCursor(q.cursor, {
        scope,
        keyAttributes: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
        check: (k) => k.gsi1pk === pk && String(k.gsi1sk).startsWith(prefix),
      })
    : undefined;
  const page = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: prefix ? 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': pk, ...(prefix ? { ':prefix': prefix } : {}) },
      Limit: q.limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  const items = (page.Items ?? []) as ProductItem[];
  const last = page.LastEvaluatedKey as Record<string, string> | undefined;
  let skuMatch: ProductItem | undefined;
  if (q.q && !q.cursor) {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: productSkuKey(q.q) }));
    const product = Item?.productId
      ? await readProduct(String(Item.productId)).catch(() => undefined)
      : undefined;
    if (product && product.archived === (q.archived === 'true')) skuMatch = product;
  }
  return {
    items,
    ...(last ? { nextCursor: encodeBoundCursor(last, scope) } : {}),
    ...(skuMatch ? { skuMatch } : {}),
  };
};
