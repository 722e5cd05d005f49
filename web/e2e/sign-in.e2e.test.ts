// A salesperson signs in to the demo tenant in Chromium, sees their name, switches the
// language, and signs out — against the whole local runtime (gateway, functions, emulators).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime.ts';
import { startTestRuntime } from '../../scripts/local/testing.ts';
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

describe('signing in', () => {
  it('shows the signed-in user their name, in Russian, then in English, until they sign out', async () => {
    const demo = runtime.tenant('demo');
    const anna = demo.logins.find((l) => l.email === 'anna.smirnova@demo.example');
    if (!anna) throw new Error('no demo login for Anna');
    const page = await browser.context.newPage();

    await page.goto(demo.appUrl);
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('E-mail').fill(anna.email);
    await page.getByLabel('Пароль').fill('not her password');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByText('Неверный e-mail или пароль').first().waitFor({ timeout: 10_000 });

    await page.getByLabel('Пароль').fill(anna.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByTestId('current-user-name').waitFor();
    expect(await page.getByTestId('current-user-name').textContent()).toBe('Анна Смирнова');
    expect(await page.getByTestId('roles').textContent()).toContain('Менеджер по продажам');
    if (shots) await page.screenshot({ path: join(shots, 'home-ru.png'), fullPage: true });

    // The welcome notification arrives through the stream, the bus and a rule.
    await page.getByRole('navigation').getByRole('link', { name: 'Уведомления', exact: true }).click();
    await page.waitForURL(/\/notifications$/);
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByRole('heading', { level: 1, name: 'Уведомления' }).waitFor();
          return page.getByText('Добро пожаловать в CRM, Анна Смирнова!').count();
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe(1);
    expect(await page.getByTestId('unread-count').textContent()).toBe('1');
    if (shots) await page.screenshot({ path: join(shots, 'notifications-ru.png'), fullPage: true });

    // The switch applies at once and is saved to the profile, so it survives a reload.
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH',
    );
    await page.getByRole('radio', { name: 'English' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    expect((await saved).status()).toBe(200);
    if (shots) await page.screenshot({ path: join(shots, 'home-en.png'), fullPage: true });
    await page.reload();
    await page.getByRole('navigation').getByRole('link', { name: 'Notifications', exact: true }).waitFor();

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto(`${demo.appUrl}/settings`);
    await page.waitForURL(/\/sign-in/);
    await page.close();
  });
});
