// GET /api/search through the local gateway: records created through the API (so searched as
// the API stores them) among a few hundred fixture companies. Words in Cyrillic with ё = е, the
// second and third word of a name, INN, phones typed every way, e-mails, exact hits first,
// companies and contacts together, each record once, deleted records gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { api, signIn, startTestRuntime } from '../../../scripts/local/testing.ts';
import { writeFixtureBase } from '../../../scripts/seed/fixtures.ts';
import { innWithCheckDigit } from '../../domain/normalize/inn.ts';

let runtime: LocalRuntime;
let call: ReturnType<typeof api>;
const ids: Record<string, string> = {};
const inn = innWithCheckDigit('770112233');

beforeAll(async () => {
  runtime = await startTestRuntime(['demo']);
  call = api(
    runtime.tenant('demo').appUrl,
    (await signIn(runtime, 'demo', 'igor.petrov@demo.example')).accessToken,
  );
  await writeFixtureBase(runtime, 'demo', { companies: 300, owners: ['owner-a'] });
  const create = async (key: string, path: string, body: Record<string, unknown>) => {
    const r = await call('POST', path, { ...body, allowDuplicate: true });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids[key] = (r.body.company ?? r.body.contact).id;
  };
  await create('elochka', '/api/companies', {
    name: 'ООО «Ёжик Северная Звезда»',
    inn,
    phones: [{ value: '+7 (912) 555-01-02' }, { value: '8 495 777-88-99' }],
    emails: [{ value: 'Info@Elochka-Sever.example' }, { value: 'sales@elochka-sever.example' }],
  });
  await create('ezhiha', '/api/companies', { name: 'АО «Ежиха Двор»' });
  await create('fedorovCo', '/api/companies', { name: 'Фёдоров и партнёры' });
  await create('fedorovsky', '/api/companies', { name: 'Федоровский завод' });
  await create('star', '/api/companies', { name: 'Звезда Звездочёт' });
  await create('doomed', '/api/companies', { name: 'Уходящая Компания' });
  await create('petr', '/api/contacts', {
    lastName: 'Фёдоров',
    firstName: 'Пётр',
    middleName: 'Семёнович',
    companyId: ids.elochka,
    phones: [{ value: '8 916 123-45-67' }],
    emails: [{ value: 'petr.fedorov@elochka-sever.example' }],
  });
});
afterAll(async () => runtime?.stop());

const search = async (q: string, extra = '') => {
  const r = await call('GET', `/api/search?q=${encodeURIComponent(q)}${extra}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items as {
    type: string;
    id: string;
    name: string;
    subtitle?: string;
    match: { field: string; exact: boolean };
  }[];
};
const idsOf = (hits: { id: string }[]) => hits.map((h) => h.id);

describe('search by name', () => {
  it('finds a word in Cyrillic whatever its case, with ё = е, the whole word first', async () => {
    for (const q of ['ёжик', 'ЁЖИК', 'Ежик']) {
      const hits = await search(q);
      expect(hits[0], q).toMatchObject({
        id: ids.elochka,
        type: 'company',
        match: { field: 'name', exact: true },
        subtitle: inn,
      });
    }
    const prefix = await search('ежи');
    expect(idsOf(prefix)).toEqual([ids.elochka, ids.ezhiha]);
    expect(prefix.every((h) => !h.match.exact)).toBe(true);
  });

  it('finds the second word of a name, and the third through its token item', async () => {
    expect(idsOf(await search('Северная'))).toEqual([ids.elochka]);
    expect(idsOf(await search('звезда'))).toEqual(expect.arrayContaining([ids.elochka, ids.star]));
    expect(idsOf(await search('ёжик звезда'))).toEqual([ids.elochka]);
    expect(idsOf(await search('семенович'))).toEqual([ids.petr]);
  });

  it('lists companies and contacts together, exact hits first, each record once', async () => {
    const hits = await search('федоров');
    expect(
      hits
        .slice(0, 2)
        .map((h) => h.id)
        .sort(),
    ).toEqual([ids.fedorovCo, ids.petr].sort());
    expect(hits.slice(0, 2).every((h) => h.match.exact)).toBe(true);
    expect(hits[2]).toMatchObject({ id: ids.fedorovsky, match: { exact: false } });
    expect(hits.find((h) => h.id === ids.petr)).toMatchObject({
      type: 'contact',
      name: 'Фёдоров Пётр Семёнович',
      subtitle: 'ООО «Ёжик Северная Звезда»',
    });
    const star = await search('звезд');
    expect(idsOf(star).filter((id) => id === ids.star)).toHaveLength(1);
    expect(idsOf(await search('пётр фёдоров'))).toEqual([ids.petr]);
    expect(idsOf(await search('федоров', '&types=contact'))).toEqual([ids.petr]);
  });
});

describe('search by number and e-mail', () => {
  it('finds an INN, whole (exact) or by its beginning', async () => {
    expect((await search(inn))[0]).toMatchObject({ id: ids.elochka, match: { field: 'inn', exact: true } });
    expect(idsOf(await search(inn.slice(0, 7)))).toContain(ids.elochka);
  });

  it('finds a phone typed as 8 9xx, +7 9xx, without a prefix or in part; a second phone too', async () => {
    for (const q of ['8 912 555-01-02', '+7 (912) 555 01 02', '79125550102', '9125550102']) {
      expect((await search(q))[0], q).toMatchObject({
        id: ids.elochka,
        match: { field: 'phone', exact: true },
        subtitle: '+7 (912) 555-01-02',
      });
    }
    expect(idsOf(await search('8 912 555'))).toContain(ids.elochka);
    expect((await search('8 (495) 777'))[0]).toMatchObject({
      id: ids.elochka,
      subtitle: '+7 (495) 777-88-99',
    });
    expect((await search('8 916 123 45 67'))[0]).toMatchObject({ id: ids.petr, type: 'contact' });
  });

  it('finds an e-mail by its beginning, a second e-mail too, case-insensitively', async () => {
    expect((await search('INFO@elochka-sever.example'))[0]).toMatchObject({
      id: ids.elochka,
      match: { field: 'email', exact: true },
    });
    expect(idsOf(await search('sales@eloch'))).toEqual([ids.elochka]);
    expect(idsOf(await search('petr.fedorov@'))).toEqual([ids.petr]);
  });
});

describe('search edges', () => {
  it('forgets a deleted record', async () => {
    expect(idsOf(await search('уходящая'))).toEqual([ids.doomed]);
    const r = await call('DELETE', `/api/companies/${ids.doomed}?expectedVersion=1`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(await search('уходящая')).toEqual([]);
  });

  it('keeps to the limit and refuses bad parameters', async () => {
    expect(await search('ооо')).toEqual([]);
    expect((await search('а', '&limit=3')).length).toBeLessThanOrEqual(3);
    for (const bad of ['q=', 'q=x&types=deal', 'q=x&limit=500', 'q=x&page=2']) {
      const r = await call('GET', `/api/search?${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.error.code).toBe('ValidationFailed');
    }
  });
});
