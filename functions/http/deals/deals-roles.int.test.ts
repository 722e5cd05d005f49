// The route × role matrix of sales (docs/deals.md "Deals"): every route of the deals,
// pipelines and reports functions called by every role — admin, sales manager, sales on their
// own deal, sales on someone else's, marketing, support, and a user without a role. An allowed
// call answers 2xx; a refused one answers 403 with nothing but the error and changes nothing
// (the deal's partition and its audit are the same before and after).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { type ApiResponse, startTestRuntime } from '../../../scripts/local/testing.ts';
import {
  type Caller,
  type DemoSession,
  demoSession,
  type Person,
  runtimeOptions,
  uniqueInn,
  uniqueWord,
} from '../records/record-test-support.ts';

let runtime: LocalRuntime;
let s: DemoSession;
let companyId: string;
let pipelineId: string;

beforeAll(async () => {
  runtime = await startTestRuntime(['demo'], runtimeOptions());
  s = await demoSession(runtime);
  const c = await s.as.admin('POST', '/api/companies', {
    name: `ООО «${uniqueWord()}»`,
    inn: uniqueInn(),
    ownerId: s.ids.manager,
  });
  companyId = c.body.company.id;
  const p = await s.as.admin('POST', '/api/pipelines', {
    name: `Матрица ${uniqueWord()}`,
    stages: [
      { id: 'a', name: 'A', probability: 10 },
      { id: 'b', name: 'B', probability: 50 },
    ],
  });
  pipelineId = p.body.pipeline.id;
});
afterAll(async () => runtime?.stop());

const personas = ['admin', 'manager', 'salesOwner', 'salesOther', 'marketing', 'support', 'nobody'] as const;
type Persona = (typeof personas)[number];
const readers: readonly Persona[] = personas.filter((p) => p !== 'nobody');
const editors: readonly Persona[] = ['admin', 'manager', 'salesOwner'];
const managers: readonly Persona[] = ['admin', 'manager'];
const admins: readonly Persona[] = ['admin'];
const callerOf = (p: Persona): Person => (p === 'salesOwner' || p === 'salesOther' ? 'sales' : p);
const ownerOf = (p: Persona): Person => (p === 'salesOwner' ? 'sales' : 'manager');

type Fixture = { id: string; version: number; title: string; owner: Person; pk: string };

