// GET /api/companies and /api/contacts through the local gateway, over a few hundred records
// written as the API stores them: every sort in both directions, every filter, pagination
// without duplicates or gaps, cursors bound to their list, deleted records left out, totals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { api, eventually, signIn, startTestRuntime } from '../../../scripts/local/testing.ts';
import { writeFixtureBase } from '../../../scripts/seed/fixtures.ts';
import type { StoredRecord } from '../../../scripts/seed/record-items.ts';

let runtime: LocalRuntime;
let call: ReturnType<typeof api>;
let companies: StoredRecord['item'][];
let contacts: StoredRecord['item'][];
const owners = ['owner-a', 'owner-b', 'owner-c'];
const now = new Date();

beforeAll(async () => {
  runtime = await startTestRuntime(['demo']);
  call = api(
    runtime.tenant('demo').appUrl,
    (await signIn(runtime, 'demo', 'maria.volkova@demo.example')).accessToken,
  );
  const base = await writeFixtureBase(runtime, 'demo', {
    companies: 240,
    contacts: 40,
    owners,
    now,
    extra: (i) => ({
      ...(i % 20 === 7 ? { deletedAt: now.toISOString(), deletedBy: 'owner-a' } : {}),
      ...(i % 5 === 0 ? { customFields: { segment: 'smb', employees: 10 + (i % 3) } } : {}),
    }),
  });
  companies = base.companies.map((r) => r.item);
  contacts = base.contacts.map((r) => r.item);
});
afterAll(async () => runtime?.stop());

const live = (items: StoredRecord['item'][]) => items.filter((i) => !i.deletedAt);
const sortKeyOf = { name: 'gsi1sk', created: 'gsi4sk', updated: 'gsi5sk', activity: 'gsi6sk' } as const;
const ordered = (
  items: StoredRecord['item'][],
  sort: keyof typeof sortKeyOf,
  order: 'asc' | 'desc',
  by = sortKeyOf[sort],
) =>
  [...items]
    .sort(
      (a, b) =>
        (String(a[by]) < String(b[by]) ? -1 : String(a[by]) > String(b[by]) ? 1 : 0) *
        (order === 'asc' ? 1 : -1),
    )
    .map((i) => i.id);

/** Every page of a list, following nextCursor, with how many requests it took. */
const readAll = async (path: string, query: Record<string, string>) => {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const r = await call(
      'GET',
      `${path}?${new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) })}`,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    ids.push(...r.body.items.map((i: { id: string }) => i.id));
    cursor = r.body.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  return { ids, pages };
};

describe('sorts', () => {
  for (const sort of ['name', 'created', 'updated', 'activity'] as const) {
    for (const order of ['asc', 'desc'] as const) {
      it(`orders companies by ${sort} ${order}`, async () => {
        const r = await call('GET', `/api/companies?sort=${sort}&order=${order}&limit=25`);
        expect(r.status).toBe(200);
        expect(r.body.items.map((i: { id: string }) => i.id)).toEqual(
          ordered(live(companies), sort, order).slice(0, 25),
        );
        expect(r.body.nextCursor).toEqual(expect.any(String));
      });
    }
  }

  it('orders contacts by name (last name first) and answers full views', async () => {
    const r = await call('GET', '/api/contacts?limit=10');
    expect(r.body.items.map((i: { id: string }) => i.id)).toEqual(
      ordered(contacts, 'name', 'asc').slice(0, 10),
    );
    const first = r.body.items[0];
    expect(first).toMatchObject({
      id: expect.any(String),
      name: expect.any(String),
      version: 1,
      firstName: expect.any(String),
    });
    expect(Object.keys(first).some((k) => /^gsi\d/.test(k) || k === 'pk' || k === 'normalizedName')).toBe(
      false,
    );
  });
});

describe('pagination', () => {
  it('walks every company once, in order, without gaps, leaving out deleted ones', async () => {
    const { ids, pages } = await readAll('/api/companies', { limit: '37' });
    expect(ids).toEqual(ordered(live(companies), 'name', 'asc'));
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages).toBe(Math.ceil(ids.length / 37));
    for (const deleted of companies.filter((c) => c.deletedAt)) expect(ids).not.toContain(deleted.id);
  });

  it('walks a filtered list to its end, pages possibly short, nothing twice', async () => {
    const { ids } = await readAll('/api/companies', {
      sort: 'created',
      order: 'desc',
      limit: '20',
      stage: 'customer',
    });
    const expected = ordered(
      live(companies).filter((c) => c.lifecycleStage === 'customer'),
      'created',
      'desc',
    );
    expect(ids).toEqual(expected);
  });

  it("walks one owner's list (gsi2) to its end", async () => {
    const { ids } = await readAll('/api/companies', { owner: 'owner-b', limit: '30' });
    expect(ids).toEqual(
      ordered(
        live(companies).filter((c) => c.ownerId === 'owner-b'),
        'name',
        'asc',
      ),
    );
  });
});

