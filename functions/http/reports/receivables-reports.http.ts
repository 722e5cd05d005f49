// /api/reports/receivables: aging of the outstanding amounts and the expected cash per week.
import { readReceivablesReport } from '../../domain/receivables/receivables-report.ts';
import { ok, userRoutes } from '../../lib/http.ts';

export const handler = userRoutes({
  'GET /api/reports/receivables': async ({ query }, principal) =>
    ok(await readReceivablesReport(principal, query)),
});
