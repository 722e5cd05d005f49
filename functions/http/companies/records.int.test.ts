// Companies and contacts through the gateway, against the emulators: create, read, change
// (field errors, stale versions, audit entries), soft delete, trash and restore, the
// duplicate warning, merge (links moved, 410 for the duplicate), bulk actions and custom fields.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { eventually, startTestRuntime } from '../../../scripts/local/testing.ts';
import {
  type DemoSession,
  demoSession,
  runtimeOptions,
  uniqueInn,
  uniquePhone,
  uniqueWord,
} from '../records/record-test-support.ts';

let runtime: LocalRuntime;
let s: DemoSession;

beforeAll(async () => {
  runtime = await startTestRuntime(['demo'], runtimeOptions());
  s = await demoSession(runtime);
});
afterAll(async () => runtime?.stop());

const fields = (r: { body: { error: { fields: { field: string }[] } } }) =>
  r.body.error.fields.map((f) => f.field).sort();

/** A company as the admin creates it for `ownerId`, unique enough to raise no duplicate warning. */
const newCompany = async (overrides: Record<string, unknown> = {}) => {
  const r = await s.as.admin('POST', '/api/companies', {
    name: `ООО «${uniqueWord()}»`,
    inn: uniqueInn(),
    phones: [{ value: uniquePhone() }],
    ownerId: s.ids.sales,
    ...overrides,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.company;
};

const newContact = async (overrides: Record<string, unknown> = {}) => {
  const r = await s.as.admin('POST', '/api/contacts', {
    firstName: 'Иван',
    lastName: uniqueWord(),
    ownerId: s.ids.sales,
    ...overrides,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.contact;
};

const audit = async (type: string, id: string) =>
  (await s.partition(`AUDIT#${type}#${id}`)).sort((a, b) => String(a.sk).localeCompare(String(b.sk)));

describe('companies: create, read, change', () => {
  it('creates a company with normalized fields, owned by the caller unless said otherwise', async () => {
    const name = `ООО «${uniqueWord()}»`;
    const inn = uniqueInn();
    const r = await s.as.sales('POST', '/api/companies', {
      name,
      inn: `${inn.slice(0, 4)} ${inn.slice(4)}`,
      phones: [{ value: '8 (912) 555-01-01' }],
      emails: [{ value: ' Info@Example.RU ' }],
      addresses: [{ line: 'ул. Ленина, 1', city: 'Казань' }],
      tags: ['VIP', 'vip'],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.company).toMatchObject({
      name,
      inn,
      phones: [{ value: '+79125550101', kind: 'work' }],
      emails: [{ value: 'info@example.ru', kind: 'work' }],
      city: 'Казань',
      tags: ['vip'],
      ownerId: s.ids.sales,
      lifecycleStage: 'lead',
      version: 1,
      createdBy: s.ids.sales,
    });
    expect(Object.keys(r.body.company).filter((k) => /^gsi|^pk$|^sk$|normalizedName/.test(k))).toEqual([]);
    const read = await s.as.marketing('GET', `/api/companies/${r.body.company.id}`);
    expect(read.status).toBe(200);
    expect(read.body.company).toEqual(r.body.company);
    const [created] = await audit('company', r.body.company.id);
    expect(created).toMatchObject({ action: 'created', actorId: s.ids.sales, backdated: false });
    expect(((created?.changes ?? []) as { field: string }[]).map((c) => c.field)).toEqual(
      expect.arrayContaining(['name', 'inn', 'phones', 'ownerId']),
    );
  });

  it('names every invalid field and writes nothing', async () => {
    const inn = uniqueInn();
    const r = await s.as.admin('POST', '/api/companies', {
      name: '',
      inn,
      kpp: '12',
      website: 'ftp://x',
      phones: [{ value: '12' }],
      emails: [{ value: 'not-an-email' }],
      lifecycleStage: 'whale',
      colour: 'red',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('ValidationFailed');
    expect(fields(r)).toEqual(
      ['(body)', 'emails.0.value', 'kpp', 'lifecycleStage', 'name', 'phones.0.value', 'website'].sort(),
    );
    const badInn = await s.as.admin('POST', '/api/companies', { name: uniqueWord(), inn: '7707083894' });
    expect(badInn.body.error.fields).toEqual([{ field: 'inn', message: 'has a wrong check digit' }]);
    expect((await s.as.admin('POST', '/api/companies/duplicates', { inn })).body.duplicates).toEqual([]);
  });

  it('changes fields at the current version, audits from and to, and refuses a stale version', async () => {
    const company = await newCompany();
    const r = await s.as.sales('PATCH', `/api/companies/${company.id}`, {
      expectedVersion: 1,
      lifecycleStage: 'customer',
      industry: 'Строительство',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.company).toMatchObject({
      lifecycleStage: 'customer',
      industry: 'Строительство',
      version: 2,
    });

    const stale = await s.as.sales('PATCH', `/api/companies/${company.id}`, {
      expectedVersion: 1,
      industry: 'IT',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'StaleVersion', currentVersion: 2 });

    const cleared = await s.as.sales('PATCH', `/api/companies/${company.id}`, {
      expectedVersion: 2,
      industry: null,
    });
    expect(cleared.body.company.industry).toBeUndefined();

    const entries = await audit('company', company.id);
    expect(entries.map((e) => e.action)).toEqual(['created', 'updated', 'updated']);
    expect(entries[1]?.changes).toEqual(
      expect.arrayContaining([
        { field: 'lifecycleStage', from: 'lead', to: 'customer' },
        { field: 'industry', to: 'Строительство' },
      ]),
    );
    expect(entries[2]?.changes).toEqual([{ field: 'industry', from: 'Строительство' }]);
    expect((await s.as.admin('GET', `/api/companies/${company.id}`)).body.company.version).toBe(3);
  });

  it('lets only managers and admins hand a company to someone else', async () => {
    const company = await newCompany();
    const refused = await s.as.sales('PATCH', `/api/companies/${company.id}`, {
      expectedVersion: 1,
      ownerId: s.ids.manager,
    });
    expect(refused.status).toBe(403);
    const moved = await s.as.manager('PATCH', `/api/companies/${company.id}`, {
      expectedVersion: 1,
      ownerId: s.ids.manager,
    });
    expect(moved.body.company.ownerId).toBe(s.ids.manager);
    // Anna no longer owns it: she reads it but may not change it.
    expect(
      (await s.as.sales('PATCH', `/api/companies/${company.id}`, { expectedVersion: 2, tags: ['x'] })).status,
    ).toBe(403);
  });

  it('answers 404 for an id that does not exist', async () => {
    expect((await s.as.admin('GET', '/api/companies/01NOPE0000000000000000000')).status).toBe(404);
  });
});

describe('contacts', () => {
  it('links a contact to its company, shows it on the company card, and keeps history on a move', async () => {
    const first = await newCompany();
    const second = await newCompany();
    const contact = await newContact({
      companyId: first.id,
      jobTitle: 'Директор',
      phones: [{ value: uniquePhone() }],
    });
    expect(contact).toMatchObject({ companyId: first.id, companyName: first.name, pastCompanies: [] });
    const card = await s.as.support('GET', `/api/companies/${first.id}/contacts`);
    expect(card.body.items).toEqual([
      expect.objectContaining({ id: contact.id, name: contact.name, jobTitle: 'Директор' }),
    ]);

    const moved = await s.as.sales('PATCH', `/api/contacts/${contact.id}`, {
      expectedVersion: 1,
      companyId: second.id,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.contact).toMatchObject({
      companyId: second.id,
      companyName: second.name,
      pastCompanies: [expect.objectContaining({ companyId: first.id, jobTitle: 'Директор' })],
    });
    expect((await s.as.admin('GET', `/api/companies/${first.id}/contacts`)).body.items).toEqual([]);
    expect((await s.as.admin('GET', `/api/companies/${second.id}/contacts`)).body.items).toHaveLength(1);
    const [, update] = await audit('contact', contact.id);
    expect(update?.relatedTo).toEqual(
      expect.arrayContaining([
        { type: 'company', id: first.id },
        { type: 'company', id: second.id },
      ]),
    );
  });

  it('refuses a company that does not exist as a field error', async () => {
    const r = await s.as.admin('POST', '/api/contacts', {
      firstName: 'Пётр',
      companyId: '01NOPE0000000000000000000',
    });
    expect(r.status).toBe(400);
    expect(fields(r)).toEqual(['companyId']);
  });
});

describe('soft delete, trash and restore', () => {
  it('moves a company to the trash, answers 404 for it, and restores it with its keys', async () => {
    const company = await newCompany({
      emails: [
        { value: `${uniqueWord().toLowerCase()}@a.example` },
        { value: `${uniqueWord().toLowerCase()}@b.example` },
      ],
    });
    const partitionBefore = (await s.partition(`COMPANY#${company.id}`)).map((i) => i.sk).sort();
    expect(partitionBefore).toEqual(
      expect.arrayContaining(['COMPANY', expect.stringMatching(/^TOKEN#email#/)]),
    );

    const stale = await s.as.sales('DELETE', `/api/companies/${company.id}?expectedVersion=7`);
    expect(stale.status).toBe(409);
    const deleted = await s.as.sales('DELETE', `/api/companies/${company.id}?expectedVersion=1`);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect(deleted.body.deleted).toMatchObject({ id: company.id, version: 2 });

    expect((await s.as.sales('GET', `/api/companies/${company.id}`)).status).toBe(404);
    expect(
      (await s.as.sales('PATCH', `/api/companies/${company.id}`, { expectedVersion: 2, tags: ['a'] })).status,
    ).toBe(404);
    const stored = (await s.partition(`COMPANY#${company.id}`)).find((i) => i.sk === 'COMPANY') ?? {};
    expect(Object.keys(stored).filter((k) => /^gsi\d+pk$/.test(k))).toEqual(['gsi3pk']);
    expect(stored.expiresAt).toBe(Math.floor(Date.parse(String(stored.deletedAt)) / 1000) + 30 * 24 * 3600);
    expect((await s.partition(`COMPANY#${company.id}`)).map((i) => i.sk)).toEqual(['COMPANY']);

    const trash = await eventually(async () => {
      const r = await s.as.marketing('GET', '/api/trash?type=company&limit=200');
      return r.body.items.some((i: { id: string }) => i.id === company.id) ? r.body.items : undefined;
    }, 'the company in the trash');
    expect(trash.find((i: { id: string }) => i.id === company.id)).toMatchObject({
      type: 'company',
      name: company.name,
      deletedBy: s.ids.sales,
      version: 2,
    });

    const restored = await s.as.sales('POST', `/api/companies/${company.id}/restore`, { expectedVersion: 2 });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(restored.body.company.deletedAt).toBeUndefined();
    expect((await s.partition(`COMPANY#${company.id}`)).map((i) => i.sk).sort()).toEqual(partitionBefore);
    expect((await s.as.sales('GET', `/api/companies/${company.id}`)).status).toBe(200);
    expect((await audit('company', company.id)).map((e) => e.action)).toEqual([
      'created',
      'deleted',
      'restored',
    ]);
  });

  it('lets only an admin purge the trash', async () => {
    const company = await newCompany();
    await s.as.admin('DELETE', `/api/companies/${company.id}?expectedVersion=1`);
    expect((await s.as.manager('DELETE', `/api/trash/company/${company.id}`)).status).toBe(403);
    expect((await s.as.admin('DELETE', `/api/trash/company/${company.id}`)).status).toBe(204);
    expect(await s.partition(`COMPANY#${company.id}`)).toEqual([]);
    expect((await audit('company', company.id)).map((e) => e.action)).toEqual([
      'created',
      'deleted',
      'purged',
    ]);
  });
});

describe('duplicate warning', () => {
  it('warns of the same INN, e-mail, phone (8 9xx… = +7 9xx…) or a similar name, unless allowed', async () => {
    const word = uniqueWord();
    const email = `${word.toLowerCase()}@dup.example`;
    const digits = uniquePhone().slice(2);
    const original = await newCompany({
      name: `ООО «${word} Трейдинг»`,
      emails: [{ value: 'first@dup.example' }, { value: email }],
      phones: [{ value: `+7${digits}` }],
    });
    const cases = [
      [{ name: `${uniqueWord()}`, inn: original.inn }, 'inn', original.inn],
      [{ name: `${uniqueWord()}`, emails: [{ value: email.toUpperCase() }] }, 'email', email],
      [
        { name: `${uniqueWord()}`, phones: [{ value: `8 ${digits.slice(0, 3)} ${digits.slice(3)}` }] },
        'phone',
        `+7${digits}`,
      ],
      [{ name: `АО "${word} Трейдинк"` }, 'name', original.name],
    ] as const;
    for (const [body, reason, value] of cases) {
      const r = await s.as.admin('POST', '/api/companies', body);
      expect(r.status, `${reason}: ${JSON.stringify(r.body)}`).toBe(409);
      expect(r.body.error.code).toBe('DuplicateSuspected');
      expect(r.body.error.duplicates).toEqual([{ id: original.id, name: original.name, reason, value }]);
      const typing = await s.as.marketing('POST', '/api/companies/duplicates', body);
      expect(typing.body.duplicates).toEqual([{ id: original.id, name: original.name, reason, value }]);
    }
    const insisted = await s.as.admin('POST', '/api/companies', { ...cases[0][0], allowDuplicate: true });
    expect(insisted.status).toBe(201);
    const unrelated = await s.as.admin('POST', '/api/companies/duplicates', {
      name: `ООО «${word} Логистика Север»`,
    });
    expect(unrelated.body.duplicates).toEqual([]);
  });

  it('warns of a contact with the same phone or a similar name at the same company', async () => {
    const company = await newCompany();
    const phone = uniquePhone();
    const lastName = uniqueWord();
    const first = await newContact({
      lastName,
      firstName: 'Мария',
      companyId: company.id,
      phones: [{ value: phone }],
    });
    const byPhone = await s.as.admin('POST', '/api/contacts', {
      firstName: 'Кто-то',
      phones: [{ value: `8${phone.slice(2)}` }],
    });
    expect(byPhone.body.error?.duplicates).toEqual([
      { id: first.id, name: first.name, reason: 'phone', value: phone },
    ]);
    const byName = await s.as.admin('POST', '/api/contacts', {
      firstName: 'Мариа',
      lastName,
      companyId: company.id,
    });
    expect(byName.body.error?.duplicates).toEqual([
      expect.objectContaining({ id: first.id, reason: 'name' }),
    ]);
    const elsewhere = await s.as.admin('POST', '/api/contacts', { firstName: 'Мария', lastName });
    expect(elsewhere.status).toBe(201);
  });
});

describe('merge', () => {
  it('moves the contacts of the duplicate company, answers 410 for it, and audits both', async () => {
    const survivor = await newCompany({ tags: ['a'] });
    const duplicate = await newCompany({ tags: ['b'], website: 'https://dup.example', ownerId: s.ids.sales });
    const contacts = [
      await newContact({ companyId: duplicate.id }),
      await newContact({ companyId: duplicate.id }),
    ];
    const formerEmployee = await newContact({ companyId: duplicate.id });
    await s.as.admin('PATCH', `/api/contacts/${formerEmployee.id}`, { expectedVersion: 1, companyId: null });

    const bad = await s.as.sales('POST', `/api/companies/${survivor.id}/merge`, {
      duplicateId: duplicate.id,
      expectedVersion: 1,
      duplicateVersion: 1,
      pick: { name: 'both', colour: 'duplicate' },
    });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['pick.colour', 'pick.name']);

    const merged = await s.as.sales('POST', `/api/companies/${survivor.id}/merge`, {
      duplicateId: duplicate.id,
      expectedVersion: 1,
      duplicateVersion: 1,
      pick: { name: 'duplicate', phones: 'survivor' },
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.company).toMatchObject({
      id: survivor.id,
      name: duplicate.name,
      inn: survivor.inn,
      phones: survivor.phones,
      website: 'https://dup.example',
      tags: ['a', 'b'],
      version: 2,
    });

    const gone = await s.as.support('GET', `/api/companies/${duplicate.id}`);
    expect(gone.status).toBe(410);
    expect(gone.body.error).toMatchObject({ code: 'Merged', survivorId: survivor.id });
    expect(Object.keys(gone.body.error).sort()).toEqual(['code', 'message', 'survivorId']);

    await eventually(async () => {
      const card = await s.as.admin('GET', `/api/companies/${survivor.id}/contacts`);
      return card.body.items.length === 2 ? true : undefined;
    }, 'the contacts to move to the survivor');
    for (const c of contacts) {
      const moved = (await s.as.admin('GET', `/api/contacts/${c.id}`)).body.contact;
      expect(moved).toMatchObject({ companyId: survivor.id, companyName: duplicate.name, version: 2 });
    }
    const history = await eventually(async () => {
      const c = (await s.as.admin('GET', `/api/contacts/${formerEmployee.id}`)).body.contact;
      return c.pastCompanies[0]?.companyId === survivor.id ? c : undefined;
    }, 'the former employee’s history to follow the merge');
    expect(history.companyId).toBeUndefined();
    expect(await s.partition(`COMPANY#${duplicate.id}`)).toEqual([
      expect.objectContaining({ sk: 'COMPANY', mergedInto: survivor.id }),
    ]);

    const onSurvivor = (await audit('company', survivor.id)).at(-1);
    const onDuplicate = (await audit('company', duplicate.id)).at(-1);
    for (const entry of [onSurvivor, onDuplicate])
      expect(entry).toMatchObject({
        action: 'merged',
        merge: { survivorId: survivor.id, duplicateId: duplicate.id },
      });
    const trash = (await s.as.admin('GET', '/api/trash?type=company&limit=200')).body.items;
    expect(trash.some((i: { id: string }) => i.id === duplicate.id)).toBe(false);
    expect(
      (await s.as.admin('POST', `/api/companies/${duplicate.id}/restore`, { expectedVersion: 2 })).status,
    ).toBe(410);
  });

  it('merges contacts: the survivor takes the picked company, the duplicate answers 410', async () => {
    const company = await newCompany();
    const survivor = await newContact({ emails: [{ value: `${uniqueWord().toLowerCase()}@s.example` }] });
    const duplicate = await newContact({ companyId: company.id, jobTitle: 'Главный бухгалтер' });
    const r = await s.as.manager('POST', `/api/contacts/${survivor.id}/merge`, {
      duplicateId: duplicate.id,
      expectedVersion: 1,
      duplicateVersion: 1,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.contact).toMatchObject({
      companyId: company.id,
      companyName: company.name,
      jobTitle: 'Главный бухгалтер',
    });
    expect((await s.as.admin('GET', `/api/contacts/${duplicate.id}`)).body.error).toMatchObject({
      code: 'Merged',
      survivorId: survivor.id,
    });
    const card = (await s.as.admin('GET', `/api/companies/${company.id}/contacts`)).body.items;
    expect(card.map((c: { id: string }) => c.id)).toEqual([survivor.id]);
  });
});

describe('bulk actions', () => {
  it('applies to every record, reporting each, and refuses all when one is not the caller’s', async () => {
    const mine = [await newCompany(), await newCompany()];
    const theirs = await newCompany({ ownerId: s.ids.manager });
    const refused = await s.as.sales('POST', '/api/companies/bulk', {
      action: 'add-tags',
      ids: [...mine.map((c) => c.id), theirs.id],
      tags: ['Холодные'],
    });
    expect(refused.status).toBe(403);
    for (const c of mine)
      expect((await s.as.admin('GET', `/api/companies/${c.id}`)).body.company.version).toBe(1);

    const tagged = await s.as.sales('POST', '/api/companies/bulk', {
      action: 'add-tags',
      ids: [...mine.map((c) => c.id), '01NOPE0000000000000000000'],
      tags: ['Холодные'],
    });
    expect(tagged.status).toBe(200);
    expect(tagged.body.results).toEqual([
      { id: mine[0].id, status: 'ok', version: 2 },
      { id: mine[1].id, status: 'ok', version: 2 },
      { id: '01NOPE0000000000000000000', status: 'not-found' },
    ]);
    expect((await s.as.admin('GET', `/api/companies/${mine[0].id}`)).body.company.tags).toEqual(['холодные']);

    const reassigned = await s.as.manager('POST', '/api/companies/bulk', {
      action: 'reassign',
      ids: mine.map((c) => c.id),
      ownerId: s.ids.manager,
    });
    expect(reassigned.body.results.map((r: { status: string }) => r.status)).toEqual(['ok', 'ok']);
    const deleted = await s.as.manager('POST', '/api/companies/bulk', {
      action: 'delete',
      ids: mine.map((c) => c.id),
    });
    expect(deleted.body.results.map((r: { status: string }) => r.status)).toEqual(['ok', 'ok']);
    expect((await s.as.admin('GET', `/api/companies/${mine[0].id}`)).status).toBe(404);
    const restored = await s.as.manager('POST', '/api/companies/bulk', {
      action: 'restore',
      ids: [mine[0].id],
    });
    expect(restored.body.results).toEqual([{ id: mine[0].id, status: 'ok', version: 5 }]);
  });
});

describe('custom fields', () => {
  it('are defined by admins only and check values by type and requiredness', async () => {
    const key = `segment-${uniqueWord().toLowerCase().slice(1, 7)}`;
    const definition = {
      entity: 'company',
      key,
      label: { ru: 'Сегмент', en: 'Segment' },
      type: 'select',
      options: [
        { value: 'smb', label: { ru: 'МСБ', en: 'SMB' } },
        { value: 'enterprise', label: { ru: 'Крупный', en: 'Enterprise' } },
      ],
      required: true,
    };
    expect((await s.as.manager('POST', '/api/custom-fields', definition)).status).toBe(403);
    const invalid = await s.as.admin('POST', '/api/custom-fields', { ...definition, key: 'X', options: [] });
    expect(invalid.status).toBe(400);
    expect(fields(invalid)).toEqual(['key', 'options']);
    const created = await s.as.admin('POST', '/api/custom-fields', definition);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await s.as.admin('POST', '/api/custom-fields', definition)).status).toBe(409);
    const budget = `budget-${key.slice(8)}`;
    await s.as.admin('POST', '/api/custom-fields', {
      entity: 'company',
      key: budget,
      label: { ru: 'Бюджет', en: 'Budget' },
      type: 'money',
    });
    const listed = await s.as.support('GET', '/api/custom-fields?entity=company');
    expect(listed.body.items.map((f: { key: string }) => f.key)).toEqual(
      expect.arrayContaining([key, budget]),
    );

    const missing = await s.as.admin('POST', '/api/companies', { name: uniqueWord(), inn: 'x' });
    expect(fields(missing)).toEqual(expect.arrayContaining([`customFields.${key}`, 'inn']));
    const wrong = await s.as.admin('POST', '/api/companies', {
      name: uniqueWord(),
      customFields: { [key]: 'giant', [budget]: { amount: 1.5, currency: 'RUB' }, unknown: 1 },
    });
    expect(fields(wrong)).toEqual(
      [`customFields.${budget}`, `customFields.${key}`, 'customFields.unknown'].sort(),
    );
    const company = await newCompany({
      customFields: { [key]: 'smb', [budget]: { amount: 150_000_00, currency: 'RUB' } },
    });
    expect(company.customFields).toEqual({ [key]: 'smb', [budget]: { amount: 150_000_00, currency: 'RUB' } });
    const cleared = await s.as.admin('PATCH', `/api/companies/${company.id}`, {
      expectedVersion: 1,
      customFields: { [key]: null },
    });
    expect(cleared.status).toBe(400);
    expect(fields(cleared)).toEqual([`customFields.${key}`]);
    const changed = await s.as.admin('PATCH', `/api/companies/${company.id}`, {
      expectedVersion: 1,
      customFields: { [key]: 'enterprise', [budget]: null },
    });
    expect(changed.body.company.customFields).toEqual({ [key]: 'enterprise' });

    const relaxed = await s.as.admin('PATCH', `/api/custom-fields/company/${key}`, {
      expectedVersion: 1,
      required: false,
    });
    expect(relaxed.body.field, JSON.stringify(relaxed.body)).toMatchObject({ required: false, version: 2 });
    expect(
      (await s.as.admin('PATCH', `/api/custom-fields/company/${key}`, { expectedVersion: 1, order: 3 }))
        .status,
    ).toBe(409);
    expect(
      (await s.as.admin('DELETE', `/api/custom-fields/company/${budget}?expectedVersion=1`)).status,
    ).toBe(204);
    expect(
      (await s.as.admin('GET', '/api/custom-fields?entity=company')).body.items.map(
        (f: { key: string }) => f.key,
      ),
    ).not.toContain(budget);
    // Leave no required field behind for other tests of this runtime.
    await s.as.admin('DELETE', `/api/custom-fields/company/${key}?expectedVersion=2`);
  });
});

describe('users', () => {
  it('lists the staff from the user pool with their roles and the names they chose', async () => {
    const me = (await s.as.sales('GET', '/api/me')).body.user;
    await s.as.sales('PATCH', '/api/me', { expectedVersion: me.version, name: 'Анна Смирнова-Петрова' });
    const r = await s.as.support('GET', '/api/users');
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual(
      expect.arrayContaining([
        {
          id: s.ids.admin,
          name: 'Ольга Кузнецова',
          email: 'admin@demo.example',
          roles: ['admin'],
          enabled: true,
        },
        {
          id: s.ids.manager,
          name: 'Игорь Петров',
          email: 'igor.petrov@demo.example',
          roles: ['sales-manager'],
          enabled: true,
        },
        {
          id: s.ids.sales,
          name: 'Анна Смирнова-Петрова',
          email: 'anna.smirnova@demo.example',
          roles: ['sales'],
          enabled: true,
        },
        { id: s.ids.nobody, name: 'Без Роли', email: 'no.role@demo.example', roles: [], enabled: true },
      ]),
    );
    expect(r.body.items).toHaveLength(6);
    const names = r.body.items.map((u: { name: string }) => u.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'ru')));
  });
});
