// Notes, the timeline projection and attachments, end to end on the emulators: a write →
// the table stream → audit.recorded.v1 / note.*.v1 on the bus → project-timeline → timeline
// entries (a contact's also on its company's), idempotent under redelivery; backdated notes;
// lastActivityAt and companyName kept current; files uploaded and downloaded through the
// gateway's /_s3 with presigned URLs, checked on completion, limits refused.
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClients } from '../../../scripts/local/aws-clients.ts';
import type { BusEvent } from '../../../scripts/local/bus/event-bus.ts';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { eventually, startTestRuntime } from '../../../scripts/local/testing.ts';
import {
  type DemoSession,
  demoSession,
  runtimeOptions,
  uniqueInn,
  uniquePhone,
  uniqueWord,
} from '../records/record-test-support.ts';

let runtime: LocalRuntime;
let s: DemoSession;

beforeAll(async () => {
  runtime = await startTestRuntime(['demo'], runtimeOptions());
  s = await demoSession(runtime);
});
afterAll(async () => runtime?.stop());

type Entry = {
  id: string;
  kind: string;
  at: string;
  action?: string;
  backdated: boolean;
  subjects: { type: string; id: string }[];
  note?: { id: string; text: string };
};

const newCompany = async () => {
  const r = await s.as.admin('POST', '/api/companies', {
    name: `ООО «${uniqueWord()}»`,
    inn: uniqueInn(),
    ownerId: s.ids.sales,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.company;
};

const newContact = async (companyId: string) => {
  const r = await s.as.admin('POST', '/api/contacts', {
    firstName: 'Ольга',
    lastName: uniqueWord(),
    companyId,
    phones: [{ value: uniquePhone() }],
    ownerId: s.ids.sales,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.contact;
};

const timeline = async (type: string, id: string): Promise<Entry[]> => {
  const r = await s.as.marketing('GET', `/api/timeline/${type}/${id}?limit=100`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items;
};

/** Waits until the timeline satisfies `ready`, and returns it. */
const timelineWhen = (type: string, id: string, ready: (items: Entry[]) => boolean, what: string) =>
  eventually(async () => {
    const items = await timeline(type, id);
    return ready(items) ? items : undefined;
  }, what);

const noteEntries = (items: Entry[], noteId: string) => items.filter((e) => e.note?.id === noteId);

describe('notes and the timeline', () => {
  it('shows a contact’s note and changes on the contact’s and its company’s timelines, newest first', async () => {
    const company = await newCompany();
    const contact = await newContact(company.id);
    const note = await s.as.support('POST', '/api/notes', {
      subjects: [{ type: 'contact', id: contact.id }],
      text: 'Клиент просит перезвонить после обеда.',
    });
    expect(note.status, JSON.stringify(note.body)).toBe(201);
    expect(note.body.note).toMatchObject({
      subjects: [{ type: 'contact', id: contact.id }],
      alsoOn: [{ type: 'company', id: company.id }],
      authorId: s.ids.support,
      backdated: false,
      version: 1,
    });
    const noteId = note.body.note.id;

    const onCompany = await timelineWhen(
      'company',
      company.id,
      (items) =>
        noteEntries(items, noteId).length === 1 &&
        items.some((e) => e.kind === 'audit' && e.subjects[0]?.type === 'contact'),
      'the note and the contact’s creation on the company’s timeline',
    );
    expect(onCompany[0]).toMatchObject({
      kind: 'note',
      note: { text: 'Клиент просит перезвонить после обеда.' },
    });
    expect(onCompany.map((e) => e.at)).toEqual([...onCompany.map((e) => e.at)].sort().reverse());
    expect(
      onCompany.filter((e) => e.kind === 'audit').map((e) => `${e.subjects[0]?.type}:${e.action}`),
    ).toEqual(expect.arrayContaining(['company:created', 'contact:created']));
    const onContact = await timelineWhen(
      'contact',
      contact.id,
      (items) => noteEntries(items, noteId).length === 1,
      'the note on the contact’s timeline',
    );
    expect(onContact.some((e) => e.kind === 'audit' && e.action === 'created')).toBe(true);

    // The note is the latest activity of both records.
    const at = note.body.note.at;
    await eventually(async () => {
      const [c, p] = await Promise.all([
        s.as.admin('GET', `/api/companies/${company.id}`),
        s.as.admin('GET', `/api/contacts/${contact.id}`),
      ]);
      return c.body.company.lastActivityAt === at && p.body.contact.lastActivityAt === at ? true : undefined;
    }, 'lastActivityAt of the company and the contact');
    // A projection, not an edit: versions stay, so nobody's open form goes stale.
    expect((await s.as.admin('GET', `/api/companies/${company.id}`)).body.company.version).toBe(1);
  });

  it('marks a backdated note in the audit and sorts it at its own date, leaving lastActivityAt alone', async () => {
    const company = await newCompany();
    const threeDaysAgo = new Date(Date.now() - 3 * 24 * 3600 * 1000).toISOString();
    const r = await s.as.sales('POST', '/api/notes', {
      subjects: [{ type: 'company', id: company.id }],
      text: 'Встреча в офисе клиента (внесено задним числом).',
      at: threeDaysAgo,
    });
    expect(r.status).toBe(201);
    expect(r.body.note.backdated).toBe(true);
    const [entry] = await s.partition(`AUDIT#note#${r.body.note.id}`);
    expect(entry).toMatchObject({ action: 'created', backdated: true, effectiveAt: threeDaysAgo });

    const items = await timelineWhen(
      'company',
      company.id,
      (list) => noteEntries(list, r.body.note.id).length === 1,
      'the backdated note on the timeline',
    );
    expect(items.at(-1)).toMatchObject({ kind: 'note', at: threeDaysAgo, backdated: true });
    await new Promise((done) => setTimeout(done, 500));
    expect((await s.as.admin('GET', `/api/companies/${company.id}`)).body.company.lastActivityAt).toBe(
      company.lastActivityAt,
    );

    const future = await s.as.sales('POST', '/api/notes', {
      subjects: [{ type: 'company', id: company.id }],
      text: 'Из будущего',
      at: new Date(Date.now() + 24 * 3600 * 1000).toISOString(),
    });
    expect(future.status).toBe(400);
    expect(future.body.error.fields).toEqual([{ field: 'at', message: 'must not be in the future' }]);
  });

  it('does not duplicate entries when the bus delivers the same events again', async () => {
    const demo = runtime.tenant('demo');
    const seen: BusEvent[] = [];
    const stop = runtime.bus.subscribe(
      demo.busName,
      { source: ['crm.notes', 'crm.audit'] },
      (event: BusEvent) => {
        seen.push(event);
      },
    );
    const company = await newCompany();
    const note = await s.as.sales('POST', '/api/notes', {
      subjects: [{ type: 'company', id: company.id }],
      text: 'Отправили коммерческое предложение.',
    });
    const before = await timelineWhen(
      'company',
      company.id,
      (items) => noteEntries(items, note.body.note.id).length === 1 && items.length >= 2,
      'the note and the creation on the timeline',
    );
    const mine = await eventually(async () => {
      const events = seen.filter((e) => JSON.stringify(e.detail).includes(company.id));
      return events.length >= 2 ? events : undefined;
    }, 'the events of the company');
    stop();
    for (let i = 0; i < 3; i++) for (const event of mine) await demo.invoke('project-timeline', event);
    const stored = await s.partition(`TL#company#${company.id}`);
    expect(stored).toHaveLength(before.length);
    expect(await timeline('company', company.id)).toEqual(before);
  });

  it('follows a note’s changes: new text, a new date, deletion — by its author or a manager only', async () => {
    const company = await newCompany();
    const created = await s.as.sales('POST', '/api/notes', {
      subjects: [{ type: 'company', id: company.id }],
      text: 'Первый вариант',
    });
    const id = created.body.note.id;
    await timelineWhen('company', company.id, (items) => noteEntries(items, id).length === 1, 'the note');

    expect(
      (await s.as.support('PATCH', `/api/notes/${id}`, { expectedVersion: 1, text: 'Чужая правка' })).status,
    ).toBe(403);
    const yesterday = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
    const edited = await s.as.sales('PATCH', `/api/notes/${id}`, {
      expectedVersion: 1,
      text: 'Исправлено',
      at: yesterday,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.note).toMatchObject({
      text: 'Исправлено',
      at: yesterday,
      backdated: true,
      version: 2,
    });
    expect((await s.as.sales('PATCH', `/api/notes/${id}`, { expectedVersion: 1, text: 'x' })).status).toBe(
      409,
    );

    const moved = await timelineWhen(
      'company',
      company.id,
      // The new entry and the old one's tombstone are two writes: wait for both.
      (items) => {
        const entries = noteEntries(items, id);
        return entries.length === 1 && entries[0]?.note?.text === 'Исправлено';
      },
      'the edited note, at its new date only',
    );
    expect(noteEntries(moved, id)).toEqual([expect.objectContaining({ at: yesterday })]);

    expect((await s.as.manager('DELETE', `/api/notes/${id}?expectedVersion=2`)).status).toBe(204);
    await timelineWhen(
      'company',
      company.id,
      (items) => noteEntries(items, id).length === 0,
      'the note to go',
    );
    expect((await s.as.manager('PATCH', `/api/notes/${id}`, { expectedVersion: 3, text: 'x' })).status).toBe(
      404,
    );
  });

  it('refreshes the company name on its contacts when the company is renamed', async () => {
    const company = await newCompany();
    const contact = await newContact(company.id);
    const name = `АО «${uniqueWord()}»`;
    const renamed = await s.as.sales('PATCH', `/api/companies/${company.id}`, { expectedVersion: 1, name });
    expect(renamed.status).toBe(200);
    const refreshed = await eventually(async () => {
      const c = (await s.as.admin('GET', `/api/contacts/${contact.id}`)).body.contact;
      return c.companyName === name ? c : undefined;
    }, 'the contact’s company name');
    expect(refreshed.version).toBe(1);
  });

  it('answers 404 for the timeline of a deleted record and 400 for an unknown record type', async () => {
    const company = await newCompany();
    await s.as.admin('DELETE', `/api/companies/${company.id}?expectedVersion=1`);
    expect((await s.as.admin('GET', `/api/timeline/company/${company.id}`)).status).toBe(404);
    expect((await s.as.admin('GET', `/api/timeline/invoice/${company.id}`)).status).toBe(400);
  });
});

describe('attachments', () => {
  const pdf = Buffer.from('%PDF-1.4\n% Договор поставки\n');

  const announce = (subject: { type: string; id: string }, overrides: Record<string, unknown> = {}) =>
    s.as.sales('POST', '/api/attachments', {
      subject,
      fileName: 'Договор №5 (скан).pdf',
      size: pdf.length,
      contentType: 'application/pdf',
      ...overrides,
    });

  it('uploads through the gateway, completes, lists, downloads under its own name and deletes', async () => {
    const demo = runtime.tenant('demo');
    const company = await newCompany();
    const subject = { type: 'company', id: company.id };
    const r = await announce(subject);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.attachment).toMatchObject({
      status: 'pending',
      size: pdf.length,
      fileName: 'Договор №5 (скан).pdf',
    });
    const { url, headers, method } = r.body.upload;
    expect(method).toBe('PUT');
    expect(url.startsWith(`${demo.appUrl}/_s3/${demo.filesBucket}/`)).toBe(true);
    expect(new URL(url).searchParams.get('X-Amz-SignedHeaders')).toContain('content-type');

    const id = r.body.attachment.id;
    expect((await s.as.sales('POST', `/api/attachments/${id}/complete`)).status).toBe(409);
    expect(
      (await s.as.sales('GET', `/api/attachments?subjectType=company&subjectId=${company.id}`)).body.items,
    ).toEqual([]);
    const put = await fetch(url, { method: 'PUT', body: pdf, headers });
    expect(put.status).toBe(200);
    expect((await s.as.support('POST', `/api/attachments/${id}/complete`)).status).toBe(403);
    const done = await s.as.sales('POST', `/api/attachments/${id}/complete`);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.attachment).toMatchObject({ status: 'ready', version: 2 });

    const list = await s.as.marketing('GET', `/api/attachments?subjectType=company&subjectId=${company.id}`);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id,
        fileName: 'Договор №5 (скан).pdf',
        size: pdf.length,
        createdBy: s.ids.sales,
      }),
    ]);
    const link = await s.as.marketing('GET', `/api/attachments/${id}/download`);
    expect(link.status).toBe(200);
    expect(link.body.url.startsWith(`${demo.appUrl}/_s3/`)).toBe(true);
    const file = await fetch(link.body.url);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
    expect(
      decodeURIComponent(new URL(link.body.url).searchParams.get('response-content-disposition') ?? ''),
    ).toContain("filename*=UTF-8''");

    await timelineWhen(
      'company',
      company.id,
      (items) => items.some((e) => e.subjects[0]?.type === 'attachment'),
      'the file on the timeline',
    );

    expect((await s.as.marketing('DELETE', `/api/attachments/${id}`)).status).toBe(403);
    expect((await s.as.sales('DELETE', `/api/attachments/${id}`)).status).toBe(204);
    expect(
      (await s.as.sales('GET', `/api/attachments?subjectType=company&subjectId=${company.id}`)).body.items,
    ).toEqual([]);
    expect((await s.as.sales('GET', `/api/attachments/${id}/download`)).status).toBe(404);
    const { s3 } = localClients(runtime.endpoints, 'eu-central-1');
    await expect(
      s3.send(new HeadObjectCommand({ Bucket: demo.filesBucket, Key: `attachments/${id}` })),
    ).rejects.toThrow();
  });

  it('refuses files over 25 MB, types off the allow-list and unsafe names, naming each field', async () => {
    const company = await newCompany();
    const r = await announce(
      { type: 'company', id: company.id },
      { size: 25 * 1024 * 1024 + 1, contentType: 'text/html', fileName: '../evil.html' },
    );
    expect(r.status).toBe(400);
    expect(r.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'contentType',
      'fileName',
      'size',
    ]);
    const zip = await announce(
      { type: 'company', id: company.id },
      { contentType: 'application/zip', fileName: 'a.zip' },
    );
    expect(zip.status).toBe(201);
    const onDeleted = await announce({ type: 'company', id: '01NOPE0000000000000000000' });
    expect(onDeleted.status).toBe(404);
  });

  it('refuses and removes an upload that is not the announced file', async () => {
    const demo = runtime.tenant('demo');
    const company = await newCompany();
    const r = await announce({ type: 'company', id: company.id });
    const id = r.body.attachment.id;
    // Another body than announced, as a client that ignores the signed headers could send.
    const { s3 } = localClients(runtime.endpoints, 'eu-central-1');
    await s3.send(
      new PutObjectCommand({
        Bucket: demo.filesBucket,
        Key: `attachments/${id}`,
        Body: Buffer.concat([pdf, Buffer.from('лишнее')]),
        ContentType: 'text/plain',
      }),
    );
    const refused = await s.as.sales('POST', `/api/attachments/${id}/complete`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'contentType',
      'size',
    ]);
    await expect(
      s3.send(new GetObjectCommand({ Bucket: demo.filesBucket, Key: `attachments/${id}` })),
    ).rejects.toThrow();
    expect(await s.partition(`ATTACHMENT#${id}`)).toEqual([]);
    expect((await s.as.sales('POST', `/api/attachments/${id}/complete`)).status).toBe(404);
  });
});

