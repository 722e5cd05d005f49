// The route × role matrix of invoices (docs/invoices.md "Roles"): every route of the `invoices`
// function called by every role — admin, sales manager, sales on an invoice of a company they
// own, sales on someone else's, marketing, support, and a user without a role. An allowed call
// answers 2xx; a refused one answers 403 with nothing but the error and changes nothing (the
// invoice's partition and its audit are the same before and after).
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
/** A company (with a billing contact) owned by Anna (sales), and one owned by Igor (sales manager). */
const companies: Record<'sales' | 'manager', { id: string; name: string; contactId: string }> = {
  sales: { id: '', name: '', contactId: '' },
  manager: { id: '', name: '', contactId: '' },
};

beforeAll(async () => {
  runtime = await startTestRuntime(['demo'], runtimeOptions());
  s = await demoSession(runtime);
  for (const owner of ['sales', 'manager'] as const) {
    const name = `ООО «${uniqueWord()}»`;
    const c = await s.as.admin('POST', '/api/companies', { name, inn: uniqueInn(), ownerId: s.ids[owner] });
    const contact = await s.as.admin('POST', '/api/contacts', {
      firstName: 'Пётр',
      lastName: uniqueWord(),
      companyId: c.body.company.id,
      ownerId: s.ids[owner],
      emails: [{ value: `${uniqueWord().toLowerCase()}@payer.example` }],
    });
    companies[owner] = { id: c.body.company.id, name, contactId: contact.body.contact.id };
  }
});
afterAll(async () => runtime?.stop());

const personas = ['admin', 'manager', 'salesOwner', 'salesOther', 'marketing', 'support', 'nobody'] as const;
type Persona = (typeof personas)[number];
const readers: readonly Persona[] = ['admin', 'manager', 'salesOwner', 'salesOther', 'support'];
const editors: readonly Persona[] = ['admin', 'manager', 'salesOwner'];
const managers: readonly Persona[] = ['admin', 'manager'];
const callerOf = (p: Persona): Person => (p === 'salesOwner' || p === 'salesOther' ? 'sales' : p);
const companyOf = (p: Persona) => companies[p === 'salesOwner' ? 'sales' : 'manager'];

type Fixture = { id: string; version: number; companyId: string; paymentId?: string };

const today = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(runtime.clock.now());

const invoice = async (p: Persona, stage: 'draft' | 'issued' | 'paid'): Promise<Fixture> => {
  const company = companyOf(p);
  const r = await s.as.admin('POST', '/api/invoices', {
    companyId: company.id,
    billingContactId: company.contactId,
    lines: [{ name: 'Услуги', quantity: 1, unit: 'усл.', unitPrice: 1000_00, vatRate: 20 }],
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  let { id, version } = r.body.invoice as { id: string; version: number };
  let paymentId: string | undefined;
  if (stage !== 'draft') {
    const i = await s.as.admin('POST', `/api/invoices/${id}/issue`, { expectedVersion: version });
    expect(i.status, JSON.stringify(i.body)).toBe(200);
    version = i.body.invoice.version;
  }
  if (stage === 'paid') {
    const paid = await s.as.admin('POST', `/api/invoices/${id}/payments`, {
      expectedVersion: version,
      amount: 100_00,
      paidOn: today(),
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    version = paid.body.invoice.version;
    paymentId = paid.body.payment.id;
  }
  return { id, version, companyId: company.id, ...(paymentId ? { paymentId } : {}) };
};

type RouteCase = {
  route: string;
  allowed: readonly Persona[];
  setup: (p: Persona) => Promise<Fixture | undefined>;
  call: (f: Fixture | undefined, caller: Caller, p: Persona) => Promise<ApiResponse>;
};

const none = async () => undefined;

const cases: RouteCase[] = [
  {
    route: 'GET /api/invoices',
    allowed: readers,
    setup: none,
    call: (_f, call) => call('GET', '/api/invoices?limit=5'),
  },
  {
    route: 'POST /api/invoices',
    allowed: editors,
    setup: none,
    call: (_f, call, p) =>
      call('POST', '/api/invoices', {
        companyId: companyOf(p).id,
        lines: [{ name: 'Работы', quantity: 2, unit: 'ч', unitPrice: 500_00, vatRate: 0 }],
      }),
  },
  {
    route: 'GET /api/invoices/{id}',
    allowed: readers,
    setup: (p) => invoice(p, 'issued'),
    call: (f, call) => call('GET', `/api/invoices/${f?.id}`),
  },
  {
    route: 'PATCH /api/invoices/{id}',
    allowed: editors,
    setup: (p) => invoice(p, 'draft'),
    call: (f, call) =>
      call('PATCH', `/api/invoices/${f?.id}`, { expectedVersion: f?.version, note: 'Изменено' }),
  },
  {
    route: 'POST /api/invoices/{id}/issue',
    allowed: editors,
    setup: (p) => invoice(p, 'draft'),
    call: (f, call) => call('POST', `/api/invoices/${f?.id}/issue`, { expectedVersion: f?.version }),
  },
  {
    route: 'POST /api/invoices/{id}/send',
    allowed: editors,
    setup: (p) => invoice(p, 'issued'),
    call: (f, call) => call('POST', `/api/invoices/${f?.id}/send`, {}),
  },
  {
    route: 'POST /api/invoices/{id}/cancel',
    allowed: managers,
    setup: (p) => invoice(p, 'issued'),
    call: (f, call) =>
      call('POST', `/api/invoices/${f?.id}/cancel`, { expectedVersion: f?.version, reason: 'Ошибка' }),
  },
  {
    route: 'GET /api/invoices/{id}/pdf',
    allowed: readers,
    setup: (p) => invoice(p, 'issued'),
    call: (f, call) => call('GET', `/api/invoices/${f?.id}/pdf`),
  },
  {
    route: 'GET /api/invoices/{id}/print',
    allowed: readers,
    setup: (p) => invoice(p, 'issued'),
    call: (f, call) => call('GET', `/api/invoices/${f?.id}/print`),
  },
  {
    route: 'POST /api/invoices/{id}/payments',
    allowed: editors,
    setup: (p) => invoice(p, 'issued'),
    call: (f, call) =>
      call('POST', `/api/invoices/${f?.id}/payments`, {
        expectedVersion: f?.version,
        amount: 10_00,
        paidOn: today(),
      }),
  },
  {
    route: 'DELETE /api/invoices/{id}/payments/{paymentId}',
    allowed: managers,
    setup: (p) => invoice(p, 'paid'),
    call: (f, call) =>
      call('DELETE', `/api/invoices/${f?.id}/payments/${f?.paymentId}`, { expectedVersion: f?.version }),
  },
  {
    route: 'GET /api/companies/{id}/receivables',
    allowed: readers,
    setup: (p) => invoice(p, 'issued'),
    call: (f, call) => call('GET', `/api/companies/${f?.companyId}/receivables`),
  },
];

it('covers every route of the invoices function', async () => {
  const { functions } = await import('../../catalog.ts');
  expect(cases.map((c) => c.route).sort()).toEqual(
    functions.invoices.routes.map((r) => `${r.method} ${r.path}`).sort(),
  );
});

const snapshot = async (f: Fixture | undefined) =>
  f ? [await s.partition(`INVOICE#${f.id}`), (await s.partition(`AUDIT#invoice#${f.id}`)).length] : [];

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
    expect(JSON.stringify(r.body)).not.toContain(companyOf(persona).name);
    expect(JSON.stringify(r.body)).not.toContain('1 200');
    expect(await snapshot(fixture)).toEqual(before);
  });
});
