// /api/custom-fields: everyone with a role reads the definitions; admins define, change and
// remove them (each change versioned and audited).
import {
  createCustomField,
  deleteCustomField,
  listCustomFields,
  updateCustomField,
} from '../../domain/custom-fields/custom-fields.ts';
import { created, ok, userRoutes } from '../../lib/http.ts';
import { parseInput } from '../../lib/validation.ts';
import { versionQuerySchema } from '../records/record-routes.ts';

export const handler = userRoutes({
  'GET /api/custom-fields': async ({ query }, principal) =>
    ok({ items: await listCustomFields(principal, query.entity) }),
  'POST /api/custom-fields': async ({ body }, principal) =>
    created({ field: await createCustomField(principal, body) }),
  'PATCH /api/custom-fields/{entity}/{key}': async ({ params, body }, principal) =>
    ok({ field: await updateCustomField(principal, params.entity ?? '', params.key ?? '', body) }),
  'DELETE /api/custom-fields/{entity}/{key}': async ({ params, query }, principal) => {
    const { expectedVersion } = parseInput(versionQuerySchema, query);
    await deleteCustomField(principal, params.entity ?? '', params.key ?? '', expectedVersion);
    return { status: 204 };
  },
});
