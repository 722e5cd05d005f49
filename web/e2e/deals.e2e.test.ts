// Deals in Chromium against the whole local runtime: a salesperson creates a deal from the board,
// drags it to the next stage and sees the column totals follow, moves it on with the keyboard (the
// move is announced and the focus stays on the card), is told when a colleague moved it first (409:
// the card is reloaded where the colleague put it), marks it lost with a reason, finds it in the list
// and reopens it on its card, whose stage history shows each stage it went through.
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
const igor = 'igor.petrov@demo.example';

const shoot = async (page: Page, name: string, fullPage = true) => {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage });
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

describe('the deals board', () => {
  it('a salesperson creates a deal, drags it and moves it with the keyboard, a colleague moves it first, and it is lost with a reason', async () => {
    const call = await apiAs(anna);
    const company = await call('POST', '/api/companies', { name: 'ООО «Вектор Плюс»' });
    expect(company.status, JSON.stringify(company.body)).toBe(201);

    const page = await signInAs(anna);
    await page.getByRole('navigation').getByRole('link', { name: 'Сделки', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Сделки' }).waitFor();
    const board = page.getByTestId('deal-board');
    const toasts = page.locator('.toasts');
    const column = (stageId: string) =>
      board.locator(`[data-testid="board-column"][data-stage-id="${stageId}"]`);
    const count = (stageId: string) => text(column(stageId).getByTestId('column-count'));
    const sum = (stageId: string) => text(column(stageId).getByTestId('column-sum'));
    const weighted = (stageId: string) => text(column(stageId).getByTestId('column-weighted'));
    await column('qualification').getByRole('heading', { name: 'Квалификация' }).waitFor();
    expect(await text(column('qualification').getByTestId('column-probability'))).toBe('Вероятность: 10 %');
    expect(await count('qualification')).toBe('0 сделок');

    // A new deal from the board's dialog, its company found by a fragment of the name.
    await page.getByRole('button', { name: 'Новая сделка' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новая сделка' });
    await dialog.getByRole('button', { name: 'Создать сделку' }).click();
    await dialog.getByText('Укажите название сделки').waitFor();
    await dialog.getByText('Выберите компанию').waitFor();
    await dialog.getByLabel('Название *').fill('Поставка серверов');
    await dialog.getByRole('combobox', { name: 'Компания *' }).fill('вектор');
    await dialog.getByRole('option', { name: /Вектор Плюс/ }).click();
    await dialog.getByTestId('deal-company').getByText('ООО «Вектор Плюс»').waitFor();
    await dialog.getByLabel('Сумма *').fill('150 000');
    await dialog.getByLabel('Ожидаемая дата закрытия').fill('2026-12-20');
    expect(await dialog.getByLabel('Этап').inputValue()).toBe('qualification');
    await shoot(page, 'deals-new-deal-ru', false);
    await dialog.getByRole('button', { name: 'Создать сделку' }).click();
    await toasts.getByText('Сделка «Поставка серверов» создана').waitFor();

    const card = board.getByTestId('deal-card').filter({ hasText: 'Поставка серверов' });
    await column('qualification').getByTestId('deal-card').filter({ hasText: 'Поставка серверов' }).waitFor();
    expect(await text(card)).toContain('ООО «Вектор Плюс»');
    expect(await text(card)).toContain('150 000,00 ₽');
    expect(await text(card)).toContain('Анна Смирнова');
    expect(await text(card)).toContain('0 дней на этапе');
    expect(await count('qualification')).toBe('1 сделка');
    expect(await sum('qualification')).toBe('Сумма: 150 000,00 ₽');
    expect(await weighted('qualification')).toBe('Взвешенная: 15 000,00 ₽');
    const id = (await card.getAttribute('data-deal-id')) ?? '';
    expect(id).toMatch(/^[0-9A-Z]{26}$/);

    // A second deal from the API, so that a column holds two cards in the screenshot.
    const other = await call('POST', '/api/deals', {
      title: 'Лицензии на 50 рабочих мест для филиала в Екатеринбурге',
      companyId: company.body.company.id,
      value: { amount: 1_234_567_89, currency: 'RUB' },
      stageId: 'meeting',
      source: 'referral',
      expectedCloseDate: '2027-01-31',
    });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    await page.reload();
    await column('meeting').getByText('Лицензии на 50 рабочих мест').waitFor();

    // Drag and drop to «Встреча»: the card and its value move between the columns' totals.
    const moved = page.waitForResponse((r) => r.url().endsWith(`/api/deals/${id}/move`));
    await card.dragTo(column('meeting'));
    expect((await moved).status()).toBe(200);
    await column('meeting').getByTestId('deal-card').filter({ hasText: 'Поставка серверов' }).waitFor();
    expect(await count('qualification')).toBe('0 сделок');
    expect(await sum('qualification')).toBe('Сумма: 0,00 ₽');
    expect(await count('meeting')).toBe('2 сделки');
    expect(await sum('meeting')).toBe('Сумма: 1 384 567,89 ₽');
    expect(await weighted('meeting')).toBe('Взвешенная: 346 141,97 ₽');
    expect(await text(page.getByTestId('board-total'))).toBe(
      '2 сделки на 1 384 567,89 ₽, взвешенная сумма 346 141,97 ₽',
    );
    // What the browser computed is what the server says.
    await page.reload();
    await column('meeting').getByText('Поставка серверов').waitFor();
    expect(await sum('meeting')).toBe('Сумма: 1 384 567,89 ₽');
    expect(await weighted('meeting')).toBe('Взвешенная: 346 141,97 ₽');
    await shoot(page, 'deals-board-ru');

    // The keyboard: Alt+→ on the card's title moves it to the next stage, says so, keeps the focus.
    const title = page.getByRole('link', { name: 'Поставка серверов', exact: true });
    await title.focus();
    const keyed = page.waitForResponse((r) => r.url().endsWith(`/api/deals/${id}/move`));
    await page.keyboard.press('Alt+ArrowRight');
    expect((await keyed).status()).toBe(200);
    await column('proposal').getByText('Поставка серверов').waitFor();
    await expect
      .poll(() => text(page.getByTestId('board-announcement')))
      .toBe('Сделка «Поставка серверов» перемещена на этап «Коммерческое предложение»');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Поставка серверов');
    expect(await weighted('proposal')).toBe('Взвешенная: 75 000,00 ₽');
    // Alt+← goes back a stage — not back in the browser's history.
    const url = page.url();
    const back = page.waitForResponse((r) => r.url().endsWith(`/api/deals/${id}/move`));
    await page.keyboard.press('Alt+ArrowLeft');
    expect((await back).status()).toBe(200);
    await column('meeting').getByText('Поставка серверов').waitFor();
    await expect
      .poll(() => text(page.getByTestId('board-announcement')))
      .toBe('Сделка «Поставка серверов» перемещена на этап «Встреча»');
    expect(page.url()).toBe(url);
    // …and the card's menu does the same.
    await card.getByRole('button', { name: 'Действия со сделкой «Поставка серверов»' }).click();
    const menuMove = page.waitForResponse((r) => r.url().endsWith(`/api/deals/${id}/move`));
    await page.getByRole('menuitem', { name: 'Переместить на этап «Переговоры»' }).click();
    expect((await menuMove).status()).toBe(200);
    await column('negotiation').getByText('Поставка серверов').waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Поставка серверов');

    // A colleague moves the deal first: the stale move is refused, the card goes where they put it.
    const manager = await apiAs(igor);
    const fresh = await manager('GET', `/api/deals/${id}`);
    const colleague = await manager('POST', `/api/deals/${id}/move`, {
      expectedVersion: fresh.body.deal.version,
      stageId: 'qualification',
    });
    expect(colleague.status).toBe(200);
    const refused = page.waitForResponse((r) => r.url().endsWith(`/api/deals/${id}/move`));
    await title.focus();
    await page.keyboard.press('Alt+ArrowRight');
    expect((await refused).status()).toBe(409);
    await toasts
      .getByText(
        'Сделку «Поставка серверов» только что переместил коллега: сейчас она на этапе «Квалификация». Карточка обновлена — при необходимости повторите перемещение.',
      )
      .waitFor();
    await column('qualification').getByText('Поставка серверов').waitFor();
    expect(await column('contract').getByText('Поставка серверов').count()).toBe(0);
    expect(await count('qualification')).toBe('1 сделка');
    expect(await count('contract')).toBe('0 сделок');
    await shoot(page, 'deals-colleague-moved-ru', false);

    // Lost, with a reason from the dialog: off the board, out of the totals.
    await card.getByRole('button', { name: 'Действия со сделкой «Поставка серверов»' }).click();
    await page.getByRole('menuitem', { name: 'Сделка проиграна…' }).click();
    const lostDialog = page.getByRole('dialog', { name: 'Сделка проиграна' });
    await lostDialog.getByRole('button', { name: 'Отметить проигранной' }).click();
    await lostDialog.getByText('Выберите причину отказа').waitFor();
    await lostDialog.getByLabel('Причина отказа').selectOption('price');
    await lostDialog.getByLabel('Комментарий').fill('Конкурент дал скидку 15 %');
    await shoot(page, 'deals-lost-dialog-ru', false);
    await lostDialog.getByRole('button', { name: 'Отметить проигранной' }).click();
    await toasts.getByText('Сделка «Поставка серверов» проиграна').waitFor();
    await expect.poll(() => card.count()).toBe(0);
    expect(await count('qualification')).toBe('0 сделок');
    expect(await text(page.getByTestId('board-total'))).toBe(
      '1 сделка на 1 234 567,89 ₽, взвешенная сумма 308 641,97 ₽',
    );
    const lost = await call('GET', `/api/deals/${id}`);
    expect(lost.body.deal).toMatchObject({
      status: 'lost',
      lostReason: 'price',
      lostNote: 'Конкурент дал скидку 15 %',
    });

    // The list view of the same pipeline finds it among the lost deals.
    await page.getByRole('radio', { name: 'Список' }).check();
    await page.getByTestId('status-select').selectOption('lost');
    await expect.poll(() => page.getByTestId('deal-row').count()).toBe(1);
    const row = page.getByTestId('deal-row').filter({ hasText: 'Поставка серверов' });
    expect(await text(row)).toContain('Проиграна');
    expect(await text(row)).toContain('Цена');
    expect(page.url()).toContain('view=list');
    expect(page.url()).toContain('status=lost');
    await page.getByTestId('status-select').selectOption('');
    await page.getByTestId('deal-row').filter({ hasText: 'Лицензии на 50 рабочих мест' }).waitFor();
    await shoot(page, 'deals-list-ru', false);

    // Its card: stage history with each stage it went through, and it is reopened.
    await row.getByRole('link', { name: 'Поставка серверов' }).click();
    await page.waitForURL(new RegExp(`/deals/${id}$`));
    await page.getByTestId('deal-title').getByText('Поставка серверов').waitFor();
    expect(await text(page.getByTestId('deal-status'))).toBe('Проиграна');
    expect(await text(page.getByTestId('deal-lost-reason'))).toBe('Цена');
    const history = page.getByTestId('stage-history').locator('tbody tr');
    expect(
      await history.evaluateAll((rows) => rows.map((r) => r.querySelector('th')?.textContent ?? '')),
    ).toEqual([
      'Квалификация',
      'Встреча',
      'Коммерческое предложение',
      'Встреча',
      'Переговоры',
      'Квалификация',
    ]);
    expect(await page.getByTestId('deal-company-link').getAttribute('href')).toBe(
      `/companies/${company.body.company.id}`,
    );
    await shoot(page, 'deals-card-lost-ru');
    await page.getByRole('button', { name: 'Вернуть в работу' }).click();
    await toasts.getByText('Сделка «Поставка серверов» снова в работе').waitFor();
    expect(await text(page.getByTestId('deal-status'))).toBe('В работе');
    // The stage bar moves it on from the card.
    await page.getByRole('button', { name: 'Встреча: переместить на этот этап' }).click();
    await toasts.getByText('Сделка «Поставка серверов» перемещена на этап «Встреча»').waitFor();
    expect(await page.locator('[aria-current="step"]').textContent()).toContain('Встреча');
    await shoot(page, 'deals-card-ru');

    // The board in English (the last look: this runtime is not shared with other tests).
    await page.getByRole('link', { name: 'Ко всем сделкам' }).click();
    await column('meeting').getByText('Поставка серверов').waitFor();
    await page.getByRole('radio', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Deals' }).waitFor();
    expect(await count('meeting')).toBe('2 deals');
    await shoot(page, 'deals-board-en');
    await page.close();
  });
});
