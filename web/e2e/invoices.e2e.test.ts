// Invoices and receivables in Chromium against the whole local runtime (issue 6's "Done when"): a
// salesperson opens her customer's card, invoices it with two free lines and a two-installment
// schedule — first one that does not add up, which the API refuses beside the schedule —, issues the
// invoice (numbered СЧ-…), records a backdated partial payment against the first installment and a
// second one of today, and sees «Частично оплачен» with what each installment still owes. The
// runtime's clock then moves 40 days ahead: the invoice is overdue, the company card warns about it,
// and Аналитика's aging chart shows the first installment's remainder under 31–60 days and the
// second's under 1–30. The invoice page is read again in English. An administrator changes the
// reminder settings on Настройки → Дебиторка.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime.ts';
import { api, signIn, startTestRuntime } from '../../scripts/local/testing.ts';
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
const admin = 'admin@demo.example';

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

/** One element, with the viewport grown to the page so that the shell's sticky header covers nothing. */
const shootElement = async (page: Page, locator: Locator, name: string) => {
  if (!shots) return;
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(height, 1600) });
  await locator.screenshot({ path: join(shots, `${name}.png`) });
  await page.setViewportSize(viewport);
};

/** Closes the toasts, so that a screenshot shows the page under them. */
const dismissToasts = async (page: Page) => {
  const close = page.locator('.toasts .toast button');
  while ((await close.count()) > 0) await close.first().click();
};

