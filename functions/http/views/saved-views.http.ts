// /api/views: saved views (filters, sort, columns), private or shared with the team
// (functions/domain/views/).
import { z } from 'zod';
import {
  createViewSchema,
  toViewView,
  updateViewSchema,
  viewEntities,
} from '../../domain/views/view.entity.ts';
import { createView, deleteView, listViews, updateView } from '../../domain/views/views.ts';
import { created, ok, userRoutes } from '../../lib/http.ts';
import { parseInput } from '../../lib/validation.ts';

const listQuery = z
  .object({ entity: z.enum(viewEntities, { error: 'must be company or contact' }).optional() })
  .strict();
const deleteQuery = z.object({ expectedVersion: z.coerce.number().int().positive().optional() }).strict();

export const handler = userRoutes({
  'GET /api/views': async ({ query }, principal) => {
    const { entity } = parseInput(listQuery, query);
    return ok({ items: (await listViews(principal, entity)).map(toViewView) });
  },
  'POST /api/views': async ({ body }, principal) =>
    created(toViewView(await createView(principal, parseInput(createViewSchema, body)))),
  'PATCH /api/views/{id}': async ({ params, body }, principal) =>
    ok(toViewView(await updateView(principal, params.id as string, parseInput(updateViewSchema, body)))),
  'DELETE /api/views/{id}': async ({ params, query }, principal) => {
    const { expectedVersion } = parseInput(deleteQuery, query);
    await deleteView(principal, params.id as string, expectedVersion);
    return { status: 204 };
  },
});
