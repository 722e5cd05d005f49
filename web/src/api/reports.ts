// /api/reports (functions/http/reports/reports.http.ts): the sales forecast and dashboard of a period
// of months, read from the monthly aggregates the table's stream keeps, and the managers' monthly
// plans (versioned: a stale save is an ApiError 409 StaleVersion). Money is in minor units of the
// organisation's currency. The types are the domain's own answers (types only: no server code
// reaches the bundle).
import type {
  readDashboard,
  readForecast,
  readPlan,
} from '../../../functions/domain/reports/sales-reports.ts';
import type { HttpClient } from './http-client.ts';

export type Forecast = Awaited<ReturnType<typeof readForecast>>;
export type OwnerForecast = Forecast['owners'][number];
export type SalesDashboard = Awaited<ReturnType<typeof readDashboard>>;
export type FunnelStage = SalesDashboard['funnel'][number];
export type Leader = SalesDashboard['leaderboard'][number];
export type StageTime = SalesDashboard['timeInStage'][number];
export type SalesPlan = Awaited<ReturnType<typeof readPlan>>;

/** A period of whole months, YYYY-MM to YYYY-MM (at most 36), and optionally one pipeline. */
export type ReportQuery = { from: string; to: string; pipeline?: string };

export type ReportsApi = {
  forecast: (query: ReportQuery & { owner?: string }, signal?: AbortSignal) => Promise<Forecast>;
  sales: (query: ReportQuery, signal?: AbortSignal) => Promise<SalesDashboard>;
  plan: (month: string) => Promise<SalesPlan>;
  /** Replaces the month's amounts per manager; `expectedVersion` 0 creates the plan. */
  savePlan: (month: string, expectedVersion: number, amounts: Record<string, number>) => Promise<SalesPlan>;
};

const planPath = (month: string) => `/api/reports/plans/${encodeURIComponent(month)}`;

export const reportsApi = (http: HttpClient): ReportsApi => ({
  forecast: (query, signal) =>
    http.request<Forecast>('GET', '/api/reports/forecast', {
      query: { ...query },
      ...(signal ? { signal } : {}),
    }),
  sales: (query, signal) =>
    http.request<SalesDashboard>('GET', '/api/reports/sales', {
      query: { ...query },
      ...(signal ? { signal } : {}),
    }),
  plan: async (month) => (await http.request<{ plan: SalesPlan }>('GET', planPath(month))).plan,
  savePlan: async (month, expectedVersion, amounts) =>
    (
      await http.request<{ plan: SalesPlan }>('PUT', planPath(month), {
        body: { expectedVersion, amounts },
      })
    ).plan,
});
