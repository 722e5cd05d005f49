// Exports through the API and the export-jobs worker, against the emulators: a filtered list
// and a saved view to CSV (read back with a CSV parser), contacts to vCard 4.0 (read back),
// the download through a presigned URL on the app's origin.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { api, eventually, signIn, startTestRuntime, type Tokens } from '../../../scripts/local/testing.ts';
import { companyCsvHeaders, companyCsvRow, toCsv } from '../../../scripts/seed/fake-csv.ts';
import { fakeCompany } from '../../../scripts/seed/fake-data.ts';

let runtime: LocalRuntime;
let admin: Tokens;

const call = (token = admin.accessToken) => api(runtime.tenant('demo').appUrl, token);

/** Imports a CSV through the API and waits for it. */
const importCsv = async (entity: 'company' | 'contact', text: string) => {
  const bytes = Buffer.from(text, 'utf8');
  const created = await call()('POST', '/api/imports', { entity, fileName: 'x.csv', size: bytes.length });
  await fetch(created.body.upload.url, { method: 'PUT', body: bytes, headers: created.body.upload.headers });
  const id = created.body.job.id;
  expect((await call()('POST', `/api/imports/${id}/analyze`)).status).toBe(200);
  expect((await call()('POST', `/api/imports/${id}/start`)).status).toBe(200);
  await eventually(
    async () => (await call()('GET', `/api/imports/${id}`)).body.status === 'completed',
    'the import',
    60_000,
  );
};

const companies = Array.from({ length: 12 }, (_, i) => fakeCompany(71, 7000 + i));

beforeAll(async () => {
  runtime = await startTestRuntime(['demo']);
  admin = await signIn(runtime, 'demo', 'admin@demo.example');
  await call()('GET', '/api/me');
  await importCsv(
    'company',
    toCsv([
      [...companyCsvHeaders],
      ...companies.map((c, i) => companyCsvRow({ ...c, lifecycleStage: i % 3 === 0 ? 'customer' : 'lead' })),
    ]),
  );
  await importCsv(
    'contact',
    toCsv([
      ['ФИО', 'Должность', 'Компания', 'Телефон', 'E-mail', 'Дата рождения'],
      [
        'Иванов Иван Иванович',
        'Директор, основатель',
        companies[0]?.inn ?? '',
        '8 912 111-22-33',
        'ivanov@x.example',
        '24.11.1985',
      ],
      [
        'Петрова Анна',
        'Бухгалтер',
        companies[1]?.inn ?? '',
        '+7 495 123-45-67',
        'petrova@x.example',
        '01.02',
      ],
    ]),
  );
});
afterAll(async () => runtime?.stop());

/** Starts an export and waits for its download link. */
const exportAndDownload = async (body: unknown) => {
  const started = await call()('POST', '/api/exports', body);
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  expect(started.body.status).toBe('queued');
  const done = await eventually(
    async () => {
      const r = await call()('GET', `/api/exports/${started.body.id}`);
      return r.body.status === 'completed' || r.body.status === 'failed' ? r.body : undefined;
    },
    'the export',
    60_000,
  );
  expect(done.status, JSON.stringify(done)).toBe('completed');
  expect(done.url.startsWith(`${runtime.tenant('demo').appUrl}/_s3/`)).toBe(true);
  const file = await fetch(done.url);
  expect(file.status).toBe(200);
  return { job: done, text: Buffer.from(await file.arrayBuffer()).toString('utf8'), headers: file.headers };
};

describe('POST /api/exports', () => {
  it('checks the request: vCard is for contacts, filters are the list’s', async () => {
    const r = await call()('POST', '/api/exports', { entity: 'company', format: 'vcard' });
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual([expect.objectContaining({ field: 'format' })]);
    const bad = await call()('POST', '/api/exports', { entity: 'company', filters: { stage: 'nonsense' } });
    expect(bad.status).toBe(400);
  });

  it('writes a filtered list to CSV for Excel: BOM, ";", Russian headers, the rows that match', async () => {
    const { job, text, headers } = await exportAndDownload({
      entity: 'company',
      format: 'csv',
      filters: { stage: 'customer' },
      columns: ['name', 'inn', 'phones', 'stage', 'city'],
    });
    expect(job.fileName).toMatch(/^companies-\d{4}-\d{2}-\d{2}\.csv$/);
    // S3 answers with this disposition (the emulator ignores the parameter, so the URL is checked).
    expect(new URL(job.url).searchParams.get('response-content-disposition')).toContain('attachment');
    expect(headers.get('content-type')).toContain('text/csv');
    expect(text.startsWith('\uFEFFНазвание;ИНН;Телефон;Стадия;Город\r\n')).toBe(true);
    const rows = parse(text, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    const customers = companies.filter((_, i) => i % 3 === 0);
    expect(rows.map((r) => r.ИНН).sort()).toEqual(customers.map((c) => c.inn).sort());
    expect(rows.every((r) => r.Стадия === 'Клиент')).toBe(true);
    expect(job.processed).toBe(customers.length);
  });

  it('exports a saved view with its own filters and columns', async () => {
    const view = await call()('POST', '/api/views', {
      entity: 'company',
      name: 'Лиды',
      filters: { stage: 'lead' },
      columns: ['name', 'inn'],
      visibility: 'private',
    });
    expect(view.status, JSON.stringify(view.body)).toBe(201);
    const viewId = view.body.view?.id ?? view.body.id;
    const { text } = await exportAndDownload({ entity: 'company', viewId, locale: 'en' });
    const rows = parse(text, { bom: true, delimiter: ',', columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual(['Name', 'INN']);
    expect(rows).toHaveLength(companies.filter((_, i) => i % 3 !== 0).length);
  });

  it('writes contacts to vCard 4.0 that reads back', async () => {
    const { job, text } = await exportAndDownload({ entity: 'contact', format: 'vcard' });
    expect(job.fileName).toMatch(/\.vcf$/);
    const cards = text
      .replace(/\r\n[ \t]/g, '')
      .split('END:VCARD\r\n')
      .filter(Boolean);
    expect(cards).toHaveLength(2);
    const ivanov = cards.find((c) => c.includes('FN:Иванов Иван Иванович')) ?? '';
    expect(ivanov.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\n')).toBe(true);
    expect(ivanov).toContain('\r\nN:Иванов;Иван;Иванович;;\r\n');
    expect(ivanov).toContain(`\r\nORG:${companies[0]?.name.replace(/([,;])/g, '\\$1')}\r\n`);
    expect(ivanov).toContain('\r\nTITLE:Директор\\, основатель\r\n');
    expect(ivanov).toContain('TEL;VALUE=uri;TYPE="cell";PREF=1:tel:+79121112233');
    expect(ivanov).toContain('\r\nBDAY:19851124\r\n');
    const petrova = cards.find((c) => c.includes('FN:Петрова Анна')) ?? '';
    expect(petrova).toContain('\r\nBDAY:--0201\r\n');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('shows an export only to its creator and managers', async () => {
    const started = await call()('POST', '/api/exports', { entity: 'company' });
    const anna = await signIn(runtime, 'demo', 'anna.smirnova@demo.example');
    expect((await call(anna.accessToken)('GET', `/api/exports/${started.body.id}`)).status).toBe(404);
  });
});
