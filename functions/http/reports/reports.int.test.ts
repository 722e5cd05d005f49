// The sales forecast and dashboard from the monthly aggregates the stream keeps: deals created,
// moved, won and lost show up in the funnel, the revenue, the leaderboard, the forecast (won,
// weighted pipeline, best case) and the attainment of a plan; a redelivered stream batch counts
// nothing twice (the aggregate-changes watermarks, covered with the counters' tests).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { eventually, startTestRuntime } from '../../../scripts/local/testing.ts';
import {
  type DemoSession,
  demoSession,
  runtimeOptions,
  uniqueInn,
  uniqueWord,
} from '../records/record-test-support.ts';

let runtime: LocalRuntime;
let s: DemoSession;

beforeAll(async () => {
  runtime = await startTestRuntime(['demo'], runtimeOptions());
  s = await demoSession(runtime);
});
afterAll(async () => runtime?.stop());

const thisMonth = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit' })
    .format(new Date())
    .slice(0, 7);

describe('sales reports', () => {
  it('counts deals into the forecast, the funnel, the revenue and the leaderboard', async () => {
    const month = thisMonth();
    const company = await s.as.admin('POST', '/api/companies', {
      name: `ООО «${uniqueWord()}»`,
      inn: uniqueInn(),
      ownerId: s.ids.sales,
    });
    const pipeline = await s.as.admin('POST', '/api/pipelines', {
      name: `Отчёты ${uniqueWord()}`,
      stages: [
        { id: 'a', name: 'A', probability: 20 },
        { id: 'b', name: 'B', probability: 60 },
      ],
    });
    const pipelineId = pipeline.body.pipeline.id as string;
    const deal = async (amount: number) => {
      const r = await s.as.sales('POST', '/api/deals', {
        title: `Сделка ${uniqueWord()}`,
        companyId: company.body.company.id,
        value: { amount, currency: 'RUB' },
        pipelineId,
        expectedCloseDate: `${month}-28`,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.deal;
    };
    const one = await deal(1000_00);
    const two = await deal(2000_00);
    const three = await deal(4000_00);
    const moved = await s.as.sales('POST', `/api/deals/${two.id}/move`, {
      expectedVersion: two.version,
      stageId: 'b',
    });
    const won = await s.as.sales('POST', `/api/deals/${three.id}/move`, {
      expectedVersion: three.version,
      stageId: 'b',
    });
    await s.as.sales('POST', `/api/deals/${three.id}/close`, {
      expectedVersion: won.body.deal.version,
      status: 'won',
    });
    await s.as.sales('POST', `/api/deals/${one.id}/close`, {
      expectedVersion: one.version,
      status: 'lost',
      lostReason: 'price',
    });
    expect(moved.status).toBe(200);

    const plan = await s.as.manager('GET', `/api/reports/plans/${month}`);
    const put = await s.as.manager('PUT', `/api/reports/plans/${month}`, {
      expectedVersion: plan.body.plan.version,
      amounts: { ...plan.body.plan.amounts, [s.ids.sales]: 8000_00 },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(
      (await s.as.sales('PUT', `/api/reports/plans/${month}`, { expectedVersion: 0, amounts: {} })).status,
    ).toBe(403);
    // A second "first" plan of the month is a stale write, not a new one.
    const again = await s.as.admin('PUT', `/api/reports/plans/${month}`, { expectedVersion: 0, amounts: {} });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('StaleVersion');

    const forecast = await eventually(async () => {
      const r = await s.as.manager(
        'GET',
        `/api/reports/forecast?from=${month}&to=${month}&owner=${s.ids.sales}&pipeline=${pipelineId}`,
      );
      const row = r.body.owners?.[0];
      return row && row.won === 4000_00 && row.open === 2000_00 ? r.body : undefined;
    }, 'the forecast to count the deals');
    // Open: deal two at B (60 %) = 1200; won 4000 of a plan of 8000.
    expect(forecast.owners[0]).toMatchObject({
      ownerId: s.ids.sales,
      won: 4000_00,
      wonCount: 1,
      weighted: 1200_00,
      bestCase: 6000_00,
      plan: 8000_00,
      attainment: 50,
    });

    const dashboard = await s.as.manager(
      'GET',
      `/api/reports/sales?from=${month}&to=${month}&pipeline=${pipelineId}`,
    );
    expect(dashboard.status).toBe(200);
    // All three entered A; two and three entered B (67 %); one of the two at B was won (50 %).
    expect(dashboard.body.funnel).toEqual([
      { stageId: 'a', name: 'A', entered: 3, conversion: 66.7 },
      { stageId: 'b', name: 'B', entered: 2, conversion: 50 },
    ]);
    expect(dashboard.body.timeInStage.map((t: { exits: number }) => t.exits)).toEqual([3, 1]);
    const me = dashboard.body.leaderboard.find((l: { ownerId: string }) => l.ownerId === s.ids.sales);
    expect(me.wonAmount).toBeGreaterThanOrEqual(4000_00);
    expect(me.dealsLost).toBeGreaterThanOrEqual(1);
    expect(dashboard.body.revenue).toEqual([{ month, won: expect.any(Number) }]);

    // Reopening the won deal takes it out of the won figures again.
    const reopened = await s.as.sales('POST', `/api/deals/${three.id}/reopen`, {
      expectedVersion: won.body.deal.version + 1,
    });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    await eventually(async () => {
      const r = await s.as.manager(
        'GET',
        `/api/reports/forecast?from=${month}&to=${month}&owner=${s.ids.sales}&pipeline=${pipelineId}`,
      );
      return r.body.owners?.[0]?.won === 0 && r.body.owners?.[0]?.open === 6000_00 ? true : undefined;
    }, 'the reopened deal back in the open pipeline');
  });

  it('names bad periods', async () => {
    const r = await s.as.manager('GET', '/api/reports/forecast?from=2026-13&to=2026-01');
    expect(r.status).toBe(400);
    expect(r.body.error.fields[0].field).toBe('from');
    const long = await s.as.manager('GET', '/api/reports/sales?from=2020-01&to=2026-01');
    expect(long.status).toBe(400);
    expect(long.body.error.fields[0]).toEqual({ field: 'to', message: 'at most 36 months' });
  });
});