const signInAs = async (email: string): Promise<Page> => {
  const tenant = runtime.tenant('demo');
  const login = tenant.logins.find((l) => l.email === email);
  if (!login) throw new Error(`no login ${email}`);
  const page = await browser.context.newPage();
  page.on('response', (response) => {
    if (response.status() >= 500 && response.url().includes('/api/'))
      console.warn(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  await page.goto(`${tenant.appUrl}/sign-in`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByLabel('E-mail').fill(login.email);
  await page.getByLabel(/Пароль|Password/).fill(login.password);
  await page.getByRole('button', { name: /Войти|Sign in/ }).click();
  await page.getByTestId('current-user-name').waitFor();
  return page;
};

const apiAs = async (email: string) => {
  const tokens = await signIn(runtime, 'demo', email);
  return api(runtime.tenant('demo').appUrl, tokens.accessToken);
};

/** Text as a person reads it: Intl's no-break and thin spaces as plain ones. */
const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** The rows of a table, each as the texts of its cells. */
const tableRows = (rows: Locator) =>
  rows.evaluateAll((list) =>
    list.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())),
  );

/** Polls until the expectation holds: the API answers within seconds on two busy cores, not within vitest's default second. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

/** The organisation's calendar day (Moscow) of the runtime's clock, plus whole days. */
const moscowDay = (plusDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(
    new Date(runtime.clock.nowMs() + plusDays * 86_400_000),
  );
const ruDate = (day: string) => day.split('-').reverse().join('.');

describe('invoices and receivables', () => {
  it('a salesperson invoices a customer on a schedule, records a backdated partial payment and sees the aging', {
    timeout: 240_000,
  }, async () => {
    // Anna's customer with a billing contact, made through the API.
    const call = await apiAs(anna);
    const company = await call('POST', '/api/companies', { name: 'ООО «Северный ветер»', inn: '7707083893' });
    expect(company.status, JSON.stringify(company.body)).toBe(201);
    const companyId = company.body.company.id as string;
    const contact = await call('POST', '/api/contacts', {
      firstName: 'Ирина',
      lastName: 'Орлова',
      companyId,
      emails: [{ value: 'buh@severny-veter.example' }],
    });
    expect(contact.status, JSON.stringify(contact.body)).toBe(201);

    const page = await signInAs(anna);
    const toasts = page.locator('.toasts');
    // «Счета» is in her navigation; the list is empty.
    await page.getByRole('navigation').getByRole('link', { name: 'Счета', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Счета' }).waitFor();
    await page.getByText('Счетов пока нет').waitFor();

    // From the company's card: its receivables block has no open invoice yet.
    await page.goto(`${runtime.tenant('demo').appUrl}/companies/${companyId}`);
    const block = page.getByTestId('company-receivables');
    await block.getByText('Открытых счетов нет').waitFor();
    // The company's contact list is kept from the table's stream: wait for Ирина on the card.
    await page.getByRole('link', { name: 'Орлова Ирина' }).waitFor();
    await page
      .getByRole('region', { name: 'Счета и оплаты' })
      .getByRole('button', { name: 'Выставить счёт' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Новый счёт' });
    expect(await text(dialog.getByTestId('invoice-company'))).toBe('ООО «Северный ветер»');
    // The billing contact is the company's contact with an e-mail.
    await poll(() =>
      dialog
        .getByLabel('Контакт для счетов')
        .evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? ''),
    ).toBe('Орлова Ирина <buh@severny-veter.example>');

    // Two free lines: 100 000 ₽ + 22 % VAT and 2 × 4 000 ₽ at 0 %.
    await dialog.getByRole('button', { name: 'Добавить строку' }).click();
    await dialog.getByLabel('Наименование, строка 1').fill('Монтаж системы вентиляции');
    await dialog.getByLabel('Единица, строка 1').fill('усл');
    await dialog.getByLabel('Цена без НДС, строка 1').fill('100 000');
    await dialog.getByRole('button', { name: 'Добавить строку' }).click();
    await dialog.getByLabel('Наименование, строка 2').fill('Обучение персонала');
    await dialog.getByLabel('Количество, строка 2').fill('2');
    await dialog.getByLabel('Единица, строка 2').fill('ч');
    await dialog.getByLabel('Цена без НДС, строка 2').fill('4000');
    await dialog.getByLabel('Ставка НДС, строка 2').selectOption('0');
    await poll(() => text(dialog.getByTestId('invoice-draft-total'))).toBe('130 000,00 ₽');
    // One installment follows the total until the schedule is edited.
    const remaining = dialog.getByTestId('schedule-remaining');
    await poll(() => text(remaining)).toContain('Сумма графика совпадает с суммой счёта');

    // Two installments, split evenly, then the first one changed so that they do not add up.
    const schedule = dialog.getByTestId('schedule-editor');
    await schedule.getByLabel('Разбить на').fill('2');
    await schedule.getByRole('button', { name: 'Разбить поровну' }).click();
    await poll(() => schedule.getByTestId('schedule-row').count()).toBe(2);
    expect(await schedule.getByLabel('Сумма платежа 2').inputValue()).toBe('65000,00');
    const firstDue = moscowDay(5);
    const secondDue = moscowDay(35);
    await schedule.getByLabel('Срок платежа 1').fill(firstDue);
    await schedule.getByLabel('Срок платежа 2').fill(secondDue);
    await schedule.getByLabel('Сумма платежа 1').fill('60 000');
    await poll(() => text(remaining)).toBe(
      'Распределено 125 000,00 ₽ из 130 000,00 ₽ · Осталось распределить: 5 000,00 ₽',
    );
    await dialog.getByRole('button', { name: 'Создать черновик' }).click();
    // The API refuses it (400 on `installments`): said beside the schedule, with both sums.
    const scheduleError = schedule.getByTestId('schedule-error');
    await scheduleError.waitFor();
    expect(await text(scheduleError)).toBe('Платежи в сумме дают 125 000,00 ₽, а сумма счёта — 130 000,00 ₽');
    await shootElement(page, schedule, 'invoice-schedule-editor-ru');
    await shootElement(page, dialog.locator('.dialog__box'), 'invoice-dialog-ru');

    // Fixed: the second installment takes the rest.
    await schedule.getByLabel('Сумма платежа 2').fill('70 000');
    await poll(() => text(remaining)).toContain('Сумма графика совпадает с суммой счёта');
    await poll(() => scheduleError.count()).toBe(0);
    await dialog.getByRole('button', { name: 'Создать черновик' }).click();

    // The draft's page: no number yet, issued from there.
    await page.getByRole('heading', { level: 1, name: 'Черновик счёта' }).waitFor();
    expect(await text(page.getByTestId('invoice-status'))).toBe('Черновик');
    expect(await tableRows(page.getByTestId('invoice-line'))).toEqual([
      [
        '1',
        'Монтаж системы вентиляции',
        '1 усл',
        '100 000,00 ₽',
        '—',
        '100 000,00 ₽',
        '22 000,00 ₽22 %',
        '122 000,00 ₽',
      ],
      ['2', 'Обучение персонала', '2 ч', '4 000,00 ₽', '—', '8 000,00 ₽', '0,00 ₽0 %', '8 000,00 ₽'],
    ]);
    await page.getByRole('button', { name: 'Выставить', exact: true }).click();
    const number = page.getByTestId('invoice-number');
    await poll(() => text(number)).toMatch(/^Счёт СЧ-\d{4}-\d{4}$/);
    const invoiceNumber = (await text(number)).replace('Счёт ', '');
    await toasts.getByText(`Счёт ${invoiceNumber} выставлен`).waitFor();
    expect(await text(page.getByTestId('invoice-status'))).toBe('Выставлен');
    expect(await text(page.getByTestId('invoice-outstanding'))).toBe('130 000,00 ₽');

    // A payment received yesterday (backdated) against the first installment.
    await page.getByRole('button', { name: 'Записать платёж' }).click();
    const payment = page.getByRole('dialog', { name: 'Записать платёж' });
    expect(await payment.getByLabel('Сумма, RUB *').inputValue()).toBe('130000,00');
    await payment.getByLabel('Сумма, RUB *').fill('20 000');
    await payment.getByLabel('Дата поступления *').fill(moscowDay(-1));
    await payment.getByTestId('payment-backdated').getByText('Задним числом').waitFor();
    await payment.getByLabel('Платёж по графику').selectOption('1');
    await payment.getByLabel('Номер платёжного поручения').fill('п/п 118');
    await payment.getByRole('button', { name: 'Записать' }).click();
    await toasts.getByText('Платёж записан. Статус счёта: Частично оплачен').waitFor();
    // More than is owed is refused beside the amount.
    await page.getByRole('button', { name: 'Записать платёж' }).click();
    await payment.getByLabel('Сумма, RUB *').fill('200 000');
    await payment.getByRole('button', { name: 'Записать' }).click();
    // (the API's 400 on `amount`, with what is owed in its details)
    await payment.getByText('Больше, чем осталось оплатить: 110 000,00 ₽', { exact: true }).waitFor();
    // A second one of today, allocated by the server to the oldest open installment.
    await payment.getByLabel('Сумма, RUB *').fill('15000');
    await payment.getByRole('button', { name: 'Записать' }).click();
    await poll(() => page.getByTestId('payment').count()).toBe(2);

    expect(await text(page.getByTestId('invoice-status'))).toBe('Частично оплачен');
    expect(await text(page.getByTestId('invoice-paid'))).toBe('35 000,00 ₽');
    expect(await text(page.getByTestId('invoice-outstanding'))).toBe('95 000,00 ₽');
    expect(await tableRows(page.getByTestId('installment-row'))).toEqual([
      ['1', ruDate(firstDue), '60 000,00 ₽', '35 000,00 ₽', '25 000,00 ₽', 'Частично'],
      ['2', ruDate(secondDue), '70 000,00 ₽', '0,00 ₽', '70 000,00 ₽', 'Ожидается'],
    ]);
    const backdated = page.getByTestId('payment').filter({ has: page.getByTestId('payment-backdated') });
    await poll(() => backdated.count()).toBe(1);
    expect(await text(backdated)).toContain('20 000,00 ₽');
    expect(await text(backdated)).toContain(`${ruDate(moscowDay(-1))}задним числом`);
    expect(await text(backdated)).toContain('Основание: п/п 118');
    await dismissToasts(page);
    await shoot(page, 'invoice-page-ru');

    // The list shows it with what is still owed and the next due date.
    await page.getByRole('link', { name: 'Все счета' }).click();
    const row = page.getByTestId('invoice-row');
    await poll(() => row.count()).toBe(1);
    expect((await tableRows(row))[0]?.slice(0, 7)).toEqual([
      invoiceNumber,
      'ООО «Северный ветер»',
      'Частично оплачен',
      ruDate(moscowDay()),
      '130 000,00 ₽',
      '95 000,00 ₽',
      ruDate(firstDue),
    ]);

    // 40 days later both installments are past due: the first by 35 days, the second by 5.
    runtime.clock.advance(40 * 86_400_000);
    await page.getByTestId('invoice-status-filter').selectOption('overdue');
    await poll(() => text(row.first())).toContain('Просрочен');
    expect(page.url()).toContain('status=overdue');

    await page.goto(`${runtime.tenant('demo').appUrl}/companies/${companyId}`);
    await block.getByTestId('company-overdue').waitFor();
    expect(await text(block.getByTestId('company-overdue'))).toBe('Есть просроченные платежи: 95 000,00 ₽');
    expect(await text(block.getByTestId('company-next-due'))).toBe(
      `${ruDate(firstDue)} — 25 000,00 ₽ по счёту ${invoiceNumber} (платёж №1) Просрочен`,
    );

    // Аналитика: the aging chart puts each remainder in its bucket.
    await page.getByRole('navigation').getByRole('link', { name: 'Аналитика', exact: true }).click();
    const aging = page.getByTestId('analytics-aging');
    await aging.getByTestId('aging-total').waitFor();
    expect(await text(aging.getByTestId('aging-total'))).toBe('95 000,00 ₽');
    const company40 = aging.getByTestId('aging-row').filter({ hasText: 'ООО «Северный ветер»' });
    await poll(() =>
      company40.getByTestId('aging-segment').evaluateAll((s) => s.map((e) => e.getAttribute('data-bucket'))),
    ).toEqual(['1-30', '31-60']);
    const agingPanel = page.getByRole('region', { name: 'Старение задолженности' });
    await agingPanel.getByRole('button', { name: 'Таблица' }).click();
    expect(await tableRows(aging.getByTestId('aging-table').locator('tbody tr'))).toEqual([
      ['ООО «Северный ветер»', '0,00 ₽', '70 000,00 ₽', '25 000,00 ₽', '0,00 ₽', '0,00 ₽', '95 000,00 ₽'],
    ]);
    await agingPanel.getByRole('button', { name: 'Таблица' }).click();
    // Per manager: Anna owns it.
    await aging.getByRole('radio', { name: 'По менеджерам' }).check();
    await aging.getByTestId('aging-row').filter({ hasText: 'Анна Смирнова' }).waitFor();
    await aging.getByRole('radio', { name: 'По компаниям' }).check();
    expect(await text(page.getByTestId('analytics-cash').getByTestId('cash-overdue'))).toBe(
      'Просрочено, ещё не получено: 95 000,00 ₽',
    );
    await shootElement(page, page.getByTestId('receivables-section'), 'invoice-aging-ru');

    // The invoice page now says overdue, each installment marked; and the same page in English.
    await page.goto(`${runtime.tenant('demo').appUrl}/invoices?status=overdue`);
    await page.getByRole('link', { name: invoiceNumber }).click();
    await poll(() => text(page.getByTestId('invoice-status'))).toBe('Просрочен');
    await poll(() => page.getByTestId('installment-overdue').count()).toBe(2);
    await page.getByRole('radio', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: `Invoice ${invoiceNumber}` }).waitFor();
    expect(await text(page.getByTestId('invoice-status'))).toBe('Overdue');
    expect(await text(page.getByTestId('invoice-outstanding'))).toBe('RUB 95,000.00');
    await page.getByTestId('payment-backdated').getByText('backdated').waitFor();
    await dismissToasts(page);
    await shoot(page, 'invoice-page-en');
    await page.getByRole('navigation').getByRole('link', { name: 'Analytics', exact: true }).click();
    await page.getByRole('region', { name: 'Receivables aging' }).waitFor();
    await page.getByTestId('analytics-aging').getByTestId('aging-row').first().waitFor();
    await shootElement(page, page.getByTestId('receivables-section'), 'invoice-aging-en');
    // Back to Russian for whatever signs in next.
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH',
    );
    await page.getByRole('radio', { name: 'Русский' }).click();
    await saved;
  });

  it('an administrator sets the reminder days on Настройки → Дебиторка', async () => {
    const page = await signInAs(admin);
    await page.goto(`${runtime.tenant('demo').appUrl}/settings`);
    await page.getByRole('link', { name: 'Дебиторка' }).click();
    const form = page.getByTestId('receivables-settings');
    const reminder = form.getByLabel('Напоминать покупателю за, дней');
    await poll(() => reminder.inputValue()).toBe('3');
    await reminder.fill('45');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await form.getByText('Целое число от 0 до 30').waitFor();
    await reminder.fill('5');
    await form.getByLabel('Срок оплаты по умолчанию, дней').fill('14');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await page.locator('.toasts').getByText('Настройки сохранены').waitFor();
    const read = await (await apiAs(admin))('GET', '/api/settings/receivables');
    expect(read.body.settings).toEqual({
      reminderDaysBefore: 5,
      escalateAfterDays: 7,
      defaultPaymentDays: 14,
    });

    // A salesperson has no such tab.
    const sales = await signInAs(anna);
    await sales.goto(`${runtime.tenant('demo').appUrl}/settings`);
    await sales.getByRole('navigation', { name: 'Разделы настроек' }).waitFor();
    expect(await sales.getByRole('link', { name: 'Дебиторка' }).count()).toBe(0);
  });
});
