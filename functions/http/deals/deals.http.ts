// /api/deals and the board: thin handlers over functions/domain/deals (docs/deals.md).
import { listDeals, readBoard } from '../../domain/deals/board.ts';
import type { DealItem } from '../../domain/deals/deal.entity.ts';
import { toDealView } from '../../domain/deals/deal.entity.ts';
import {
  closeDeal,
  createDeal,
  deleteDeal,
  getDeal,
  moveDeal,
  reopenDeal,
  updateDeal,
} from '../../domain/deals/deals.ts';
import { readPipeline } from '../../domain/pipelines/pipelines.ts';
import { now } from '../../lib/clock.ts';
import { created, ok, userRoutes } from '../../lib/http.ts';
import { parseInput } from '../../lib/validation.ts';
import { versionBodySchema, versionQuerySchema } from '../records/record-routes.ts';

/** The deal as the API shows it: with its stage's probability and whether it is stalled. */
const view = async (deal: DealItem) => {
  const pipeline = await readPipeline(deal.pipelineId).catch(() => undefined);
  return {
    deal: toDealView(
      deal,
      now(),
      pipeline?.stages.find((s) => s.id === deal.stageId),
    ),
  };
};

export const handler = userRoutes({
  'POST /api/deals': async ({ body }, principal) => created(await view(await createDeal(principal, body))),
  'GET /api/deals': async ({ query }, principal) => ok(await listDeals(principal, query)),
  'GET /api/deals/{id}': async ({ params }, principal) =>
    ok(await view(await getDeal(principal, params.id ?? ''))),
  'PATCH /api/deals/{id}': async ({ params, body }, principal) =>
    ok(await view(await updateDeal(principal, params.id ?? '', body))),
  'POST /api/deals/{id}/move': async ({ params, body }, principal) =>
    ok(await view(await moveDeal(principal, params.id ?? '', body))),
  'POST /api/deals/{id}/close': async ({ params, body }, principal) =>
    ok(await view(await closeDeal(principal, params.id ?? '', body))),
  'POST /api/deals/{id}/reopen': async ({ params, body }, principal) => {
    const { expectedVersion } = parseInput(versionBodySchema, body);
    return ok(await view(await reopenDeal(principal, params.id ?? '', expectedVersion)));
  },
  'DELETE /api/deals/{id}': async ({ params, query }, principal) => {
    const { expectedVersion } = parseInput(versionQuerySchema, query);
    await deleteDeal(principal, params.id ?? '', expectedVersion);
    return { status: 204 };
  },
  'GET /api/pipelines/{id}/board': async ({ params, query }, principal) =>
    ok(await readBoard(principal, params.id ?? '', query)),
});
