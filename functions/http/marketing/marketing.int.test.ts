// Segments and e-mail templates on the emulators (docs/campaigns.md): 200 contacts with known
// attributes at 8 companies, deals open and won (one with product X), and the exclusions written
// as the unsubscribe endpoint and SES events will write them. Every criterion alone and combined,
// each exclusion counted, the segment walk resumed from its cursor (no contact twice, none
// skipped), segment CRUD versioned and audited; templates refused with one error per merge-field
// problem, sanitized with what was removed, previewed against a real contact and test-sent to the
// caller through the SES emulator.
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnvironment, localClients } from '../../../scripts/local/aws-clients.ts';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import {
  type ApiResponse,
  eventually,
  sentEmails,
  startTestRuntime,
} from '../../../scripts/local/testing.ts';
import {
  type DemoSession,
  demoSession,
  runtimeOptions,
  uniqueInn,
  uniqueWord,
} from '../records/record-test-support.ts';

let runtime: LocalRuntime;
let s: DemoSession;
let raw: DynamoDBDocumentClient;
let tableName: string;

const stages = ['lead', 'prospect', 'customer', 'former'] as const;
const cities = ['Казань', 'Самара'] as const;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

type Seed = {
  i: number;
  id: string;
  /** Index of the company (0–7), or undefined for the 40 contacts without one. */
  company?: number;
  consent: 'granted' | 'unknown' | 'withdrawn';
  unsubscribed: boolean;
  suppressed: boolean;
  email?: string;
  tags: string[];
  leadSource: 'site' | 'event' | 'referral';
  owner: 'manager' | 'sales';
  seats: number;
  inactive: boolean;
};

type SeedCompany = {
  id: string;
  name: string;
  stage: string;
  industry: string;
  city: string;
  tags: string[];
};

const companies: SeedCompany[] = [];
const seeds: Seed[] = [];
let productX: { id: string };
let productY: { id: string };
const seatsKey = `seats-${Date.now().toString(36)}`;

/** Runs `fn` over `items`, `n` at a time. */
const pool = async <T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
};

const seedOf = (i: number): Omit<Seed, 'id'> => ({
  i,
  ...(i % 10 < 8 ? { company: i % 10 } : {}),
  consent: i % 9 === 0 ? (i % 2 === 0 ? 'unknown' : 'withdrawn') : 'granted',
  unsubscribed: i % 11 === 1,
  suppressed: i % 13 === 2,
  ...(i % 17 === 3 ? {} : { email: `seg${i}.${Date.now().toString(36)}@buyer.example` }),
  tags: [...(i % 3 === 0 ? ['newsletter'] : []), ...(i % 5 === 0 ? ['events'] : [])],
  leadSource: (['site', 'event', 'referral'] as const)[i % 3] as Seed['leadSource'],
  owner: i % 4 === 0 ? 'manager' : 'sales',
  seats: (i % 6) * 10,
  inactive: i % 4 === 1,
});

