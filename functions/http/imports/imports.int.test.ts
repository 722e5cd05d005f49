// CSV import through the API and the queue worker, against the emulators: the upload goes to
// a presigned URL through the gateway's /_s3, analyze reads the file from the bucket, the dry
// run reports invalid rows, start hands chunks to run-import; duplicates in each mode; and an
// import killed mid-chunk resumes to exactly the rows of the file.
import { Readable } from 'node:stream';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClients, localCredentials } from '../../../scripts/local/aws-clients.ts';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { api, eventually, signIn, startTestRuntime, type Tokens } from '../../../scripts/local/testing.ts';
import { companiesCsv, companyCsvHeaders, companyCsvRow, toCsv } from '../../../scripts/seed/fake-csv.ts';
import { fakeCompany } from '../../../scripts/seed/fake-data.ts';
import { importRecordId } from '../../domain/imports/import-job.entity.ts';

let runtime: LocalRuntime;
let admin: Tokens;
let anna: Tokens;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  runtime = await startTestRuntime(['demo']);
  admin = await signIn(runtime, 'demo', 'admin@demo.example');
  anna = await signIn(runtime, 'demo', 'anna.smirnova@demo.example');
  // Profiles exist from the first request: owners are found among them.
  await api(runtime.tenant('demo').appUrl, anna.accessToken)('GET', '/api/me');
  await api(runtime.tenant('demo').appUrl, admin.accessToken)('GET', '/api/me');
  doc = DynamoDBDocumentClient.from(localClients(runtime.endpoints, 'eu-central-1').dynamodb);
});
afterAll(async () => runtime?.stop());

const call = (token = admin.accessToken) => api(runtime.tenant('demo').appUrl, token);
const table = () => runtime.tenant('demo').tableName;

/** Creates a job and PUTs the file to its presigned URL, as the web app does. */
const upload = async (entity: 'company' | 'contact', file: Buffer | string, mode = 'skip') => {
  const bytes = typeof file === 'string' ? Buffer.from(file, 'utf8') : file;
  const created = await call()('POST', '/api/imports', {
    entity,
    fileName: `${entity}.csv`,
    size: bytes.length,
    contentType: 'text/csv',
    mode,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const { url, headers } = created.body.upload;
  expect(url.startsWith(`${runtime.tenant('demo').appUrl}/_s3/`)).toBe(true);
  const put = await fetch(url, { method: 'PUT', body: bytes, headers });
  expect(put.status).toBe(200);
  return created.body.job.id as string;
};

let lastSeen: unknown;
const finished = (id: string, timeoutMs = 60_000) =>
  eventually(
    async () => {
      const r = await call()('GET', `/api/imports/${id}`);
      lastSeen = r.body;
      return ['completed', 'failed', 'cancelled'].includes(r.body.status) ? r.body : undefined;
    },
    `import ${id} to finish`,
    timeoutMs,
  ).catch((error) => {
    throw new Error(`${(error as Error).message}; last seen: ${JSON.stringify(lastSeen)}`);
  });

const company = async (id: string) =>
  (await doc.send(new GetCommand({ TableName: table(), Key: { pk: `COMPANY#${id}`, sk: 'COMPANY' } }))).Item;

/** The live companies of the table with this INN (by the INN index, as the duplicate check reads it). */
const companiesWithInn = async (inn: string) =>
  (
    await doc.send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'gsi9',
        KeyConditionExpression: 'gsi9pk = :pk AND begins_with(gsi9sk, :prefix)',
        ExpressionAttributeValues: { ':pk': 'INN', ':prefix': `${inn}#COMPANY#` },
      }),
    )
  ).Items ?? [];

describe('POST /api/imports', () => {
  it('refuses roles that may not import, and files over 100 MB', async () => {
    const support = await signIn(runtime, 'demo', 'dmitry.sokolov@demo.example');
    const refused = await call(support.accessToken)('POST', '/api/imports', {
      entity: 'company',
      fileName: 'a.csv',
      size: 10,
    });
    expect(refused.status).toBe(403);
    const tooBig = await call()('POST', '/api/imports', {
      entity: 'company',
      fileName: 'a.csv',
      size: 101 * 1024 * 1024,
    });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.fields[0].field).toBe('size');
  });
});

