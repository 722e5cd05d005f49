// Аналитика in Chromium against the whole local runtime: a sales manager opens the dashboard on an
// empty quarter, a salesperson's deals are created, moved and won and a call is logged, and once the
// stream has updated the monthly aggregates the funnel, the revenue, the leaderboard, the activities
// and the forecast show them; the manager sets the month's plan (and is told when a colleague saved
// it first), sees the attainment, looks at a past period, and reads it all again in English. A
// salesperson sees the same dashboard without the plan editor.
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
const olga = 'admin@demo.example';

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

/** The texts of every match, as a person reads them. */
const texts = async (locator: Locator) =>
  (await locator.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());

/** The rows of a chart's table (its text alternative), each as the texts of its cells. */
const tableRows = (table: Locator) =>
  table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        [...row.children].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()),
      ),
    );

/** The organisation's current month (demo is in Moscow), as the server files the deals. */
const thisMonth = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit' })
    .format(new Date())
    .slice(0, 7);

describe('analytics', () => {
  it('a sales manager watches won deals reach the funnel, the revenue and the forecast, and sets the month’s plan', async () => {
    const month = thisMonth();
    const page = await signInAs(igor);
    await page.getByRole('navigation').getByRole('link', { name: 'Аналитика', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Аналитика' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Этот квартал' }).isChecked()).toBe(true);
    expect(await page.getByTestId('pipeline-select').inputValue()).toBe('default');

    // An empty quarter: every chart says so instead of drawing nothing.
    const funnel = page.getByTestId('analytics-funnel');
    const revenue = page.getByTestId('analytics-revenue');
    await funnel.getByText('За этот период в воронку не вошло ни одной сделки.').waitFor();
    await revenue.getByText('За этот период нет выигранных сделок.').waitFor();
    await page.getByTestId('analytics-leaderboard').getByTestId('chart-empty').waitFor();
    await page.getByTestId('analytics-forecast').getByTestId('chart-empty').waitFor();
    expect(await text(page.getByTestId('kpi-attainment'))).toContain('План не задан');
    await shoot(page, 'analytics-empty-ru');

    // Anna's quarter: three deals enter «Квалификация», two go on to «Встреча», one of those is won
    // and the other moves on to «Коммерческое предложение»; and she logs a call.
    const call = await apiAs(anna);
    const company = await call('POST', '/api/companies', { name: 'ООО «Северный ветер»' });
    expect(company.status, JSON.stringify(company.body)).toBe(201);
    const deal = async (title: string, amount: number) => {
      const r = await call('POST', '/api/deals', {
        title,
        companyId: company.body.company.id,
        value: { amount, currency: 'RUB' },
        expectedCloseDate: `${month}-28`,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.deal as { id: string; version: number };
    };
    const move = async (d: { id: string; version: number }, stageId: string) => {
      const r = await call('POST', `/api/deals/${d.id}/move`, { expectedVersion: d.version, stageId });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.deal as { id: string; version: number };
    };
    const won = await move(await deal('Поставка насосов', 150_000_00), 'meeting');
    const closed = await call('POST', `/api/deals/${won.id}/close`, {
      expectedVersion: won.version,
      status: 'won',
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    await move(await move(await deal('Сервисный контракт', 90_000_00), 'meeting'), 'proposal');
    await deal('Пилотный проект', 60_000_00);
    const logged = await call('POST', '/api/activities', {
      kind: 'call',
      companyId: company.body.company.id,
      direction: 'outbound',
      durationSeconds: 300,
      outcome: 'connected',
      notes: 'Договорились о поставке.',
    });
    expect(logged.status, JSON.stringify(logged.body)).toBe(201);

    // The aggregates follow the table's stream a moment later: «Обновить» until they are in.
    const refresh = async () => {
      const answered = page.waitForResponse((r) => r.url().includes('/api/reports/sales'));
      await page.getByTestId('analytics-refresh').click();
      await answered;
    };
    const activities = page.getByTestId('analytics-activities');
    await expect
      .poll(
        async () => {
          await refresh();
          return [
            await text(page.getByTestId('kpi-won')),
            (await activities.getByTestId('activities-table').count()) > 0,
          ];
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual(['Выиграно150 000,00 ₽1 сделка', true]);
    expect(await texts(funnel.getByTestId('funnel-count'))).toEqual(['3', '2', '1', '0', '0']);
    expect(await texts(funnel.getByTestId('funnel-conversion'))).toEqual([
      '66,7 % в следующий этап',
      '50 % в следующий этап',
      '0 % в следующий этап',
    ]);
    expect(await tableRows(funnel.getByTestId('funnel-table'))).toEqual([
      ['Квалификация', '3 сделки', '66,7 % в следующий этап'],
      ['Встреча', '2 сделки', '50 % в следующий этап'],
      ['Коммерческое предложение', '1 сделка', '0 % в следующий этап'],
      ['Переговоры', '0 сделок', 'нет данных'],
      ['Согласование договора', '0 сделок', 'нет данных'],
    ]);
    expect(await text(revenue.getByTestId('revenue-total'))).toBe('150 000,00 ₽');
    const months = await tableRows(revenue.getByTestId('revenue-table'));
    expect(months).toHaveLength(3);
    expect(months.filter(([, amount]) => amount === '150 000,00 ₽')).toHaveLength(1);
    expect(months.map(([name]) => name).join(' ')).toMatch(/г\./);
    expect(await revenue.getByTestId('revenue-bar').count()).toBe(3);
    expect(await tableRows(page.getByTestId('leaderboard-table'))).toEqual([
      ['Анна Смирнова', '150 000,00 ₽', '1', '0', '1'],
    ]);
    expect(await tableRows(activities.getByTestId('activities-table'))).toEqual([['Анна Смирнова', '1']]);
    const stageTimes = await tableRows(page.getByTestId('time-in-stage-table'));
    expect(stageTimes.map(([stage]) => stage)).toEqual([
      'Квалификация',
      'Встреча',
      'Коммерческое предложение',
      'Переговоры',
      'Согласование договора',
    ]);
    expect(stageTimes[0]?.[2]).toBe('2');
    expect(stageTimes[3]?.slice(1)).toEqual(['нет данных', '0']);
    // Open: 90 000 at 50 % and 60 000 at 10 % = 51 000 weighted; best case 150 000 won + 150 000 open.
    const forecast = page.getByTestId('analytics-forecast');
    expect(await tableRows(forecast.getByTestId('forecast-table'))).toEqual([
      [
        'Анна Смирнова',
        '150 000,00 ₽',
        '51 000,00 ₽',
        '150 000,00 ₽',
        '300 000,00 ₽',
        'без плана',
        'без плана',
      ],
    ]);
    expect(await text(page.getByTestId('kpi-weighted'))).toContain('51 000,00 ₽');
    expect(await text(page.getByTestId('kpi-best-case'))).toContain('300 000,00 ₽');

    // Each chart's figures can also be shown as a table.
    const toggle = funnel.locator('xpath=ancestor::section[1]').getByRole('button', { name: 'Таблица' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await funnel.getByRole('table', { name: /Воронка «Новые продажи»/ }).waitFor({ state: 'visible' });
    await toggle.click();

    // The month's plan: Igor gives Anna 300 000 ₽ and sees her at 50 %.
    await forecast.getByTestId('plan-toggle').click();
    const editor = forecast.getByTestId('plan-editor');
    expect(await editor.getByTestId('plan-month').inputValue()).toBe(month);
    const annaPlan = editor.getByRole('textbox', { name: /: Анна Смирнова$/ });
    await annaPlan.fill('300 000');
    await editor.getByRole('button', { name: 'Сохранить план' }).click();
    await page
      .locator('.toasts')
      .getByText(/^План на .+ сохранён$/)
      .waitFor();
    await expect
      .poll(() => text(page.getByTestId('kpi-attainment')))
      .toBe('Выполнение плана50 %план 300 000,00 ₽');
    expect((await tableRows(forecast.getByTestId('forecast-table')))[0]?.slice(5)).toEqual([
      '300 000,00 ₽',
      '50 %',
    ]);
    await shoot(page, 'analytics-ru');

    // A colleague saves the plan first: the stale save is refused and their amounts are shown.
    const annaId: string = (await call('GET', '/api/me')).body.user.id;
    const admin = await apiAs(olga);
    const current = await admin('GET', `/api/reports/plans/${month}`);
    const colleague = await admin('PUT', `/api/reports/plans/${month}`, {
      expectedVersion: current.body.plan.version,
      amounts: { ...current.body.plan.amounts, [annaId]: 200_000_00 },
    });
    expect(colleague.status, JSON.stringify(colleague.body)).toBe(200);
    await annaPlan.fill('400 000');
    const refused = page.waitForResponse(
      (r) => r.url().endsWith(`/api/reports/plans/${month}`) && r.request().method() === 'PUT',
    );
    await editor.getByRole('button', { name: 'Сохранить план' }).click();
    expect((await refused).status()).toBe(409);
    await editor
      .getByRole('alert')
      .getByText(/план изменил коллега/)
      .waitFor();
    await expect.poll(() => annaPlan.inputValue()).toBe('200 000');
    await expect
      .poll(() => text(page.getByTestId('kpi-attainment')))
      .toBe('Выполнение плана75 %план 200 000,00 ₽');
    await shoot(page, 'analytics-plan-stale-ru', false);

    // This year holds the same figures; a past period holds none.
    await page.getByRole('radio', { name: 'Этот год' }).check();
    await page.waitForURL(/period=year/);
    await expect.poll(() => revenue.getByTestId('revenue-bar').count()).toBe(12);
    expect(await text(revenue.getByTestId('revenue-total'))).toBe('150 000,00 ₽');
    await page.getByRole('radio', { name: 'Свой период' }).check();
    await page.getByTestId('period-from').fill('2020-01');
    await page.getByTestId('period-to').fill('2020-03');
    await page.waitForURL(/from=2020-01&to=2020-03|to=2020-03.*from=2020-01/);
    await funnel.getByText('За этот период в воронку не вошло ни одной сделки.').waitFor();
    expect(await text(page.getByTestId('analytics-period'))).toMatch(/^Период: январь – март 2020/);
    await page.getByTestId('period-to').fill('2019-12');
    await page.getByText('Конец периода раньше начала').waitFor();
    await page.getByRole('radio', { name: 'Этот квартал' }).check();
    await expect.poll(() => revenue.getByTestId('revenue-bar').count()).toBe(3);
    expect(await text(revenue.getByTestId('revenue-total'))).toBe('150 000,00 ₽');

    // In English: the same figures, labels and months in English.
    await expect.poll(() => page.locator('.toast').count(), { timeout: 10_000 }).toBe(0);
    await page.getByRole('radio', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();
    await funnel.getByRole('table', { name: /Pipeline “Новые продажи”/ }).waitFor({ state: 'attached' });
    expect(await tableRows(funnel.getByTestId('funnel-table'))).toContainEqual([
      'Квалификация',
      '3 deals',
      '66.7% to the next stage',
    ]);
    expect(await text(revenue.getByTestId('revenue-total'))).toMatch(/150,000\.00/);
    expect((await tableRows(revenue.getByTestId('revenue-table'))).map(([name]) => name).join(' ')).toMatch(
      /(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/,
    );
    expect(await text(page.getByTestId('kpi-attainment'))).toContain('Plan attainment');
    await shoot(page, 'analytics-en');
    await page.close();

    // A salesperson reads the dashboard but is not offered the plan editor.
    const annaPage = await signInAs(anna);
    await annaPage.goto(`${runtime.tenant('demo').appUrl}/analytics`);
    await annaPage
      .getByTestId('analytics-forecast')
      .getByTestId('forecast-table')
      .waitFor({ state: 'attached' });
    expect(await annaPage.getByTestId('plan-toggle').count()).toBe(0);
    await annaPage.close();
  });
});
