// /api/reports: the sales forecast and dashboard of a period, and the managers' monthly plans.
import { readDashboard, readForecast, readPlan, updatePlan } from '../../domain/reports/sales-reports.ts';
import { ok, userRoutes } from '../../lib/http.ts';

export const handler = userRoutes({
  'GET /api/reports/forecast': async ({ query }, principal) => ok(await readForecast(principal, query)),
  'GET /api/reports/sales': async ({ query }, principal) => ok(await readDashboard(principal, query)),
  'GET /api/reports/plans/{month}': async ({ params }, principal) =>
    ok({ plan: await readPlan(principal, params.month ?? '') }),
  'PUT /api/reports/plans/{month}': async ({ params, body }, principal) => {
    const plan = await updatePlan(principal, params.month ?? '', body);
    return ok({ plan: { month: plan.month, amounts: plan.amounts, version: plan.version } });
  },
});