describe('analyze and dry run', () => {
  it('detects a Windows-1251 file with semicolons, suggests the mapping and lists every invalid row', async () => {
    const rows = [
      ['Наименование', 'ИНН', 'Телефон', 'Эл. почта', 'Ответственный', 'Заметка'],
      [
        'ООО «Альфа»',
        '7707083893',
        '8 912 345-67-89',
        'info@alfa.example',
        'anna.smirnova@demo.example',
        'x',
      ],
      ['ООО «Бета»', '7707083894', '', '', '', ''],
      ['', '500100732259', '', '', '', ''],
      ['ООО «Гамма»', '', '12', 'gamma@', '', ''],
      ['ООО «Альфа» (копия)', '7707083893', '', '', '', ''],
      ['ООО «Дельта»', '', '', '', 'никто', ''],
    ];
    const id = await upload('company', iconv.encode(toCsv(rows), 'win1251'));

    const analysis = await call()('POST', `/api/imports/${id}/analyze`);
    expect(analysis.status, JSON.stringify(analysis.body)).toBe(200);
    expect(analysis.body).toMatchObject({
      encoding: 'windows-1251',
      delimiter: ';',
      headers: rows[0],
      rowCount: 6,
      suggestedMapping: {
        Наименование: 'name',
        ИНН: 'inn',
        Телефон: 'phones',
        'Эл. почта': 'emails',
        Ответственный: 'ownerId',
        Заметка: null,
      },
    });
    expect(analysis.body.sample[0][0]).toBe('ООО «Альфа»');

    const dry = await call()('POST', `/api/imports/${id}/dry-run`, { mode: 'skip' });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.status).toBe('validated');
    expect(dry.body.report).toMatchObject({
      status: 'completed',
      rows: 6,
      invalid: 4,
      create: 1,
      skip: 1,
      update: 0,
    });
    const issues = dry.body.report.issues as { row: number; field: string; message: string }[];
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, field: 'inn', message: 'has a wrong check digit' }),
        expect.objectContaining({ row: 4, field: 'name', message: 'must not be empty' }),
        expect.objectContaining({ row: 5, field: 'phones' }),
        expect.objectContaining({ row: 5, field: 'emails', message: 'is not an e-mail address' }),
        expect.objectContaining({ row: 7, field: 'ownerId', column: 'Ответственный', value: 'никто' }),
      ]),
    );
    // Nothing was written.
    expect(await companiesWithInn('7707083893')).toEqual([]);
  });
});

describe('an import through the worker', () => {
  it('writes every valid row once, with its owner, search keys and audit, and reports progress', async () => {
    const annaId = (await call(anna.accessToken)('GET', '/api/me')).body.user.id;
    const rows = [
      [...companyCsvHeaders, 'Ответственный'],
      ...Array.from({ length: 30 }, (_, i) => [
        ...companyCsvRow(fakeCompany(21, 1000 + i)),
        i === 0 ? 'Анна Смирнова' : '',
      ]),
      ['', '', '', '', '', '', '', '', '', '', '', '', ''],
      ['ООО «Плохой ИНН»', '1234567890', '', '', '', '', '', '', '', '', '', '', ''],
    ];
    const id = await upload('company', toCsv(rows));
    expect((await call()('POST', `/api/imports/${id}/analyze`)).status).toBe(200);
    const started = await call()('POST', `/api/imports/${id}/start`, { mode: 'skip' });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.status).toBe('running');

    const done = await finished(id);
    expect(done.status).toBe('completed');
    expect(done.progress).toMatchObject({
      total: 31,
      processed: 31,
      created: 30,
      updated: 0,
      skipped: 0,
      failed: 1,
    });
    expect(done.issues).toEqual([expect.objectContaining({ row: 33, field: 'inn' })]);

    const first = await company(importRecordId(id, 2));
    expect(first).toMatchObject({
      name: fakeCompany(21, 1000).name,
      inn: fakeCompany(21, 1000).inn,
      ownerId: annaId,
      importJobId: id,
      version: 1,
      gsi9pk: 'INN',
    });
    const second = await company(importRecordId(id, 3));
    expect(second?.ownerId).toBe(done.defaultOwnerId);
    const audit = await doc.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `AUDIT#import#${id}` },
      }),
    );
    const audited = (audit.Items ?? []).flatMap((a) => a.records as { id: string }[]);
    expect(audited).toHaveLength(30);
    expect(new Set(audited.map((r) => r.id)).size).toBe(30);

    // The record's timeline begins with its import: the file, who imported it and when.
    const timeline = await call(anna.accessToken)('GET', `/api/timeline/company/${importRecordId(id, 2)}`);
    expect(timeline.status, JSON.stringify(timeline.body)).toBe(200);
    expect(timeline.body.items.at(-1)).toMatchObject({
      kind: 'import',
      action: 'imported',
      at: first?.createdAt,
      actorId: first?.createdBy,
      import: { jobId: id, fileName: 'company.csv' },
    });

    // The admin's list shows it; a sales user's list shows only their own imports.
    const listed = await call()('GET', '/api/imports?limit=100');
    expect(listed.body.items.map((j: { id: string }) => j.id)).toContain(id);
    const annas = await call(anna.accessToken)('GET', '/api/imports?limit=100');
    expect(annas.status).toBe(200);
    expect(annas.body.items.map((j: { id: string }) => j.id)).not.toContain(id);
    expect((await call(anna.accessToken)('GET', `/api/imports/${id}`)).status).toBe(404);
  });
});

