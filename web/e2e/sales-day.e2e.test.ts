// A salesperson's day in Chromium against the whole local runtime (issue 4's "Done when"): Anna signs
// in, looks at the quarter's funnel, opens today's tasks, calls the company a task is about and logs the
// call on its card, ticks the task off, creates a deal from the board and drags it across two stages,
// prices it from the product catalogue on its page, adds the buyer as a contact, makes a quote and
// e-mails it (the SES emulator holds the letter with the PDF attached), and sees the funnel change on
// Аналитика once the stream has updated the monthly aggregates («Обновить» until it has). The catalogue
// (kept by a sales manager), the company, its buyer and the task are set up through the API first.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime.ts';
import { api, type SentEmail, sentEmails, signIn, startTestRuntime } from '../../scripts/local/testing.ts';
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
const igor = 'igor.petrov@demo.example';
const zone = 'Europe/Moscow';

const shoot = async (page: Page, name: string, fullPage = true) => {
  if (!shots) return;
  const path = join(shots, `${name}.png`);
  const viewport = page.viewportSize();
  if (!fullPage || !viewport) return void (await page.screenshot({ path }));
  // A full-page capture draws the shell's sticky navigation in the middle of a long page: grow the
  // viewport to the page instead, then put it back.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
};

const apiAs = async (email: string) => {
  const tokens = await signIn(runtime, 'demo', email);
  return api(runtime.tenant('demo').appUrl, tokens.accessToken);
};

/** Text as a person reads it: Intl's no-break and thin spaces as plain ones. */
const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

const texts = async (locator: Locator) =>
  (await locator.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());

/** The calendar day in the organisation's time zone (demo is in Moscow). */
const moscowDay = (at: number) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);

const companyName = 'ООО «Балтийский терминал»';
const taskTitle = 'Позвонить в «Балтийский терминал»: модернизация серверной';
const dealTitle = 'Модернизация серверной';

