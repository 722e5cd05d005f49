// `npm run bench -- api`: what the local gateway and a function cost on top of the data
// they read. Measures, in one run against the same DynamoDB Local: GET /api/me through the
// gateway (JWT verification, payload 2.0 event, worker-thread handler, GetItem) beside the raw
// GetItem of the same profile item, and prints p50/p95 of each, their ratio, and peak memory.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { localClients } from '../local/aws-clients.ts';
import { api, signIn, startTestRuntime } from '../local/testing.ts';
import { dynamoDbLocalPid, mb, peakRss } from './processes.ts';
import { measure, summarize } from './stats.ts';

const ms = (n: number) => `${n.toFixed(1)} ms`;

export const runApiBench = async (options: { requests: number; concurrency: number }) => {
  console.log(`api: ${options.requests} requests, ${options.concurrency} at a time, after a warm-up`);
  const runtime = await startTestRuntime(['demo'], { functionConcurrency: options.concurrency });
  try {
    const demo = runtime.tenant('demo');
    const tokens = await signIn(runtime, 'demo', 'anna.smirnova@demo.example');
    const call = api(demo.appUrl, tokens.accessToken);
    const me = (await call('GET', '/api/me')).body.user;
    const { dynamodb } = localClients(runtime.endpoints, demo.tenant.region);
    const rawGet = () =>
      dynamodb.send(
        new GetItemCommand({
          TableName: demo.tableName,
          Key: { pk: { S: `USER#${me.id}` }, sk: { S: 'PROFILE' } },
        }),
      );

    // Warm-up: JIT, worker threads, connection pools.
    await measure('warm-up', 200, options.concurrency, async () => {
      await Promise.all([call('GET', '/api/me'), rawGet()]);
    });
    const raw = summarize(
      await measure('raw GetItem', options.requests, options.concurrency, async () => void (await rawGet())),
    );
    const viaApi = summarize(
      await measure('GET /api/me', options.requests, options.concurrency, async () => {
        const r = await call('GET', '/api/me');
        if (r.status !== 200) throw new Error(`GET /api/me answered ${r.status}`);
      }),
    );

    const java = dynamoDbLocalPid();
    console.log('');
    console.log('                     p50        p95        p99');
    console.log(
      `raw GetItem     ${ms(raw.p50).padStart(9)}  ${ms(raw.p95).padStart(9)}  ${ms(raw.p99).padStart(9)}`,
    );
    console.log(
      `GET /api/me     ${ms(viaApi.p50).padStart(9)}  ${ms(viaApi.p95).padStart(9)}  ${ms(viaApi.p99).padStart(9)}`,
    );
    console.log(
      `ratio           ${(viaApi.p50 / raw.p50).toFixed(2).padStart(8)}×  ${(viaApi.p95 / raw.p95).toFixed(2).padStart(8)}×`,
    );
    console.log('');
    console.log(
      `peak memory: runtime process ${mb(peakRss(process.pid))}, DynamoDB Local ${java ? mb(peakRss(java)) : 'n/a'}`,
    );
  } finally {
    await runtime.stop();
  }
};
