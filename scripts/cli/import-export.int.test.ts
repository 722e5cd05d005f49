// `crm import` and `crm export` as operators run them (a child process), against a running
// local runtime: the dry run's report, an import with its progress and summary, a run stopped
// with Ctrl-C and one killed outright, each resumed to exactly the rows of the file, and the
// whole tenant to JSON Lines.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClients } from '../local/aws-clients.ts';
import type { LocalRuntime } from '../local/runtime.ts';
import { api, eventually, signIn, startTestRuntime } from '../local/testing.ts';
import { companiesCsv, companyCsvHeaders, companyCsvRow, toCsv } from '../seed/fake-csv.ts';
import { fakeCompany } from '../seed/fake-data.ts';
import { repoRoot } from './lib/paths.ts';
import { createSandbox, runCrm } from './test-support/run-crm.ts';

let runtime: LocalRuntime;
let doc: DynamoDBDocumentClient;
let env: NodeJS.ProcessEnv;
let dir: string;

beforeAll(async () => {
  runtime = await startTestRuntime(['demo']);
  const admin = await signIn(runtime, 'demo', 'admin@demo.example');
  const anna = await signIn(runtime, 'demo', 'anna.smirnova@demo.example');
  await api(runtime.tenant('demo').appUrl, admin.accessToken)('GET', '/api/me');
  await api(runtime.tenant('demo').appUrl, anna.accessToken)('GET', '/api/me');
  doc = DynamoDBDocumentClient.from(localClients(runtime.endpoints, 'eu-central-1').dynamodb);
  const sandbox = createSandbox();
  dir = sandbox.dir;
  env = { ...sandbox.env, CRM_TENANTS_DIR: process.env.CRM_TENANTS_DIR as string };
});
afterAll(async () => runtime?.stop());

const crm = (args: string[], timeoutMs = 120_000) =>
  runCrm([...args, '--data-dir', runtime.dataDir], { env, timeoutMs });

const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const table = () => runtime.tenant('demo').tableName;

const job = async (id: string) =>
  (await doc.send(new GetCommand({ TableName: table(), Key: { pk: `IMPORT#${id}`, sk: 'JOB' } }))).Item;

/** Companies of the table an import created, counted through the creation-time list (gsi4). */
const companiesOf = async (jobId: string): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'gsi4',
        KeyConditionExpression: 'gsi4pk = :pk',
        FilterExpression: 'importJobId = :job',
        ExpressionAttributeValues: { ':pk': 'COMPANY', ':job': jobId },
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
};

const jobIdIn = (text: string): string => {
  const id = /Import (\w{26})/.exec(text)?.[1];
  if (!id) throw new Error(`no job id in: ${text}`);
  return id;
};