const setRaw = async (pk: string, sets: Record<string, unknown>) => {
  const names = Object.fromEntries(Object.keys(sets).map((k, n) => [`#f${n}`, k]));
  const values = Object.fromEntries(Object.values(sets).map((v, n) => [`:v${n}`, v]));
  await raw.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { pk, sk: 'CONTACT' },
      UpdateExpression: `SET ${Object.keys(names)
        .map((n, k) => `${n} = :v${k}`)
        .join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
};

const created = (r: ApiResponse, status = 201): ApiResponse['body'] => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
};

beforeAll(async () => {
  runtime = await startTestRuntime(['demo'], runtimeOptions());
  s = await demoSession(runtime);
  const demo = runtime.tenant('demo');
  tableName = demo.tableName;
  raw = DynamoDBDocumentClient.from(localClients(runtime.endpoints, demo.tenant.region).dynamodb);
  // The domain's walk runs in this process too, as the campaign fan-out will run it.
  Object.assign(process.env, {
    ...emulatorEnvironment(runtime.endpoints, demo.tenant.region),
    TABLE_NAME: demo.tableName,
  });

  created(
    await s.as.admin('POST', '/api/custom-fields', {
      entity: 'contact',
      key: seatsKey,
      label: { ru: 'Места', en: 'Seats' },
      type: 'number',
    }),
  );
  for (let k = 0; k < 8; k++) {
    const company = {
      name: `ООО «${uniqueWord()}»`,
      stage: stages[k % 4] as string,
      industry: k < 4 ? 'Строительство' : 'Торговля',
      city: cities[k % 2] as string,
      tags: k === 0 ? ['vip'] : [],
    };
    const body = created(
      await s.as.admin('POST', '/api/companies', {
        name: company.name,
        inn: uniqueInn(),
        lifecycleStage: company.stage,
        industry: company.industry,
        addresses: [{ line: 'ул. Ленина, 1', city: company.city }],
        tags: company.tags,
        ownerId: s.ids.manager,
      }),
    );
    companies.push({ ...company, id: (body.company as { id: string }).id });
  }

  const drafts = Array.from({ length: 200 }, (_, i) => seedOf(i));
  await pool(drafts, 4, async (d) => {
    const body = created(
      await s.as.admin('POST', '/api/contacts', {
        firstName: 'Иван',
        lastName: uniqueWord(),
        ...(d.company !== undefined ? { companyId: companies[d.company]?.id } : {}),
        ...(d.email ? { emails: [{ value: d.email }] } : {}),
        tags: d.tags,
        leadSource: d.leadSource,
        ownerId: s.ids[d.owner],
        marketingConsent: { status: d.consent },
        customFields: { [seatsKey]: d.seats },
      }),
    );
    const id = (body.contact as { id: string }).id;
    seeds.push({ ...d, id });
    // What the unsubscribe endpoint, SES events and the timeline projector write.
    const sets: Record<string, unknown> = {};
    if (d.unsubscribed) sets.marketingUnsubscribedAt = daysAgo(3);
    if (d.suppressed)
      sets.emailSuppressed = { reason: d.i % 2 === 0 ? 'bounce' : 'complaint', at: daysAgo(2) };
    if (d.inactive) {
      sets.lastActivityAt = daysAgo(100);
      sets.gsi6sk = `${sets.lastActivityAt}#${id}`;
    }
    if (Object.keys(sets).length > 0) await setRaw(`CONTACT#${id}`, sets);
  });
  seeds.sort((a, b) => a.i - b.i);

  // The catalogue and deals: open with company 1 and contact 48 (no company); won with
  // company 2 (a line of product X) and with company 3 and contact 59 (a line of product Y).
  const priceList = created(
    await s.as.manager('POST', '/api/price-lists', { name: `Прайс ${uniqueWord()}`, currency: 'RUB' }),
  ).priceList as { id: string };
  const product = async () =>
    created(
      await s.as.manager('POST', '/api/products', {
        name: `Товар ${uniqueWord()}`,
        sku: uniqueWord(),
        vatRate: 20,
        prices: { [priceList.id]: 100_00 },
      }),
    ).product as { id: string };
  productX = await product();
  productY = await product();
  const deal = async (company: number, contactIds: string[], won?: { id: string }) => {
    const d = created(
      await s.as.admin('POST', '/api/deals', {
        title: `Сделка ${uniqueWord()}`,
        companyId: companies[company]?.id,
        contacts: contactIds.map((contactId) => ({ contactId })),
        value: { amount: 100_00, currency: 'RUB' },
        ownerId: s.ids.manager,
      }),
    ).deal as { id: string; version: number };
    if (!won) return;
    const lined = created(
      await s.as.admin('PUT', `/api/deals/${d.id}/lines`, {
        expectedVersion: d.version,
        priceListId: priceList.id,
        lines: [{ productId: won.id, quantity: 1 }],
      }),
      200,
    ).deal as { version: number };
    created(
      await s.as.admin('POST', `/api/deals/${d.id}/close`, { expectedVersion: lined.version, status: 'won' }),
      200,
    );
  };
  await deal(1, [seeds[48]?.id as string]);
  await deal(2, [], productX);
  await deal(3, [seeds[59]?.id as string], productY);
}, 240_000);
afterAll(async () => runtime?.stop());

