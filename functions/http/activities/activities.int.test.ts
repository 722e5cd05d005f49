// Calls, meetings and logged e-mails end to end on the emulators: a write → the table stream →
// activity.*.v1 on the bus → project-timeline → entries on every related timeline (a contact's
// also on its company's, a deal's in its own partition for the deal timeline to come),
// idempotent under redelivery; backdating marked; re-dating, relinking and deleting leave
// nothing behind; meetings' staff get attendee items; roles as for notes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusEvent } from '../../../scripts/local/bus/event-bus.ts';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { eventually, startTestRuntime } from '../../../scripts/local/testing.ts';
import {
  type DemoSession,
  demoSession,
  runtimeOptions,
  uniqueInn,
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
  backdated: boolean;
  subjects: { type: string; id: string }[];
  activity?: {
    id: string;
    kind: string;
    call?: unknown;
    meeting?: { title: string };
    email?: { subject: string };
  };
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

const newContact = async (companyId?: string) => {
  const r = await s.as.admin('POST', '/api/contacts', {
    firstName: 'Пётр',
    lastName: uniqueWord(),
    ...(companyId ? { companyId } : {}),
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

const timelineWhen = (type: string, id: string, ready: (items: Entry[]) => boolean, what: string) =>
  eventually(async () => {
    const items = await timeline(type, id);
    return ready(items) ? items : undefined;
  }, what);

const entriesOf = (items: Entry[], activityId: string) => items.filter((e) => e.activity?.id === activityId);

describe('calls, meetings and e-mails on timelines', () => {
  it('shows a call on its contact’s, the contact’s company’s and its deal’s timelines and moves their last activity', async () => {
    const company = await newCompany();
    const contact = await newContact(company.id);
    const deal = await s.as.sales('POST', '/api/deals', {
      title: `Сделка ${uniqueWord()}`,
      companyId: company.id,
      value: { amount: 100_00, currency: 'RUB' },
    });
    expect(deal.status, JSON.stringify(deal.body)).toBe(201);
    const dealId: string = deal.body.deal.id;
    const unknown = await s.as.sales('POST', '/api/activities', {
      kind: 'call',
      contactIds: [contact.id],
      dealId: '01JNOSUCHDEAL0000000000000',
      direction: 'outbound',
      durationSeconds: 60,
      outcome: 'connected',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual([
      { field: 'dealId', message: 'is not a deal of this organisation' },
    ]);
    const r = await s.as.sales('POST', '/api/activities', {
      kind: 'call',
      contactIds: [contact.id],
      dealId,
      direction: 'outbound',
      durationSeconds: 420,
      outcome: 'connected',
      notes: 'Обсудили поставку, ждут КП.',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const at: string = r.body.activity.at;
    expect(r.body.activity).toMatchObject({
      kind: 'call',
      contactIds: [contact.id],
      dealId,
      timelines: [
        { type: 'contact', id: contact.id },
        { type: 'company', id: company.id },
        { type: 'deal', id: dealId },
      ],
      call: { direction: 'outbound', durationSeconds: 420, outcome: 'connected' },
      authorId: s.ids.sales,
      backdated: false,
      version: 1,
    });
    const id = r.body.activity.id;
    for (const [type, record] of [
      ['contact', contact.id],
      ['company', company.id],
    ] as const) {
      const items = await timelineWhen(
        type,
        record,
        (list) => entriesOf(list, id).length === 1,
        `the call on the ${type}`,
      );
      expect(entriesOf(items, id)[0]).toMatchObject({
        kind: 'activity',
        at,
        subjects: [
          { type: 'contact', id: contact.id },
          { type: 'deal', id: dealId },
        ],
        activity: { kind: 'call', call: { outcome: 'connected' } },
      });
    }
    // And on the deal's own timeline, beside the deal's creation.
    const onDeal = await timelineWhen(
      'deal',
      dealId,
      (list) => entriesOf(list, id).length === 1,
      'the call on the deal',
    );
    expect(entriesOf(onDeal, id)[0]).toMatchObject({ kind: 'activity', at, activity: { id } });

    await eventually(async () => {
      const c = (await s.as.admin('GET', `/api/companies/${company.id}`)).body.company;
      return c.lastActivityAt === at ? c : undefined;
    }, 'the company’s last activity');
  });

  it('marks a backdated e-mail in its audit and refuses calls dated ahead, links missing and other kinds’ fields', async () => {
    const company = await newCompany();
    const threeDaysAgo = new Date(Date.now() - 3 * 24 * 3600_000).toISOString();
    const mail = await s.as.support('POST', '/api/activities', {
      kind: 'email',
      companyId: company.id,
      subject: 'Коммерческое предложение',
      body: 'Добрый день! Высылаем КП; ждём ответа.',
      direction: 'outbound',
      at: threeDaysAgo,
    });
    expect(mail.status, JSON.stringify(mail.body)).toBe(201);
    expect(mail.body.activity.backdated).toBe(true);
    const [audit] = await s.partition(`AUDIT#activity#${mail.body.activity.id}`);
    expect(audit).toMatchObject({ action: 'created', backdated: true, effectiveAt: threeDaysAgo });
    const items = await timelineWhen(
      'company',
      company.id,
      (list) => entriesOf(list, mail.body.activity.id).length === 1,
      'the e-mail on the timeline',
    );
    expect(entriesOf(items, mail.body.activity.id)[0]).toMatchObject({
      at: threeDaysAgo,
      backdated: true,
      activity: { email: { subject: 'Коммерческое предложение' } },
    });

    const ahead = await s.as.sales('POST', '/api/activities', {
      kind: 'call',
      companyId: company.id,
      direction: 'inbound',
      durationSeconds: 10,
      outcome: 'busy',
      at: new Date(Date.now() + 3600_000).toISOString(),
    });
    expect(ahead.status).toBe(400);
    expect(ahead.body.error.fields).toEqual([{ field: 'at', message: 'must not be in the future' }]);
    const unlinked = await s.as.sales('POST', '/api/activities', {
      kind: 'email',
      subject: 'x',
      body: 'y',
      direction: 'inbound',
    });
    expect(unlinked.status).toBe(400);
    expect(unlinked.body.error.fields).toEqual([
      { field: 'companyId', message: 'name a company or at least one contact' },
    ]);
    const mixed = await s.as.sales('POST', '/api/activities', {
      kind: 'call',
      companyId: company.id,
      direction: 'inbound',
      durationSeconds: 1.5,
      outcome: 'connected',
      place: 'офис',
    });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      '(body)',
      'durationSeconds',
    ]);
    const missing = await s.as.sales('POST', '/api/activities', {
      kind: 'call',
      companyId: '01NOPE0000000000000000000',
      direction: 'inbound',
      durationSeconds: 1,
      outcome: 'connected',
    });
    expect(missing.status).toBe(404);
  });

  it('plans a meeting ahead with staff attendees, then follows its re-dating, relinking and deletion', async () => {
    const company = await newCompany();
    const first = await newContact(company.id);
    const second = await newContact();
    const start = new Date(Date.now() + 2 * 24 * 3600_000);
    start.setUTCMinutes(0, 0, 0);
    const end = new Date(start.getTime() + 3600_000);
    const r = await s.as.sales('POST', '/api/activities', {
      kind: 'meeting',
      contactIds: [first.id],
      title: 'Встреча в офисе клиента',
      startAt: start.toISOString(),
      endAt: end.toISOString(),
      place: 'Москва, ул. Тверская, 1',
      staffIds: [s.ids.sales, s.ids.manager],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const id = r.body.activity.id;
    expect(r.body.activity).toMatchObject({ at: start.toISOString(), backdated: false });
    const attendees = (await s.partition(`ACTIVITY#${id}`)).filter((i) =>
      String(i.sk).startsWith('ATTENDEE#'),
    );
    expect(attendees.map((a) => a.gsi2pk).sort()).toEqual(
      [`MEETINGS#ATTENDEE#${s.ids.manager}`, `MEETINGS#ATTENDEE#${s.ids.sales}`].sort(),
    );
    await timelineWhen('company', company.id, (list) => entriesOf(list, id).length === 1, 'the meeting');
    // A meeting still ahead is no activity yet.
    expect((await s.as.admin('GET', `/api/companies/${company.id}`)).body.company.lastActivityAt).toBe(
      company.lastActivityAt,
    );

    const badEnd = await s.as.sales('PATCH', `/api/activities/${id}`, {
      expectedVersion: 1,
      endAt: new Date(start.getTime() - 60_000).toISOString(),
    });
    expect(badEnd.status).toBe(400);
    expect(badEnd.body.error.fields).toEqual([{ field: 'endAt', message: 'must be after startAt' }]);

    const later = new Date(start.getTime() + 24 * 3600_000);
    const moved = await s.as.sales('PATCH', `/api/activities/${id}`, {
      expectedVersion: 1,
      startAt: later.toISOString(),
      endAt: new Date(later.getTime() + 1800_000).toISOString(),
      contactIds: [second.id],
      staffIds: [s.ids.sales],
      place: null,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.activity).toMatchObject({
      version: 2,
      at: later.toISOString(),
      contactIds: [second.id],
      timelines: [{ type: 'contact', id: second.id }],
      meeting: { title: 'Встреча в офисе клиента', staffIds: [s.ids.sales] },
    });
    expect(moved.body.activity.meeting.place).toBeUndefined();
    expect(
      (await s.as.sales('PATCH', `/api/activities/${id}`, { expectedVersion: 1, title: 'x' })).status,
    ).toBe(409);
    const links = (await s.partition(`ACTIVITY#${id}`)).filter((i) => String(i.sk).startsWith('ATTENDEE#'));
    expect(links).toEqual([
      expect.objectContaining({ userId: s.ids.sales, startAt: later.toISOString(), version: 2 }),
    ]);

    // It left the company and the first contact, and stands at its new date on the second contact.
    await timelineWhen(
      'company',
      company.id,
      (list) => entriesOf(list, id).length === 0,
      'the meeting to leave',
    );
    await timelineWhen(
      'contact',
      first.id,
      (list) => entriesOf(list, id).length === 0,
      'the meeting to leave',
    );
    const onSecond = await timelineWhen(
      'contact',
      second.id,
      (list) => entriesOf(list, id).length === 1 && entriesOf(list, id)[0]?.at === later.toISOString(),
      'the meeting at its new date',
    );
    expect(entriesOf(onSecond, id)).toHaveLength(1);

    expect((await s.as.support('DELETE', `/api/activities/${id}?expectedVersion=2`)).status).toBe(403);
    expect((await s.as.manager('DELETE', `/api/activities/${id}?expectedVersion=2`)).status).toBe(204);
    await timelineWhen('contact', second.id, (list) => entriesOf(list, id).length === 0, 'the meeting to go');
    expect((await s.partition(`ACTIVITY#${id}`)).filter((i) => String(i.sk).startsWith('ATTENDEE#'))).toEqual(
      [],
    );
    expect((await s.as.sales('GET', `/api/activities/${id}`)).status).toBe(404);
  });

  it('lets support log but not change someone else’s activity, marketing only read', async () => {
    const company = await newCompany();
    const body = {
      kind: 'call',
      companyId: company.id,
      direction: 'inbound',
      durationSeconds: 60,
      outcome: 'voicemail',
    };
    expect((await s.as.marketing('POST', '/api/activities', body)).status).toBe(403);
    const mine = await s.as.support('POST', '/api/activities', body);
    expect(mine.status).toBe(201);
    const id = mine.body.activity.id;
    expect((await s.as.marketing('GET', `/api/activities/${id}`)).body.activity.call.outcome).toBe(
      'voicemail',
    );
    expect(
      (await s.as.sales('PATCH', `/api/activities/${id}`, { expectedVersion: 1, outcome: 'busy' })).status,
    ).toBe(403);
    const edited = await s.as.support('PATCH', `/api/activities/${id}`, {
      expectedVersion: 1,
      outcome: 'busy',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.activity.call).toEqual({ direction: 'inbound', durationSeconds: 60, outcome: 'busy' });
    const [, update] = (await s.partition(`AUDIT#activity#${id}`)).sort((a, b) =>
      String(a.sk).localeCompare(String(b.sk)),
    );
    expect(update?.changes).toEqual([
      {
        field: 'call',
        from: { direction: 'inbound', durationSeconds: 60, outcome: 'voicemail' },
        to: { direction: 'inbound', durationSeconds: 60, outcome: 'busy' },
      },
    ]);
  });

  it('writes each entry once when the bus delivers the same events again', async () => {
    const demo = runtime.tenant('demo');
    const seen: BusEvent[] = [];
    const stop = runtime.bus.subscribe(demo.busName, { source: ['crm.activities'] }, (event: BusEvent) => {
      seen.push(event);
    });
    const company = await newCompany();
    const contact = await newContact(company.id);
    const r = await s.as.sales('POST', '/api/activities', {
      kind: 'email',
      contactIds: [contact.id],
      subject: 'Счёт',
      body: 'Во вложении счёт.',
      direction: 'inbound',
    });
    const id = r.body.activity.id;
    await timelineWhen('company', company.id, (list) => entriesOf(list, id).length === 1, 'the e-mail');
    await s.as.sales('PATCH', `/api/activities/${id}`, { expectedVersion: 1, subject: 'Счёт №5' });
    const events = await eventually(async () => {
      const mine = seen.filter((e) => JSON.stringify(e.detail).includes(id));
      return mine.length >= 2 ? mine : undefined;
    }, 'the logged and updated events');
    stop();
    const settled = await timelineWhen(
      'company',
      company.id,
      (list) =>
        entriesOf(list, id)[0]?.activity?.email?.subject === 'Счёт №5' &&
        list.some((e) => e.kind === 'audit' && e.subjects[0]?.id === contact.id) &&
        list.some((e) => e.kind === 'audit' && e.subjects[0]?.id === company.id),
      'the changed e-mail and the creations of the company and the contact',
    );
    const stored = await s.partition(`TL#company#${company.id}`);
    // Older events delivered again, in any order, change nothing: the newer version stays.
    for (const event of [...events].reverse()) await demo.invoke('project-timeline', event);
    for (const event of events) await demo.invoke('project-timeline', event);
    expect(await s.partition(`TL#company#${company.id}`)).toEqual(stored);
    expect(await timeline('company', company.id)).toEqual(settled);
  });

  it('moves a duplicate company’s activities to the survivor when they are merged', async () => {
    const survivor = await newCompany();
    const duplicate = await newCompany();
    const r = await s.as.sales('POST', '/api/activities', {
      kind: 'call',
      companyId: duplicate.id,
      direction: 'outbound',
      durationSeconds: 30,
      outcome: 'no-answer',
    });
    const id = r.body.activity.id;
    await timelineWhen(
      'company',
      duplicate.id,
      (list) => entriesOf(list, id).length === 1,
      'the call on the duplicate',
    );
    const merged = await s.as.sales('POST', `/api/companies/${survivor.id}/merge`, {
      duplicateId: duplicate.id,
      expectedVersion: 1,
      duplicateVersion: 1,
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    await timelineWhen(
      'company',
      survivor.id,
      (list) => entriesOf(list, id).length === 1,
      'the call on the survivor',
    );
    const moved = await eventually(async () => {
      const a = (await s.as.sales('GET', `/api/activities/${id}`)).body.activity;
      return a.companyId === survivor.id ? a : undefined;
    }, 'the call to name the survivor');
    expect(moved).toMatchObject({ version: 2, timelines: [{ type: 'company', id: survivor.id }] });
  });
});