describe('a salesperson’s day', () => {
  it('tasks, a logged call, a deal dragged across the board, products, a quote e-mailed, and the funnel', async () => {
    // The morning's state: a catalogue kept by the sales manager; Anna's company, its buyer, and a
    // task due today.
    const manager = await apiAs(igor);
    const list = await manager('POST', '/api/price-lists', { name: 'Базовый', currency: 'RUB' });
    expect(list.status, JSON.stringify(list.body)).toBe(201);
    const priceListId = list.body.priceList.id as string;
    for (const product of [
      { name: 'Сервер Dell PowerEdge R750', sku: 'SRV-R750', unit: 'шт', vatRate: 22, price: 1_250_000_00 },
      {
        name: 'Монтаж и пусконаладка оборудования',
        sku: 'WRK-INSTALL',
        unit: 'ч',
        vatRate: 22,
        price: 3_200_00,
      },
      {
        name: 'Лицензия CRM на 1 пользователя, 12 месяцев',
        sku: 'CRM-12M',
        unit: 'шт',
        vatRate: 0,
        price: 9_600_00,
      },
    ]) {
      const { price, ...fields } = product;
      const made = await manager('POST', '/api/products', { ...fields, prices: { [priceListId]: price } });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
    }
    const call = await apiAs(anna);
    const company = await call('POST', '/api/companies', { name: companyName });
    expect(company.status, JSON.stringify(company.body)).toBe(201);
    const companyId = company.body.company.id as string;
    const buyer = await call('POST', '/api/contacts', {
      firstName: 'Марина',
      middleName: 'Андреевна',
      lastName: 'Орлова',
      companyId,
      jobTitle: 'ИТ-директор',
      emails: [{ value: 'orlova@baltterminal.example' }],
    });
    expect(buyer.status, JSON.stringify(buyer.body)).toBe(201);
    // Due in ten minutes, or a minute ago when that would be tomorrow already: today's either way.
    const soon = Date.now() + 10 * 60_000;
    const dueAt = new Date(moscowDay(soon) === moscowDay(Date.now()) ? soon : Date.now() - 60_000);
    const task = await call('POST', '/api/tasks', {
      title: taskTitle,
      dueAt: dueAt.toISOString(),
      priority: 'high',
      companyId,
    });
    expect(task.status, JSON.stringify(task.body)).toBe(201);

    // Sign in.
    const tenant = runtime.tenant('demo');
    const login = tenant.logins.find((l) => l.email === anna);
    if (!login) throw new Error(`no login ${anna}`);
    const page = await browser.context.newPage();
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
    const nav = page.getByRole('navigation');
    const toasts = page.locator('.toasts');

    // The quarter's funnel before the day's work: empty.
    await nav.getByRole('link', { name: 'Аналитика', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Аналитика' }).waitFor();
    const funnel = page.getByTestId('analytics-funnel');
    await funnel.getByText('За этот период в воронку не вошло ни одной сделки.').waitFor();
    await shoot(page, 'sales-day-funnel-before');

    // Today's tasks.
    await nav.getByRole('link', { name: 'Задачи', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Задачи' }).waitFor();
    const row = page.getByTestId('task-row').filter({ hasText: taskTitle });
    await row.waitFor();
    expect(await text(row.getByTestId('task-due'))).toMatch(/^Срок: Сегодня, \d\d:\d\d$/);
    expect(await text(page.getByTestId('task-tab-today').getByTestId('task-tab-count'))).toBe('1');
    await shoot(page, 'sales-day-tasks');

    // The call, logged on the company's card.
    await row.getByRole('link', { name: companyName }).click();
    await page.waitForURL(new RegExp(`/companies/${companyId}$`));
    await page.getByTestId('record-name').getByText(companyName).waitFor();
    await page.getByRole('button', { name: 'Записать звонок' }).click();
    const callDialog = page.getByRole('dialog', { name: 'Записать звонок' });
    await callDialog.getByLabel('Длительность, мин').fill('6');
    expect(await callDialog.getByLabel('Результат').inputValue()).toBe('connected');
    await callDialog
      .getByLabel('Заметка')
      .fill('Марина Андреевна подтвердила бюджет на модернизацию серверной, ждёт КП до пятницы.');
    const logged = page.waitForResponse((r) => r.url().endsWith('/api/activities'));
    await callDialog.getByRole('button', { name: 'Сохранить' }).click();
    expect((await logged).status()).toBe(201);
    await toasts.getByText('Звонок записан').waitFor();
    const entry = page
      .getByTestId('timeline')
      .locator('li[data-activity="call"]:not(.timeline__entry--pending)');
    await entry.waitFor({ timeout: 30_000 });
    expect(await text(entry)).toContain('6 мин · Разговор состоялся');
    await shoot(page, 'sales-day-call');

    // The task is done.
    await nav.getByRole('link', { name: 'Задачи', exact: true }).click();
    const done = page
      .getByTestId('task-row')
      .filter({ hasText: taskTitle })
      .getByRole('checkbox', { name: `Отметить выполненной: ${taskTitle}` });
    await done.check();
    await toasts.getByText(`Задача «${taskTitle}» выполнена`).waitFor();
    expect((await call('GET', '/api/tasks/today')).body.items).toEqual([]);

    // A deal from the board, closing this month.
    await nav.getByRole('link', { name: 'Сделки', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Сделки' }).waitFor();
    const board = page.getByTestId('deal-board');
    const column = (stageId: string) =>
      board.locator(`[data-testid="board-column"][data-stage-id="${stageId}"]`);
    await column('qualification').getByRole('heading', { name: 'Квалификация' }).waitFor();
    await page.getByRole('button', { name: 'Новая сделка' }).click();
    const newDeal = page.getByRole('dialog', { name: 'Новая сделка' });
    await newDeal.getByLabel('Название *').fill(dealTitle);
    await newDeal.getByRole('combobox', { name: 'Компания *' }).fill('балтийск');
    await newDeal.getByRole('option', { name: /Балтийский терминал/ }).click();
    await newDeal.getByLabel('Сумма *').fill('1 500 000');
    await newDeal.getByLabel('Ожидаемая дата закрытия').fill(moscowDay(Date.now()));
    await newDeal.getByRole('button', { name: 'Создать сделку' }).click();
    await toasts.getByText(`Сделка «${dealTitle}» создана`).waitFor();
    const card = board.getByTestId('deal-card').filter({ hasText: dealTitle });
    await column('qualification').getByTestId('deal-card').filter({ hasText: dealTitle }).waitFor();
    const dealId = (await card.getAttribute('data-deal-id')) ?? '';
    expect(dealId).toMatch(/^[0-9A-Z]{26}$/);

    // Dragged across the board: «Встреча», then «Коммерческое предложение».
    for (const stageId of ['meeting', 'proposal']) {
      const moved = page.waitForResponse((r) => r.url().endsWith(`/api/deals/${dealId}/move`));
      await card.dragTo(column(stageId));
      expect((await moved).status()).toBe(200);
      await column(stageId).getByTestId('deal-card').filter({ hasText: dealTitle }).waitFor();
    }
    expect(await text(column('proposal').getByTestId('column-count'))).toBe('1 сделка');
    await shoot(page, 'sales-day-board');

    // Its page: products from the catalogue; the deal's value follows them.
    await card.getByRole('link', { name: dealTitle, exact: true }).click();
    await page.waitForURL(new RegExp(`/deals/${dealId}$`));
    await page.getByTestId('deal-title').getByText(dealTitle).waitFor();
    expect(await text(page.getByTestId('deal-value'))).toBe('1 500 000,00 ₽');
    await page.getByRole('button', { name: 'Подобрать товары' }).click();
    const editor = page.getByTestId('lines-editor');
    const picker = editor.getByRole('combobox', { name: 'Добавить товар из каталога' });
    await picker.fill('сервер');
    await editor.getByRole('option', { name: /Сервер Dell PowerEdge R750/ }).click();
    await picker.fill('монтаж');
    await editor.getByRole('option', { name: /Монтаж и пусконаладка/ }).click();
    await editor.getByLabel('Количество: Сервер Dell PowerEdge R750').fill('2');
    await editor.getByLabel('Скидка, %: Сервер Dell PowerEdge R750').fill('5');
    await editor.getByLabel('Количество: Монтаж и пусконаладка оборудования').fill('16');
    expect(await text(editor.getByTestId('lines-total'))).toBe('2 959 964,00 ₽');
    await editor.getByRole('button', { name: 'Сохранить товары' }).click();
    await toasts.getByText('Товары сохранены. Сумма сделки — 2 959 964,00 ₽').waitFor();
    expect(await text(page.getByTestId('deal-value'))).toBe('2 959 964,00 ₽');

    // The buyer on the deal, then the quote, e-mailed to her.
    await page.getByRole('button', { name: 'Добавить контакт' }).click();
    const contacts = page.getByTestId('deal-contacts');
    await contacts
      .getByLabel('Контакт компании')
      .selectOption({ label: 'Орлова Марина Андреевна — orlova@baltterminal.example' });
    await contacts.getByRole('button', { name: 'Добавить', exact: true }).click();
    await toasts.getByText('Контакт Орлова Марина Андреевна добавлен в сделку').waitFor();
    const quotes = page.locator('section.quotes-panel');
    await quotes.getByRole('button', { name: 'Создать КП' }).click();
    const quoteDialog = page.getByRole('dialog', { name: 'Новое коммерческое предложение' });
    await quoteDialog.getByRole('button', { name: 'Создать КП' }).click();
    const quote = quotes.getByTestId('quote');
    await quote.waitFor();
    const number = await text(quote.getByTestId('quote-number'));
    expect(number).toMatch(/^КП-\d{4}-0001$/);
    await quote.getByRole('button', { name: `Отправить ${number} по e-mail` }).click();
    const send = page.getByRole('dialog', { name: `Отправить ${number}` });
    expect(await send.getByLabel('Тема').inputValue()).toBe(
      `Коммерческое предложение № ${number} — ООО «Демо»`,
    );
    await send.getByRole('button', { name: 'Отправить', exact: true }).click();
    await toasts
      .getByText(`Коммерческое предложение ${number} отправлено на orlova@baltterminal.example`)
      .waitFor();
    expect(await text(quote.getByTestId('quote-status'))).toBe('Отправлено');
    const mail = (await sentEmails(runtime)).find((m) =>
      m.destination.to.some((to) => to.includes('orlova@baltterminal.example')),
    ) as
      | (SentEmail & { attachments?: { filename?: string; contentType?: string; content?: string }[] })
      | undefined;
    expect(mail?.subject).toBe(`Коммерческое предложение № ${number} — ООО «Демо»`);
    expect(mail?.body.text).toContain('Здравствуйте, Марина Андреевна!');
    expect(mail?.attachments?.map((a) => [a.filename, a.contentType])).toEqual([
      [`${number}.pdf`, 'application/pdf'],
    ]);
    expect(
      Buffer.from(mail?.attachments?.[0]?.content ?? '', 'base64')
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    await shoot(page, 'sales-day-deal');

    // The funnel has the deal in three stages once the aggregates catch up: «Обновить» until then.
    await nav.getByRole('link', { name: 'Аналитика', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Аналитика' }).waitFor();
    await expect
      .poll(
        async () => {
          const answered = page.waitForResponse((r) => r.url().includes('/api/reports/sales'));
          await page.getByTestId('analytics-refresh').click();
          await answered;
          return texts(funnel.getByTestId('funnel-count'));
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual(['1', '1', '1', '0', '0']);
    expect(await texts(funnel.getByTestId('funnel-conversion'))).toEqual([
      '100 % в следующий этап',
      '100 % в следующий этап',
      '0 % в следующий этап',
    ]);
    expect(await text(page.getByTestId('analytics-activities').getByTestId('activities-table'))).toContain(
      'Анна Смирнова',
    );
    await shoot(page, 'sales-day-funnel-after');
    await page.close();
  });
});
