// /api/deals, /api/pipelines and the board (docs: functions/http/deals/deals.http.ts): pipelines with
// their stages, a pipeline's kanban board with column totals, the list of deals by cursor, one deal,
// and its versioned writes — move, win, lose, reopen, its contacts, its product lines. A write at a
// stale version is an ApiError 409 StaleVersion. The types come from the domain entities (types only:
// no server code reaches the bundle).
import type { DealView } from '../../../functions/domain/deals/deal.entity.ts';
// money.ts is pure arithmetic (no I/O, only type imports): the browser converts as the server does.
import { type Rates, type Totals, toMicros } from '../../../functions/domain/deals/money.ts';
import type { PipelineView, Stage } from '../../../functions/domain/pipelines/pipeline.entity.ts';
import type { HttpClient } from './http-client.ts';

export type Deal = DealView;
export type Pipeline = PipelineView;
export type { Rates, Stage, Totals };

export type BoardColumn = {
  stage: Stage;
  /** Over every deal of the column that passes the filters, not only the cards shown. */
  totals: Totals;
  /** The column holds more deals than the server reads: its totals are a lower bound. */
  partial: boolean;
  deals: Deal[];
  /** More deals than `limit` pass the filters. */
  more: boolean;
};

export type Board = {
  pipeline: { id: string; name: string; version: number };
  columns: BoardColumn[];
  totals: Totals;
};

/** Filters of the board and the list: owner, lead source, expected close date from / to (YYYY-MM-DD). */
export type DealFilters = { owner?: string; source?: string; from?: string; to?: string };

export type DealListQuery = DealFilters & {
  pipeline?: string;
  status?: Deal['status'];
  limit?: number;
  cursor?: string;
};

export type NewDeal = {
  title: string;
  companyId: string;
  value: { amount: number; currency: string };
  expectedCloseDate?: string;
  ownerId?: string;
  pipelineId?: string;
  stageId?: string;
  source?: string;
  /** With source `campaign`: the launched campaign the deal came from. */
  campaignId?: string;
  description?: string;
};

export type LostReason = NonNullable<Deal['lostReason']>;

/** A role of a contact in a deal (ЛПР, influencer…). */
export type DealContactRole = Deal['contacts'][number]['role'];

/** What PATCH /api/deals/{id} changes here: the deal's contacts with their roles. */
export type DealChanges = { contacts?: { contactId: string; role: DealContactRole }[] };

/** A line as PUT /api/deals/{id}/lines takes it: the rest comes from the catalogue. */
export type DealLineInput = { productId: string; quantity: string; discountPercent?: string };

export type DealLine = NonNullable<Deal['lines']>[number];

export type CloseDeal = { status: 'won' } | { status: 'lost'; lostReason: LostReason; lostNote?: string };

export type DealsApi = {
  pipelines: () => Promise<Pipeline[]>;
  board: (pipelineId: string, filters: DealFilters, signal?: AbortSignal) => Promise<Board>;
  list: (query: DealListQuery, signal?: AbortSignal) => Promise<{ items: Deal[]; nextCursor?: string }>;
  get: (id: string) => Promise<Deal>;
  create: (input: NewDeal) => Promise<Deal>;
  move: (id: string, expectedVersion: number, stageId: string) => Promise<Deal>;
  close: (id: string, expectedVersion: number, close: CloseDeal) => Promise<Deal>;
  reopen: (id: string, expectedVersion: number) => Promise<Deal>;
  update: (id: string, expectedVersion: number, changes: DealChanges) => Promise<Deal>;
  /**
   * Replaces the product lines, priced from one price list (docs/quotes.md "Deal lines"); the deal's
   * value becomes their total with VAT. An empty list removes them. 409 when the deal changed.
   */
  setLines: (
    id: string,
    expectedVersion: number,
    priceListId: string,
    lines: readonly DealLineInput[],
  ) => Promise<Deal>;
  /** The tenant's currency and the stored rates of others (millionths), for totals in the browser. */
  rates: () => Promise<Rates>;
};

const dealPath = (id: string, suffix = '') => `/api/deals/${encodeURIComponent(id)}${suffix}`;

const unwrap = (body: unknown): Deal => (body as { deal: Deal }).deal;

export const dealsApi = (http: HttpClient): DealsApi => ({
  pipelines: async () => (await http.request<{ items: Pipeline[] }>('GET', '/api/pipelines')).items,
  board: (pipelineId, filters, signal) =>
    http.request<Board>('GET', `/api/pipelines/${encodeURIComponent(pipelineId)}/board`, {
      query: { ...filters },
      ...(signal ? { signal } : {}),
    }),
  list: async (query, signal) => {
    const body = await http.request<{ items: Deal[]; nextCursor?: string }>('GET', '/api/deals', {
      query: { ...query },
      ...(signal ? { signal } : {}),
    });
    return { items: body.items ?? [], ...(body.nextCursor ? { nextCursor: body.nextCursor } : {}) };
  },
  get: async (id) => unwrap(await http.request('GET', dealPath(id))),
  create: async (input) => unwrap(await http.request('POST', '/api/deals', { body: input })),
  move: async (id, expectedVersion, stageId) =>
    unwrap(await http.request('POST', dealPath(id, '/move'), { body: { expectedVersion, stageId } })),
  close: async (id, expectedVersion, close) =>
    unwrap(await http.request('POST', dealPath(id, '/close'), { body: { expectedVersion, ...close } })),
  reopen: async (id, expectedVersion) =>
    unwrap(await http.request('POST', dealPath(id, '/reopen'), { body: { expectedVersion } })),
  update: async (id, expectedVersion, changes) =>
    unwrap(await http.request('PATCH', dealPath(id), { body: { expectedVersion, ...changes } })),
  setLines: async (id, expectedVersion, priceListId, lines) =>
    unwrap(
      await http.request('PUT', dealPath(id, '/lines'), { body: { expectedVersion, priceListId, lines } }),
    ),
  rates: async () => {
    const { rates } = await http.request<{
      rates: { base: string; rates: Record<string, string>; version: number };
    }>('GET', '/api/settings/currency-rates');
    return {
      base: rates.base,
      rates: Object.fromEntries(Object.entries(rates.rates).map(([code, text]) => [code, toMicros(text)])),
      version: rates.version,
    };
  },
});
