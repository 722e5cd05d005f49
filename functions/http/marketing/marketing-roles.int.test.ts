// The route × role matrix of marketing (docs/campaigns.md): every route of the `marketing`
// function called by every role. Administrators and marketing write segments and templates,
// sales managers read and preview them, sales, support and a user without a role get a 403
// with nothing but the error, and the refused call changes nothing (the item and its audit).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { type ApiResponse, startTestRuntime } from '../../../scripts/local/testing.ts';
import {
  type Caller,
  type DemoSession,
  demoSession,
  type Person,
  runtimeOptions,
  uniqueWord,
} from '../records/record-test-support.ts';

let runtime: LocalRuntime;
let s: DemoSession;
let contactId: string;

beforeAll(async () => {
  runtime = await startTestRuntime(['demo'], runtimeOptions());
  s = await demoSession(runtime);
  const c = await s.as.admin('POST', '/api/contacts', {
    firstName: 'Анна',
    lastName: uniqueWord(),
    emails: [{ value: `${uniqueWord().toLowerCase()}@buyer.example` }],
    marketingConsent: { status: 'granted' },
  });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  contactId = c.body.contact.id;
});
afterAll(async () => runtime?.stop());

const personas = [
  'admin',
  'manager',
  'marketing',
  'sales',
  'support',
  'nobody',
] as const satisfies readonly Person[];
type Persona = (typeof personas)[number];
const editors: readonly Persona[] = ['admin', 'marketing'];
const readers: readonly Persona[] = ['admin', 'marketing', 'manager'];

type Fixture = { id: string; version: number; name: string; pk: string; audit: string };

const segment = async (): Promise<Fixture> => {
  const name = `Сегмент ${uniqueWord()}`;
  const r = await s.as.admin('POST', '/api/segments', { name, filter: { tags: { values: ['x'] } } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const { id, version } = r.body.segment;
  return { id, version, name, pk: `SEGMENT#${id}`, audit: `AUDIT#segment#${id}` };
};

const template = async (): Promise<Fixture> => {
  const name = `Шаблон ${uniqueWord()}`;
  const r = await s.as.admin('POST', '/api/templates', {
    name,
    subject: 'Здравствуйте, {{ contact.firstName }}',
    html: '<p>Здравствуйте, {{ contact.firstName }}!</p>',
    text: 'Здравствуйте, {{ contact.firstName }}!',
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const { id, version } = r.body.template;
  return { id, version, name, pk: `TEMPLATE#${id}`, audit: `AUDIT#email-template#${id}` };
};

type RouteCase = {
  route: string;
  allowed: readonly Persona[];
  setup: () => Promise<Fixture | undefined>;
  call: (f: Fixture | undefined, caller: Caller) => Promise<ApiResponse>;
};

const none = async () => undefined;

const cases: RouteCase[] = [
  {
    route: 'GET /api/segments',
    allowed: readers,
    setup: none,
    call: (_f, call) => call('GET', '/api/segments'),
  },
  {
    route: 'POST /api/segments',
    allowed: editors,
    setup: none,
    call: (_f, call) => call('POST', '/api/segments', { name: `Новый ${uniqueWord()}`, filter: {} }),
  },
  {
    route: 'POST /api/segments/preview',
    allowed: readers,
    setup: none,
    call: (_f, call) => call('POST', '/api/segments/preview', { filter: { openDeal: false } }),
  },
  {
    route: 'GET /api/segments/{id}',
    allowed: readers,
    setup: segment,
    call: (f, call) => call('GET', `/api/segments/${f?.id}`),
  },
  {
    route: 'PATCH /api/segments/{id}',
    allowed: editors,
    setup: segment,
    call: (f, call) =>
      call('PATCH', `/api/segments/${f?.id}`, { expectedVersion: f?.version, name: 'Изменён' }),
  },
  {
    route: 'DELETE /api/segments/{id}',
    allowed: editors,
    setup: segment,
    call: (f, call) => call('DELETE', `/api/segments/${f?.id}?expectedVersion=${f?.version}`),
  },
  {
    route: 'GET /api/segments/{id}/preview',
    allowed: readers,
    setup: segment,
    call: (f, call) => call('GET', `/api/segments/${f?.id}/preview`),
  },
  {
    route: 'GET /api/templates',
    allowed: readers,
    setup: none,
    call: (_f, call) => call('GET', '/api/templates'),
  },
  {
    route: 'POST /api/templates',
    allowed: editors,
    setup: none,
    call: (_f, call) =>
      call('POST', '/api/templates', {
        name: `Новый ${uniqueWord()}`,
        subject: 'Тема',
        html: '<p>Текст</p>',
        text: 'Текст',
      }),
  },
  {
    route: 'GET /api/templates/{id}',
    allowed: readers,
    setup: template,
    call: (f, call) => call('GET', `/api/templates/${f?.id}`),
  },
  {
    route: 'PATCH /api/templates/{id}',
    allowed: editors,
    setup: template,
    call: (f, call) =>
      call('PATCH', `/api/templates/${f?.id}`, { expectedVersion: f?.version, subject: 'Новая тема' }),
  },
  {
    route: 'DELETE /api/templates/{id}',
    allowed: editors,
    setup: template,
    call: (f, call) => call('DELETE', `/api/templates/${f?.id}?expectedVersion=${f?.version}`),
  },
  {
    route: 'POST /api/templates/{id}/preview',
    allowed: readers,
    setup: template,
    call: (f, call) => call('POST', `/api/templates/${f?.id}/preview`, { contactId }),
  },
  {
    route: 'POST /api/templates/{id}/test-send',
    allowed: editors,
    setup: template,
    call: (f, call) => call('POST', `/api/templates/${f?.id}/test-send`, { contactId }),
  },
];

it('covers every segment and template route of the marketing function', async () => {
  const { functions } = await import('../../catalog.ts');
  // The campaign routes and the sending settings have their own matrix ("campaign routes × roles",
  // campaigns.int.test.ts).
  const routes = functions.marketing.routes
    .filter((r) => !r.path.startsWith('/api/campaign') && r.path !== '/api/settings/campaigns')
    .map((r) => `${r.method} ${r.path}`);
  expect(cases.map((c) => c.route).sort()).toEqual([...routes].sort());
});

const snapshot = async (f: Fixture | undefined) =>
  f ? [await s.partition(f.pk), (await s.partition(f.audit)).length] : [];

describe.each(cases)('$route', (routeCase) => {
  it.each(personas)('as %s', async (persona) => {
    const allowed = routeCase.allowed.includes(persona);
    const fixture = await routeCase.setup();
    const before = await snapshot(fixture);
    const r = await routeCase.call(fixture, s.as[persona]);
    if (allowed) {
      expect(r.status, JSON.stringify(r.body)).toBeGreaterThanOrEqual(200);
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
      return;
    }
    expect(r.status, JSON.stringify(r.body)).toBe(403);
    expect(Object.keys(r.body)).toEqual(['error']);
    expect(r.body.error.code).toBe('Forbidden');
    if (fixture) expect(JSON.stringify(r.body)).not.toContain(fixture.name);
    expect(await snapshot(fixture)).toEqual(before);
  });
});
