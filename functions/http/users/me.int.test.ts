// GET/PATCH /api/me through the local gateway, against the emulators: the JWT authorizer,
// tenant isolation, profile creation, validation, optimistic concurrency and the audit.
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClients } from '../../../scripts/local/aws-clients.ts';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { api, signIn, startTestRuntime, type Tokens } from '../../../scripts/local/testing.ts';

let runtime: LocalRuntime;
let anna: Tokens;
let acmeAdmin: Tokens;

beforeAll(async () => {
  runtime = await startTestRuntime(['demo', 'acme']);
  anna = await signIn(runtime, 'demo', 'anna.smirnova@demo.example');
  acmeAdmin = await signIn(runtime, 'acme');
});
afterAll(async () => runtime?.stop());

const demoApi = (token?: string) => api(runtime.tenant('demo').appUrl, token);

describe('GET /api/me', () => {
  it('refuses a request without a token, as the JWT authorizer does', async () => {
    const r = await demoApi()('GET', '/api/me');
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ message: 'Unauthorized' });
  });

  it("refuses another tenant's token: each tenant's data needs that tenant's tokens", async () => {
    const r = await demoApi(acmeAdmin.accessToken)('GET', '/api/me');
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toContain('another user pool');
  });

  it('refuses a tampered token', async () => {
    const [h, p, s] = anna.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(p ?? '', 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admin'] })).toString(
      'base64url',
    );
    expect((await demoApi(`${h}.${forged}.${s}`)('GET', '/api/me')).status).toBe(401);
  });

  it('returns the caller, the tenant and the roles, creating the profile on first sign-in', async () => {
    const r = await demoApi(anna.accessToken)('GET', '/api/me');
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({
      email: 'anna.smirnova@demo.example',
      name: 'Анна Смирнова',
      locale: 'ru',
      version: 1,
    });
    expect(r.body.tenant).toEqual({
      id: 'demo',
      name: 'ООО «Демо»',
      timezone: 'Europe/Moscow',
      currency: 'RUB',
      locale: 'ru',
    });
    expect(r.body.roles).toEqual(['sales']);
    const again = await demoApi(anna.accessToken)('GET', '/api/me');
    expect(again.body.user.version).toBe(1);
  });

  it('keeps tenants apart: the same request in another tenant sees its own user', async () => {
    const r = await api(runtime.tenant('acme').appUrl, acmeAdmin.accessToken)('GET', '/api/me');
    expect(r.status).toBe(200);
    expect(r.body.tenant.id).toBe('acme');
    expect(r.body.roles).toEqual(['admin']);
  });
});

describe('PATCH /api/me', () => {
  it('names every invalid field and changes nothing', async () => {
    const before = (await demoApi(anna.accessToken)('GET', '/api/me')).body.user;
    const r = await demoApi(anna.accessToken)('PATCH', '/api/me', {
      expectedVersion: before.version,
      name: '',
      locale: 'de',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('ValidationFailed');
    expect(r.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['locale', 'name']);
    expect((await demoApi(anna.accessToken)('GET', '/api/me')).body.user).toEqual(before);
  });

  it('answers malformed JSON with a 400', async () => {
    const r = await demoApi(anna.accessToken)('PATCH', '/api/me', '{"locale": ', {
      'content-type': 'application/json',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('MalformedRequest');
  });

  it('changes the profile at the current version and audits the change', async () => {
    const before = (await demoApi(anna.accessToken)('GET', '/api/me')).body.user;
    const r = await demoApi(anna.accessToken)('PATCH', '/api/me', {
      expectedVersion: before.version,
      locale: 'en',
    });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ locale: 'en', version: before.version + 1 });

    const { dynamodb } = localClients(runtime.endpoints, 'eu-central-1');
    const audit = await dynamodb.send(
      new QueryCommand({
        TableName: runtime.tenant('demo').tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: `AUDIT#user#${before.id}` } },
      }),
    );
    const updates = (audit.Items ?? []).filter((i) => i.action?.S === 'updated');
    expect(updates).toHaveLength(1);
    expect(updates[0]?.actorId?.S).toBe(before.id);
    expect(updates[0]?.changes?.L?.[0]?.M).toMatchObject({
      field: { S: 'locale' },
      from: { S: 'ru' },
      to: { S: 'en' },
    });
  });

  it('refuses a stale version with a 409 and loses nothing', async () => {
    const current = (await demoApi(anna.accessToken)('GET', '/api/me')).body.user;
    const first = await demoApi(anna.accessToken)('PATCH', '/api/me', {
      expectedVersion: current.version,
      name: 'Анна С.',
    });
    expect(first.status).toBe(200);
    const second = await demoApi(anna.accessToken)('PATCH', '/api/me', {
      expectedVersion: current.version,
      name: 'Анна Смирнова-Иванова',
    });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'StaleVersion', currentVersion: current.version + 1 });
    const { dynamodb } = localClients(runtime.endpoints, 'eu-central-1');
    const item = await dynamodb.send(
      new GetItemCommand({
        TableName: runtime.tenant('demo').tableName,
        Key: { pk: { S: `USER#${current.id}` }, sk: { S: 'PROFILE' } },
      }),
    );
    expect(item.Item?.name?.S).toBe('Анна С.');
  });
});