describe('duplicates', () => {
  let base: string[];
  beforeAll(async () => {
    const id = await upload('company', companiesCsv(31, 3, 2000));
    await call()('POST', `/api/imports/${id}/analyze`);
    await call()('POST', `/api/imports/${id}/start`);
    expect((await finished(id)).progress.created).toBe(3);
    base = [importRecordId(id, 2), importRecordId(id, 3), importRecordId(id, 4)];
  });

  /**
   * A file with: base company 0 again (same INN, another city), base company 1 by its e-mail
   * under a new INN, a new company, and the new company again (same INN) further down.
   */
  const fileFor = (n: number) => {
    const b0 = fakeCompany(31, 2000);
    const b1 = fakeCompany(31, 2001);
    const fresh = fakeCompany(31, 2100 + n);
    return toCsv([
      [...companyCsvHeaders],
      companyCsvRow({ ...b0, city: 'Казань', address: 'Казань, ул. Баумана, д. 1', tags: ['импорт'] }),
      companyCsvRow({ ...fakeCompany(31, 2050 + n), email: b1.email }),
      companyCsvRow(fresh),
      companyCsvRow({
        ...fresh,
        name: `${fresh.name} (дубль)`,
        phone: '+7 (912) 000-00-01',
        email: `x${n}@dup.example`,
      }),
    ]);
  };

  const run = async (mode: string, n: number) => {
    const id = await upload('company', fileFor(n), mode);
    await call()('POST', `/api/imports/${id}/analyze`);
    const dry = await call()('POST', `/api/imports/${id}/dry-run`, { mode });
    const started = await call()('POST', `/api/imports/${id}/start`);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    return { id, dry: dry.body.report, done: await finished(id) };
  };

  it('skip: leaves the base alone and skips repeats within the file', async () => {
    const { id, dry, done } = await run('skip', 1);
    expect(done.progress).toMatchObject({ created: 1, updated: 0, skipped: 3, failed: 0 });
    expect(dry).toMatchObject({ create: 1, update: 0, skip: 3 });
    expect((await company(base[0] as string))?.version).toBe(1);
    expect(await company(importRecordId(id, 5))).toBeUndefined();
    expect(await companiesWithInn(fakeCompany(31, 2101).inn)).toHaveLength(1);
  });

  it('update: fills and overwrites the mapped fields of the record found, and of the earlier row', async () => {
    const { id, dry, done } = await run('update', 2);
    expect(done.progress).toMatchObject({ created: 1, updated: 3, skipped: 0, failed: 0 });
    expect(dry).toMatchObject({ create: 1, update: 3, skip: 0 });
    const b0 = await company(base[0] as string);
    expect(b0).toMatchObject({ version: 2, city: 'Казань', tags: expect.arrayContaining(['импорт']) });
    expect(b0?.addresses).toHaveLength(2);
    const b1 = await company(base[1] as string);
    expect(b1).toMatchObject({ version: 2, inn: fakeCompany(31, 2052).inn });
    const created = await company(importRecordId(id, 4));
    expect(created?.emails.map((e: { value: string }) => e.value)).toEqual([
      fakeCompany(31, 2102).email,
      'x2@dup.example',
    ]);
    expect(await companiesWithInn(fakeCompany(31, 2102).inn)).toHaveLength(1);
  });

  it('create: creates every row, duplicates or not', async () => {
    const { done } = await run('create', 3);
    expect(done.progress).toMatchObject({ created: 4, updated: 0, skipped: 0, failed: 0 });
    expect(await companiesWithInn(fakeCompany(31, 2103).inn)).toHaveLength(2);
    expect(await companiesWithInn(fakeCompany(31, 2000).inn)).toHaveLength(2);
  });
});

