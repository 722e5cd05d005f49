// Task reminders and the overdue report, living through hours in seconds with the runtime's
// clock: a reminder is a one-off schedule in the tenant's group, created, moved when the task is
// re-dated and deleted when it is done or deleted; when it fires, the assignee gets an in-app
// notification and an e-mail (through notification.created → SES), once, however often the
// event comes, and a stale one is ignored. The periodic scan reports a task overdue once per
// due time (task.overdue.v1 on the bus, an in-app notice), never a done one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusEvent } from '../../../scripts/local/bus/event-bus.ts';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { eventually, sentEmails, startTestRuntime } from '../../../scripts/local/testing.ts';
import { atExpression } from '../../domain/tasks/reminder-plan.ts';
import {
  type DemoSession,
  demoSession,
  runtimeOptions,
  staffEmails,
  uniqueWord,
} from '../records/record-test-support.ts';

let runtime: LocalRuntime;
let s: DemoSession;

const minute = 60_000;
const group = 'crm-demo';

beforeAll(async () => {
  runtime = await startTestRuntime(['demo'], runtimeOptions());
  s = await demoSession(runtime);
  // Anna's profile (created on her first visit) is where her e-mail address and wishes are.
  expect((await s.as.sales('GET', '/api/me')).body.user.emailNotifications).toBe(true);
});
afterAll(async () => runtime?.stop());

/** An instant this far from the runtime's "now", to the second. */
const fromNow = (ms: number) => new Date(Math.ceil((runtime.clock.nowMs() + ms) / 1000) * 1000);

const reminderOf = (taskId: string) =>
  runtime.scheduler.listSchedules({ groupName: group, namePrefix: `task-reminder-${taskId}` })[0];

type Notification = { id: string; kind: string; params: Record<string, string>; email: boolean };

const notificationsOf = async (taskId: string, kind: string): Promise<Notification[]> => {
  const r = await s.as.sales('GET', '/api/notifications?limit=100');
  expect(r.status).toBe(200);
  return r.body.items.filter((n: Notification) => n.kind === kind && n.params.taskId === taskId);
};

