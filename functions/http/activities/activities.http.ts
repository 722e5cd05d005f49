// /api/activities: calls, meetings and logged e-mails on companies, contacts and deals — log,
// read, change, delete. Their timelines follow through activity.*.v1 events.

import {
  createActivity,
  deleteActivity,
  getActivity,
  updateActivity,
} from '../../domain/activities/activities.ts';
import { toActivityView } from '../../domain/activities/activity.entity.ts';
import { created, ok, userRoutes } from '../../lib/http.ts';
import { parseInput } from '../../lib/validation.ts';
import { versionQuerySchema } from '../records/record-routes.ts';

export const handler = userRoutes({
  'POST /api/activities': async ({ body }, principal) =>
    created({ activity: toActivityView(await createActivity(principal, body)) }),
  'GET /api/activities/{id}': async ({ params }, principal) =>
    ok({ activity: toActivityView(await getActivity(principal, params.id ?? '')) }),
  'PATCH /api/activities/{id}': async ({ params, body }, principal) =>
    ok({ activity: toActivityView(await updateActivity(principal, params.id ?? '', body)) }),
  'DELETE /api/activities/{id}': async ({ params, query }, principal) => {
    const { expectedVersion } = parseInput(versionQuerySchema, query);
    await deleteActivity(principal, params.id ?? '', expectedVersion);
    return { status: 204 };
  },
});
