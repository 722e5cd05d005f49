// `npm run bench -- import [--rows N] [--disk] [--concurrency C]`: what the import costs on
// top of the writes it makes. One DynamoDB Local (in memory, or on disk with --disk), two
// tables made from the same definition; for the same generated rows (fake-data.ts, a Russian
// Excel CSV): the raw BatchWriteItem rate of their items (record, search tokens — the shapes
// the import writes) into one table, and the CLI import (`crm import`, a child process: read,
// detect, parse, validate, find duplicates, write, audit, progress marks) into the other.
// Prints both rates, their ratio and the peak memory of each process.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteItemCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { createMockCompany } from '../../functions/domain/companies/company.entity.ts';
import { suggestColumns } from '../../functions/domain/imports/import-fields.ts';
import { checkRow } from '../../functions/domain/imports/row-input.ts';
import { companyKind } from '../../functions/domain/records/record-kinds.ts';
import { createMockUser, userKey, userListKeys } from '../../functions/domain/users/user.entity.ts';
import { repoRoot } from '../cli/lib/paths.ts';
import { localClients } from '../local/aws-clients.ts';
import { startDynamoDbLocal } from '../local/emulators/dynamodb.ts';
import { freePort } from '../local/ports.ts';
import { provisionTable } from '../local/provision.ts';
import { companyCsvHeaders, companyCsvRow, toCsv } from '../seed/fake-csv.ts';
import { fakeCompany } from '../seed/fake-data.ts';
import { dynamoDbLocalPid, mb, peakRss } from './processes.ts';

/** The machine's 1-minute load average: the figures mean little when it is far above the cores. */
const loadAverage = (): number => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
const mean = (list: readonly number[]) => list.reduce((a, b) => a + b, 0) / Math.max(1, list.length);

/** Row i of the file: every 500th has a broken INN, every 200th repeats the row before (a duplicate). */
const benchRow = (i: number): string[] => {
  if (i % 200 === 199) {
    const previous = fakeCompany(1, i - 1);
    return companyCsvRow({ ...fakeCompany(1, i), inn: previous.inn });
  }
  const row = companyCsvRow(fakeCompany(1, i));
  if (i % 500 === 499) row[1] = '1234567890';
  return row;
};
const importedRow = (i: number) => i % 200 !== 199 && i % 500 !== 499;

