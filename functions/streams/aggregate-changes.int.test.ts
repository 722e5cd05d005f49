// The counters behind list totals, kept by aggregate-changes from the table's stream: right
// after creates, stage changes, reassignments, deletes and restores through the API, and
// unchanged when a stream batch is delivered again (whole, or a part of it).
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClients } from '../../scripts/local/aws-clients.ts';
import type { LocalRuntime } from '../../scripts/local/runtime.ts';
import { api, eventually, signIn, startTestRuntime } from '../../scripts/local/testing.ts';

let runtime: LocalRuntime;
let anna: ReturnType<typeof api>;
let igor: ReturnType<typeof api>;
let annaId: string;
let igorId: string;
const ids: Record<string, string> = {};
const log: string[] = [];

const clients = () => localClients(runtime.endpoints, runtime.tenant('demo').tenant.region);

/** The counter item as stored. */
const counters = async (type: 'COMPANY' | 'CONTACT') => {
  const { Item } = await clients().dynamodb.send(
    new GetItemCommand({
      TableName: runtime.tenant('demo').tableName,
      Key: { pk: { S: `STATS#${type}` }, sk: { S: 'COUNTS' } },
      ConsistentRead: true,
    }),
  );
  const item = Item ? unmarshall(Item) : {};
  return Object.fromEntries(
    Object.entries(item).filter(([k, v]) => typeof v === 'number' && k !== 'version'),
  ) as Record<string, number>;
};

