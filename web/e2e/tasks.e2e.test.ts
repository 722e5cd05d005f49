// Tasks and activities in Chromium against the whole local runtime: a salesperson creates a task due
// today and finds it under «Сегодня», marks it done (struck through, out of the count) and undoes it,
// sees an overdue task marked, is told when a colleague changed a task first (409: the row is reloaded);
// logs a backdated call on the company from the task's link and sees it on the company's timeline;
// creates the private calendar feed in the settings, copies its URL, and a calendar app reading it
// gets iCalendar with the task; revokes it. In English, the reminder and the overdue notice reach the
// notifications once the runtime's clock passes the reminder time.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime.ts';
import { type ApiResponse, api, signIn, startTestRuntime } from '../../scripts/local/testing.ts';
import { type Browser, launchBrowser } from './browser.ts';

const shots = process.env.CRM_SCREENSHOTS;
let runtime: LocalRuntime;
let browser: Browser;

beforeAll(async () => {
  runtime = await startTestRuntime(['demo']);
  browser = await launchBrowser();
  if (shots) mkdirSync(shots, { recursive: true });
});
// A failed test leaves a picture of every open page beside the others.
beforeEach(() => {
  onTestFailed(async ({ task }) => {
    if (!shots) return;
    for (const [index, page] of browser.context.pages().entries())
      await page
        .screenshot({
          path: join(shots, `failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}-${index}.png`),
          fullPage: true,
        })
        .catch(() => undefined);
  });
});
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

const anna = 'anna.smirnova@demo.example';
const zone = 'Europe/Moscow';
const hour = 3600_000;

const shoot = async (page: Page, name: string, fullPage = true) => {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage });
};

/** The viewport around `element`, without the toasts over it. */
const shootAt = async (page: Page, element: Locator, name: string) => {
  if (!shots) return;
  for (const close of await page.locator('.toasts button').all())
    await close.click({ timeout: 1000 }).catch(() => undefined);
  await element.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, `${name}.png`) });
};

/** Polls patiently: the machine may be busy with other tests. */
const poll = <T>(check: () => Promise<T>) => expect.poll(check, { timeout: 20_000, interval: 200 });

/** Text as a person reads it: Intl's no-break and thin spaces as plain ones. */
const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** "YYYY-MM-DDTHH:mm" on Moscow's wall clock, as a datetime-local input takes it. */
const moscowLocal = (at: number) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
};

const taskTitle = 'Позвонить по договору поставки';
const overdueTitle = 'Отправить счёт за октябрь';
const overdueRenamed = 'Отправить счёт и акт за октябрь';
const companyName = 'ООО «Ромашка Трейд»';

let page: Page;
let call: (method: string, path: string, body?: unknown) => Promise<ApiResponse>;
let companyId: string;
let contactId: string;
let taskId: string;
let overdueId: string;

