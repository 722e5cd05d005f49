// /api/pipelines and /api/settings/currency-rates: read by everyone with a role, changed by admins.
import { readRates, toRatesView, updateRates } from '../../domain/deals/currency-rates.ts';
import { toPipelineView } from '../../domain/pipelines/pipeline.entity.ts';
import {
  createPipeline,
  deletePipeline,
  listPipelines,
  updatePipeline,
} from '../../domain/pipelines/pipelines.ts';
import { requireRecordReader } from '../../domain/records/access.ts';
import { created, ok, userRoutes } from '../../lib/http.ts';
import { parseInput } from '../../lib/validation.ts';
import { versionQuerySchema } from '../records/record-routes.ts';

export const handler = userRoutes({
  'GET /api/pipelines': async (_request, principal) =>
    ok({ items: (await listPipelines(principal)).map(toPipelineView) }),
  'POST /api/pipelines': async ({ body }, principal) =>
    created({ pipeline: toPipelineView(await createPipeline(principal, body)) }),
  'PATCH /api/pipelines/{id}': async ({ params, body }, principal) =>
    ok({ pipeline: toPipelineView(await updatePipeline(principal, params.id ?? '', body)) }),
  'DELETE /api/pipelines/{id}': async ({ params, query }, principal) => {
    const { expectedVersion } = parseInput(versionQuerySchema, query);
    await deletePipeline(principal, params.id ?? '', expectedVersion);
    return { status: 204 };
  },
  'GET /api/settings/currency-rates': async (_request, principal) => {
    requireRecordReader(principal);
    return ok({ rates: toRatesView(await readRates()) });
  },
  'PUT /api/settings/currency-rates': async ({ body }, principal) =>
    ok({ rates: toRatesView(await updateRates(principal, body)) }),
});