describe('contacts', () => {
  it('link to companies by INN or name, split full names, read dates and consent', async () => {
    const companies = await upload('company', companiesCsv(41, 2, 3000));
    await call()('POST', `/api/imports/${companies}/analyze`);
    await call()('POST', `/api/imports/${companies}/start`);
    await finished(companies);
    const [c0, c1] = [fakeCompany(41, 3000), fakeCompany(41, 3001)];
    const file = toCsv([
      ['ФИО', 'Должность', 'Компания', 'Телефон', 'E-mail', 'Дата рождения', 'Согласие на рассылку'],
      [
        'Иванов Иван Иванович',
        'Директор',
        c0.inn,
        '8 912 111-22-33',
        'ivanov@c0.example',
        '24.11.1985',
        'Да',
      ],
      ['Петрова Анна', 'Бухгалтер', c1.name, '', 'petrova@c1.example', '', 'нет'],
      ['Сидоров Пётр', '', 'ООО «Нет такой»', '', '', '', ''],
    ]);
    const id = await upload('contact', iconv.encode(file, 'win1251'));
    await call()('POST', `/api/imports/${id}/analyze`);
    await call()('POST', `/api/imports/${id}/start`);
    const done = await finished(id);
    expect(done.progress).toMatchObject({ created: 2, failed: 1 });
    expect(done.issues).toEqual([
      expect.objectContaining({ row: 4, field: 'companyId', column: 'Компания' }),
    ]);
    const ivanovId = importRecordId(id, 2);
    const ivanov = (
      await doc.send(
        new GetCommand({ TableName: table(), Key: { pk: `CONTACT#${ivanovId}`, sk: 'CONTACT' } }),
      )
    ).Item;
    expect(ivanov).toMatchObject({
      lastName: 'Иванов',
      firstName: 'Иван',
      middleName: 'Иванович',
      companyId: importRecordId(companies, 2),
      companyName: c0.name,
      birthday: '1985-11-24',
      marketingConsent: { status: 'granted', method: 'import' },
      phones: [{ value: '+79121112233', kind: 'mobile' }],
    });
    const link = await doc.send(
      new GetCommand({
        TableName: table(),
        Key: { pk: `COMPANY#${importRecordId(companies, 2)}`, sk: `CONTACT#${ivanovId}` },
      }),
    );
    expect(link.Item).toMatchObject({ name: 'Иванов Иван Иванович', jobTitle: 'Директор' });
    const petrova = await doc.send(
      new GetCommand({ TableName: table(), Key: { pk: `CONTACT#${importRecordId(id, 3)}`, sk: 'CONTACT' } }),
    );
    expect(petrova.Item).toMatchObject({
      companyId: importRecordId(companies, 3),
      marketingConsent: { status: 'withdrawn' },
    });
  });
});

