// A list's query — sort, order, filters, and the saved view it came from — kept in the page's URL so
// that back/forward, reloads and shared links show the same list. Filter names are the API's own
// (owner, stage, tag, source, industry, city, company, inactiveDays, cf.<key>).
import type { ListFilters, RecordType, SortKey, SortOrder } from '../../api/records.ts';

export type ListParams = {
  sort: SortKey;
  order: SortOrder;
  filters: ListFilters;
  viewId?: string;
};

export const sortKeys: readonly SortKey[] = ['name', 'created', 'updated', 'activity'];

export const filterKeys: Readonly<Record<RecordType, readonly string[]>> = {
  company: ['owner', 'stage', 'tag', 'source', 'industry', 'city', 'inactiveDays'],
  contact: ['owner', 'tag', 'source', 'inactiveDays'],
};

export const defaultOrder = (sort: SortKey): SortOrder => (sort === 'name' ? 'asc' : 'desc');

export const defaultParams: ListParams = { sort: 'name', order: 'asc', filters: {} };

const isFilterKey = (entity: RecordType, key: string): boolean =>
  filterKeys[entity].includes(key) || /^cf\.[a-z][a-z0-9-]{1,39}$/.test(key);

/** Reads the URL's search parameters; anything unknown or empty is ignored. */
export const parseListParams = (
  search: Readonly<Record<string, string | string[] | undefined>>,
  entity: RecordType,
): ListParams => {
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const sortRaw = one(search.sort);
  const sort = sortKeys.includes(sortRaw as SortKey) ? (sortRaw as SortKey) : defaultParams.sort;
  const orderRaw = one(search.order);
  const order = orderRaw === 'asc' || orderRaw === 'desc' ? orderRaw : defaultOrder(sort);
  const filters: Record<string, string> = {};
  for (const [key, raw] of Object.entries(search)) {
    const value = one(raw)?.trim();
    if (value && isFilterKey(entity, key)) filters[key] = value;
  }
  if (filters.inactiveDays !== undefined && !/^\d{1,4}$/.test(filters.inactiveDays))
    delete filters.inactiveDays;
  const viewId = one(search.view);
  return { sort, order, filters, ...(viewId ? { viewId } : {}) };
};

/**
 * The search parameters for `next`, with `undefined` for every parameter of `current` that goes away
 * (the router's setSearchParams merges, so dropped filters must be cleared explicitly).
 */
export const toSearchParams = (
  next: ListParams,
  current: Readonly<Record<string, string | string[] | undefined>> = {},
): Record<string, string | undefined> => {
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(current)) out[key] = undefined;
  out.sort = next.sort === defaultParams.sort ? undefined : next.sort;
  out.order = next.order === defaultOrder(next.sort) ? undefined : next.order;
  out.view = next.viewId;
  for (const [key, value] of Object.entries(next.filters)) if (value) out[key] = value;
  return out;
};

/** Clicking a column header: the same column flips the order, another one starts in its natural order. */
export const nextSort = (current: Pick<ListParams, 'sort' | 'order'>, clicked: SortKey) =>
  current.sort === clicked
    ? { sort: clicked, order: current.order === 'asc' ? ('desc' as const) : ('asc' as const) }
    : { sort: clicked, order: defaultOrder(clicked) };

export const withFilter = (params: ListParams, key: string, value: string | undefined): ListParams => {
  const filters = { ...params.filters };
  if (value?.trim()) filters[key] = value.trim();
  else delete filters[key];
  return { ...params, filters };
};

/** A stable identity of the query (the list reloads when it changes). */
export const queryKey = (params: Omit<ListParams, 'viewId'>): string =>
  JSON.stringify([
    params.sort,
    params.order,
    Object.entries(params.filters).sort(([a], [b]) => a.localeCompare(b)),
  ]);

export const sameQuery = (a: Omit<ListParams, 'viewId'>, b: Omit<ListParams, 'viewId'>): boolean =>
  queryKey(a) === queryKey(b);
