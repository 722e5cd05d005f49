// GET /api/search?q=…&types=company,contact&limit=20: the command palette's search
// (functions/domain/search/).
import { requireRecordReader } from '../../domain/records/access.ts';
import { searchRecords } from '../../domain/search/search.ts';
import { searchRequestSchema } from '../../domain/search/search-query.ts';
import { ok, userRoute } from '../../lib/http.ts';
import { parseInput } from '../../lib/validation.ts';

export const handler = userRoute(async ({ query }, principal) => {
  requireRecordReader(principal);
  const request = parseInput(searchRequestSchema, query);
  return ok({ items: await searchRecords(request) });
});
