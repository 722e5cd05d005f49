// /api/views through the local gateway: private views stay their owner's, team views are seen
// by all and changed by their owner, sales managers and admins; writes are versioned (409 when
// stale) and audited; filters are checked with the list's own rules.
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClients } from '../../../scripts/local/aws-clients.ts';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { api, signIn, startTestRuntime } from '../../../scripts/local/testing.ts';

let runtime: LocalRuntime;
const as: Record<string, ReturnType<typeof api>> = {};

beforeAll(async () => {
  runtime = await startTestRuntime(['demo']);
  const logins = {
    anna: 'anna.smirnova@demo.example',
    igor: 'igor.petrov@demo.example',
    olga: 'admin@demo.example',
    maria: 'maria.volkova@demo.example',
    dmitry: 'dmitry.sokolov@demo.example',
  };
  for (const [who, email] of Object.entries(logins))
    as[who] = api(runtime.tenant('demo').appUrl, (await signIn(runtime, 'demo', email)).accessToken);
});
afterAll(async () => runtime?.stop());

const create = async (who: string, body: Record<string, unknown>) => {
  const r = await (as[who] as ReturnType<typeof api>)('POST', '/api/views', body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
};
const visible = async (who: string, entity = 'company') =>
  (
    (await (as[who] as ReturnType<typeof api>)('GET', `/api/views?entity=${entity}`)).body.items as {
      id: string;
    }[]
  ).map((v) => v.id);

describe('saved views', () => {
  it('creates a view with its defaults, owned by the caller, at version 1, audited', async () => {
    const view = await create('anna', {
      entity: 'company',
      name: 'Мои клиенты',
      filters: { stage: 'customer', 'cf.segment': 'smb' },
    });
    expect(view).toMatchObject({
      entity: 'company',
      name: 'Мои клиенты',
      filters: { stage: 'customer', 'cf.segment': 'smb' },
      sort: 'name',
      order: 'asc',
      columns: [],
      visibility: 'private',
      version: 1,
    });
    const tenant = runtime.tenant('demo');
    const { Items } = await localClients(runtime.endpoints, tenant.tenant.region).dynamodb.send(
      new QueryCommand({
        TableName: tenant.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: `AUDIT#view#${view.id}` } },
      }),
    );
    expect(Items?.map((i) => i.action?.S)).toEqual(['created']);
  });

  it('keeps a private view to its owner: others neither see nor change it (404)', async () => {
    const view = await create('anna', { entity: 'company', name: 'Личный', visibility: 'private' });
    expect(await visible('anna')).toContain(view.id);
    for (const who of ['igor', 'olga', 'maria']) {
      expect(await visible(who)).not.toContain(view.id);
      const r = await (as[who] as ReturnType<typeof api>)('PATCH', `/api/views/${view.id}`, {
        expectedVersion: 1,
        name: 'x',
      });
      expect(r.status, who).toBe(404);
      expect((await (as[who] as ReturnType<typeof api>)('DELETE', `/api/views/${view.id}`)).status).toBe(404);
    }
  });

  it('shows a team view to everyone; only its owner, managers and admins change it', async () => {
    const view = await create('anna', {
      entity: 'contact',
      name: 'Команда: ЛПР',
      visibility: 'team',
      columns: ['name', 'jobTitle'],
    });
    for (const who of ['anna', 'igor', 'olga', 'maria', 'dmitry'])
      expect(await visible(who, 'contact')).toContain(view.id);
    expect(await visible('igor', 'company')).not.toContain(view.id);
    const refused = await (as.maria as ReturnType<typeof api>)('PATCH', `/api/views/${view.id}`, {
      expectedVersion: 1,
      name: 'Моё',
    });
    expect(refused.status).toBe(403);
    const byManager = await (as.igor as ReturnType<typeof api>)('PATCH', `/api/views/${view.id}`, {
      expectedVersion: 1,
      name: 'Команда: ЛПР и бухгалтеры',
    });
    expect(byManager.status).toBe(200);
    expect(byManager.body).toMatchObject({
      version: 2,
      name: 'Команда: ЛПР и бухгалтеры',
      ownerId: view.ownerId,
    });
    const stale = await (as.anna as ReturnType<typeof api>)('PATCH', `/api/views/${view.id}`, {
      expectedVersion: 1,
      order: 'desc',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('StaleVersion');
    const byAdmin = await (as.olga as ReturnType<typeof api>)(
      'DELETE',
      `/api/views/${view.id}?expectedVersion=2`,
    );
    expect(byAdmin.status).toBe(204);
    expect(await visible('anna', 'contact')).not.toContain(view.id);
  });

  it('moves a view between private and team, and lists views by name', async () => {
    const b = await create('igor', { entity: 'company', name: 'Б: тендеры', visibility: 'team' });
    const a = await create('igor', { entity: 'company', name: 'А: новые лиды', filters: { stage: 'lead' } });
    expect(await visible('maria')).toContain(b.id);
    const mine = (
      await (as.igor as ReturnType<typeof api>)('GET', '/api/views?entity=company')
    ).body.items.map((v: { name: string }) => v.name);
    expect(mine.indexOf('А: новые лиды')).toBeLessThan(mine.indexOf('Б: тендеры'));
    const hidden = await (as.igor as ReturnType<typeof api>)('PATCH', `/api/views/${b.id}`, {
      expectedVersion: 1,
      visibility: 'private',
    });
    expect(hidden.status).toBe(200);
    expect(await visible('maria')).not.toContain(b.id);
    expect(await visible('igor')).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it("refuses filters the list would refuse, and fields that aren't a view's", async () => {
    const bad = await (as.anna as ReturnType<typeof api>)('POST', '/api/views', {
      entity: 'contact',
      name: 'Неверный',
      filters: { stage: 'lead', limit: '10', inactiveDays: 'many' },
      sort: 'size',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['sort']);
    const badFilters = await (as.anna as ReturnType<typeof api>)('POST', '/api/views', {
      entity: 'contact',
      name: 'Неверный',
      filters: { stage: 'lead', inactiveDays: 'many' },
    });
    expect(badFilters.status).toBe(400);
    expect(badFilters.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'filters.inactiveDays',
      'filters.stage',
    ]);
    expect(
      (await (as.anna as ReturnType<typeof api>)('POST', '/api/views', { entity: 'deal', name: 'x' })).status,
    ).toBe(400);
    expect((await (as.anna as ReturnType<typeof api>)('GET', '/api/views?entity=deal')).status).toBe(400);
  });
});