// ---------------------------------------------------------------------------------------------
// The model: what each filter should give, computed from the seeds without the product's code.

type Expected = {
  count: number;
  excluded: { noConsent: number; unsubscribed: number; suppressed: number; noEmail: number };
  ids: Set<string>;
};

const expected = (matches: (seed: Seed, company?: SeedCompany) => boolean): Expected => {
  const result: Expected = {
    count: 0,
    excluded: { noConsent: 0, unsubscribed: 0, suppressed: 0, noEmail: 0 },
    ids: new Set(),
  };
  for (const seed of seeds) {
    if (!matches(seed, seed.company === undefined ? undefined : companies[seed.company])) continue;
    if (seed.consent !== 'granted') result.excluded.noConsent++;
    else if (seed.unsubscribed) result.excluded.unsubscribed++;
    else if (seed.suppressed) result.excluded.suppressed++;
    else if (!seed.email) result.excluded.noEmail++;
    else {
      result.count++;
      result.ids.add(seed.id);
    }
  }
  return result;
};

const preview = async (filter: unknown) => {
  const r = await s.as.marketing('POST', '/api/segments/preview', { filter });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as {
    count: number;
    excluded: Expected['excluded'];
    sample: { id: string; name: string; email: string }[];
  };
};

const expectPreview = async (filter: unknown, model: Expected) => {
  const p = await preview(filter);
  expect({ count: p.count, excluded: p.excluded }).toEqual({ count: model.count, excluded: model.excluded });
  expect(p.sample.length).toBe(Math.min(20, model.count));
  for (const c of p.sample) expect(model.ids.has(c.id), c.name).toBe(true);
  return p;
};

