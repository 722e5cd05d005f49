// `npm run bench -- search`: lists and search over a large base. Loads `--companies` companies
// (300,000 by default; scripts/seed/fake-data.ts) into the runtime's DynamoDB Local (in memory,
// or on disk with --disk) with the stream consumers off (see below) and the counter item written
// as they would have left it, then measures through the local gateway (JWT, payload 2.0 event,
// worker-thread handler) first pages of lists (several sorts, an owner, a filter) and searches (name prefix, INN, phone,
// e-mail), each beside the same DynamoDB Queries sent raw from this process, in the same run.
// Prints p50/p95 of each pair, whether p95 ≤ 2 × raw p95 + 5 ms, and peak memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import {
  type IndexPlan,
  parseListRequest,
  planList,
  queryOf,
} from '../../functions/domain/lists/list-query.ts';
import { pageLimit } from '../../functions/domain/lists/read-pages.ts';
import { classify, lookupsFor, queryOfLookup } from '../../functions/domain/search/search-query.ts';
import { statsKey } from '../../functions/domain/stats/stats.entity.ts';
import { localClients } from '../local/aws-clients.ts';
import { api, signIn, startTestRuntime } from '../local/testing.ts';
import { fakeCompany } from '../seed/fake-data.ts';
import { documentClient, writeItems } from '../seed/load-items.ts';
import { companyRecord } from '../seed/record-items.ts';
import { emulatorProcesses, mb, peakRss } from './processes.ts';
import { measure, summarize } from './stats.ts';

export type SearchBenchOptions = {
  readonly companies: number;
  readonly requests: number;
  readonly concurrency: number;
  readonly disk: boolean;
};

const seed = 2026;
const owners = Array.from({ length: 10 }, (_, i) => `bench-owner-${i}`);

const ms = (n: number) => `${n.toFixed(1)} ms`;

/** A progress line: rewritten in place on a terminal, every few seconds in a log. */
const progress = () => {
  let last = 0;
  return (line: string, force = false) => {
    const now = Date.now();
    if (process.stderr.isTTY) {
      if (force || now - last > 200) process.stderr.write(`\r  ${line}   `);
    } else if (force || now - last > 5000) console.log(`  ${line}`);
    else return;
    last = now;
  };
};

type Tally = { companies: number; counts: Map<string, number> };

function* companyItems(count: number, base: number, generated: Tally) {
  const span = 3 * 365 * 24 * 3600 * 1000;
  for (let i = 0; i < count; i++) {
    const owner = owners[i % owners.length] as string;
    const at = new Date(base - span + Math.floor((i * span) / count)).toISOString();
    const activity = new Date(base - ((i * 7919) % count) * (span / count)).toISOString();
    const record = companyRecord(
      fakeCompany(seed, i),
      ulid(),
      owner,
      { at, actorId: owner },
      { lastActivityAt: activity },
    );
    generated.companies = i + 1;
    for (const counter of ['total', `stage#${record.item.lifecycleStage}`, `owner#${owner}`])
      generated.counts.set(counter, (generated.counts.get(counter) ?? 0) + 1);
    yield record.item as Record<string, unknown>;
    yield* record.derived;
  }
}