/** DynamoDB Streams' API in its JSON wire format (the SDK would reshape attribute values). */
const streamsApi = async (action: string, body: unknown) => {
  const response = await fetch(runtime.endpoints.dynamodb, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDBStreams_20120810.${action}`,
      authorization:
        'AWS4-HMAC-SHA256 Credential=local/20260101/eu-central-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the test reads fields of several answers.
  const json = (await response.json()) as any;
  if (!response.ok) throw new Error(`${action}: ${JSON.stringify(json)}`);
  return json;
};

const totalOf = async (query: string, path = '/api/companies') =>
  (await anna('GET', `${path}?limit=1&${query}`)).body.total as number;

/** The list's total, once the list function's short-lived copy of the counters is fresh. */
const expectTotal = (query: string, total: number) =>
  eventually(async () => (await totalOf(query)) === total || undefined, `total ${total} of ?${query}`);

beforeAll(async () => {
  runtime = await startTestRuntime(['demo'], {
    onFunctionLog: ({ functionName, line }) => {
      if (functionName === 'aggregate-changes') log.push(line);
    },
  });
  const url = runtime.tenant('demo').appUrl;
  anna = api(url, (await signIn(runtime, 'demo', 'anna.smirnova@demo.example')).accessToken);
  igor = api(url, (await signIn(runtime, 'demo', 'igor.petrov@demo.example')).accessToken);
  annaId = (await anna('GET', '/api/me')).body.user.id;
  igorId = (await igor('GET', '/api/me')).body.user.id;
});
afterAll(async () => runtime?.stop());

describe('counters', () => {
  it('count creates per type, stage and owner', async () => {
    for (const [key, body] of Object.entries({
      c1: { name: 'Альфа Счётчик' },
      c2: { name: 'Бета Счётчик', lifecycleStage: 'customer' },
      c3: { name: 'Гамма Счётчик' },
    })) {
      const r = await anna('POST', '/api/companies', { ...body, allowDuplicate: true });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids[key] = r.body.company.id;
    }
    const contact = await anna('POST', '/api/contacts', {
      firstName: 'Ирина',
      lastName: 'Счётова',
      companyId: ids.c1,
    });
    expect(contact.status).toBe(201);
    const expected = { total: 3, 'stage#lead': 2, 'stage#customer': 1, [`owner#${annaId}`]: 3 };
    await eventually(
      async () =>
        JSON.stringify(sorted(await counters('COMPANY'))) === JSON.stringify(sorted(expected)) || undefined,
      'company counters',
    );
    await eventually(async () => (await counters('CONTACT')).total === 1 || undefined, 'contact counters');
    expect(await counters('CONTACT')).toEqual({ total: 1, [`owner#${annaId}`]: 1 });
    await expectTotal('', 3);
    await expectTotal('stage=lead', 2);
    await expectTotal(`owner=${annaId}`, 3);
  });

  it('move a stage change and a reassignment from one counter to the other', async () => {
    expect(
      (await anna('PATCH', `/api/companies/${ids.c1}`, { expectedVersion: 1, lifecycleStage: 'customer' }))
        .status,
    ).toBe(200);
    expect(
      (await igor('PATCH', `/api/companies/${ids.c2}`, { expectedVersion: 1, ownerId: igorId })).status,
    ).toBe(200);
    await eventually(async () => {
      const c = await counters('COMPANY');
      return (c['stage#lead'] === 1 && c['stage#customer'] === 2 && c[`owner#${igorId}`] === 1) || undefined;
    }, 'moved counters');
    expect(await counters('COMPANY')).toEqual(
      sorted({
        total: 3,
        'stage#lead': 1,
        'stage#customer': 2,
        [`owner#${annaId}`]: 2,
        [`owner#${igorId}`]: 1,
      }),
    );
    await expectTotal(`owner=${igorId}`, 1);
  });

  it('take a deleted record off, and put a restored one back', async () => {
    expect((await anna('DELETE', `/api/companies/${ids.c3}?expectedVersion=1`)).status).toBe(200);
    await eventually(async () => (await counters('COMPANY')).total === 2 || undefined, 'the delete counted');
    expect(await counters('COMPANY')).toEqual(
      sorted({
        total: 2,
        'stage#lead': 0,
        'stage#customer': 2,
        [`owner#${annaId}`]: 1,
        [`owner#${igorId}`]: 1,
      }),
    );
    await expectTotal('stage=customer', 2);
    expect((await anna('POST', `/api/companies/${ids.c3}/restore`, { expectedVersion: 2 })).status).toBe(200);
    await eventually(async () => (await counters('COMPANY')).total === 3 || undefined, 'the restore counted');
    expect((await counters('COMPANY'))['stage#lead']).toBe(1);
  });

  it('stay as they are when a stream batch is delivered again, whole or in part', async () => {
    const tenant = runtime.tenant('demo');
    const streamArn = (await streamsApi('ListStreams', { TableName: tenant.tableName })).Streams[0]
      .StreamArn as string;
    const shards = (await streamsApi('DescribeStream', { StreamArn: streamArn })).StreamDescription
      .Shards as { ShardId: string }[];
    const before = { company: await counters('COMPANY'), contact: await counters('CONTACT') };
    let redelivered = 0;
    for (const shard of shards) {
      const { ShardIterator } = await streamsApi('GetShardIterator', {
        StreamArn: streamArn,
        ShardId: shard.ShardId,
        ShardIteratorType: 'TRIM_HORIZON',
      });
      // The records in their wire format, which is what Lambda hands a function.
      const { Records } = await streamsApi('GetRecords', { ShardIterator, Limit: 1000 });
      const records = (Records as DynamoDBRecord[]).map((r) => ({
        ...r,
        eventSource: 'aws:dynamodb',
        eventSourceARN: streamArn,
      }));
      const companyInserts = records.filter(
        (r) => r.eventName === 'INSERT' && r.dynamodb?.NewImage?.entity?.S === 'company',
      );
      redelivered += companyInserts.length;
      const event = (batch: DynamoDBRecord[], shardId = shard.ShardId) => ({
        Records: batch,
        shardId,
        eventSourceARN: streamArn,
        window: { start: new Date().toISOString(), end: new Date().toISOString() },
        state: {},
        isFinalInvokeForWindow: false,
        isWindowTerminatedEarly: false,
      });
      const whole = await tenant.invoke('aggregate-changes', event(records));
      expect(whole, log.slice(-5).join('\n')).toEqual({ state: {}, batchItemFailures: [] });
      expect(
        await tenant.invoke('aggregate-changes', event(records.slice(Math.floor(records.length / 2)))),
      ).toEqual({ state: {}, batchItemFailures: [] });
      // Without its shard the batch cannot be checked against a watermark: refused, nothing counted.
      const unnamed = (await tenant.invoke('aggregate-changes', { Records: records })) as {
        batchItemFailures: unknown[];
      };
      expect(unnamed.batchItemFailures).toHaveLength(1);
    }
    expect(redelivered).toBeGreaterThanOrEqual(3);
    expect({ company: await counters('COMPANY'), contact: await counters('CONTACT') }).toEqual(before);
  });
});

const sorted = (o: Record<string, number>) =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
