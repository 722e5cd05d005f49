// Tasks end to end on the emulators: create, read, change, done, delete with versions and
// audit; "my tasks" for today in the tenant's time zone (Europe/Moscow), overdue and upcoming,
// paged with cursors; who may see and assign what; the private calendar feed, read with no
// token by ical.js as a calendar app would; and the automation switches with the onboarding-call
// automation as a deal.won handler will call it.
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnvironment } from '../../../scripts/local/aws-clients.ts';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { api, eventually, startTestRuntime } from '../../../scripts/local/testing.ts';
import { localDayBounds } from '../../lib/time-zone.ts';
import {
  type Caller,
  type DemoSession,
  demoSession,
  runtimeOptions,
  uniqueInn,
  uniqueWord,
} from '../records/record-test-support.ts';

let runtime: LocalRuntime;
let s: DemoSession;

const timeZone = 'Europe/Moscow';
const minute = 60_000;

/** The runtime's "now" (what the functions see). */
const now = () => runtime.clock.now();

beforeAll(async () => {
  runtime = await startTestRuntime(['demo'], runtimeOptions());
  s = await demoSession(runtime);
  // Keep the tests at least an hour from either end of the tenant's day: "today" stays today.
  const { start, end } = localDayBounds(now(), timeZone);
  if (now().getTime() - start.getTime() < 60 * minute || end.getTime() - now().getTime() < 60 * minute)
    runtime.clock.advance(2 * 60 * minute);
});
afterAll(async () => runtime?.stop());

type Task = { id: string; title: string; dueAt: string; version: number; overdue: boolean; done: boolean };

/** iCalendar times are to the second. */
const toSecond = (iso: string) => `${iso.slice(0, 19)}.000Z`;

const at = (offsetMs: number) => new Date(now().getTime() + offsetMs).toISOString();

