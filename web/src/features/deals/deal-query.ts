// The deals screen's state in the URL (?pipeline=…&view=list&owner=…&source=…&from=…&to=…&status=…),
// so a filtered board can be bookmarked and sent to a colleague. Unknown or malformed values are
// dropped rather than sent to the API.
import type { DealFilters } from '../../api/deals.ts';
import { leadSources } from '../records/record-constants.ts';
import { dealStatuses } from './deal-constants.ts';

export type DealLayout = 'board' | 'list';
export type DealStatusFilter = (typeof dealStatuses)[number];

export type DealParams = {
  pipeline?: string;
  view: DealLayout;
  filters: DealFilters;
  /** The list only: the board shows open deals. */
  status?: DealStatusFilter;
};

type Search = Readonly<Record<string, string | string[] | undefined>>;

const one = (value: string | string[] | undefined): string | undefined => {
  const text = Array.isArray(value) ? value[0] : value;
  return text ? text : undefined;
};

const isDay = (text: string | undefined): text is string =>
  text !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text));

export const parseDealParams = (search: Search): DealParams => {
  const source = one(search.source);
  const status = one(search.status);
  const from = one(search.from);
  const to = one(search.to);
  const owner = one(search.owner);
  const pipeline = one(search.pipeline);
  return {
    ...(pipeline ? { pipeline } : {}),
    view: one(search.view) === 'list' ? 'list' : 'board',
    filters: {
      ...(owner ? { owner } : {}),
      ...(source && (leadSources as readonly string[]).includes(source) ? { source } : {}),
      ...(isDay(from) ? { from } : {}),
      ...(isDay(to) ? { to } : {}),
    },
    ...(status && (dealStatuses as readonly string[]).includes(status)
      ? { status: status as DealStatusFilter }
      : {}),
  };
};

/** Every key the screen owns, cleared when absent (the router's setSearchParams merges). */
export const toDealSearch = (params: DealParams): Record<string, string | undefined> => ({
  pipeline: params.pipeline,
  view: params.view === 'list' ? 'list' : undefined,
  owner: params.filters.owner,
  source: params.filters.source,
  from: params.filters.from,
  to: params.filters.to,
  status: params.status,
});

/** A period whose end is before its start: the API refuses it, so the screen says so instead. */
export const periodIsInverted = (filters: DealFilters): boolean =>
  filters.from !== undefined && filters.to !== undefined && filters.from > filters.to;

export const hasFilters = (params: DealParams): boolean =>
  Object.keys(params.filters).length > 0 || params.status !== undefined;