const newTask = async (body: Record<string, unknown>) => {
  const r = await s.as.sales('POST', '/api/tasks', { title: `Перезвонить ${uniqueWord()}`, ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.task as { id: string; title: string; dueAt: string; version: number };
};

const reminderEvent = (detail: Record<string, string>) => ({
  version: '0',
  id: `replayed-${uniqueWord()}`,
  'detail-type': 'task.reminder-due.v1',
  source: 'crm.tasks',
  account: '000000000000',
  time: runtime.clock.now().toISOString(),
  region: 'eu-central-1',
  resources: [],
  detail,
});

describe('reminders', () => {
  it('fire at the chosen time before the due time, moved when the task is re-dated: one notification and one e-mail', async () => {
    const firstDue = fromNow(3 * 60 * minute);
    const task = await newTask({ dueAt: firstDue.toISOString(), remindBeforeMinutes: 60 });
    const scheduled = await eventually(async () => reminderOf(task.id), 'the reminder schedule');
    expect(scheduled).toMatchObject({
      expression: atExpression(new Date(firstDue.getTime() - 60 * minute)),
      timezone: 'UTC',
      actionAfterCompletion: 'DELETE',
      target: { kind: 'put-events', eventBusName: 'crm-demo', detailType: 'task.reminder-due.v1' },
    });

    const due = fromNow(4 * 60 * minute);
    const moved = await s.as.sales('PATCH', `/api/tasks/${task.id}`, {
      expectedVersion: 1,
      dueAt: due.toISOString(),
    });
    expect(moved.status).toBe(200);
    const expression = atExpression(new Date(due.getTime() - 60 * minute));
    await eventually(async () => reminderOf(task.id)?.expression === expression, 'the schedule to move');
    expect(runtime.scheduler.listSchedules({ namePrefix: `task-reminder-${task.id}` })).toHaveLength(1);

    // Three hours and a minute later the reminder (due − 60 min) has fired, the first time too late.
    runtime.clock.advance(3 * 60 * minute + minute);
    const [notification] = await eventually(async () => {
      const found = await notificationsOf(task.id, 'task-reminder');
      return found.length > 0 ? found : undefined;
    }, 'the reminder notification');
    expect(notification).toMatchObject({
      email: true,
      params: { title: task.title, dueAt: due.toISOString() },
    });
    const mail = await eventually(async () => {
      const found = (await sentEmails(runtime)).filter((m) => m.subject === `Напоминание: ${task.title}`);
      return found.length > 0 ? found : undefined;
    }, 'the reminder e-mail');
    expect(mail).toHaveLength(1);
    expect(mail[0]?.destination.to).toEqual([staffEmails.sales]);
    expect(mail[0]?.body.text).toContain(`/tasks/${task.id}`);
    // A one-off schedule deletes itself once it has fired.
    await eventually(async () => reminderOf(task.id) === undefined, 'the fired schedule to go');

    // The same reminder delivered again, and a stale one for the old due time, notify nobody.
    const demo = runtime.tenant('demo');
    const detail = {
      taskId: task.id,
      dueAt: due.toISOString(),
      remindAt: new Date(due.getTime() - 60 * minute).toISOString(),
    };
    await demo.invoke('notify-tasks', reminderEvent(detail));
    await demo.invoke('notify-tasks', reminderEvent({ ...detail, dueAt: firstDue.toISOString() }));
    await new Promise((done) => setTimeout(done, 1500));
    expect(await notificationsOf(task.id, 'task-reminder')).toHaveLength(1);
    expect(
      (await sentEmails(runtime)).filter((m) => m.subject === `Напоминание: ${task.title}`),
    ).toHaveLength(1);
  });

  it('are cancelled when the task is done or deleted, and come back when it is reopened', async () => {
    const done = await newTask({ dueAt: fromNow(2 * 60 * minute).toISOString(), remindBeforeMinutes: 30 });
    const deleted = await newTask({ dueAt: fromNow(2 * 60 * minute).toISOString(), remindBeforeMinutes: 30 });
    await eventually(async () => reminderOf(done.id) && reminderOf(deleted.id), 'both reminder schedules');

    expect(
      (await s.as.sales('PATCH', `/api/tasks/${done.id}`, { expectedVersion: 1, done: true })).status,
    ).toBe(200);
    expect((await s.as.sales('DELETE', `/api/tasks/${deleted.id}?expectedVersion=1`)).status).toBe(204);
    await eventually(
      async () => !reminderOf(done.id) && !reminderOf(deleted.id),
      'both schedules to be deleted',
    );

    expect(
      (await s.as.sales('PATCH', `/api/tasks/${done.id}`, { expectedVersion: 2, done: false })).status,
    ).toBe(200);
    await eventually(async () => reminderOf(done.id), 'the reopened task’s reminder');
    expect(
      (await s.as.sales('PATCH', `/api/tasks/${done.id}`, { expectedVersion: 3, remindBeforeMinutes: null }))
        .status,
    ).toBe(200);
    await eventually(async () => !reminderOf(done.id), 'the removed reminder’s schedule to go');
  });
});

describe('the overdue report', () => {
  it('reports an open task once per due time through the periodic scan, and never a done one', async () => {
    const demo = runtime.tenant('demo');
    const seen: BusEvent[] = [];
    const stop = runtime.bus.subscribe(
      demo.busName,
      { 'detail-type': ['task.overdue.v1'] },
      (event: BusEvent) => {
        seen.push(event);
      },
    );
    const reports = (taskId: string) =>
      seen.filter((e) => (e.detail as { task: { taskId: string } }).task.taskId === taskId);
    const markers = async (taskId: string) =>
      (await s.partition(`TASK#${taskId}`)).filter((i) => String(i.sk).startsWith('OVERDUE#'));

    const open = await newTask({ dueAt: fromNow(10 * minute).toISOString() });
    const finished = await newTask({ dueAt: fromNow(10 * minute).toISOString() });
    await s.as.sales('PATCH', `/api/tasks/${finished.id}`, { expectedVersion: 1, done: true });

    // The scan runs every 15 minutes: half an hour later it has run after the due time.
    runtime.clock.advance(30 * minute);
    await eventually(async () => reports(open.id).length === 1, 'task.overdue.v1 of the open task');
    expect(reports(open.id)[0]?.detail).toMatchObject({
      dueAt: open.dueAt,
      task: { taskId: open.id, done: false },
    });
    expect((await markers(open.id)).map((m) => m.sk)).toEqual([`OVERDUE#${open.dueAt}`]);
    const [notice] = await eventually(async () => {
      const found = await notificationsOf(open.id, 'task-overdue');
      return found.length > 0 ? found : undefined;
    }, 'the overdue notice');
    expect(notice?.email).toBe(false);

    // Later scans, and the scan run again by hand, report nothing twice.
    runtime.clock.advance(30 * minute);
    await demo.invoke('scan-overdue-tasks', {
      version: '0',
      id: 'scan-again',
      'detail-type': 'task.overdue-scan-due.v1',
      source: 'crm.scheduler',
      account: '000000000000',
      time: runtime.clock.now().toISOString(),
      region: 'eu-central-1',
      resources: [],
      detail: { schedule: 'overdue-tasks' },
    });
    await new Promise((done) => setTimeout(done, 1500));
    expect(reports(open.id)).toHaveLength(1);
    expect(await markers(open.id)).toHaveLength(1);
    expect(await notificationsOf(open.id, 'task-overdue')).toHaveLength(1);
    expect(reports(finished.id)).toEqual([]);
    expect(await markers(finished.id)).toEqual([]);
    // The task stays in the assignee's overdue list; only the report is once.
    const overdue = await s.as.sales('GET', '/api/tasks/overdue?limit=100');
    expect(overdue.body.items.map((t: { id: string }) => t.id)).toContain(open.id);

    // Re-dated, it is due again, and overdue again once that time passes.
    const newDue = fromNow(10 * minute).toISOString();
    expect(
      (await s.as.sales('PATCH', `/api/tasks/${open.id}`, { expectedVersion: 1, dueAt: newDue })).status,
    ).toBe(200);
    runtime.clock.advance(30 * minute);
    await eventually(async () => reports(open.id).length === 2, 'the second report');
    expect(reports(open.id)[1]?.detail).toMatchObject({ dueAt: newDue });
    expect((await markers(open.id)).map((m) => m.sk).sort()).toEqual(
      [`OVERDUE#${newDue}`, `OVERDUE#${open.dueAt}`].sort(),
    );
    stop();
  });
});