describe('cancel', () => {
  it('stops a running import after its current chunk, and start resumes it', async () => {
    const id = await upload('company', companiesCsv(51, 700, 4000));
    expect((await call()('POST', `/api/imports/${id}/analyze`)).body.rowCount).toBe(700);
    expect((await call()('POST', `/api/imports/${id}/start`)).status).toBe(200);
    const cancelled = await call()('POST', `/api/imports/${id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(['cancelling', 'cancelled']).toContain(cancelled.body.status);
    const stopped = await finished(id, 150_000);
    expect(stopped.status).toBe('cancelled');
    expect(stopped.progress.processed).toBeLessThan(700);
    expect(stopped.progress.processed % 500).toBe(0);

    const resumed = await call()('POST', `/api/imports/${id}/start`);
    expect(resumed.status).toBe(200);
    const done = await finished(id, 150_000);
    expect(done.status).toBe('completed');
    expect(done.progress).toMatchObject({ processed: 700, created: 700 });
  }, 320_000);
});

describe('resuming after a crash', () => {
  it('a writer that dies after N batches, then a clean run: every row once, none missing', async () => {
    const demo = runtime.tenant('demo');
    Object.assign(process.env, {
      TABLE_NAME: demo.tableName,
      AWS_REGION: demo.tenant.region,
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: runtime.endpoints.dynamodb,
    });
    // The domain code reads its table from the environment, as in a function.
    const jobs = await import('../../domain/imports/import-jobs.ts');
    const run = await import('../../domain/imports/import-run.ts');
    const { sampleCsv, countDataRows } = await import('../../domain/imports/csv-source.ts');

    const file = Buffer.from(companiesCsv(61, 700, 6000), 'utf8');
    const files = {
      presignUpload: async () => ({ url: '', headers: {} }),
      size: async () => file.length,
      read: async (_key: string, offset: number) => Readable.from([file.subarray(offset)]),
    };
    const sample = await sampleCsv(file, true);
    const actor = { userId: 'operator', username: 'operator', roles: ['admin' as const] };
    const job = jobs.newImportJob(
      {
        recordType: 'company',
        source: 'upload',
        fileName: 'crash.csv',
        fileKey: 'imports/crash.csv',
        mode: 'skip',
        encoding: sample.encoding,
        delimiter: sample.delimiter,
        headers: sample.headers,
        columns: (await import('../../domain/imports/import-fields.ts')).suggestColumns(
          'company',
          sample.headers,
          [],
        ),
        nextOffset: sample.dataOffset,
        totalRows: await countDataRows(Readable.from([file]), sample),
        defaultOwnerId: 'operator',
        status: 'running',
      },
      actor,
      new Date().toISOString(),
    );
    await jobs.putImportJob(job);

    const queued: { chunk: number }[] = [];
    const deps = {
      files,
      enqueue: async (m: { kind: string; chunk?: number }) => {
        if (m.kind === 'chunk') queued.push({ chunk: m.chunk as number });
      },
      currency: 'RUB',
      now: () => new Date().toISOString(),
      receiveCount: 1,
      maxReceiveCount: 5,
    };
    let batches = 0;
    const dying = async (requests: Parameters<typeof run.batchWrite>[0]) => {
      if (++batches > 12) throw new Error('the function was killed');
      await run.batchWrite(requests);
    };
    await expect(
      jobs.handleImportMessage({ kind: 'chunk', jobId: job.id, chunk: 0 }, { ...deps, writeBatch: dying }),
    ).rejects.toThrow('killed');
    const crashed = await jobs.readImportJob(job.id);
    expect(crashed).toMatchObject({ nextChunk: 0, rowsDone: 0, status: 'running' });
    const partly = await companiesWithInn(fakeCompany(61, 6000).inn);
    expect(partly).toHaveLength(1); // the first batches did land

    // The message comes back; the rest follow from it.
    await jobs.handleImportMessage({ kind: 'chunk', jobId: job.id, chunk: 0 }, { ...deps, receiveCount: 2 });
    expect(queued).toEqual([{ chunk: 1 }]);
    await jobs.handleImportMessage({ kind: 'chunk', jobId: job.id, chunk: 1 }, deps);
    // A redelivered message of a counted chunk writes and counts nothing.
    await jobs.handleImportMessage({ kind: 'chunk', jobId: job.id, chunk: 1 }, deps);
    const done = await jobs.readImportJob(job.id);
    expect(done).toMatchObject({
      status: 'completed',
      rowsDone: 700,
      counts: { created: 700, updated: 0, skipped: 0, failed: 0 },
    });
    for (const i of [0, 1, 250, 499, 500, 699]) {
      expect(await companiesWithInn(fakeCompany(61, 6000 + i).inn), `row ${i + 2}`).toHaveLength(1);
    }
    const all = await doc.send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'gsi4',
        KeyConditionExpression: 'gsi4pk = :pk',
        FilterExpression: 'importJobId = :job',
        ExpressionAttributeValues: { ':pk': 'COMPANY', ':job': job.id },
        Select: 'COUNT',
      }),
    );
    let count = all.Count ?? 0;
    let key = all.LastEvaluatedKey;
    while (key) {
      const page = await doc.send(
        new QueryCommand({
          TableName: table(),
          IndexName: 'gsi4',
          KeyConditionExpression: 'gsi4pk = :pk',
          FilterExpression: 'importJobId = :job',
          ExpressionAttributeValues: { ':pk': 'COMPANY', ':job': job.id },
          Select: 'COUNT',
          ExclusiveStartKey: key,
        }),
      );
      count += page.Count ?? 0;
      key = page.LastEvaluatedKey;
    }
    expect(count).toBe(700);
  }, 300_000);
});