describe('merge moves activity', () => {
  it('moves the duplicate’s notes, files and timeline to the survivor, once', async () => {
    const demo = runtime.tenant('demo');
    const survivor = await newCompany();
    const duplicate = await newCompany();
    const note = await s.as.sales('POST', '/api/notes', {
      subjects: [{ type: 'company', id: duplicate.id }],
      text: 'Заметка на дубле',
    });
    const file = Buffer.from('дубль');
    const announced = await s.as.sales('POST', '/api/attachments', {
      subject: { type: 'company', id: duplicate.id },
      fileName: 'дубль.txt',
      size: file.length,
      contentType: 'text/plain',
    });
    await fetch(announced.body.upload.url, {
      method: 'PUT',
      body: file,
      headers: announced.body.upload.headers,
    });
    expect(
      (await s.as.sales('POST', `/api/attachments/${announced.body.attachment.id}/complete`)).status,
    ).toBe(200);
    await timelineWhen(
      'company',
      duplicate.id,
      (items) => noteEntries(items, note.body.note.id).length === 1,
      'the note on the duplicate',
    );

    const merged = await s.as.sales('POST', `/api/companies/${survivor.id}/merge`, {
      duplicateId: duplicate.id,
      expectedVersion: 1,
      duplicateVersion: 1,
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);

    const files = await eventually(async () => {
      const r = await s.as.sales('GET', `/api/attachments?subjectType=company&subjectId=${survivor.id}`);
      return r.body.items.length === 1 ? r.body.items : undefined;
    }, 'the file to move');
    expect(files[0]).toMatchObject({ id: announced.body.attachment.id, fileName: 'дубль.txt' });
    const items = await timelineWhen(
      'company',
      survivor.id,
      (list) => noteEntries(list, note.body.note.id).length === 1 && list.some((e) => e.action === 'merged'),
      'the note and the merge on the survivor’s timeline',
    );
    expect(items.filter((e) => e.subjects[0]?.id === duplicate.id && e.action === 'created')).toHaveLength(1);
    const [moved] = await s.partition(`NOTE#${note.body.note.id}`);
    expect(moved?.subjects).toEqual([{ type: 'company', id: survivor.id }]);
    const job = await eventually(async () => {
      const [j] = await s.partition(`MERGE#company#${duplicate.id}`);
      return j?.status === 'done' ? j : undefined;
    }, 'the merge job to finish');
    expect(job.moved).toBeGreaterThanOrEqual(2);

    // A slice delivered again (or late) moves nothing twice.
    const noteVersion = moved?.version;
    await demo.invoke('relink-merged', {
      version: '0',
      id: 'replayed',
      'detail-type': 'merge.relink-requested.v1',
      source: 'crm.records',
      account: '000000000000',
      time: new Date().toISOString(),
      region: 'eu-central-1',
      resources: [],
      detail: {
        type: 'company',
        duplicateId: duplicate.id,
        survivorId: survivor.id,
        slice: 0,
        at: job.createdAt,
      },
    });
    expect((await s.partition(`NOTE#${note.body.note.id}`))[0]?.version).toBe(noteVersion);
    expect(
      (await s.as.sales('GET', `/api/attachments?subjectType=company&subjectId=${survivor.id}`)).body.items,
    ).toHaveLength(1);
  });
});
