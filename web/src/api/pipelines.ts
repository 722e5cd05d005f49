// Administration of pipelines and currency rates (docs/deals.md): create, change and remove a
// pipeline with its stages (a stage still holding open deals cannot go: ApiError 409 StageInUse
// with `stages: [{ id, name, count }]`), and the rates deals in other currencies are totalled at.

import type { Pipeline } from './deals.ts';
import type { HttpClient } from './http-client.ts';

export type StageDraft = { id?: string; name: string; probability: number; maxDaysInStage?: number };
export type PipelineDraft = { name: string; order: number; stages: StageDraft[] };
export type RatesView = { base: string; rates: Record<string, string>; version: number };

export type PipelinesAdminApi = {
  create: (draft: PipelineDraft) => Promise<Pipeline>;
  update: (id: string, expectedVersion: number, draft: PipelineDraft) => Promise<Pipeline>;
  remove: (id: string, expectedVersion: number) => Promise<void>;
  rates: () => Promise<RatesView>;
  saveRates: (expectedVersion: number, rates: Record<string, string>) => Promise<RatesView>;
};

const pipelineOf = (body: unknown) => (body as { pipeline: Pipeline }).pipeline;
const ratesOf = (body: unknown) => (body as { rates: RatesView }).rates;

export const pipelinesAdminApi = (http: HttpClient): PipelinesAdminApi => ({
  create: async (draft) => pipelineOf(await http.request('POST', '/api/pipelines', { body: draft })),
  update: async (id, expectedVersion, draft) =>
    pipelineOf(
      await http.request('PATCH', `/api/pipelines/${encodeURIComponent(id)}`, {
        body: { expectedVersion, ...draft },
      }),
    ),
  remove: async (id, expectedVersion) => {
    await http.request('DELETE', `/api/pipelines/${encodeURIComponent(id)}`, { query: { expectedVersion } });
  },
  rates: async () => ratesOf(await http.request('GET', '/api/settings/currency-rates')),
  saveRates: async (expectedVersion, rates) =>
    ratesOf(await http.request('PUT', '/api/settings/currency-rates', { body: { expectedVersion, rates } })),
});
