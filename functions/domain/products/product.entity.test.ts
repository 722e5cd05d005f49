// The catalogue's keys: offered and archived products in separate name-ordered partitions,
// names found by a case- and ё-insensitive prefix, SKUs compared without case.
import { describe, expect, it } from 'vitest';
import { priceListListKeys } from './price-list.entity.ts';
import {
  createMockProduct,
  createProductSchema,
  normalizeSku,
  productListKeys,
  productSkuKey,
  productSortName,
  updateProductSchema,
} from './product.entity.ts';

describe('product keys', () => {
  it('list offered products apart from archived ones, by normalized name', () => {
    const product = createMockProduct({ id: 'p1', name: 'Ёлка «Люкс», 2 м' });
    expect(productListKeys(product)).toEqual({ gsi1pk: 'PRODUCTS', gsi1sk: 'елка люкс 2 м#p1' });
    expect(productListKeys({ ...product, archived: true }).gsi1pk).toBe('PRODUCTS#ARCHIVED');
    // a typed prefix matches the stored key however it is cased or spelled with ё
    expect(productListKeys(product).gsi1sk.startsWith(productSortName('ЕЛКА лю'))).toBe(true);
  });

  it('reserve a SKU whatever its case and surrounding spaces', () => {
    expect(normalizeSku(' vvg-3x2.5 ')).toBe('VVG-3X2.5');
    expect(productSkuKey('vvg-3x2.5')).toEqual(productSkuKey('VVG-3X2.5 '));
    expect(productSkuKey('арт-1')).toEqual({ pk: 'PRODUCT-SKU#АРТ-1', sk: 'SKU' });
  });

  it('list price lists by name', () => {
    expect(priceListListKeys({ id: 'l1', name: 'Дилерский' })).toEqual({
      gsi1pk: 'PRICELISTS',
      gsi1sk: 'дилерский#l1',
    });
  });
});

describe('product input', () => {
  it('takes whole minor units and whole VAT percents only', () => {
    expect(
      createProductSchema.safeParse({ name: 'A', sku: 'A', vatRate: 22, prices: { l: 100 } }).success,
    ).toBe(true);
    const bad = createProductSchema.safeParse({ name: ' ', sku: 'a b  c', vatRate: 101, prices: { l: 1.5 } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'name',
      'prices.l',
      'sku',
      'vatRate',
    ]);
  });

  it('lets a change remove a price (null) and clear the description', () => {
    const change = updateProductSchema.parse({ expectedVersion: 2, prices: { l: null }, description: null });
    expect(change).toEqual({ expectedVersion: 2, prices: { l: null }, description: null });
  });
});
