// The customer base in Chromium against the whole local runtime: a salesperson creates a company,
// is warned about a duplicate, edits the card in place and adds notes that reach the timeline; the
// command palette finds companies by a fragment of the name, the INN and the phone; a list of a few
// thousand companies scrolls with a small DOM; and a CSV import goes through the web app from the
// dry run to 100 %.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import type { LocalRuntime } from '../../scripts/local/runtime.ts';
import { api, eventually, signIn, startTestRuntime } from '../../scripts/local/testing.ts';
import { type Browser, launchBrowser } from './browser.ts';

const shots = process.env.CRM_SCREENSHOTS;
let runtime: LocalRuntime;
let browser: Browser;

beforeAll(async () => {
  // `scroll` is a second organisation, so its thousands of companies stay out of the demo lists.
  runtime = await startTestRuntime(['demo', 'scroll']);
  browser = await launchBrowser();
  if (shots) mkdirSync(shots, { recursive: true });
});
// A failed test leaves a picture of every open page beside the others.
beforeEach(() => {
  onTestFailed(async ({ task }) => {
    if (!shots) return;
    const pages = browser.context.pages();
    for (const [index, page] of pages.entries())
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

const shoot = async (page: Page, name: string, fullPage = true) => {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage });
};

/** Signs in through the sign-in page, as a user would. */
const signInAs = async (tenantId: string, email: string): Promise<Page> => {
  const tenant = runtime.tenant(tenantId);
  const login = tenant.logins.find((l) => l.email === email);
  if (!login) throw new Error(`no login ${email} in ${tenantId}`);
  const page = await browser.context.newPage();
  page.on('response', (response) => {
    if (response.status() >= 500 && response.url().includes('/api/'))
      console.warn(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  // One browser profile for every test: start signed out.
  await page.goto(`${tenant.appUrl}/sign-in`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByLabel('E-mail').fill(login.email);
  await page.getByLabel(/Пароль|Password/).fill(login.password);
  await page.getByRole('button', { name: /Войти|Sign in/ }).click();
  await page.getByTestId('current-user-name').waitFor();
  return page;
};

const apiAs = async (tenantId: string, email: string) => {
  const tokens = await signIn(runtime, tenantId, email);
  return api(runtime.tenant(tenantId).appUrl, tokens.accessToken);
};

/** Uploads a CSV through the import API and runs it (seeding; the web flow is tested below). */
const importCsv = async (call: Awaited<ReturnType<typeof apiAs>>, appUrl: string, csv: string) => {
  const created = await call('POST', '/api/imports', {
    entity: 'company',
    fileName: 'seed.csv',
    size: Buffer.byteLength(csv),
    contentType: 'text/csv',
    mode: 'create',
  });
  expect(created.status).toBe(201);
  const { url, headers } = created.body.upload as { url: string; headers?: Record<string, string> };
  const put = await fetch(new URL(url, appUrl), { method: 'PUT', headers: headers ?? {}, body: csv });
  expect(put.status).toBe(200);
  const id = created.body.job.id as string;
  expect((await call('POST', `/api/imports/${id}/analyze`)).status).toBe(200);
  expect((await call('POST', `/api/imports/${id}/start`, { mode: 'create' })).status).toBe(200);
  await eventually(
    async () => (await call('GET', `/api/imports/${id}`)).body.status === 'completed',
    'the seed import to complete',
    120_000,
  );
};

describe('the customer card', () => {
  it('a salesperson creates a company, is warned of a duplicate, edits the card and adds notes', async () => {
    const page = await signInAs('demo', anna);
    await page.getByRole('navigation').getByRole('link', { name: 'Компании', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Компании' }).waitFor();
    await page.getByRole('link', { name: 'Новая компания' }).click();

    await page.getByLabel('Название *').fill('ООО «Ромашка»');
    await page.getByLabel('ИНН').fill('7707083893');
    await page.getByLabel('Телефон').fill('8 912 345-67-89');
    await page.getByLabel('E-mail').fill('info@romashka.example');
    await page.getByRole('button', { name: 'Создать компанию' }).click();
    await page.waitForURL(/\/companies\/[0-9A-Z]{26}$/);
    const firstUrl = page.url();
    await page.getByTestId('record-name').getByText('ООО «Ромашка»').waitFor();
    expect(await page.getByRole('link', { name: 'Позвонить: +7 (912) 345-67-89' }).getAttribute('href')).toBe(
      'tel:+79123456789',
    );

    // A second company with the same INN: the warning while typing, then on submit.
    await page.goto(`${runtime.tenant('demo').appUrl}/companies/new`);
    await page.getByLabel('Название *').fill('Ромашка');
    await page.getByLabel('ИНН').fill('7707083893');
    const warning = page.getByTestId('duplicate-warning');
    await warning.getByText('Возможный дубль: ООО «Ромашка» (ИНН совпадает)').waitFor();
    await page.getByRole('button', { name: 'Создать компанию' }).click();
    await warning.getByRole('button', { name: 'Всё равно создать' }).waitFor();
    expect(await warning.getAttribute('role')).toBe('alert');
    await shoot(page, 'duplicate-warning-ru');
    await warning.getByRole('link', { name: 'Открыть' }).click();
    await page.waitForURL(firstUrl);
    await page.getByTestId('record-name').waitFor();

    // Inline editing: click, type, Enter; saved with the version and shown at once.
    await page.getByRole('button', { name: 'Изменить: Отрасль' }).click();
    const industry = page.getByTestId('input-industry');
    await industry.fill('Розничная торговля');
    const saved = page.waitForResponse(
      (r) => r.request().method() === 'PATCH' && r.url().includes('/api/companies/'),
    );
    await industry.press('Enter');
    expect((await saved).status()).toBe(200);
    await page.locator('[data-field="industry"]').getByText('Розничная торговля').waitFor();

    // A wrong INN is explained beside the field and the editor stays open; Escape leaves it as it was.
    await page.getByRole('button', { name: 'Изменить: ИНН' }).click();
    await page.getByTestId('input-inn').fill('7707083894');
    await page.getByTestId('input-inn').press('Enter');
    await page.getByText('Неверное контрольное число ИНН — проверьте цифры').waitFor();
    await page.getByTestId('input-inn').press('Escape');
    await page.locator('[data-field="inn"]').getByText('7707083893').waitFor();

    // The stage from the header, then a note, and one dated in the past.
    await page.getByTestId('stage-select').selectOption('customer');
    await page.getByText('Анна Смирнова изменила стадию: Лид → Клиент').waitFor({ timeout: 20_000 });

    await page.getByLabel('Новая заметка').fill('Созвонились с директором, ждут КП до пятницы.');
    await page.getByRole('button', { name: 'Добавить заметку' }).click();
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('Созвонились с директором, ждут КП до пятницы.').waitFor();
    await page.getByLabel('Новая заметка').fill('Встреча на выставке в прошлом месяце.');
    await page.getByLabel('Указать дату в прошлом').check();
    await page.getByLabel('Дата и время события').fill('2026-10-15T11:00');
    await page.getByRole('button', { name: 'Добавить заметку' }).click();
    // The projected entries replace the pending ones: no "появится" left, the backdated one marked.
    // First both notes must be shown (pending or not): right after the click the second one may not
    // be there yet, and "nothing pending" would then be true too early.
    const notes = () => timeline.getByText('Анна Смирнова добавила заметку').count();
    await expect.poll(notes, { timeout: 20_000 }).toBe(2);
    await expect
      .poll(async () => timeline.getByText('Событие появится в ленте через несколько секунд').count(), {
        timeout: 20_000,
      })
      .toBe(0);
    expect(await notes()).toBe(2);
    const backdated = timeline.locator('li', { hasText: 'Встреча на выставке в прошлом месяце.' });
    await backdated.getByText('задним числом').waitFor();
    expect(await backdated.locator('time').textContent()).toBe('15.10.2026, 11:00');
    await shoot(page, 'company-card-ru');

    // The same card in English.
    await page.getByRole('radio', { name: 'English' }).click();
    await page.getByText('Анна Смирнова changed stage: Lead → Customer').waitFor();
    await page.getByRole('button', { name: 'Edit: Industry' }).waitFor();
    await shoot(page, 'company-card-en');
    // The saves are queued: wait for the one back to Russian, not the English one still in flight,
    // or the next tests would sign in to an English app.
    const back = page.waitForResponse(
      (r) =>
        r.url().endsWith('/api/me') &&
        r.request().method() === 'PATCH' &&
        (r.request().postDataJSON() as { locale?: string }).locale === 'ru',
    );
    await page.getByRole('radio', { name: 'Русский' }).click();
    await page.getByText('Анна Смирнова изменила стадию: Лид → Клиент').waitFor();
    expect((await back).status()).toBe(200);
    await page.close();
  });
});

describe('the command palette', () => {
  it('finds a company by a fragment of its name, by INN and by phone, and opens its card', async () => {
    const call = await apiAs('demo', anna);
    const created = await call('POST', '/api/companies', {
      name: 'АО «Северсталь Логистик»',
      inn: '7736207543',
      phones: [{ value: '+7 912 555-44-33', kind: 'work' }],
    });
    expect(created.status).toBe(201);
    const id = created.body.company.id as string;
    const page = await signInAs('demo', anna);
    const input = page.getByRole('combobox', { name: 'Найти компанию, контакт или команду' });

    for (const query of ['северст', '7736207543', '912555']) {
      await page.keyboard.press('Control+k');
      await input.fill(query);
      const option = page.getByRole('option', { name: /Северсталь Логистик/ });
      await option.waitFor();
      if (query === '912555') {
        expect(await option.locator('mark').textContent()).toBe('912) 555');
        await shoot(page, 'palette-phone-ru', false);
      }
      if (query === 'северст') expect(await option.locator('mark').first().textContent()).toBe('Северст');
      await input.press('ArrowDown');
      await input.press('ArrowUp');
      await input.press('Enter');
      await page.waitForURL(new RegExp(`/companies/${id}$`));
      await page.getByTestId('record-name').getByText('АО «Северсталь Логистик»').waitFor();
      await page.goto(`${runtime.tenant('demo').appUrl}/`);
      await page.getByTestId('greeting').waitFor();
    }

    // Quick actions: "Импорт" opens the import page.
    await page.keyboard.press('Control+k');
    await input.fill('импорт');
    await page.getByRole('option', { name: 'Импорт из CSV' }).waitFor();
    await input.press('Enter');
    await page.waitForURL(/\/import$/);
    await page.close();
  });
});

describe('a list of thousands of companies', () => {
  it('scrolls to the end through cursor pages while the DOM stays small', async () => {
    const count = 2500;
    const tenant = runtime.tenant('scroll');
    const admin = tenant.logins[0]?.email ?? '';
    const call = await apiAs('scroll', admin);
    const rows = ['Название;Город'];
    for (let i = 0; i < count; i++)
      rows.push(`Компания ${String(i).padStart(5, '0')};${i % 2 ? 'Москва' : 'Казань'}`);
    await importCsv(call, tenant.appUrl, rows.join('\r\n'));

    const page = await signInAs('scroll', admin);
    await page.goto(`${tenant.appUrl}/companies`);
    const grid = page.getByTestId('record-grid');
    await grid.getByText('Компания 00000').waitFor();
    // Test organisations speak English. The counters are kept from the table stream: the total
    // arrives eventually.
    await expect
      .poll(
        async () => {
          await page.reload();
          await grid.getByText('Компания 00000').waitFor();
          return page.getByTestId('list-total').textContent();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe('2,500 companies');

    let largestDom = 0;
    for (let step = 0; step < 400; step++) {
      const state = await grid.evaluate((element) => {
        element.scrollTop += element.clientHeight * 3;
        return {
          rows: element.querySelectorAll('[data-testid="record-row"]').length,
          atEnd: element.scrollTop + element.clientHeight >= element.scrollHeight - 2,
        };
      });
      largestDom = Math.max(largestDom, state.rows);
      if (state.atEnd && (await grid.getByText('Компания 02499').count()) > 0) break;
      await page.waitForTimeout(state.atEnd ? 300 : 30);
    }
    await grid.getByText('Компания 02499').waitFor();
    expect(largestDom).toBeGreaterThan(5);
    expect(largestDom).toBeLessThan(60);
    expect(await grid.getByText('Loading more…').count()).toBe(0);
    await shoot(page, 'companies-scrolled-ru', false);

    // Keyboard: Home goes back to the first row, Enter opens it.
    // The virtualizer may recycle the focused row while it settles after the scroll (focus then falls
    // back to the page and Home does nothing): focus and press again until the first row shows.
    await expect
      .poll(
        async () => {
          await grid.locator('[data-testid="record-row"]').last().focus();
          await page.keyboard.press('Home');
          return grid
            .getByText('Компания 00000')
            .waitFor({ timeout: 2000 })
            .then(() => true)
            .catch(() => false);
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/companies\/[0-9A-Z]{26}$/);
    await page.getByTestId('record-name').getByText('Компания 00000').waitFor();
    await page.close();
  });
});

describe('import from CSV', () => {
  it('shows the invalid row in the dry run, then imports with progress to 100 % and lists the companies', async () => {
    const page = await signInAs('demo', anna);
    await page.getByRole('navigation').getByRole('link', { name: 'Импорт', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Импорт из CSV' }).waitFor();
    const csv = [
      'Наименование;ИНН;Телефон;Город;Комментарий',
      'ООО «Импорт Первый»;7704217370;+7 495 111-22-33;Москва;первый',
      'ООО «Импорт Второй»;;8 (812) 222-33-44;Санкт-Петербург;',
      'ООО «Импорт Третий»;1234567890;;Казань;неверный ИНН',
      'ИП Импортов Четвёртый;;+7 343 444-55-66;Екатеринбург;',
    ].join('\r\n');
    await page.getByTestId('import-file').setInputFiles({
      name: 'клиенты.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    const mapping = page.getByTestId('import-mapping');
    await mapping.waitFor();
    await page.getByText(/Кодировка: UTF-8 · разделитель: точка с запятой · строк: 4/).waitFor();
    expect(await page.getByLabel('Поле в CRM для колонки «Наименование»').inputValue()).toBe('name');
    expect(await page.getByLabel('Поле в CRM для колонки «Комментарий»').inputValue()).toBe('');
    await shoot(page, 'import-mapping-ru');

    await page.getByRole('button', { name: 'Проверить' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await page.getByTestId('report-invalid').textContent()).toBe('1');
    expect(await page.getByTestId('report-create').textContent()).toBe('3');
    const issues = page.getByTestId('import-issues');
    await issues.getByRole('cell', { name: '4', exact: true }).waitFor();
    await issues.getByText('Неверное контрольное число ИНН — проверьте цифры').waitFor();
    await shoot(page, 'import-dry-run-ru');

    await page.getByRole('button', { name: 'Начать импорт' }).click();
    await page.getByText('Импорт завершён').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(await page.getByTestId('result-created').textContent()).toBe('3');
    await page.waitForTimeout(500);
    await shoot(page, 'import-done-ru');

    await page.getByRole('link', { name: 'Открыть компании' }).click();
    await page.waitForURL(/\/companies$/);
    await page.goto(`${runtime.tenant('demo').appUrl}/companies?sort=created`);
    const grid = page.getByTestId('record-grid');
    for (const name of ['ООО «Импорт Первый»', 'ООО «Импорт Второй»', 'ИП Импортов Четвёртый'])
      await grid.getByText(name).waitFor();
    expect(await grid.getByText('ООО «Импорт Третий»').count()).toBe(0);
    await shoot(page, 'companies-after-import-ru', false);
    await page.close();
  });
});

describe('bulk actions', () => {
  it('a sales manager tags two selected companies and hands them to a salesperson', async () => {
    const manager = 'igor.petrov@demo.example';
    const call = await apiAs('demo', manager);
    const names = ['АААА Балк Первая', 'АААА Балк Вторая'];
    const ids: string[] = [];
    for (const name of names) {
      const created = await call('POST', '/api/companies', { name, allowDuplicate: true });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      ids.push(created.body.company.id as string);
    }
    const annaId = (await (await apiAs('demo', anna))('GET', '/api/me')).body.user.id as string;

    const page = await signInAs('demo', manager);
    await page.goto(`${runtime.tenant('demo').appUrl}/companies`);
    for (const name of names) await page.getByRole('checkbox', { name: `Выбрать: ${name}` }).check();
    const bar = page.getByTestId('bulk-bar');

    await bar.getByRole('button', { name: 'Добавить тег' }).click();
    await page.getByLabel('Тег', { exact: true }).fill('оптовик');
    await page.getByRole('button', { name: 'Применить' }).click();
    await expect
      .poll(async () => {
        const tags = await Promise.all(
          ids.map(async (id) => (await call('GET', `/api/companies/${id}`)).body.company.tags as string[]),
        );
        return tags.every((t) => t.includes('оптовик'));
      })
      .toBe(true);

    // A finished action clears the selection: select the rows again.
    for (const name of names) await page.getByRole('checkbox', { name: `Выбрать: ${name}` }).check();
    await bar.getByRole('button', { name: 'Назначить ответственного' }).click();
    await page.getByLabel('Новый ответственный').selectOption(annaId);
    await page.getByRole('button', { name: 'Применить' }).click();
    await expect
      .poll(async () => {
        const owners = await Promise.all(
          ids.map(async (id) => (await call('GET', `/api/companies/${id}`)).body.company.ownerId as string),
        );
        return owners.every((o) => o === annaId);
      })
      .toBe(true);
    await shoot(page, 'companies-bulk-ru', false);
    await page.close();
  });
});
