// GET /api/companies and GET /api/contacts: a page of a list with its sort, filters, cursor and
// total (functions/domain/lists/).

import { type ListType, parseListRequest } from '../../domain/lists/list-query.ts';
import { listRecords } from '../../domain/lists/list-records.ts';
import { requireRecordReader } from '../../domain/records/access.ts';
import { now } from '../../lib/clock.ts';
import { ok, type UserRouteHandler, userRoutes } from '../../lib/http.ts';

const list =
  (type: ListType): UserRouteHandler =>
  async ({ query }, principal) => {
    requireRecordReader(principal);
    return ok(await listRecords(parseListRequest(type, query), now()));
  };

export const handler = userRoutes({
  'GET /api/companies': list('company'),
  'GET /api/contacts': list('contact'),
});
