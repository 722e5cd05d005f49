// /api/products and /api/price-lists (docs/quotes.md "Catalogue"): the product catalogue by name prefix
// (offered or archived products, by cursor; an exact SKU answered beside the page), one product, its
// versioned writes (archiving is one of them), and the price lists. Administrators and sales managers
// write; every role reads. The types come from the domain entities (types only: no server code reaches
// the bundle).
import type { toPriceListView } from '../../../functions/domain/products/price-list.entity.ts';
import type { ProductView } from '../../../functions/domain/products/product.entity.ts';
import type { HttpClient } from './http-client.ts';

export type Product = ProductView;
export type PriceList = ReturnType<typeof toPriceListView>;

export type ProductQuery = {
  /** A prefix of the name (case and ё ignored), or an exact SKU. */
  q?: string;
  archived?: boolean;
  limit?: number;
  cursor?: string;
};

export type ProductPage = { items: Product[]; nextCursor?: string; skuMatch?: Product };

export type NewProduct = {
  name: string;
  sku: string;
  description?: string;
  unit?: string;
  vatRate: number;
  /** Net price (without VAT) per price list id, in minor units of that list's currency. */
  prices?: Record<string, number>;
};

export type ProductChanges = {
  name?: string;
  sku?: string;
  description?: string | null;
  unit?: string;
  vatRate?: number;
  /** Only the lists named change; null takes the product out of that list. */
  prices?: Record<string, number | null>;
  archived?: boolean;
};

export type ProductsApi = {
  list: (query: ProductQuery, signal?: AbortSignal) => Promise<ProductPage>;
  get: (id: string) => Promise<Product>;
  /** Rejects with ApiError 409 Conflict when the SKU belongs to another product. */
  create: (input: NewProduct) => Promise<Product>;
  /** Rejects with ApiError 409 StaleVersion when the product changed since `expectedVersion`. */
  update: (id: string, expectedVersion: number, changes: ProductChanges) => Promise<Product>;
  priceLists: () => Promise<PriceList[]>;
  createPriceList: (input: { name: string; currency: string }) => Promise<PriceList>;
  renamePriceList: (id: string, expectedVersion: number, name: string) => Promise<PriceList>;
};

const productPath = (id: string) => `/api/products/${encodeURIComponent(id)}`;

export const productsApi = (http: HttpClient): ProductsApi => ({
  list: async (query, signal) => {
    const body = await http.request<ProductPage>('GET', '/api/products', {
      query: {
        q: query.q?.trim() || undefined,
        archived: query.archived ? 'true' : undefined,
        limit: query.limit,
        cursor: query.cursor,
      },
      ...(signal ? { signal } : {}),
    });
    return {
      items: body.items ?? [],
      ...(body.nextCursor ? { nextCursor: body.nextCursor } : {}),
      ...(body.skuMatch ? { skuMatch: body.skuMatch } : {}),
    };
  },
  get: async (id) => (await http.request<{ product: Product }>('GET', productPath(id))).product,
  create: async (input) =>
    (await http.request<{ product: Product }>('POST', '/api/products', { body: input })).product,
  update: async (id, expectedVersion, changes) =>
    (
      await http.request<{ product: Product }>('PATCH', productPath(id), {
        body: { expectedVersion, ...changes },
      })
    ).product,
  priceLists: async () => (await http.request<{ items: PriceList[] }>('GET', '/api/price-lists')).items ?? [],
  createPriceList: async (input) =>
    (await http.request<{ priceList: PriceList }>('POST', '/api/price-lists', { body: input })).priceList,
  renamePriceList: async (id, expectedVersion, name) =>
    (
      await http.request<{ priceList: PriceList }>('PATCH', `/api/price-lists/${encodeURIComponent(id)}`, {
        body: { expectedVersion, name },
      })
    ).priceList,
});
