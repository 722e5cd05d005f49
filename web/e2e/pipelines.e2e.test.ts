// Настройки → Воронки и валюты in Chromium: an administrator adds a stage to the default pipeline,
// is refused (with the stage and the count of its deals) when removing a stage that holds a deal,
// creates a second pipeline, and sets an exchange rate that the board's totals then use.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

const admin = 'admin@demo.example';

const signInAs = async (email: string): Promise<Page> => {
  const tenant = runtime.tenant('demo');
  const login = tenant.logins.find((l) => l.email === email);
  if (!login) throw new Error(`no login ${email}`);
  const page = await browser.context.newPage();
  await page.goto(`${tenant.appUrl}/sign-in`);
  await page.getByLabel('E-mail').fill(login.email);
  await page.getByLabel(/Пароль|Password/).fill(login.password);
  await page.getByRole('button', { name: /Войти|Sign in/ }).click();
  await page.getByTestId('current-user-name').waitFor();
  return page;
};

describe('pipelines and exchange rates', () => {
  it('an administrator edits stages, is told which stage still holds deals, adds a pipeline and sets a rate', async () => {
    const call = api(runtime.tenant('demo').appUrl, (await signIn(runtime, 'demo', admin)).accessToken);
    await call('GET', '/api/me');
    const company = await call('POST', '/api/companies', { name: 'ООО «Этапы»' });
    const deal = await call('POST', '/api/deals', {
      title: 'Сделка на встрече',
      companyId: company.body.company.id,
      value: { amount: 100_00, currency: 'RUB' },
      stageId: 'meeting',
    });
    expect(deal.status, JSON.stringify(deal.body)).toBe(201);

    const page = await signInAs(admin);
    await page.goto(`${runtime.tenant('demo').appUrl}/settings/pipelines`);
    const pipeline = page.locator('.pipeline-editor').filter({ hasText: 'Новые продажи' });
    await expect.poll(() => pipeline.getByTestId('pipeline-stage').count(), { timeout: 20_000 }).toBe(5);

    // A new stage at the end.
    await pipeline.getByRole('button', { name: 'Добавить этап' }).click();
    await pipeline.getByLabel('Название этапа 6').fill('Счёт выставлен');
    await pipeline.getByLabel('Вероятность этапа 6, %').fill('95');
    await pipeline.getByRole('button', { name: 'Сохранить воронку' }).click();
    await page.getByText('Воронка «Новые продажи» сохранена').waitFor();
    const stored = await call('GET', '/api/pipelines');
    expect(stored.body.items[0].stages.at(-1)).toMatchObject({
      id: 'stage-1',
      name: 'Счёт выставлен',
      probability: 95,
    });

    // «Встреча» holds the deal: removing it is refused, saying where and how many.
    await page.reload();
    const again = page.locator('.pipeline-editor').filter({ hasText: 'Новые продажи' });
    await again.getByRole('button', { name: 'Убрать этап 2' }).click();
    await again.getByRole('button', { name: 'Сохранить воронку' }).click();
    await again.getByText('Этап нельзя убрать, пока на нём есть сделки в работе: «Встреча» — 1').waitFor();
    if (shots) await page.screenshot({ path: join(shots, 'pipelines-refused-ru.png'), fullPage: true });
    expect((await call('GET', '/api/pipelines')).body.items[0].stages).toHaveLength(6);

    // A second pipeline.
    await page.getByRole('button', { name: 'Новая воронка' }).click();
    const fresh = page.locator('.pipeline-editor').filter({ hasText: 'Новая воронка' });
    await fresh.getByLabel('Название воронки').fill('Продления');
    await fresh.getByLabel('Название этапа 1').fill('Напоминание');
    await fresh.getByRole('button', { name: 'Добавить этап' }).click();
    await fresh.getByLabel('Название этапа 2').fill('Счёт');
    await fresh.getByLabel('Вероятность этапа 2, %').fill('80');
    await fresh.getByRole('button', { name: 'Сохранить воронку' }).click();
    await page.getByText('Воронка «Продления» сохранена').waitFor();
    const names = (await call('GET', '/api/pipelines')).body.items.map((p: { name: string }) => p.name);
    expect(names).toContain('Продления');

    // An exchange rate, with a decimal comma as people type it.
    await page.getByLabel('1 USD = … RUB').fill('92,5');
    await page.getByRole('button', { name: 'Сохранить курсы' }).click();
    await page.getByText('Курсы валют сохранены').waitFor();
    expect((await call('GET', '/api/settings/currency-rates')).body.rates.rates).toEqual({ USD: '92.5' });
    const bad = page.getByLabel('1 EUR = … RUB');
    await bad.fill('сто');
    await page.getByRole('button', { name: 'Сохранить курсы' }).click();
    await expect.poll(() => bad.getAttribute('aria-invalid')).toBe('true');
    if (shots) await page.screenshot({ path: join(shots, 'pipelines-ru.png'), fullPage: true });
  });
});
