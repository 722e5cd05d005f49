// The DynamoDB stream poller against DynamoDB Local: in order, resumes from its checkpoint
// after a restart (no change skipped, none repeated), and sends a batch that keeps failing
// to the on-failure queue, then goes on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClients } from './aws-clients.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from './emulators/dynamodb.ts';
import { type Fauxqs, startFauxqsEmulator } from './emulators/fauxqs.ts';
import { freePort } from './ports.ts';
import { provisionQueues, provisionTable } from './provision.ts';
import { startStreamPoller } from './stream-poller.ts';
import { eventually } from './testing.ts';

let dynamodb: DynamoDbLocal;
let fauxqs: Fauxqs;
let dir: string;
let clients: ReturnType<typeof localClients>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crm-stream-'));
  [dynamodb, fauxqs] = await Promise.all([
    startDynamoDbLocal({ port: await freePort(), dataDir: undefined, logFile: join(dir, 'ddb.log') }),
    startFauxqsEmulator({ port: await freePort(), region: 'eu-central-1', dataDir: undefined }),
  ]);
  clients = localClients(
    { dynamodb: dynamodb.endpoint, sqs: fauxqs.endpoint, ses: '', cognito: '', bus: '' },
    'eu-central-1',
  );
});
afterAll(async () => {
  await Promise.all([dynamodb?.stop(), fauxqs?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

const put = (tableName: string, id: string) =>
  clients.dynamodb.send(
    new PutItemCommand({
      TableName: tableName,
      Item: { pk: { S: `T#${id}` }, sk: { S: 'X' }, n: { S: id } },
    }),
  );

const idsOf = (event: DynamoDBStreamEvent) => event.Records.map((r) => r.dynamodb?.NewImage?.n?.S as string);

describe('stream poller', () => {
  it('resumes from its checkpoint after a restart', async () => {
    const tableName = await provisionTable(clients, 'resume');
    const queues = await provisionQueues(clients, 'resume');
    const checkpointFile = join(dir, 'resume.json');
    const seen: string[] = [];
    const options = {
      clients,
      tableName,
      region: 'eu-central-1',
      batchSize: 100,
      retryAttempts: 2,
      onFailureQueueUrl: queues['stream-dlq'] as string,
      checkpointFile,
      invoke: async (event: DynamoDBStreamEvent) => {
        seen.push(...idsOf(event));
        return { batchItemFailures: [] };
      },
    };
    let poller = startStreamPoller(options);
    for (const id of ['1', '2', '3']) await put(tableName, id);
    await eventually(async () => (seen.length === 3 ? true : undefined), 'the first three changes');
    await poller.stop();

    for (const id of ['4', '5']) await put(tableName, id);
    poller = startStreamPoller(options);
    await eventually(async () => (seen.length >= 5 ? true : undefined), 'the changes made while stopped');
    await new Promise((r) => setTimeout(r, 500));
    await poller.stop();
    expect(seen).toEqual(['1', '2', '3', '4', '5']);
  });

  it('retries from the first reported failure, then describes the batch on the on-failure queue and goes on', async () => {
    const tableName = await provisionTable(clients, 'failing');
    const queues = await provisionQueues(clients, 'failing');
    const attempts: string[][] = [];
    // Written before the poller starts (it reads from the stream's start), so the three come in
    // one batch whatever the timing: the failure then splits it as the assertions expect.
    for (const id of ['ok-1', 'bad', 'ok-2']) await put(tableName, id);
    const poller = startStreamPoller({
      clients,
      tableName,
      region: 'eu-central-1',
      batchSize: 100,
      retryAttempts: 2,
      retryDelayMs: 10,
      onFailureQueueUrl: queues['stream-dlq'] as string,
      checkpointFile: undefined,
      invoke: async (event: DynamoDBStreamEvent) => {
        attempts.push(idsOf(event));
        const bad = event.Records.find((r) => r.dynamodb?.NewImage?.n?.S === 'bad');
        return { batchItemFailures: bad ? [{ itemIdentifier: bad.dynamodb?.SequenceNumber }] : [] };
      },
    });
    const tries = () => attempts.flat().filter((id) => id === 'bad').length;
    await eventually(async () => (tries() === 3 ? true : undefined), 'three tries of the failing record');
    await put(tableName, 'after');
    await eventually(async () => (attempts.flat().includes('after') ? true : undefined), 'a later change');
    await poller.stop();
    // ok-1 once; then bad (+ ok-2) tried 1 + retryAttempts times; then the later change.
    expect(attempts.flat().filter((id) => id === 'ok-1')).toHaveLength(1);
    expect(attempts.flat().filter((id) => id === 'bad')).toHaveLength(3);
    const { Messages } = await clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queues['stream-dlq'] }),
    );
    const info = JSON.parse(Messages?.[0]?.Body ?? '{}');
    expect(info.requestContext.condition).toBe('RetryAttemptsExhausted');
    expect(info.DDBStreamBatchInfo.batchSize).toBe(2);
  });
});