export const runSearchBench = async (options: SearchBenchOptions) => {
  const dataDir = options.disk ? mkdtempSync(join(tmpdir(), 'crm-bench-')) : undefined;
  console.log(
    `search: ${options.companies.toLocaleString('en')} companies in DynamoDB Local (${options.disk ? `on disk, ${dataDir}` : 'in memory'}), ` +
      `${options.requests} requests per case, ${options.concurrency} at a time`,
  );
  // No stream consumers: DynamoDB Local reads its stream in time that grows with its length
  // (a GetRecords took about a second at 70,000 records), so consuming 400,000+ records would
  // take hours and starve every other request. The counters are written once, below.
  const runtime = await startTestRuntime(['demo'], {
    functionConcurrency: options.concurrency,
    streamConsumers: false,
    ...(dataDir ? { dataDir } : {}),
  });
  try {
    const demo = runtime.tenant('demo');
    const db = documentClient(localClients(runtime.endpoints, demo.tenant.region).dynamodb);
    const tokens = await signIn(runtime, 'demo', 'anna.smirnova@demo.example');
    const call = api(demo.appUrl, tokens.accessToken);

    // Load.
    const show = progress();
    const started = performance.now();
    const base = Date.now();
    const generated: Tally = { companies: 0, counts: new Map() };
    // Two writers: DynamoDB Local serialises writes, and more in flight only contend for its lock.
    const written = await writeItems(db, demo.tableName, companyItems(options.companies, base, generated), {
      concurrency: 2,
      onWritten: (n) => {
        const rate = generated.companies / ((performance.now() - started) / 1000);
        show(
          `loading: ${generated.companies.toLocaleString('en')} / ${options.companies.toLocaleString('en')} companies (${n.toLocaleString('en')} items), ${rate.toFixed(0)} companies/s`,
        );
      },
    });
    const loadSeconds = (performance.now() - started) / 1000;
    show(`loaded ${written.toLocaleString('en')} items in ${loadSeconds.toFixed(0)} s`, true);
    if (process.stderr.isTTY) process.stderr.write('\n');
    console.log(
      `loaded ${options.companies.toLocaleString('en')} companies (${written.toLocaleString('en')} items with token items) in ${loadSeconds.toFixed(0)} s, ${(written / loadSeconds).toFixed(0)} items/s`,
    );

    // The counter item as aggregate-changes would leave it (the lists read it for their totals).
    await db.send(
      new PutCommand({
        TableName: demo.tableName,
        Item: { ...statsKey('company'), entity: 'stats', ...Object.fromEntries(generated.counts) },
      }),
    );
    const total = (await call('GET', '/api/companies?limit=1')).body.total as number;
    if (total !== options.companies) throw new Error(`the list counts ${total} companies`);

    // Cases: each an API call and the raw Queries the function sends for it.
    const now = new Date();
    const listCase = (label: string, query: Record<string, string>) => {
      const plan = planList(parseListRequest('company', { limit: '50', ...query }), now) as IndexPlan;
      const limit = pageLimit(plan, 50, 0);
      const raw = { ...queryOf(plan, demo.tableName), ...(limit ? { Limit: limit } : {}) };
      return {
        label: `${label} (${plan.indexName})`,
        api: () => `/api/companies?${new URLSearchParams({ limit: '50', ...query })}`,
        raw: async () => void (await db.send(new QueryCommand(raw))),
      };
    };
    const picks = Array.from({ length: 64 }, (_, i) => fakeCompany(seed, (i * 4651) % options.companies));
    const searchCase = (label: string, queryOf_: (i: number) => string) => ({
      label,
      api: (i: number) => `/api/search?${new URLSearchParams({ q: queryOf_(i), limit: '20' })}`,
      raw: async (i: number) => {
        const lookups = lookupsFor(classify(queryOf_(i)), 20);
        await Promise.all(lookups.map((l) => db.send(new QueryCommand(queryOfLookup(l, demo.tableName)))));
      },
    });
    const firstWord = (i: number) =>
      (picks[i % picks.length]?.name ?? '').replace(/^[^«]*«/, '').split(' ')[0] ?? '';
    const cases = [
      listCase('list by name', { sort: 'name' }),
      listCase('list by created, newest', { sort: 'created', order: 'desc' }),
      listCase('list by updated', { sort: 'updated' }),
      listCase('list by activity', { sort: 'activity', order: 'asc' }),
      listCase("list of one owner's", { owner: owners[3] as string }),
      listCase('list, stage filter', { stage: 'customer' }),
      searchCase('search name prefix', (i) => firstWord(i).slice(0, 3 + (i % 3))),
      searchCase('search INN', (i) => picks[i % picks.length]?.inn ?? ''),
      searchCase(
        'search phone 8 9xx',
        (i) => `8 ${(picks[i % picks.length]?.phone ?? '').replace(/^\+7 /, '').slice(0, 9)}`,
      ),
      searchCase('search e-mail', (i) => (picks[i % picks.length]?.email ?? '').slice(0, 12)),
    ];

    // Warm-up, case by case at full concurrency: JIT, every worker thread of each function,
    // connection pools.
    for (const c of cases)
      await measure(`warm-up ${c.label}`, 10 * options.concurrency, options.concurrency, async (i) => {
        await Promise.all([call('GET', c.api(i)), c.raw(i)]);
      });

    const rows: string[] = [];
    let within = 0;
    for (const c of cases) {
      // Raw and API calls alternate in each of the concurrent callers, so both meet the same
      // background load (the machines are shared and noisy).
      const rawSamples: number[] = [];
      const apiSamples: number[] = [];
      await measure(c.label, options.requests, options.concurrency, async (i) => {
        const t0 = performance.now();
        await c.raw(i);
        const t1 = performance.now();
        const r = await call('GET', c.api(i));
        apiSamples.push(performance.now() - t1);
        rawSamples.push(t1 - t0);
        if (r.status !== 200) throw new Error(`${c.api(i)} answered ${r.status}: ${JSON.stringify(r.body)}`);
      });
      const raw = summarize(rawSamples);
      const viaApi = summarize(apiSamples);
      const target = 2 * raw.p95 + 5;
      if (viaApi.p95 <= target) within++;
      rows.push(
        `${c.label.padEnd(34)} ${ms(raw.p50).padStart(9)} ${ms(raw.p95).padStart(9)}   ${ms(viaApi.p50).padStart(9)} ${ms(viaApi.p95).padStart(9)}   ${ms(target).padStart(9)} ${viaApi.p95 <= target ? 'yes' : 'NO'}`,
      );
    }
    console.log('');
    console.log(
      `${''.padEnd(34)} ${'raw Query'.padStart(19)}   ${'through the API'.padStart(19)}   ${'p95 ≤ 2×raw+5'.padStart(13)}`,
    );
    console.log(
      `${''.padEnd(34)} ${'p50'.padStart(9)} ${'p95'.padStart(9)}   ${'p50'.padStart(9)} ${'p95'.padStart(9)}`,
    );
    for (const row of rows) console.log(row);
    console.log('');
    console.log(`${within} of ${cases.length} cases within the target`);
    const memory = [
      `runtime process (gateway, functions, this benchmark) ${mb(peakRss(process.pid))}`,
      ...emulatorProcesses().map(([name, pid]) => `${name} ${mb(peakRss(pid))}`),
    ];
    console.log(`peak memory: ${memory.join(', ')}`);
  } finally {
    await runtime.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
};
