// /api/trash: deleted companies or contacts (`type`), newest first, restorable for 30 days;
// an administrator purges one for good.
import { listTrash, purgeRecord } from '../../domain/records/trash.ts';
import { ok, userRoutes } from '../../lib/http.ts';

export const handler = userRoutes({
  'GET /api/trash': async ({ query }, principal) => ok(await listTrash(principal, query)),
  'DELETE /api/trash/{type}/{id}': async ({ params }, principal) => {
    await purgeRecord(principal, params.type ?? '', params.id ?? '');
    return { status: 204 };
  },
});
