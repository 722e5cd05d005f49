// The stream publisher: a write to the table — made here directly, with no handler
// involved — becomes a domain event on the tenant's bus, through the table's stream.
import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClients } from '../../scripts/local/aws-clients.ts';
import type { BusEvent } from '../../scripts/local/bus/event-bus.ts';
import type { LocalRuntime } from '../../scripts/local/runtime.ts';
import { eventually, startTestRuntime } from '../../scripts/local/testing.ts';
import { createMockUser } from '../domain/users/user.entity.ts';

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime(['demo']);
});
afterAll(async () => runtime?.stop());

describe('publish-changes', () => {
  it('publishes user.created.v1 and user.updated.v1 for writes made straight to the table', async () => {
    const demo = runtime.tenant('demo');
    const seen: BusEvent[] = [];
    const unsubscribe = runtime.bus.subscribe(demo.busName, { source: ['crm.users'] }, (event) => {
      seen.push(event);
    });
    const { dynamodb } = localClients(runtime.endpoints, 'eu-central-1');
    const user = createMockUser({ userId: 'stream-test-user', name: 'Пётр Стримов' });
    await dynamodb.send(new PutItemCommand({ TableName: demo.tableName, Item: marshall(user) }));
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: demo.tableName,
        Key: marshall({ pk: user.pk, sk: user.sk }),
        UpdateExpression: 'SET #l = :en, version = :v',
        ExpressionAttributeNames: { '#l': 'locale' },
        ExpressionAttributeValues: marshall({ ':en': 'en', ':v': 2 }),
      }),
    );
    const events = await eventually(
      async () => (seen.length >= 2 ? seen : undefined),
      'two user events on the bus',
    );
    unsubscribe();
    expect(events.map((e) => e['detail-type'])).toEqual(['user.created.v1', 'user.updated.v1']);
    expect(events[0]?.detail.user).toMatchObject({ userId: 'stream-test-user', name: 'Пётр Стримов' });
    expect(events[1]?.detail).toMatchObject({
      changedFields: ['locale'],
      user: { locale: 'en', version: 2 },
    });
  });
});