const deal = async (p: Persona, status: 'open' | 'won' = 'open'): Promise<Fixture> => {
  const title = `Сделка ${uniqueWord()}`;
  const r = await s.as.admin('POST', '/api/deals', {
    title,
    companyId,
    pipelineId,
    value: { amount: 1000, currency: 'RUB' },
    ownerId: s.ids[ownerOf(p)],
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  let { id, version } = r.body.deal as { id: string; version: number };
  if (status === 'won') {
    const w = await s.as.admin('POST', `/api/deals/${id}/close`, { expectedVersion: version, status: 'won' });
    version = w.body.deal.version;
  }
  return { id, version, title, owner: ownerOf(p), pk: `DEAL#${id}` };
};

type RouteCase = {
  route: string;
  allowed: readonly Persona[];
  setup: (p: Persona) => Promise<Fixture | undefined>;
  call: (f: Fixture | undefined, caller: Caller, p: Persona) => Promise<ApiResponse>;
};

const none = async () => undefined;
const month = '2026-11';

const cases: RouteCase[] = [
  {
    route: 'POST /api/deals',
    allowed: editors,
    setup: none,
    call: (_f, call, p) =>
      call('POST', '/api/deals', {
        title: `Новая ${uniqueWord()}`,
        companyId,
        pipelineId,
        value: { amount: 1, currency: 'RUB' },
        ownerId: s.ids[ownerOf(p)],
      }),
  },
  {
    route: 'GET /api/deals',
    allowed: readers,
    setup: none,
    call: (_f, call) => call('GET', `/api/deals?pipeline=${pipelineId}`),
  },
  {
    route: 'GET /api/deals/{id}',
    allowed: readers,
    setup: (p) => deal(p),
    call: (f, call) => call('GET', `/api/deals/${f?.id}`),
  },
  {
    route: 'PATCH /api/deals/{id}',
    allowed: editors,
    setup: (p) => deal(p),
    call: (f, call) =>
      call('PATCH', `/api/deals/${f?.id}`, { expectedVersion: f?.version, title: 'Изменено' }),
  },
  {
    route: 'DELETE /api/deals/{id}',
    allowed: editors,
    setup: (p) => deal(p),
    call: (f, call) => call('DELETE', `/api/deals/${f?.id}?expectedVersion=${f?.version}`),
  },
  {
    route: 'POST /api/deals/{id}/move',
    allowed: editors,
    setup: (p) => deal(p),
    call: (f, call) =>
      call('POST', `/api/deals/${f?.id}/move`, { expectedVersion: f?.version, stageId: 'b' }),
  },
  {
    route: 'POST /api/deals/{id}/close',
    allowed: editors,
    setup: (p) => deal(p),
    call: (f, call) =>
      call('POST', `/api/deals/${f?.id}/close`, { expectedVersion: f?.version, status: 'won' }),
  },
  {
    route: 'POST /api/deals/{id}/reopen',
    allowed: editors,
    setup: (p) => deal(p, 'won'),
    call: (f, call) => call('POST', `/api/deals/${f?.id}/reopen`, { expectedVersion: f?.version }),
  },
  {
    route: 'GET /api/pipelines/{id}/board',
    allowed: readers,
    setup: none,
    call: (_f, call) => call('GET', `/api/pipelines/${pipelineId}/board`),
  },
  {
    route: 'GET /api/pipelines',
    allowed: readers,
    setup: none,
    call: (_f, call) => call('GET', '/api/pipelines'),
  },
  {
    route: 'POST /api/pipelines',
    allowed: admins,
    setup: none,
    call: (_f, call) =>
      call('POST', '/api/pipelines', {
        name: `П ${uniqueWord()}`,
        order: 50,
        stages: [{ name: 'A', probability: 10 }],
      }),
  },
  {
    route: 'PATCH /api/pipelines/{id}',
    allowed: admins,
    setup: none,
    call: async (_f, call) => {
      const current = (await s.as.admin('GET', '/api/pipelines')).body.items.find(
        (p: { id: string }) => p.id === pipelineId,
      );
      return call('PATCH', `/api/pipelines/${pipelineId}`, {
        expectedVersion: current.version,
        order: current.order,
      });
    },
  },
  {
    route: 'DELETE /api/pipelines/{id}',
    allowed: admins,
    setup: none,
    call: async (_f, call) => {
      const p = await s.as.admin('POST', '/api/pipelines', {
        name: `Удалить ${uniqueWord()}`,
        order: 60,
        stages: [{ name: 'A', probability: 10 }],
      });
      return call('DELETE', `/api/pipelines/${p.body.pipeline.id}?expectedVersion=1`);
    },
  },
  {
    route: 'GET /api/settings/currency-rates',
    allowed: readers,
    setup: none,
    call: (_f, call) => call('GET', '/api/settings/currency-rates'),
  },
  {
    route: 'PUT /api/settings/currency-rates',
    allowed: admins,
    setup: none,
    call: async (_f, call) => {
      const current = (await s.as.admin('GET', '/api/settings/currency-rates')).body.rates;
      return call('PUT', '/api/settings/currency-rates', {
        expectedVersion: current.version,
        rates: { USD: '90', EUR: '100' },
      });
    },
  },
  {
    route: 'GET /api/reports/forecast',
    allowed: readers,
    setup: none,
    call: (_f, call) => call('GET', `/api/reports/forecast?from=${month}&to=${month}`),
  },
  {
    route: 'GET /api/reports/sales',
    allowed: readers,
    setup: none,
    call: (_f, call) => call('GET', `/api/reports/sales?from=${month}&to=${month}`),
  },
  {
    route: 'GET /api/reports/plans/{month}',
    allowed: readers,
    setup: none,
    call: (_f, call) => call('GET', `/api/reports/plans/${month}`),
  },
  {
    route: 'PUT /api/reports/plans/{month}',
    allowed: managers,
    setup: none,
    call: async (_f, call) => {
      const plan = (await s.as.admin('GET', `/api/reports/plans/${month}`)).body.plan;
      return call('PUT', `/api/reports/plans/${month}`, {
        expectedVersion: plan.version,
        amounts: plan.amounts,
      });
    },
  },
];

it('covers every route of the sales functions', async () => {
  const { functions } = await import('../../catalog.ts');
  const routes = (['deals', 'pipelines', 'reports'] as const).flatMap((name) =>
    functions[name].routes.map((r) => `${r.method} ${r.path}`),
  );
  expect(cases.map((c) => c.route).sort()).toEqual(routes.sort());
});

const snapshot = async (f: Fixture | undefined) =>
  f ? [await s.partition(f.pk), (await s.partition(`AUDIT#deal#${f.id}`)).length] : [];

describe.each(cases)('$route', (routeCase) => {
  it.each(personas)('as %s', async (persona) => {
    const allowed = routeCase.allowed.includes(persona);
    const fixture = await routeCase.setup(persona);
    const before = await snapshot(fixture);
    const r = await routeCase.call(fixture, s.as[callerOf(persona)], persona);
    if (allowed) {
      expect(r.status, JSON.stringify(r.body)).toBeGreaterThanOrEqual(200);
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
      return;
    }
    expect(r.status, JSON.stringify(r.body)).toBe(403);
    expect(Object.keys(r.body)).toEqual(['error']);
    expect(r.body.error.code).toBe('Forbidden');
    if (fixture) expect(JSON.stringify(r.body)).not.toContain(fixture.title);
    expect(await snapshot(fixture)).toEqual(before);
  });
});