const newTask = async (caller: Caller, body: Record<string, unknown>): Promise<Task> => {
  const r = await caller('POST', '/api/tasks', { title: `Задача ${uniqueWord()}`, ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.task;
};

/** Every page of a list, following the cursors, `limit` at a time. */
const allPages = async (caller: Caller, path: string, limit: number): Promise<Task[]> => {
  const items: Task[] = [];
  let cursor: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const r = await caller('GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.items.length).toBeLessThanOrEqual(limit);
    items.push(...r.body.items);
    cursor = r.body.nextCursor;
  } while (cursor);
  return items;
};

describe('tasks', () => {
  it('creates a task with its due time in UTC, reads, changes, completes, reopens and deletes it, versioned and audited', async () => {
    const company = await s.as.admin('POST', '/api/companies', {
      name: `ООО «${uniqueWord()}»`,
      inn: uniqueInn(),
    });
    const r = await s.as.sales('POST', '/api/tasks', {
      title: 'Отправить КП',
      dueAt: '2031-03-02T15:30:00+03:00',
      priority: 'high',
      remindBeforeMinutes: 60,
      companyId: company.body.company.id,
      dealId: '01JDEAL0000000000000000042',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const task = r.body.task;
    expect(task).toMatchObject({
      title: 'Отправить КП',
      dueAt: '2031-03-02T12:30:00.000Z',
      assigneeId: s.ids.sales,
      createdBy: s.ids.sales,
      priority: 'high',
      remindBeforeMinutes: 60,
      remindAt: '2031-03-02T11:30:00.000Z',
      done: false,
      overdue: false,
      version: 1,
    });

    const done = await s.as.sales('PATCH', `/api/tasks/${task.id}`, { expectedVersion: 1, done: true });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.task).toMatchObject({ done: true, doneBy: s.ids.sales, version: 2 });
    expect(Date.parse(done.body.task.doneAt)).toBeGreaterThan(0);
    const [stored] = await s.partition(`TASK#${task.id}`);
    expect(stored?.gsi2pk).toBeUndefined();
    expect(stored?.gsi4pk).toBe(`TASKS#CREATOR#${s.ids.sales}`);
    expect(
      (await s.as.sales('PATCH', `/api/tasks/${task.id}`, { expectedVersion: 1, title: 'x' })).status,
    ).toBe(409);

    const reopened = await s.as.sales('PATCH', `/api/tasks/${task.id}`, {
      expectedVersion: 2,
      done: false,
      dueAt: '2031-03-03T09:00:00Z',
      remindBeforeMinutes: null,
      companyId: null,
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body.task).toMatchObject({ done: false, dueAt: '2031-03-03T09:00:00.000Z', version: 3 });
    expect(reopened.body.task).not.toHaveProperty('doneAt');
    expect(reopened.body.task).not.toHaveProperty('remindBeforeMinutes');
    expect(reopened.body.task).not.toHaveProperty('companyId');
    const audit = (await s.partition(`AUDIT#task#${task.id}`)).sort((a, b) =>
      String(a.sk).localeCompare(String(b.sk)),
    );
    expect(audit.map((a) => a.action)).toEqual(['created', 'updated', 'updated']);
    expect(((audit[2]?.changes ?? []) as { field: string }[]).map((c) => c.field).sort()).toEqual(
      ['companyId', 'done', 'doneAt', 'doneBy', 'dueAt', 'remindBeforeMinutes'].sort(),
    );

    expect((await s.as.sales('DELETE', `/api/tasks/${task.id}?expectedVersion=3`)).status).toBe(204);
    expect((await s.as.sales('GET', `/api/tasks/${task.id}`)).status).toBe(404);
    const [deleted] = await s.partition(`TASK#${task.id}`);
    expect(deleted).toMatchObject({ deletedBy: s.ids.sales });
    expect(Object.keys(deleted ?? {}).filter((k) => k.startsWith('gsi'))).toEqual([]);
  });

  it('refuses bad input naming each field, and links to records that do not exist', async () => {
    const r = await s.as.sales('POST', '/api/tasks', {
      title: '',
      dueAt: 'завтра',
      priority: 'urgent',
      remindBeforeMinutes: -5,
    });
    expect(r.status).toBe(400);
    expect(r.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'dueAt',
      'priority',
      'remindBeforeMinutes',
      'title',
    ]);
    const missing = await s.as.sales('POST', '/api/tasks', {
      title: 'Связь',
      dueAt: at(60 * minute),
      contactId: '01NOPE0000000000000000000',
    });
    expect(missing.status).toBe(404);
  });

  it('lists my tasks for today in the tenant’s time zone, overdue and upcoming, by due time, page by page', async () => {
    const { start, end } = localDayBounds(now(), timeZone);
    const mine = {
      yesterday: await newTask(s.as.sales, { dueAt: new Date(start.getTime() - 60 * minute).toISOString() }),
      earlierToday: await newTask(s.as.sales, { dueAt: at(-30 * minute) }),
      laterToday: await newTask(s.as.sales, { dueAt: at(30 * minute) }),
      tomorrow: await newTask(s.as.sales, { dueAt: new Date(end.getTime() + 60 * minute).toISOString() }),
      nextWeek: await newTask(s.as.sales, {
        dueAt: new Date(end.getTime() + 6 * 24 * 60 * minute).toISOString(),
      }),
    };
    const doneToday = await newTask(s.as.sales, { dueAt: at(10 * minute) });
    await s.as.sales('PATCH', `/api/tasks/${doneToday.id}`, { expectedVersion: 1, done: true });
    // Someone else's task is not in my lists.
    const theirs = await newTask(s.as.manager, { dueAt: at(20 * minute) });

    const ids = new Set([...Object.values(mine), doneToday, theirs].map((t) => t.id));
    const listed = async (list: string) =>
      (await allPages(s.as.sales, `/api/tasks/${list}`, 2)).filter((t) => ids.has(t.id)).map((t) => t.id);
    expect(await listed('today')).toEqual([mine.earlierToday.id, mine.laterToday.id]);
    expect(await listed('overdue')).toEqual([mine.yesterday.id, mine.earlierToday.id]);
    expect(await listed('upcoming')).toEqual([mine.tomorrow.id, mine.nextWeek.id]);
    const today = await allPages(s.as.sales, '/api/tasks/today', 50);
    expect(today.find((t) => t.id === mine.earlierToday.id)?.overdue).toBe(true);
    expect(today.find((t) => t.id === mine.laterToday.id)?.overdue).toBe(false);

    // A manager sees anyone's list; a salesperson does not.
    const annasToday = await allPages(s.as.manager, `/api/tasks/today?assigneeId=${s.ids.sales}`, 50);
    expect(annasToday.map((t) => t.id)).toEqual(
      expect.arrayContaining([mine.earlierToday.id, mine.laterToday.id]),
    );
    expect((await s.as.sales('GET', `/api/tasks/today?assigneeId=${s.ids.manager}`)).status).toBe(403);

    // A cursor of one list is refused by another.
    const page = await s.as.sales('GET', '/api/tasks/overdue?limit=1');
    expect(page.body.nextCursor).toBeDefined();
    const wrong = await s.as.sales('GET', `/api/tasks/upcoming?cursor=${page.body.nextCursor}`);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0].field).toBe('cursor');
  });

  it('lets a salesperson see and change the tasks given to them and those they created, managers all', async () => {
    const forAnna = await newTask(s.as.manager, { dueAt: at(90 * minute), assigneeId: s.ids.sales });
    expect((await s.as.sales('GET', `/api/tasks/${forAnna.id}`)).status).toBe(200);
    expect((await s.as.support('GET', `/api/tasks/${forAnna.id}`)).status).toBe(403);
    expect(
      (await s.as.marketing('PATCH', `/api/tasks/${forAnna.id}`, { expectedVersion: 1, done: true })).status,
    ).toBe(403);
    // Anna may not give it away, nor give new tasks to others; the manager may.
    expect(
      (
        await s.as.sales('PATCH', `/api/tasks/${forAnna.id}`, {
          expectedVersion: 1,
          assigneeId: s.ids.support,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await s.as.sales('POST', '/api/tasks', {
          title: 'Чужая',
          dueAt: at(60 * minute),
          assigneeId: s.ids.support,
        })
      ).status,
    ).toBe(403);
    const given = await s.as.manager('PATCH', `/api/tasks/${forAnna.id}`, {
      expectedVersion: 1,
      assigneeId: s.ids.support,
    });
    expect(given.status).toBe(200);
    expect((await s.as.sales('GET', `/api/tasks/${forAnna.id}`)).status).toBe(403);
    expect((await s.as.support('GET', `/api/tasks/${forAnna.id}`)).status).toBe(200);

    // What Anna created stays hers to see, whoever it is given to; her list of them is newest first.
    const created = await newTask(s.as.sales, { dueAt: at(120 * minute) });
    await s.as.admin('PATCH', `/api/tasks/${created.id}`, { expectedVersion: 1, assigneeId: s.ids.support });
    expect((await s.as.sales('GET', `/api/tasks/${created.id}`)).status).toBe(200);
    const later = await newTask(s.as.sales, { dueAt: at(10 * minute) });
    const mineCreated = (await allPages(s.as.sales, '/api/tasks/created', 2)).map((t) => t.id);
    expect(mineCreated.indexOf(later.id)).toBeLessThan(mineCreated.indexOf(created.id));
    expect(mineCreated).not.toContain(forAnna.id);
    expect((await s.as.sales('GET', `/api/tasks/created?createdBy=${s.ids.manager}`)).status).toBe(403);
    expect(
      (await allPages(s.as.admin, `/api/tasks/created?createdBy=${s.ids.manager}`, 50)).map((t) => t.id),
    ).toContain(forAnna.id);
  });
});

describe('the calendar feed', () => {
  it('lists my open tasks and my meetings for a calendar app holding the URL, until rotated or revoked', async () => {
    const feedBefore = await s.as.sales('GET', '/api/calendar-feed');
    expect(feedBefore.body.feed.active).toBe(false);
    const task = await newTask(s.as.sales, {
      title: 'Подписать договор; проверить реквизиты, печать',
      dueAt: at(26 * 60 * minute),
      remindBeforeMinutes: 15,
    });
    const doneTask = await newTask(s.as.sales, { dueAt: at(27 * 60 * minute) });
    await s.as.sales('PATCH', `/api/tasks/${doneTask.id}`, { expectedVersion: 1, done: true });
    const company = await s.as.admin('POST', '/api/companies', {
      name: `ООО «${uniqueWord()}»`,
      inn: uniqueInn(),
    });
    const meetingStart = new Date(now().getTime() + 3 * 24 * 60 * minute);
    const meeting = await s.as.manager('POST', '/api/activities', {
      kind: 'meeting',
      companyId: company.body.company.id,
      title: 'Переговоры о поставке',
      startAt: meetingStart.toISOString(),
      endAt: new Date(meetingStart.getTime() + 90 * minute).toISOString(),
      place: 'Офис клиента',
      staffIds: [s.ids.sales, s.ids.manager],
    });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);

    const issued = await s.as.sales('POST', '/api/calendar-feed');
    expect(issued.status).toBe(201);
    const url = new URL(issued.body.feed.url);
    expect(url.pathname).toMatch(/^\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = url.pathname.slice('/api/calendar/'.length, -'.ics'.length);
    // Only the token's hash is stored.
    const feedItem = (await s.partition(`USER#${s.ids.sales}`)).find((i) => i.sk === 'CALENDAR-FEED');
    expect(JSON.stringify(feedItem)).not.toContain(token);
    expect((await s.as.sales('GET', '/api/calendar-feed')).body.feed).toEqual({
      active: true,
      issuedAt: issued.body.feed.issuedAt,
    });

    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await feed.text();
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const byUid = new Map(events.map((e) => [e.uid, e]));
    const taskEvent = byUid.get(`task-${task.id}@crm-demo`);
    expect(taskEvent?.summary).toBe('Задача: Подписать договор; проверить реквизиты, печать');
    expect(taskEvent?.startDate.toJSDate().toISOString()).toBe(toSecond(task.dueAt));
    expect(taskEvent?.sequence).toBe(1);
    expect(byUid.has(`task-${doneTask.id}@crm-demo`)).toBe(false);
    const meetingEvent = byUid.get(`meeting-${meeting.body.activity.id}@crm-demo`);
    expect(meetingEvent?.summary).toBe('Переговоры о поставке');
    expect(meetingEvent?.location).toBe('Офис клиента');
    expect(meetingEvent?.startDate.toJSDate().toISOString()).toBe(toSecond(meetingStart.toISOString()));
    // The manager's feed does not show Anna's task, but the meeting they share.
    const managerFeed = await s.as.manager('POST', '/api/calendar-feed');
    const managerText = await (await fetch(managerFeed.body.feed.url)).text();
    expect(managerText).not.toContain(task.id);
    expect(managerText).toContain(meeting.body.activity.id);

    // A re-dated task keeps its UID with a higher SEQUENCE.
    await s.as.sales('PATCH', `/api/tasks/${task.id}`, { expectedVersion: 1, dueAt: at(30 * 60 * minute) });
    const redated = new ICAL.Component(ICAL.parse(await (await fetch(url)).text()))
      .getAllSubcomponents('vevent')
      .map((e) => new ICAL.Event(e))
      .find((e) => e.uid === `task-${task.id}@crm-demo`);
    expect(redated?.sequence).toBe(2);

    const rotated = await s.as.sales('POST', '/api/calendar-feed');
    expect(rotated.body.feed.url).not.toBe(issued.body.feed.url);
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(rotated.body.feed.url)).status).toBe(200);
    expect((await s.as.sales('DELETE', '/api/calendar-feed')).status).toBe(204);
    expect((await fetch(rotated.body.feed.url)).status).toBe(404);
    expect((await s.as.sales('GET', '/api/calendar-feed')).body.feed).toEqual({ active: false });
    expect((await s.as.sales('DELETE', '/api/calendar-feed')).status).toBe(204);

    const gateway = api(runtime.tenant('demo').appUrl);
    expect((await gateway('GET', '/api/calendar/not-a-token.ics')).status).toBe(404);
    expect((await gateway('GET', `/api/calendar/${token}`)).status).toBe(404);
    expect((await gateway('POST', '/api/calendar-feed')).status).toBe(401);
  });
});

describe('automations', () => {
  it('are off until an administrator turns them on; a won deal then gets one onboarding call for its owner', async () => {
    expect((await s.as.sales('GET', '/api/settings/automations')).body).toEqual({
      automations: { onboardingCallOnWin: false },
      version: 0,
    });
    // The domain function a deal.won.v1 handler calls, run here as the handler's function would.
    const demo = runtime.tenant('demo');
    Object.assign(process.env, {
      ...emulatorEnvironment(runtime.endpoints, demo.tenant.region),
      TABLE_NAME: demo.tableName,
      CRM_CLOCK_OFFSET_MS: String(runtime.clock.offsetMs),
    });
    const { createOnboardingCallTask } = await import('../../domain/automations/onboarding-call.ts');
    const deal = {
      dealId: `01JDEAL${uniqueWord().toUpperCase().slice(1, 12)}`,
      title: 'Поставка ноутбуков',
      ownerId: s.ids.sales,
    };
    const tenant = { timezone: timeZone, locale: 'ru' as const };
    expect(await createOnboardingCallTask(deal, now().toISOString(), tenant)).toEqual({ status: 'off' });

    expect(
      (
        await s.as.manager('PATCH', '/api/settings/automations', {
          expectedVersion: 0,
          onboardingCallOnWin: true,
        })
      ).status,
    ).toBe(403);
    const on = await s.as.admin('PATCH', '/api/settings/automations', {
      expectedVersion: 0,
      onboardingCallOnWin: true,
    });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    expect(on.body).toEqual({ automations: { onboardingCallOnWin: true }, version: 1 });
    expect(
      (
        await s.as.admin('PATCH', '/api/settings/automations', {
          expectedVersion: 0,
          onboardingCallOnWin: false,
        })
      ).status,
    ).toBe(409);
    expect(
      (await s.as.admin('PATCH', '/api/settings/automations', { expectedVersion: 1, other: true })).status,
    ).toBe(400);

    const first = await createOnboardingCallTask(deal, now().toISOString(), tenant);
    const again = await createOnboardingCallTask(deal, now().toISOString(), tenant);
    expect(first.status).toBe('created');
    expect(again.status).toBe('existed');
    if (first.status === 'off' || again.status === 'off') throw new Error('the automation is on');
    expect(again.task.id).toBe(first.task.id);
    const task = (await s.as.sales('GET', `/api/tasks/${first.task.id}`)).body.task;
    expect(task).toMatchObject({
      title: 'Онбординг-звонок: Поставка ноутбуков',
      assigneeId: s.ids.sales,
      dealId: deal.dealId,
      priority: 'high',
      source: 'automation:onboarding-call',
      createdBy: 'system:automations',
    });
    const upcoming = await allPages(s.as.sales, '/api/tasks/upcoming', 100);
    expect(upcoming.filter((t) => t.id === task.id)).toHaveLength(1);
    // Its reminder is scheduled like any task's.
    await eventually(
      async () => runtime.scheduler.listSchedules({ namePrefix: `task-reminder-${task.id}` }).length === 1,
      'the onboarding call’s reminder schedule',
    );
  });
});