const writeCsv = async (path: string, rows: number): Promise<void> => {
  const out = createWriteStream(path);
  out.write(toCsv([[...companyCsvHeaders]]));
  for (let i = 0; i < rows; i += 1000) {
    const block = toCsv(Array.from({ length: Math.min(1000, rows - i) }, (_, k) => benchRow(i + k)));
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
};

/** The items the import writes for row i (record and search tokens), built the same way. */
const itemsOf = (i: number, ownerId: string, at: string): Record<string, unknown>[] => {
  const headers = [...companyCsvHeaders];
  const checked = checkRow(i + 2, benchRow(i), {
    type: 'company',
    headers,
    columns: suggestColumns('company', headers, []),
    customFields: [],
    staff: { find: () => undefined },
    defaultOwnerId: ownerId,
    ownerRefusal: () => undefined,
    currency: 'RUB',
    now: at,
  });
  if (!checked.ok) return [];
  const id = createMockCompany().id.slice(0, 16) + String(i).padStart(10, '0');
  const attributes = { ...checked.input, id, lastActivityAt: at, importJobId: 'raw' };
  const stamped = { ...attributes, createdAt: at, updatedAt: at } as never;
  return [
    {
      ...attributes,
      ...companyKind.indexKeys(stamped),
      ...companyKind.key(id),
      entity: 'company',
      version: 1,
      createdAt: at,
      createdBy: ownerId,
      updatedAt: at,
      updatedBy: ownerId,
    },
    ...companyKind.derivedItems(stamped),
  ];
};

export const runImportBench = async (options: { rows: number; disk: boolean; concurrency: number }) => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-bench-import-'));
  const file = join(dir, 'companies.csv');
  process.stderr.write(`writing ${options.rows} rows to ${file}…\n`);
  await writeCsv(file, options.rows);
  const storage = options.disk ? 'on disk' : 'in memory';
  console.log(
    `import: ${options.rows} company rows (${mb(statSync(file).size)} CSV, Windows Excel style: ";" and CRLF), ` +
      `DynamoDB Local ${storage}, ${options.concurrency} BatchWriteItem calls in flight`,
  );
  const port = await freePort();
  const dynamodb = await startDynamoDbLocal({
    port,
    dataDir: options.disk ? join(dir, 'dynamodb') : undefined,
    logFile: join(dir, 'dynamodb-local.log'),
  });
  try {
    const clients = localClients(
      { dynamodb: dynamodb.endpoint, sqs: dynamodb.endpoint, ses: '', cognito: '', bus: '' },
      'eu-central-1',
    );
    const [importTable, rawTable, warmTable] = await Promise.all([
      provisionTable(clients, 'bench'),
      provisionTable(clients, 'bench-raw'),
      provisionTable(clients, 'bench-warm'),
    ]);
    const doc = DynamoDBDocumentClient.from(clients.dynamodb);
    // The staff member the rows go to (the CLI finds owners among profiles).
    const owner = createMockUser({ email: 'bench@bench.example', name: 'Bench Owner' });
    await doc.send(
      new PutCommand({
        TableName: importTable,
        Item: { ...owner, ...userKey(owner.userId), ...userListKeys(owner.name, owner.userId) },
      }),
    );

    const at = new Date().toISOString();
    const writeAll = async (table: string, requests: WriteRequest[]) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: options.concurrency }, async () => {
          while (next < requests.length) {
            let batch: WriteRequest[] = requests.slice(next, next + 25);
            next += 25;
            while (batch.length > 0) {
              const r = await clients.dynamodb.send(
                new BatchWriteItemCommand({ RequestItems: { [table]: batch } }),
              );
              batch = r.UnprocessedItems?.[table] ?? [];
            }
          }
        }),
      );
    };
    const requestsFor = (from: number, to: number) => {
      const requests: WriteRequest[] = [];
      let rows = 0;
      for (let i = from; i < to; i++) {
        if (!importedRow(i)) continue;
        rows++;
        for (const item of itemsOf(i, owner.userId, at))
          requests.push({ PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) } });
      }
      return { requests, rows };
    };
    // A warm-up of the JVM and the connections, into a third table, not measured.
    process.stderr.write('  warming up DynamoDB Local…\n');
    await writeAll(warmTable, requestsFor(0, Math.min(options.rows, 3000)).requests);

    // The raw writes: slices of rows built first (not timed), then written (timed). Half of
    // them before the import and half after, so that a machine whose load changes during the
    // run (a shared one) weighs on both sides alike.
    let rawItems = 0;
    let rawRows = 0;
    let rawMs = 0;
    let lastPrint = 0;
    const slice = 5000;
    const loads: number[] = [];
    const rawWrites = async (from: number, to: number) => {
      for (let start = from; start < to; start += slice) {
        const { requests, rows } = requestsFor(start, Math.min(to, start + slice));
        rawRows += rows;
        rawItems += requests.length;
        const t0 = performance.now();
        await writeAll(rawTable, requests);
        rawMs += performance.now() - t0;
        loads.push(loadAverage());
        if (Date.now() - lastPrint > 2000 || start + slice >= to) {
          lastPrint = Date.now();
          process.stderr.write(
            `  raw BatchWriteItem: ${rawRows} rows, ${(rawItems / (rawMs / 1000)).toFixed(0)} items/s\n`,
          );
        }
      }
    };
    const half = Math.floor(options.rows / 2 / slice) * slice;
    await rawWrites(0, half);
    // The import: the real CLI, against the other table of the same DynamoDB Local.
    const dataDir = join(dir, 'data');
    const tenants = join(dir, 'tenants');
    mkdirSync(dataDir);
    mkdirSync(tenants);
    writeFileSync(
      join(dataDir, 'runtime.json'),
      JSON.stringify({ endpoints: { dynamodb: dynamodb.endpoint } }),
    );
    writeFileSync(
      join(tenants, 'bench.json'),
      JSON.stringify({
        id: 'bench',
        name: 'Bench',
        adminEmail: 'bench@bench.example',
        region: 'eu-central-1',
        timezone: 'Europe/Moscow',
        currency: 'RUB',
        locale: 'ru',
        mailFrom: 'crm@bench.example',
        createdAt: at,
      }),
    );
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [
        join(repoRoot, 'scripts', 'cli', 'crm.ts'),
        'import',
        'bench',
        file,
        '--entity',
        'company',
        '--owner',
        owner.email,
        '--data-dir',
        dataDir,
        '--concurrency',
        String(options.concurrency),
      ],
      { env: { ...process.env, CRM_TENANTS_DIR: tenants }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let importPeak = 0;
    const importLoads: number[] = [];
    const sampler = setInterval(() => {
      importPeak = Math.max(importPeak, peakRss(child.pid ?? 0));
      if (importLoads.length < 100_000) importLoads.push(loadAverage());
    }, 250);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
    });
    const [code] = (await once(child, 'close')) as [number];
    clearInterval(sampler);
    const wallSeconds = (performance.now() - started) / 1000;
    if (code !== 0) throw new Error(`crm import exited with ${code}:\n${stdout}`);
    await rawWrites(half, options.rows);
    const rawPeak = peakRss(process.pid);
    const summary = /Imported: (\d+) of \d+ rows in ([\d.]+) s/.exec(stdout);
    const created = Number(/created\s+(\d+)/.exec(stdout)?.[1] ?? 0);
    const importRows = Number(summary?.[1] ?? 0);
    const importSeconds = Number(summary?.[2] ?? wallSeconds);
    const java = dynamoDbLocalPid();

    const rawSeconds = rawMs / 1000;
    const rawRowRate = rawRows / rawSeconds;
    const importRate = importRows / importSeconds;
    const line = (
      label: string,
      rows: string,
      items: string,
      seconds: number,
      rowRate: number,
      itemRate: string,
    ) =>
      `${label.padEnd(26)}${rows.padStart(9)}${items.padStart(10)}${`${seconds.toFixed(1)} s`.padStart(10)}${rowRate.toFixed(0).padStart(10)}${itemRate.padStart(10)}`;
    console.log('');
    console.log(
      `${''.padEnd(26)}${'rows'.padStart(9)}${'items'.padStart(10)}${'time'.padStart(10)}${'rows/s'.padStart(10)}${'items/s'.padStart(10)}`,
    );
    console.log(
      line(
        'raw BatchWriteItem',
        String(rawRows),
        String(rawItems),
        rawSeconds,
        rawRowRate,
        (rawItems / rawSeconds).toFixed(0),
      ),
    );
    console.log(line('crm import (CLI)', String(importRows), '', importSeconds, importRate, ''));
    console.log(
      `${'  whole process'.padEnd(26)}${''.padStart(19)}${`${wallSeconds.toFixed(1)} s`.padStart(10)}${(importRows / wallSeconds).toFixed(0).padStart(10)}`,
    );
    console.log('');
    console.log(
      `import rate / raw write rate (rows/s): ${(importRate / rawRowRate).toFixed(2)} ` +
        `(whole process: ${(importRows / wallSeconds / rawRowRate).toFixed(2)}); created ${created} of ${importRows} rows ` +
        `(${importRows - created} invalid or duplicates by design)`,
    );
    console.log(
      `peak memory: raw writer (bench process) ${mb(rawPeak)}, crm import ${mb(importPeak)}, DynamoDB Local ${java ? mb(peakRss(java)) : 'n/a'}`,
    );
    console.log(
      `machine load (1-min average, ${cpus().length} cores): ${mean(loads).toFixed(1)} during the raw writes, ${mean(importLoads).toFixed(1)} during the import`,
    );
  } finally {
    await dynamodb.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};