describe('crm import', () => {
  it('says what is missing before it touches anything', async () => {
    const path = file('none.csv', 'Название\nАльфа\n');
    const noEntity = await crm(['import', 'demo', path]);
    expect(noEntity.code).toBe(2);
    expect(noEntity.stderr).toContain('--entity company or --entity contact');
    const noName = await crm([
      'import',
      'demo',
      file('bad.csv', 'Код;Город\n1;Москва\n'),
      '--entity',
      'company',
    ]);
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain('cannot be imported as company records');
    expect(noName.stderr).toContain('a company needs a name');
  });

  it('--dry-run lists the invalid rows and what would happen, and writes no record', async () => {
    const rows = [
      [...companyCsvHeaders],
      companyCsvRow(fakeCompany(81, 8000)),
      companyCsvRow({ ...fakeCompany(81, 8001), inn: '7707083894' }),
      companyCsvRow({ ...fakeCompany(81, 8002), name: '' }),
      companyCsvRow({ ...fakeCompany(81, 8003), inn: fakeCompany(81, 8000).inn }),
    ];
    const result = await crm([
      'import',
      'demo',
      file('dry.csv', toCsv(rows)),
      '--entity',
      'company',
      '--dry-run',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/would create\s+1/);
    expect(result.stdout).toMatch(/would skip\s+1/);
    expect(result.stdout).toMatch(/invalid\s+2/);
    expect(result.stdout).toMatch(/3\s+inn\s+ИНН\s+7707083894\s+has a wrong check digit/);
    expect(result.stdout).toMatch(/4\s+name\s+Название\s+must not be empty/);
    expect(await companiesOf(jobIdIn(result.stdout))).toEqual([]);
  });

  it('imports with a progress bar and a summary; --mapping and --owner apply', async () => {
    const annaId = (
      await doc.send(
        new QueryCommand({
          TableName: table(),
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          FilterExpression: 'email = :email',
          ExpressionAttributeValues: { ':pk': 'USERS', ':email': 'anna.smirnova@demo.example' },
        }),
      )
    ).Items?.[0]?.userId;
    const rows = [
      ['Организация', 'Налоговый номер', 'Телефон'],
      ...Array.from({ length: 40 }, (_, i) => {
        const c = fakeCompany(82, 8100 + i);
        return [c.name, c.inn, c.phone];
      }),
    ];
    const result = await crm([
      'import',
      'demo',
      file('mapped.csv', toCsv(rows, ',')),
      '--entity',
      'company',
      '--mapping',
      'Налоговый номер=inn',
      '--owner',
      'anna.smirnova@demo.example',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/40\/40 rows/);
    expect(result.stdout).toContain('Imported: 40 of 40 rows');
    expect(result.stdout).toMatch(/created\s+40/);
    const created = await companiesOf(jobIdIn(result.stdout));
    expect(created).toHaveLength(40);
    expect(created.every((c) => c.ownerId === annaId)).toBe(true);
    expect(created.map((c) => c.inn).sort()).toEqual(
      rows
        .slice(1)
        .map((r) => r[1])
        .sort(),
    );
  });

  /** Starts an import of `path` and stops it once its first chunk is counted. */
  const interrupted = async (
    path: string,
    signal: NodeJS.Signals,
  ): Promise<{ id: string; child: ChildProcess; out: string }> => {
    const child = spawn(
      process.execPath,
      [
        join(repoRoot, 'scripts', 'cli', 'crm.ts'),
        'import',
        'demo',
        path,
        '--entity',
        'company',
        '--data-dir',
        runtime.dataDir,
      ],
      { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    const id = await eventually(async () => /Import (\w{26})/.exec(out)?.[1], 'the job id', 60_000);
    await eventually(async () => ((await job(id))?.nextChunk ?? 0) >= 1, 'the first chunk', 60_000);
    child.kill(signal);
    await once(child, 'close');
    return { id, child, out };
  };

  it('Ctrl-C stops after the chunk being written; --resume imports the rest, each row once', async () => {
    const path = file('stop.csv', companiesCsv(83, 2600, 20_000));
    const { id, child, out } = await interrupted(path, 'SIGINT');
    expect(child.exitCode).toBe(130);
    expect(out).toContain(`--resume ${id}`);
    const stopped = await job(id);
    expect(stopped?.status).toBe('cancelled');
    expect(stopped?.rowsDone).toBeLessThan(2600);
    expect(stopped?.rowsDone % 500).toBe(0);

    const resumed = await crm(['import', 'demo', path, '--resume', id]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('Imported: 2600 of 2600 rows');
    const created = await companiesOf(id);
    expect(created).toHaveLength(2600);
    expect(new Set(created.map((c) => c.inn)).size).toBe(2600);
    expect((await job(id))?.counts).toEqual({ created: 2600, updated: 0, skipped: 0, failed: 0 });
  }, 180_000);

  it('a killed run (no chance to stop cleanly) resumes to exactly the rows of the file', async () => {
    const path = file('kill.csv', companiesCsv(84, 2600, 30_000));
    const { id } = await interrupted(path, 'SIGKILL');
    expect((await job(id))?.status).toBe('running');

    const other = await crm([
      'import',
      'demo',
      file('other.csv', companiesCsv(84, 1, 40_000)),
      '--resume',
      id,
    ]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('is not the file');

    const resumed = await crm(['import', 'demo', path, '--resume', id]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const created = await companiesOf(id);
    expect(created).toHaveLength(2600);
    expect(new Set(created.map((c) => c.inn)).size).toBe(2600);
    expect((await job(id))?.counts).toEqual({ created: 2600, updated: 0, skipped: 0, failed: 0 });
  }, 180_000);
});

describe('crm export', () => {
  it('writes every item of the tenant as JSON Lines with a count', async () => {
    const out = join(dir, 'demo.jsonl');
    const result = await crm(['export', 'demo', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    const items = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(result.stdout).toContain(`Wrote ${items.length} items of tenant demo`);
    expect(result.stderr).toMatch(/\d+ items/);
    const kinds = new Set(items.map((i) => i.entity));
    for (const kind of ['company', 'user', 'import-job', 'audit', 'search-token'])
      expect(kinds).toContain(kind);
    const keys = new Set(items.map((i) => `${i.pk}|${i.sk}`));
    expect(keys.size).toBe(items.length);
  });
});