describe('segment filters over 200 known contacts', () => {
  it('without criteria: every contact, each exclusion counted under its first reason', async () => {
    const all = expected(() => true);
    // Every reason occurs, so each count is checked against a number that is not zero.
    for (const n of Object.values(all.excluded)) expect(n).toBeGreaterThan(0);
    expect(all.count + Object.values(all.excluded).reduce((a, b) => a + b, 0)).toBe(200);
    await expectPreview({}, all);
  });

  it('company criteria: lifecycle stage, industry, city (contacts without a company never match)', async () => {
    await expectPreview(
      { lifecycleStages: ['customer'] },
      expected((_s, c) => c?.stage === 'customer'),
    );
    await expectPreview(
      { lifecycleStages: ['lead', 'former'] },
      expected((_s, c) => c?.stage === 'lead' || c?.stage === 'former'),
    );
    await expectPreview(
      { industries: ['торговля'] },
      expected((_s, c) => c?.industry === 'Торговля'),
    );
    await expectPreview(
      { cities: ['Казань'] },
      expected((_s, c) => c?.city === 'Казань'),
    );
  });

  it('owner, lead source and tags on the contact, its company, or either', async () => {
    await expectPreview(
      { owners: { in: [s.ids.manager] } },
      expected((seed) => seed.owner === 'manager'),
    );
    await expectPreview(
      { owners: { in: [s.ids.manager], on: 'company' } },
      expected((seed) => seed.company !== undefined),
    );
    await expectPreview(
      { leadSources: { in: ['event', 'referral'] } },
      expected((seed) => seed.leadSource !== 'site'),
    );
    await expectPreview(
      { tags: { values: ['newsletter'] } },
      expected((seed) => seed.tags.includes('newsletter')),
    );
    await expectPreview(
      { tags: { match: 'all', values: ['newsletter', 'events'] } },
      expected((seed) => seed.tags.includes('newsletter') && seed.tags.includes('events')),
    );
    await expectPreview(
      { tags: { values: ['vip'], on: 'company' } },
      expected((_s, c) => c?.tags.includes('vip') === true),
    );
    await expectPreview(
      { tags: { match: 'all', values: ['vip', 'events'], on: 'either' } },
      expected((seed, c) => c?.tags.includes('vip') === true && seed.tags.includes('events')),
    );
  });

  it('custom fields and activity recency', async () => {
    await expectPreview(
      { customFields: [{ on: 'contact', key: seatsKey, value: 30 }] },
      expected((seed) => seed.seats === 30),
    );
    await expectPreview(
      { activity: { kind: 'inactive-for', days: 30 } },
      expected((seed) => seed.inactive),
    );
    await expectPreview(
      { activity: { kind: 'active-within', days: 30 } },
      expected((seed) => !seed.inactive),
    );
  });

  it('deals: open, won, none, and bought product X (linked to the contact or its company)', async () => {
    await expectPreview(
      { openDeal: true },
      expected((seed) => seed.company === 1 || seed.i === 48),
    );
    await expectPreview(
      { openDeal: false },
      expected((seed) => !(seed.company === 1 || seed.i === 48)),
    );
    await expectPreview(
      { wonDeal: true },
      expected((seed) => seed.company === 2 || seed.company === 3 || seed.i === 59),
    );
    await expectPreview(
      { boughtProducts: [productX.id] },
      expected((seed) => seed.company === 2),
    );
    await expectPreview(
      { boughtProducts: [productX.id, productY.id] },
      expected((seed) => seed.company === 2 || seed.company === 3 || seed.i === 59),
    );
  });

  it('combined criteria must all hold', async () => {
    await expectPreview(
      {
        cities: ['Казань'],
        owners: { in: [s.ids.sales] },
        tags: { values: ['newsletter', 'events'] },
        activity: { kind: 'active-within', days: 30 },
        wonDeal: false,
      },
      expected(
        (seed, c) =>
          c?.city === 'Казань' &&
          seed.owner === 'sales' &&
          (seed.tags.includes('newsletter') || seed.tags.includes('events')) &&
          !seed.inactive &&
          !(seed.company === 2 || seed.company === 3 || seed.i === 59),
      ),
    );
  });

  it('refuses a bad filter, an undefined custom field and a product that does not exist, naming each', async () => {
    const r = await s.as.marketing('POST', '/api/segments/preview', {
      filter: { lifecycleStages: ['alien'], activity: { kind: 'active-within', days: -1 }, colour: 'red' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'filter',
      'filter.activity.days',
      'filter.lifecycleStages.0',
    ]);
    const refs = await s.as.marketing('POST', '/api/segments/preview', {
      filter: {
        customFields: [{ on: 'company', key: seatsKey, op: 'set' }],
        boughtProducts: ['01JNOPRODUCT'],
      },
    });
    expect(refs.status).toBe(400);
    expect(refs.body.error.fields).toEqual([
      { field: 'filter.customFields.0.key', message: 'is not a custom field of companies' },
      { field: 'filter.boughtProducts.0', message: 'is not a product of the catalogue' },
    ]);
  });
});

describe('walking a segment page by page', () => {
  it('resumes from a page’s cursor exactly where it stopped: no contact twice, none skipped', async () => {
    const { walkSegment, CompanyCache } = await import('../../domain/segments/evaluate.ts');
    const filter = { tags: { values: ['newsletter', 'events'] } };
    const model = expected((seed) => seed.tags.includes('newsletter') || seed.tags.includes('events'));
    expect(model.count).toBeGreaterThan(30);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for await (const page of walkSegment(filter, { pageSize: 7 })) {
      seen.push(...page.eligible.map((e) => e.contact.id));
      cursor = page.cursor;
      if (++pages === 5) break; // a fan-out that died after saving its fifth page's cursor
    }
    expect(cursor).toBeDefined();
    const firstRun = seen.length;
    const excluded = { noConsent: 0, unsubscribed: 0, suppressed: 0, noEmail: 0 };
    const companies = new CompanyCache();
    for await (const page of walkSegment(filter, { pageSize: 7, ...(cursor ? { cursor } : {}), companies })) {
      expect(page.read).toBeLessThanOrEqual(7);
      seen.push(...page.eligible.map((e) => e.contact.id));
      for (const e of page.eligible) expect(e.email).toBe(seeds.find((x) => x.id === e.contact.id)?.email);
    }
    expect(firstRun).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(firstRun);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(model.ids);
    // Exclusions counted per page add up to the preview's.
    for await (const page of walkSegment(filter, { pageSize: 50 }))
      for (const [k, n] of Object.entries(page.excluded)) excluded[k as keyof typeof excluded] += n;
    expect(excluded).toEqual(model.excluded);
  });

  it('reads each company once per evaluation and refuses a cursor of another filter', async () => {
    const { walkSegment, CompanyCache } = await import('../../domain/segments/evaluate.ts');
    const filter = { cities: ['Казань', 'Самара'] };
    const companies = new CompanyCache();
    let cursor: string | undefined;
    let count = 0;
    for await (const page of walkSegment(filter, { pageSize: 40, companies })) {
      count += page.eligible.length;
      cursor ??= page.cursor;
    }
    expect(count).toBe(expected((seed) => seed.company !== undefined).count);
    // 8 companies, 5 pages: at most one BatchGetItem per page that met a new company.
    expect(companies.reads).toBeGreaterThan(0);
    expect(companies.reads).toBeLessThanOrEqual(5);
    const before = companies.reads;
    for await (const _page of walkSegment(filter, { pageSize: 40, companies })) {
      // the second walk finds every company in the cache
    }
    expect(companies.reads).toBe(before);

    const walk = walkSegment({ cities: ['Казань'] }, { ...(cursor ? { cursor } : {}) });
    await expect(walk.next()).rejects.toMatchObject({
      fields: [{ field: 'cursor', message: expect.stringMatching(/another list/) }],
    });
  });
});

describe('segment CRUD', () => {
  it('creates, reads, lists by name, changes at a version (409 when stale), previews and deletes, audited', async () => {
    const name = `Я ${uniqueWord()}`;
    const filter = { lifecycleStages: ['customer'] };
    const seg = created(await s.as.marketing('POST', '/api/segments', { name, filter })).segment as {
      id: string;
      version: number;
    };
    expect(seg).toMatchObject({ name, filter, version: 1 });
    const list = await s.as.manager('GET', '/api/segments?limit=200');
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(seg.id);

    const changed = await s.as.admin('PATCH', `/api/segments/${seg.id}`, {
      expectedVersion: 1,
      description: 'Покупатели',
      filter: { lifecycleStages: ['customer'], cities: ['Самара'] },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.segment).toMatchObject({ version: 2, description: 'Покупатели' });
    const stale = await s.as.marketing('PATCH', `/api/segments/${seg.id}`, { expectedVersion: 1, name: 'X' });
    expect(stale.status).toBe(409);

    const p = await s.as.manager('GET', `/api/segments/${seg.id}/preview`);
    expect(p.status).toBe(200);
    const model = expected((_s, c) => c?.stage === 'customer' && c.city === 'Самара');
    expect(p.body).toMatchObject({
      segment: { id: seg.id, version: 2 },
      count: model.count,
      excluded: model.excluded,
    });

    const bad = await s.as.marketing('POST', '/api/segments', { name: '', filter: { owners: { in: [] } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'filter.owners.in',
      'name',
    ]);

    expect((await s.as.marketing('DELETE', `/api/segments/${seg.id}?expectedVersion=1`)).status).toBe(409);
    expect((await s.as.marketing('DELETE', `/api/segments/${seg.id}?expectedVersion=2`)).status).toBe(204);
    expect((await s.as.marketing('GET', `/api/segments/${seg.id}`)).status).toBe(404);
    const audit = await s.partition(`AUDIT#segment#${seg.id}`);
    expect(audit.map((a) => a.action).sort()).toEqual(['created', 'deleted', 'updated']);
  });
});

// ---------------------------------------------------------------------------------------------
// Templates

const template = {
  subject: '{{ contact.firstName | default: "Коллега" }}, новинки {{ company.name }}',
  html:
    '<p>Здравствуйте, {{ contact.firstName }} {{ contact.jobTitle | default: "коллега" }}!</p>\n' +
    '<p onclick="steal()">Ваш менеджер: {{ owner.name }}, {{ owner.email }}</p>\n' +
    '<p>{{ company.name }}</p>\n' +
    '<pre>{{ owner.signature }}</pre><script>alert(1)</script>\n' +
    '<a href="javascript:alert(1)">ссылка</a> <a href="{{ unsubscribeUrl }}">Отписаться</a>',
  text: 'Здравствуйте, {{ contact.fullName }}!\n{{ company.name }}\n--\n{{ owner.signature }}\nОтписаться: {{ unsubscribeUrl }}',
};

const newTemplate = async () => {
  const body = created(
    await s.as.marketing('POST', '/api/templates', { name: `Рассылка ${uniqueWord()}`, ...template }),
  );
  return body as unknown as {
    template: { id: string; version: number; html: string; name: string };
    removed: string[];
  };
};

describe('e-mail templates', () => {
  it('refuse unknown merge fields, tags and filters with one error per problem naming the part and line', async () => {
    const r = await s.as.marketing('POST', '/api/templates', {
      name: 'Ошибки',
      subject: 'Привет, {{ contact.first_name }}',
      html: '<p>Здравствуйте!</p>\n<p>{% if contact.firstName %}x{% endif %}</p>\n<p>{{ contact.lastName | upcase }}</p>',
      text: 'Текст {{ deal.title }}',
    });
    expect(r.status).toBe(400);
    const fields = r.body.error.fields as { field: string; message: string }[];
    expect(fields.map((f) => f.field)).toEqual(['subject', 'html', 'html', 'text']);
    expect(fields[0]?.message).toMatch(/^line 1, column 9: unknown merge field "contact.first_name"/);
    expect(fields.filter((f) => f.field === 'html').map((f) => f.message.slice(0, 7))).toEqual([
      'line 2,',
      'line 3,',
    ]);
    expect(fields[1]?.message).toMatch(/only merge fields/);
    expect(fields[2]?.message).toMatch(/filter "upcase" is not allowed/);
    expect(fields[3]?.message).toMatch(/unknown merge field "deal.title"/);

    const shape = await s.as.marketing('POST', '/api/templates', { name: 'X', subject: '', html: 1 });
    expect(shape.status).toBe(400);
    expect(shape.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'html',
      'subject',
      'text',
    ]);
  });

  it('sanitize the HTML on save and say what was removed; change at a version, list, archive, audited', async () => {
    const { template: t, removed } = await newTemplate();
    expect(removed.sort()).toEqual(['<script>', 'href="javascript:alert(1)" on <a>', 'onclick on <p>']);
    expect(t.html).not.toMatch(/script|onclick|javascript/);
    expect(t.html).toContain('<a href="{{ unsubscribeUrl }}">Отписаться</a>');

    const clean = await s.as.admin('PATCH', `/api/templates/${t.id}`, {
      expectedVersion: 1,
      html: '<p style="color: red; position: fixed">{{ contact.firstName }}</p><a href="{{ unsubscribeUrl }}">x</a>',
    });
    expect(clean.status, JSON.stringify(clean.body)).toBe(200);
    expect(clean.body.template.version).toBe(2);
    expect(clean.body.template.html).toBe(
      '<p style="color:red">{{ contact.firstName }}</p><a href="{{ unsubscribeUrl }}">x</a>',
    );
    const bad = await s.as.admin('PATCH', `/api/templates/${t.id}`, {
      expectedVersion: 2,
      text: '{{ contact.age }}',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([
      {
        field: 'text',
        message: expect.stringMatching(/^line 1, column 1: unknown merge field "contact.age"/),
      },
    ]);
    expect(
      (await s.as.admin('PATCH', `/api/templates/${t.id}`, { expectedVersion: 1, name: 'Y' })).status,
    ).toBe(409);

    const listed = await s.as.manager('GET', '/api/templates?limit=200');
    expect(listed.body.items.map((x: { id: string }) => x.id)).toContain(t.id);
    const archived = await s.as.marketing('DELETE', `/api/templates/${t.id}?expectedVersion=2`);
    expect(archived.status).toBe(200);
    expect(archived.body.template).toMatchObject({ archived: true, version: 3 });
    expect(
      (await s.as.manager('GET', '/api/templates?limit=200')).body.items.map((x: { id: string }) => x.id),
    ).not.toContain(t.id);
    expect(
      (await s.as.manager('GET', '/api/templates?archived=true')).body.items.map((x: { id: string }) => x.id),
    ).toContain(t.id);
    expect((await s.as.manager('GET', `/api/templates/${t.id}`)).body.template.archived).toBe(true);
    const audit = await s.partition(`AUDIT#email-template#${t.id}`);
    expect(audit.map((a) => a.action).sort()).toEqual(['created', 'deleted', 'updated']);
  });

  it('preview against a real contact: its company, its owner’s name, e-mail and signature, fallbacks, HTML escaped', async () => {
    const me = (await s.as.manager('GET', '/api/me')).body.user;
    const signed = await s.as.manager('PATCH', '/api/me', {
      expectedVersion: me.version,
      signature: 'Игорь Петров\nРуководитель отдела продаж',
    });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body.user.signature).toBe('Игорь Петров\nРуководитель отдела продаж');
    const company = created(
      await s.as.admin('POST', '/api/companies', {
        name: `Рога & Копыта <${uniqueWord()}>`,
        inn: uniqueInn(),
        ownerId: s.ids.manager,
      }),
    ).company as { id: string; name: string };
    const contact = created(
      await s.as.admin('POST', '/api/contacts', {
        firstName: 'Пётр',
        lastName: uniqueWord(),
        companyId: company.id,
        ownerId: s.ids.manager,
      }),
    ).contact as { id: string; name: string };
    const { template: t } = await newTemplate();

    const r = await s.as.manager('POST', `/api/templates/${t.id}/preview`, { contactId: contact.id });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const { subject, html, text } = r.body.rendered as { subject: string; html: string; text: string };
    expect(r.body.contact).toEqual({ id: contact.id, name: contact.name });
    expect(subject).toBe(`Пётр, новинки ${company.name}`);
    expect(html).toContain('<p>Здравствуйте, Пётр коллега!</p>');
    expect(html).toContain(`Ваш менеджер: Игорь Петров, igor.petrov@demo.example`);
    expect(html).toContain('<pre>Игорь Петров\nРуководитель отдела продаж</pre>');
    expect(html).not.toContain(company.name);
    expect(html).toContain(company.name.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;'));
    expect(html).toMatch(/<a href="http[^"]+\/u\/preview">Отписаться<\/a>/);
    expect(text).toContain(
      `Здравствуйте, ${contact.name}!\n${company.name}\n--\nИгорь Петров\nРуководитель отдела продаж`,
    );

    // An owner who has never signed in has no CRM profile yet: the name and e-mail come from
    // their account in the user pool.
    const salesProfile = { pk: `USER#${s.ids.sales}`, sk: 'PROFILE' };
    const saved = (await raw.send(new GetCommand({ TableName: tableName, Key: salesProfile }))).Item;
    if (saved) await raw.send(new DeleteCommand({ TableName: tableName, Key: salesProfile }));
    try {
      const annas = created(
        await s.as.admin('POST', '/api/contacts', {
          firstName: 'Вера',
          lastName: uniqueWord(),
          ownerId: s.ids.sales,
        }),
      ).contact as { id: string };
      const unsigned = await s.as.manager('POST', `/api/templates/${t.id}/preview`, { contactId: annas.id });
      expect(unsigned.status, JSON.stringify(unsigned.body)).toBe(200);
      expect(unsigned.body.rendered.html).toContain(
        'Ваш менеджер: Анна Смирнова, anna.smirnova@demo.example',
      );
    } finally {
      if (saved) await raw.send(new PutCommand({ TableName: tableName, Item: saved }));
    }

    const missing = await s.as.manager('POST', `/api/templates/${t.id}/preview`, {
      contactId: '01JNOCONTACT',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toEqual([
      { field: 'contactId', message: 'is not a contact in the CRM' },
    ]);
    expect((await s.as.manager('POST', `/api/templates/${t.id}/preview`, {})).status).toBe(400);
  });

  it('test-send the rendering to the caller’s own address, once per send, without List-Unsubscribe', async () => {
    const { template: t } = await newTemplate();
    const contact = seeds.find((x) => x.company !== undefined && x.email) as Seed;
    const before = (await sentEmails(runtime)).length;
    const first = await s.as.marketing('POST', `/api/templates/${t.id}/test-send`, { contactId: contact.id });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.sent).toMatchObject({ to: 'maria.volkova@demo.example' });
    const second = await s.as.marketing('POST', `/api/templates/${t.id}/test-send`, {});
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    const mails = await eventually(async () => {
      const all = (await sentEmails(runtime)).slice(before);
      return all.length >= 2 ? all : undefined;
    }, 'two test e-mails in the SES emulator');
    expect(mails).toHaveLength(2);
    const [withContact, asCaller] = mails;
    expect(withContact?.destination.to).toEqual(['maria.volkova@demo.example']);
    expect(withContact?.subject).toBe(`[Тест] Иван, новинки ${companies[contact.company as number]?.name}`);
    expect(withContact?.body.html).toContain('Здравствуйте, Иван коллега!');
    expect(withContact?.body.text).toContain('Отписаться: http');
    // Without a contact the caller stands in: her own name, the organisation as the company.
    expect(asCaller?.subject).toBe('[Тест] Мария, новинки ООО «Демо»');
    for (const mail of mails)
      expect((mail.headers ?? []).map((h) => h.name.toLowerCase())).not.toContain('list-unsubscribe');
  });

  it('are kept from sales and support; the contacts API refuses the unsubscribe and suppression fields', async () => {
    expect((await s.as.sales('GET', '/api/templates')).status).toBe(403);
    expect((await s.as.support('POST', '/api/segments/preview', { filter: {} })).status).toBe(403);
    const seed = seeds[5] as Seed;
    const contact = (await s.as.admin('GET', `/api/contacts/${seed.id}`)).body.contact;
    for (const field of [
      { marketingUnsubscribedAt: new Date().toISOString() },
      { emailSuppressed: { reason: 'bounce', at: new Date().toISOString() } },
    ]) {
      const r = await s.as.admin('PATCH', `/api/contacts/${seed.id}`, {
        expectedVersion: contact.version,
        ...field,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(400);
    }
    const created = await s.as.admin('POST', '/api/contacts', {
      firstName: 'Отписан',
      lastName: uniqueWord(),
      marketingUnsubscribedAt: new Date().toISOString(),
    });
    expect(created.status).toBe(400);
  });
});