describe('tasks and activities', () => {
  it('a salesperson creates a task due today, marks it done and back, and meets a colleague’s change', async () => {
    const tenant = runtime.tenant('demo');
    const tokens = await signIn(runtime, 'demo', anna);
    call = api(tenant.appUrl, tokens.accessToken);
    const company = await call('POST', '/api/companies', { name: companyName });
    expect(company.status, JSON.stringify(company.body)).toBe(201);
    companyId = company.body.company.id;
    const contact = await call('POST', '/api/contacts', { firstName: 'Иван', lastName: 'Петров', companyId });
    expect(contact.status, JSON.stringify(contact.body)).toBe(201);
    contactId = contact.body.contact.id;
    // An overdue task from yesterday (09:00 on Moscow's yesterday, whatever the hour now), high
    // priority, on the same company.
    const overdue = await call('POST', '/api/tasks', {
      title: overdueTitle,
      dueAt: new Date(`${moscowLocal(Date.now() - 24 * hour).slice(0, 10)}T09:00:00+03:00`).toISOString(),
      priority: 'high',
      companyId,
    });
    expect(overdue.status, JSON.stringify(overdue.body)).toBe(201);
    overdueId = overdue.body.task.id;

    const login = tenant.logins.find((l) => l.email === anna);
    if (!login) throw new Error(`no login ${anna}`);
    page = await browser.context.newPage();
    page.on('response', (response) => {
      if (response.status() >= 500 && response.url().includes('/api/'))
        console.warn(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
    await page.goto(`${tenant.appUrl}/sign-in`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByLabel('E-mail').fill(login.email);
    await page.getByLabel('Пароль').fill(login.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByTestId('current-user-name').waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Задачи', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Задачи' }).waitFor();
    const toasts = page.locator('.toasts');
    const count = (list: string) => text(page.getByTestId(`task-tab-${list}`).getByTestId('task-tab-count'));
    await poll(() => count('overdue')).toBe('1');
    // The overdue task is due yesterday: not today's.
    expect(await count('today')).toBe('0');
    await page.getByText('На сегодня задач нет').waitFor();

    // "Новая задача": the title is required; due today at the next full hour by default.
    await page.getByRole('button', { name: 'Новая задача' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новая задача' });
    await dialog.getByRole('button', { name: 'Создать задачу' }).click();
    await dialog.getByText('Укажите, что нужно сделать').waitFor();
    await dialog.getByLabel('Что сделать *').fill(taskTitle);
    expect(await dialog.getByLabel('Срок *').inputValue()).toBe(moscowLocal(Date.now()).slice(0, 10));
    await dialog.getByLabel('Напоминание').selectOption('15');
    await dialog.getByRole('radio', { name: 'Высокий' }).check();
    await dialog.getByRole('combobox', { name: 'Компания' }).fill('ромашка');
    await dialog.getByRole('option', { name: /Ромашка Трейд/ }).click();
    await dialog.getByTestId('task-company').getByText(companyName).waitFor();
    await dialog.getByLabel('Описание').fill('Уточнить сроки поставки и условия оплаты.');
    await shoot(page, 'tasks-new-task-ru', false);
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/tasks') && r.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: 'Создать задачу' }).click();
    const createdBody = await (await created).json();
    taskId = createdBody.task.id;
    await toasts.getByText(`Задача «${taskTitle}» создана`).waitFor();

    // In «Сегодня», with its due time, reminder, priority and the company as a link.
    const row = page.getByTestId('task-row').filter({ hasText: taskTitle });
    await row.waitFor();
    expect(await count('today')).toBe('1');
    expect(await text(row.getByTestId('task-due'))).toMatch(/^Срок: Сегодня, \d\d:\d\d$/);
    expect(await text(row)).toContain('За 15 минут');
    expect(await text(row)).toContain('Высокий');
    expect(await row.getByTestId('task-company-link').getAttribute('href')).toBe(`/companies/${companyId}`);
    await poll(() => text(row.getByTestId('task-company-link'))).toBe(companyName);
    const today = await call('GET', '/api/tasks/today');
    expect(today.body.items.map((t: { id: string }) => t.id)).toEqual([taskId]);
    await shoot(page, 'tasks-today-ru');

    // Done: struck through, out of the count and of the API's list; undone: back.
    const done = row.getByRole('checkbox', { name: `Отметить выполненной: ${taskTitle}` });
    await done.check();
    await toasts.getByText(`Задача «${taskTitle}» выполнена`).waitFor();
    await poll(() => done.isChecked()).toBe(true);
    expect(await count('today')).toBe('0');
    expect((await call('GET', '/api/tasks/today')).body.items).toEqual([]);
    expect((await call('GET', `/api/tasks/${taskId}`)).body.task).toMatchObject({ done: true, version: 2 });
    await shoot(page, 'tasks-done-ru', false);
    await done.uncheck();
    await toasts.getByText(`Задача «${taskTitle}» снова открыта`).waitFor();
    expect(await count('today')).toBe('1');
    expect((await call('GET', `/api/tasks/${taskId}`)).body.task).toMatchObject({ done: false, version: 3 });

    // Overdue: marked, in red; a colleague's change first makes the tick a 409, and the row is reloaded.
    await page.getByRole('tab', { name: /Просрочено/ }).click();
    const late = page.getByTestId('task-row').filter({ hasText: overdueTitle });
    await late.getByTestId('task-overdue').waitFor();
    expect(await text(late.getByTestId('task-due'))).toMatch(/^Срок: Вчера, \d\d:\d\d$/);
    expect(page.url()).toContain('list=overdue');
    await shoot(page, 'tasks-overdue-ru');
    const renamed = await call('PATCH', `/api/tasks/${overdueId}`, {
      expectedVersion: 1,
      title: overdueRenamed,
    });
    expect(renamed.status).toBe(200);
    const refused = page.waitForResponse(
      (r) => r.url().endsWith(`/api/tasks/${overdueId}`) && r.request().method() === 'PATCH',
    );
    await late.getByRole('checkbox').click();
    expect((await refused).status()).toBe(409);
    await toasts.getByText(`Задачу «${overdueTitle}» только что изменил коллега`, { exact: false }).waitFor();
    const reloaded = page.getByTestId('task-row').filter({ hasText: overdueRenamed });
    await reloaded.waitFor();
    expect(await reloaded.getByRole('checkbox').isChecked()).toBe(false);
    expect((await call('GET', `/api/tasks/${overdueId}`)).body.task).toMatchObject({
      done: false,
      version: 2,
    });
  });

  it('logs a backdated call on the company, which its timeline shows', async () => {
    await page.getByRole('tab', { name: /Сегодня/ }).click();
    const row = page.getByTestId('task-row').filter({ hasText: taskTitle });
    await row.getByRole('link', { name: companyName }).click();
    await page.waitForURL(new RegExp(`/companies/${companyId}$`));
    await page.getByTestId('record-name').getByText(companyName).waitFor();

    await page.getByRole('button', { name: 'Записать звонок' }).click();
    const dialog = page.getByRole('dialog', { name: 'Записать звонок' });
    await dialog.getByLabel('Длительность, мин').fill('четыре');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.getByText('Укажите длительность в минутах', { exact: false }).waitFor();
    await dialog.getByLabel('Длительность, мин').fill('7');
    expect(await dialog.getByLabel('Результат').inputValue()).toBe('connected');
    const yesterday = `${moscowLocal(Date.now() - 24 * hour).slice(0, 10)}T10:30`;
    await dialog.getByLabel('Когда').fill(yesterday);
    await dialog.getByLabel('Заметка').fill('Договорились о встрече в четверг, ждут КП.');
    // The company's contacts are offered; the one spoken to is ticked.
    await dialog
      .getByRole('group', { name: 'Контакты компании' })
      .getByRole('checkbox', { name: /Петров/ })
      .check();
    await shoot(page, 'tasks-log-call-ru', false);
    const logged = page.waitForResponse((r) => r.url().endsWith('/api/activities'));
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    const response = await logged;
    expect(response.status()).toBe(201);
    const activity = (await response.json()).activity;
    expect(activity).toMatchObject({
      kind: 'call',
      companyId,
      contactIds: [contactId],
      backdated: true,
      call: { direction: 'outbound', durationSeconds: 420, outcome: 'connected' },
    });
    await page.locator('.toasts').getByText('Звонок записан').waitFor();

    // The entry the projection wrote (not the pending one shown at once).
    const entry = page
      .getByTestId('timeline')
      .locator('li[data-activity="call"]:not(.timeline__entry--pending)');
    await entry.waitFor({ timeout: 30_000 });
    expect(await text(entry)).toContain('Анна Смирнова: исходящий звонок');
    expect(await text(entry)).toContain('7 мин · Разговор состоялся');
    expect(await text(entry)).toContain('Договорились о встрече в четверг, ждут КП.');
    expect(await text(entry)).toContain('задним числом');
    // Still there for whoever opens the card next.
    await page.reload();
    await page.getByTestId('timeline').locator('li[data-activity="call"]').waitFor();
    await shoot(page, 'tasks-company-timeline-ru');
  });

  it('creates the calendar feed, copies its URL, and a calendar app reads the task from it; revokes it', async () => {
    const tenant = runtime.tenant('demo');
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: tenant.appUrl });
    await page.getByRole('navigation').getByRole('link', { name: 'Настройки', exact: true }).click();
    const status = page.getByTestId('calendar-feed-status');
    await poll(() => text(status)).toBe('Ссылка на календарь ещё не создана.');
    await page.getByRole('button', { name: 'Создать ссылку' }).click();
    await page.locator('.toasts').getByText('Ссылка на календарь создана').waitFor();
    const url = await page.getByTestId('calendar-feed-url').inputValue();
    expect(url).toMatch(new RegExp(`^${tenant.appUrl}/api/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    expect(await text(status)).toMatch(/^Ссылка действует с \d\d\.\d\d\.\d{4}, \d\d:\d\d\.$/);
    await page.getByRole('button', { name: 'Копировать' }).click();
    await page.locator('.toasts').getByText('Ссылка скопирована').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await shootAt(page, page.getByTestId('calendar-feed'), 'tasks-calendar-feed-ru');

    // What Google Calendar, Outlook or Thunderbird would fetch, read with the parser Thunderbird uses.
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const body = await feed.text();
    expect(body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    const events = new ICAL.Component(ICAL.parse(body))
      .getAllSubcomponents('vevent')
      .map((event) => new ICAL.Event(event));
    const summaries = new Map(events.map((event) => [event.uid, event.summary]));
    expect(summaries.get(`task-${taskId}@crm-demo`)).toBe(`Задача: ${taskTitle}`);
    expect(summaries.get(`task-${overdueId}@crm-demo`)).toBe(`Задача: ${overdueRenamed}`);

    // Revoked after a confirmation: the URL stops working at once.
    await page.getByRole('button', { name: 'Отозвать ссылку' }).click();
    await page
      .getByRole('dialog', { name: 'Отозвать ссылку на календарь?' })
      .getByRole('button', { name: 'Отозвать' })
      .click();
    await page.locator('.toasts').getByText('Ссылка отозвана', { exact: false }).waitFor();
    await poll(() => text(status)).toBe('Ссылка на календарь ещё не создана.');
    expect(await page.getByTestId('calendar-feed-url').count()).toBe(0);
    expect((await fetch(url)).status).toBe(404);
  });

  it('in English, tasks, the timeline and the feed read well, and reminders and overdue notices arrive', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Задачи', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Задачи' }).waitFor();
    // The language is saved to the profile; wait for it, or the reload below (page.goto) may
    // abort the save and bring the app back in Russian.
    const saved = page.waitForResponse(
      (r) =>
        r.url().endsWith('/api/me') &&
        r.request().method() === 'PATCH' &&
        (r.request().postDataJSON() as { locale?: string }).locale === 'en',
    );
    await page.getByRole('radio', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tasks' }).waitFor();
    expect((await saved).status()).toBe(200);
    const row = page.getByTestId('task-row').filter({ hasText: taskTitle });
    expect(await text(row.getByTestId('task-due'))).toMatch(/^Due: Today, \d\d:\d\d$/);
    expect(await text(row)).toContain('15 minutes before');
    await shoot(page, 'tasks-today-en');
    await page.getByRole('tab', { name: /Overdue/ }).click();
    await page.getByTestId('task-row').filter({ hasText: overdueRenamed }).getByText('Overdue').waitFor();
    await shoot(page, 'tasks-overdue-en');

    // The new task form in English.
    await page.getByRole('button', { name: 'New task' }).click();
    const dialog = page.getByRole('dialog', { name: 'New task' });
    await dialog.getByLabel('What to do *').fill('Prepare the onboarding plan');
    await shoot(page, 'tasks-new-task-en', false);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.goto(`${runtime.tenant('demo').appUrl}/companies/${companyId}`);
    const entry = page.getByTestId('timeline').locator('li[data-activity="call"]');
    await poll(() => text(entry)).toContain('Анна Смирнова: outbound call');
    expect(await text(entry)).toContain('7 min · Connected');
    await page.getByRole('button', { name: 'Log a meeting' }).click();
    const meeting = page.getByRole('dialog', { name: 'Log a meeting' });
    await meeting.getByLabel('Subject *').fill('Supply negotiations');
    await meeting.getByLabel('Place').fill('Client’s office');
    await shoot(page, 'tasks-log-meeting-en', false);
    await meeting.getByRole('button', { name: 'Save' }).click();
    await page.locator('.toasts').getByText('Meeting logged').waitFor();
    await page
      .getByTestId('timeline')
      .locator('li[data-activity="meeting"]:not(.timeline__entry--pending)')
      .getByText('Анна Смирнова: meeting “Supply negotiations”')
      .waitFor({ timeout: 30_000 });
    await shoot(page, 'tasks-company-timeline-en');

    await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('button', { name: 'Create link' }).click();
    await page.getByTestId('calendar-feed-url').waitFor();
    await shootAt(page, page.getByTestId('calendar-feed'), 'tasks-calendar-feed-en');

    // The runtime's clock passes the reminder time: the reminder and the overdue scan notify Anna.
    const task = (await call('GET', `/api/tasks/${taskId}`)).body.task;
    const remindAt = Date.parse(task.remindAt);
    if (remindAt > runtime.clock.nowMs()) runtime.clock.set(new Date(remindAt + 60_000));
    const kinds = async () =>
      new Set(
        ((await call('GET', '/api/notifications?limit=50')).body.items as { kind: string }[]).map(
          (n) => n.kind,
        ),
      );
    for (let attempt = 0; attempt < 40; attempt++) {
      const seen = await kinds();
      if (seen.has('task-reminder') && seen.has('task-overdue')) break;
      // A schedule moved meanwhile fires a minute after it was set: let time go on.
      runtime.clock.advance(60_000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect([...(await kinds())]).toEqual(expect.arrayContaining(['task-reminder', 'task-overdue']));
    await page.getByRole('navigation').getByRole('link', { name: 'Notifications', exact: true }).click();
    const reminder = page.getByTestId('notification').filter({ hasText: `Reminder: ${taskTitle}` });
    await reminder.waitFor();
    expect(await text(reminder)).toMatch(/The task is due \d\d\/\d\d\/\d{4}, \d\d:\d\d\./);
    expect(await reminder.getByRole('link', { name: 'Open' }).getAttribute('href')).toBe(`/tasks/${taskId}`);
    await page
      .getByTestId('notification')
      .filter({ hasText: `Task overdue: ${overdueRenamed}` })
      .waitFor();
    await shoot(page, 'tasks-notifications-en');
    // The reminder's link opens the task.
    await reminder.getByRole('link', { name: 'Open' }).click();
    const opened = page.getByRole('dialog', { name: 'Task' });
    expect(await opened.getByLabel('What to do *').inputValue()).toBe(taskTitle);
    await opened.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(/\/tasks$/);
    await page.close();
  });
});