describe('filters', () => {
  const expectFilter = async (
    query: Record<string, string>,
    keep: (c: StoredRecord['item']) => boolean,
    sort: keyof typeof sortKeyOf = 'name',
    order: 'asc' | 'desc' = 'asc',
  ) => {
    const { ids } = await readAll('/api/companies', { limit: '200', ...query });
    const expected = ordered(live(companies).filter(keep), sort, order);
    expect(expected.length).toBeGreaterThan(0);
    expect(ids).toEqual(expected);
  };

  it('by owner, sorted by name or by creation', async () => {
    await expectFilter({ owner: 'owner-a' }, (c) => c.ownerId === 'owner-a');
    await expectFilter(
      { owner: 'owner-c', sort: 'created', order: 'desc' },
      (c) => c.ownerId === 'owner-c',
      'created',
      'desc',
    );
  });

  it('by stage, tag, source, industry and city', async () => {
    const sample = live(companies).find((c) => (c.tags as string[]).length > 0) as StoredRecord['item'];
    await expectFilter({ stage: 'former' }, (c) => c.lifecycleStage === 'former');
    await expectFilter({ tag: String((sample.tags as string[])[0]).toUpperCase() }, (c) =>
      (c.tags as string[]).includes((sample.tags as string[])[0] as string),
    );
    await expectFilter({ source: 'referral' }, (c) => c.leadSource === 'referral');
    await expectFilter({ industry: String(sample.industry) }, (c) => c.industry === sample.industry);
    await expectFilter(
      { city: String(sample.city), stage: String(sample.lifecycleStage) },
      (c) => c.city === sample.city && c.lifecycleStage === sample.lifecycleStage,
    );
  });

  it('by "no activity for N days", on gsi6 or filtered on another sort', async () => {
    const cutoff = new Date(now.getTime() - 100 * 24 * 3600 * 1000).toISOString();
    const keep = (c: StoredRecord['item']) => String(c.lastActivityAt) < cutoff;
    await expectFilter({ inactiveDays: '100' }, keep, 'activity', 'asc');
    await expectFilter({ inactiveDays: '100', sort: 'name' }, keep);
  });

  it('by a custom field, text or number', async () => {
    await expectFilter(
      { 'cf.segment': 'smb' },
      (c) => (c.customFields as { segment?: string }).segment === 'smb',
    );
    await expectFilter(
      { 'cf.employees': '11' },
      (c) => (c.customFields as { employees?: number }).employees === 11,
    );
  });

  it("lists one company's contacts, and contacts by owner", async () => {
    const withCompany = contacts.find((c) => c.companyId) as StoredRecord['item'];
    const r = await call('GET', `/api/contacts?company=${withCompany.companyId}`);
    expect(r.body.items.map((i: { id: string }) => i.id)).toEqual(
      ordered(
        contacts.filter((c) => c.companyId === withCompany.companyId),
        'name',
        'asc',
      ),
    );
    expect(r.body).toMatchObject({ totalIsExact: true, total: r.body.items.length });
    const { ids } = await readAll('/api/contacts', { owner: 'owner-a', limit: '7' });
    expect(ids).toEqual(
      ordered(
        contacts.filter((c) => c.ownerId === 'owner-a'),
        'name',
        'asc',
      ),
    );
  });

  it('refuses bad parameters with a field error each', async () => {
    const r = await call('GET', '/api/companies?sort=size&limit=500&stage=won&colour=red');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('ValidationFailed');
    expect(r.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'colour',
      'limit',
      'sort',
      'stage',
    ]);
    expect((await call('GET', '/api/contacts?stage=lead')).status).toBe(400);
    expect((await call('GET', '/api/companies?deleted=true')).status).toBe(400);
    expect((await call('GET', '/api/companies?deleted=false&limit=1')).status).toBe(200);
  });
});

describe('cursors', () => {
  it('are refused when tampered with, or taken to another list', async () => {
    const first = await call('GET', '/api/companies?limit=5');
    const cursor = first.body.nextCursor as string;
    const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...payload, k: { ...payload.k, gsi1sk: 'я' } })).toString(
      'base64url',
    );
    for (const bad of [forged, `${cursor.slice(0, -4)}AAAA`, 'garbage']) {
      const r = await call('GET', `/api/companies?limit=5&cursor=${encodeURIComponent(bad)}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.error.fields[0].field).toBe('cursor');
    }
    const elsewhere = await call('GET', `/api/companies?limit=5&sort=created&cursor=${cursor}`);
    expect(elsewhere.status).toBe(400);
    expect((await call('GET', `/api/contacts?limit=5&cursor=${cursor}`)).status).toBe(400);
    expect((await call('GET', `/api/companies?limit=9&cursor=${cursor}`)).status).toBe(200);
  });
});

describe('totals', () => {
  it('come from the counters for the whole list, an owner or a stage; filtered lists have none', async () => {
    const all = live(companies);
    await eventually(
      async () => (await call('GET', '/api/companies?limit=1')).body.total === all.length,
      'the company count',
    );
    const byOwner = await call('GET', '/api/companies?limit=1&owner=owner-b');
    expect(byOwner.body).toMatchObject({
      total: all.filter((c) => c.ownerId === 'owner-b').length,
      totalIsExact: true,
    });
    const byStage = await call('GET', '/api/companies?limit=1&stage=lead');
    expect(byStage.body.total).toBe(all.filter((c) => c.lifecycleStage === 'lead').length);
    const filtered = await call('GET', '/api/companies?limit=1&tag=vip&stage=lead');
    expect(filtered.body.total).toBeUndefined();
    expect(filtered.body.totalIsExact).toBe(false);
    await eventually(
      async () => (await call('GET', '/api/contacts?limit=1')).body.total === contacts.length,
      'the contact count',
    );
  });
});
