// Маркетинг in Chromium against the whole local runtime (issue 5's "Done when", as far as the API
// exists): a marketing user opens «Маркетинг» from her navigation, builds a segment — the live count
// and the exclusions per reason change as she narrows it to one city — and saves it; writes a template,
// first with an unknown merge field (the error names its line under the HTML), then with a <script>
// (saved, with the removed notice), inserts a merge field with the picker, previews the template against
// a real contact in the sandboxed frame, and test-sends it to herself (the SES emulator captures it).
// She then creates a campaign to the segment with the template, launches it, watches it complete (the
// one eligible contact gets the e-mail, the excluded ones nothing) and reads its report. A salesperson
// records a deal from the campaign, which the report then counts. The segment page is read again in
// English.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import {
  campaignTemplate,
  capturedPerAddress,
  seedContacts,
} from '../../functions/domain/campaigns/campaign-test-support.ts';
import type { LocalRuntime } from '../../scripts/local/runtime.ts';
import { api, sentEmails, signIn, startTestRuntime } from '../../scripts/local/testing.ts';
import { type Browser, launchBrowser } from './browser.ts';

const shots = process.env.CRM_SCREENSHOTS;
let runtime: LocalRuntime;
let browser: Browser;

beforeAll(async () => {
  runtime = await startTestRuntime(['demo']);
  browser = await launchBrowser();
  if (shots) mkdirSync(shots, { recursive: true });
});
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

const maria = 'maria.volkova@demo.example';
const admin = 'admin@demo.example';

const shoot = async (page: Page, name: string) => {
  if (!shots) return;
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path: join(shots, `${name}.png`) });
  await page.setViewportSize(viewport);
};

const dismissToasts = async (page: Page) => {
  const close = page.locator('.toasts .toast button');
  while ((await close.count()) > 0) await close.first().click();
};

/** Signs in on a new page, or again on `on` (the pages of the one browser profile share a session). */
const signInAs = async (email: string, on?: Page): Promise<Page> => {
  const tenant = runtime.tenant('demo');
  const login = tenant.logins.find((l) => l.email === email);
  if (!login) throw new Error(`no login ${email}`);
  const page = on ?? (await browser.context.newPage());
  if (!on)
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

const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

/** The live count and the exclusions as the preview shows them, once it is not recounting. */
const previewFigures = async (page: Page) => {
  const preview = page.getByTestId('segment-preview');
  if ((await preview.getAttribute('data-counting')) !== 'false') return undefined;
  const count = await page.getByTestId('segment-count').getAttribute('data-count');
  const reason = (r: string) => page.getByTestId(`exclusion-${r}`).getAttribute('data-count');
  return {
    count: Number(count),
    noConsent: Number(await reason('noConsent')),
    unsubscribed: Number(await reason('unsubscribed')),
    suppressed: Number(await reason('suppressed')),
    noEmail: Number(await reason('noEmail')),
  };
};

describe('marketing', () => {
  it('a marketer builds a segment, writes and test-sends a template, and sends a campaign to the segment', {
    timeout: 240_000,
  }, async () => {
    // Two customers' contacts, made through the API: in Казань one may be e-mailed, one gave no
    // consent and one has no address; in Москва one may be e-mailed and one gave no consent.
    const call = await apiAs(admin);
    const granted = { status: 'granted', at: '2026-11-01T10:00:00.000Z', method: 'web-form' };
    const company = async (name: string, city: string) => {
      const res = await call('POST', '/api/companies', {
        name,
        lifecycleStage: 'customer',
        addresses: [{ kind: 'actual', line: 'ул. Ленина, 1', city }],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.company.id as string;
    };
    const contact = async (body: Record<string, unknown>) => {
      const res = await call('POST', '/api/contacts', body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.contact.id as string;
    };
    const kazan = await company('ООО «Казанские окна»', 'Казань');
    const moscow = await company('АО «Столичный склад»', 'Москва');
    await contact({
      firstName: 'Ирина',
      lastName: 'Орлова',
      companyId: kazan,
      emails: [{ value: 'orlova@okna.example' }],
      marketingConsent: granted,
    });
    await contact({
      firstName: 'Олег',
      lastName: 'Зайцев',
      companyId: kazan,
      emails: [{ value: 'zaitsev@okna.example' }],
    });
    await contact({ firstName: 'Нина', lastName: 'Гусева', companyId: kazan, marketingConsent: granted });
    await contact({
      firstName: 'Павел',
      lastName: 'Лебедев',
      companyId: moscow,
      emails: [{ value: 'lebedev@sklad.example' }],
      marketingConsent: granted,
    });
    await contact({
      firstName: 'Вера',
      lastName: 'Климова',
      companyId: moscow,
      emails: [{ value: 'klimova@sklad.example' }],
    });

    // «Маркетинг» is in Maria's navigation and opens on «Сегменты», empty so far.
    const page = await signInAs(maria);
    await page.getByRole('navigation').getByRole('link', { name: 'Маркетинг', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Сегменты' }).waitFor();
    await page.getByText('Сегментов пока нет').waitFor();
    await page.getByRole('link', { name: 'Новый сегмент' }).click();
    await page.getByRole('heading', { level: 1, name: 'Новый сегмент' }).waitFor();

    // Every contact at first: two may be e-mailed, two gave no consent, one has no address.
    await poll(() => previewFigures(page)).toEqual({
      count: 2,
      noConsent: 2,
      unsubscribed: 0,
      suppressed: 0,
      noEmail: 1,
    });
    expect(await text(page.getByTestId('segment-count'))).toBe('2 контакта получат рассылку');
    // Customers in Казань: one recipient, and the exclusions follow the filter.
    await page.getByTestId('segment-stages').getByLabel('Клиент', { exact: true }).check();
    await page.getByLabel('Город').fill('Казань');
    await poll(() => previewFigures(page)).toEqual({
      count: 1,
      noConsent: 1,
      unsubscribed: 0,
      suppressed: 0,
      noEmail: 1,
    });
    expect(await text(page.getByTestId('segment-count'))).toBe('1 контакт получит рассылку');
    const sample = page.getByTestId('segment-sample').locator('tbody tr');
    expect(await sample.count()).toBe(1);
    expect(
      await Promise.all(
        ['sample-name', 'sample-email', 'sample-company'].map((id) => text(sample.getByTestId(id))),
      ),
    ).toEqual(['Орлова Ирина', 'orlova@okna.example', 'ООО «Казанские окна»']);
    await page.getByLabel('Название сегмента').fill('Клиенты из Казани');
    await page.getByRole('button', { name: 'Сохранить сегмент' }).click();
    await page.waitForURL(/\/marketing\/segments\/[0-9A-Z]{26}$/);
    await page.getByRole('heading', { level: 1, name: 'Клиенты из Казани' }).waitFor();
    await poll(() => previewFigures(page)).toEqual({
      count: 1,
      noConsent: 1,
      unsubscribed: 0,
      suppressed: 0,
      noEmail: 1,
    });
    await dismissToasts(page);
    await shoot(page, 'marketing-segment-builder-ru');

    // A template with an unknown merge field on line 2 of its HTML: refused, the line named under it.
    await page
      .getByRole('navigation', { name: 'Разделы маркетинга' })
      .getByRole('link', { name: 'Шаблоны писем' })
      .click();
    await page.getByRole('link', { name: 'Новый шаблон' }).click();
    await page.getByLabel('Название шаблона').fill('Приглашение на выставку');
    await page.getByLabel('Тема письма').fill('Приглашаем на выставку «Окна-2026»');
    const html = page.getByTestId('template-html');
    await html.fill('<p>Здравствуйте!</p>\n<p>Ваш менеджер: {{ contact.nickname }}</p>');
    await page.getByTestId('template-text').fill('Здравствуйте! Приглашаем на выставку.');
    await page.getByRole('button', { name: 'Сохранить шаблон' }).click();
    await page.getByText('Шаблон не сохранён: исправьте ошибки в полях.').waitFor();
    const htmlError = page.locator('.field--invalid').filter({ has: html }).locator('.field__error');
    await poll(() => text(htmlError)).toBe(
      'Строка 2, символ 18: неизвестное поле подстановки «contact.nickname»; выберите поле из списка «Поля подстановки»',
    );
    expect(await html.getAttribute('aria-invalid')).toBe('true');
    await shoot(page, 'marketing-template-error-ru');

    // Fixed with the picker (the company's name with a fallback), and a <script> added: saved, the
    // script removed and said so.
    await html.fill(
      '<p>Здравствуйте, {{ contact.firstName | default: "коллега" }}!</p>\n<p>Ждём вас и ваших коллег из </p>\n<script>alert(1)</script>',
    );
    await html.evaluate((el: HTMLTextAreaElement) => {
      const at = el.value.indexOf('</p>\n<script>');
      el.focus();
      el.setSelectionRange(at, at);
    });
    await page.getByLabel('Поле', { exact: true }).selectOption('company.name');
    await page.getByLabel('Если поле пустое, подставить').fill('вашей компании');
    await page.getByRole('button', { name: 'Вставить' }).click();
    await poll(() => html.inputValue()).toContain(
      'ваших коллег из {{ company.name | default: "вашей компании" }}</p>',
    );
    await page.getByRole('button', { name: 'Сохранить шаблон' }).click();
    await page.waitForURL(/\/marketing\/templates\/[0-9A-Z]{26}$/);
    const removed = page.getByTestId('template-removed');
    await poll(() => text(removed)).toContain('При сохранении удалено небезопасное содержимое');
    expect(await text(removed)).toContain('<script>');
    await poll(() => html.inputValue()).not.toContain('<script>');

    // Preview against Ирина Орлова: her name and her company's in the sandboxed frame.
    await page.getByLabel('Найти контакт').fill('Орлова');
    const contactSelect = page.getByLabel('Контакт для предпросмотра');
    const irina = contactSelect.locator('option', { hasText: /Орлова/ });
    await poll(() => irina.count()).toBe(1);
    await contactSelect.selectOption((await irina.getAttribute('value')) ?? '');
    await page.getByRole('button', { name: 'Показать', exact: true }).click();
    const frame = page.getByTestId('template-preview-frame');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    await poll(() => frame.getAttribute('srcdoc')).toContain('Здравствуйте, Ирина!');
    expect(await frame.getAttribute('srcdoc')).toContain('Ждём вас и ваших коллег из ООО «Казанские окна»');
    await page
      .frameLocator('[data-testid="template-preview-frame"]')
      .getByText('Здравствуйте, Ирина!')
      .waitFor();
    expect(await text(page.getByTestId('template-preview-subject'))).toBe(
      'Приглашаем на выставку «Окна-2026»',
    );

    // A test send to herself reaches the SES emulator.
    const before = (await sentEmails(runtime)).length;
    await page.getByRole('button', { name: 'Отправить тест себе' }).click();
    await page.locator('.toasts').getByText(`Тестовое письмо отправлено на ${maria}`).waitFor();
    await poll(async () =>
      (await sentEmails(runtime))
        .slice(before)
        .filter((m) => m.destination.to.includes(maria))
        .map((m) => [m.subject, (m.body.html ?? '').includes('Здравствуйте, Ирина!')]),
    ).toEqual([['[Тест] Приглашаем на выставку «Окна-2026»', true]]);
    await dismissToasts(page);
    await shoot(page, 'marketing-template-editor-ru');

    // A campaign to the segment with the template, sent on launch: it sends, completes, and its
    // report shows what went out.
    await page
      .getByRole('navigation', { name: 'Разделы маркетинга' })
      .getByRole('link', { name: 'Кампании' })
      .click();
    await page.getByText('Кампаний пока нет').waitFor();
    await page.getByRole('link', { name: 'Новая кампания' }).click();
    const form = page.getByTestId('campaign-form');
    await form.getByLabel('Название кампании').fill('Приглашение на выставку «Окна-2026»');
    const segmentSelect = form.getByLabel('Сегмент');
    await poll(() => segmentSelect.locator('option', { hasText: 'Клиенты из Казани' }).count()).toBe(1);
    await segmentSelect.selectOption({ label: 'Клиенты из Казани' });
    const templateSelect = form.getByLabel('Шаблон письма');
    await poll(() => templateSelect.locator('option', { hasText: 'Приглашение на выставку' }).count()).toBe(
      1,
    );
    await templateSelect.selectOption({ label: 'Приглашение на выставку' });
    await form.getByLabel('Имя отправителя').fill('ООО «Демо»');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await page.waitForURL(/\/marketing\/campaigns\/[0-9A-Z]{26}$/);
    const state = page.getByTestId('campaign-state');
    await poll(() => state.getAttribute('data-state')).toBe('draft');
    expect(await text(page.getByTestId('campaign-details'))).toContain('Клиенты из Казани');
    await page.getByRole('button', { name: 'Запустить' }).click();
    await page.locator('.toasts').getByText('Кампания запущена').waitFor();
    await expect
      .poll(() => state.getAttribute('data-state'), { timeout: 60_000, interval: 250 })
      .toBe('completed');
    await poll(async () =>
      (await sentEmails(runtime))
        .filter((m) => m.destination.to.includes('orlova@okna.example'))
        .map((m) => m.subject),
    ).toEqual(['Приглашаем на выставку «Окна-2026»']);
    // Nobody excluded got it.
    const all = await sentEmails(runtime);
    for (const excluded of ['zaitsev@okna.example', 'lebedev@sklad.example', 'klimova@sklad.example'])
      expect(all.some((m) => m.destination.to.includes(excluded))).toBe(false);
    await poll(() => page.getByTestId('campaign-progress').getAttribute('data-sent')).toBe('1');
    const totals = page.getByTestId('campaign-totals');
    await poll(() => totals.locator('[data-metric="sent"]').getAttribute('data-value')).toBe('1');
    await page.getByTestId('campaign-chart-hourly').getByTestId('campaign-bar').first().waitFor();
    await page.getByTestId('campaign-links').waitFor();
    await page.getByTestId('campaign-attribution').waitFor();
    await dismissToasts(page);
    await shoot(page, 'marketing-campaign-ru');

    // A salesperson records a deal that came from the campaign: source «Рассылка», then the
    // campaign itself. The report counts it by its source and by its recipient's company, once.
    const campaignUrl = page.url();
    const anna = await signInAs('anna.smirnova@demo.example');
    await anna.getByRole('navigation').getByRole('link', { name: 'Сделки', exact: true }).click();
    await anna.getByRole('heading', { level: 1, name: 'Сделки' }).waitFor();
    await anna.getByRole('button', { name: 'Новая сделка' }).click();
    const newDeal = anna.getByRole('dialog', { name: 'Новая сделка' });
    await newDeal.getByLabel('Название *').fill('Окна для нового корпуса');
    await newDeal.getByRole('combobox', { name: 'Компания *' }).fill('казанские');
    await newDeal.getByRole('option', { name: /Казанские окна/ }).click();
    await newDeal.getByLabel('Сумма *').fill('420 000');
    await newDeal.getByLabel('Источник').selectOption({ label: 'Рассылка' });
    const campaignSelect = newDeal.getByLabel('Кампания');
    await poll(() =>
      campaignSelect.locator('option', { hasText: 'Приглашение на выставку «Окна-2026»' }).count(),
    ).toBe(1);
    await campaignSelect.selectOption({ label: 'Приглашение на выставку «Окна-2026»' });
    await shoot(anna, 'deals-new-deal-campaign-ru');
    await newDeal.getByRole('button', { name: 'Создать сделку' }).click();
    await anna.locator('.toasts').getByText('Сделка «Окна для нового корпуса» создана').waitFor();
    await anna.getByRole('link', { name: 'Окна для нового корпуса', exact: true }).click();
    // Sales do not open Маркетинг: the campaign is named, not linked.
    await poll(() => text(anna.getByTestId('deal-campaign'))).toBe('Приглашение на выставку «Окна-2026»');
    expect(await anna.getByTestId('deal-campaign').getByRole('link').count()).toBe(0);
    await anna.close();

    await signInAs(maria, page);
    await page.goto(campaignUrl);
    const attribution = page.getByTestId('campaign-attribution-table');
    const attributionRow = async (name: string) =>
      (await attribution.locator('tr', { hasText: name }).locator('th, td').allTextContents()).map((cell) =>
        cell.replace(/\s+/g, ' ').trim(),
      );
    const oneDeal = ['1', '420 000,00 ₽', '0,00 ₽'];
    await poll(() => attributionRow('Источник сделки — эта кампания')).toEqual([
      'Источник сделки — эта кампания',
      ...oneDeal,
    ]);
    expect(await attributionRow('У получателей после отправки')).toEqual([
      'У получателей после отправки',
      ...oneDeal,
    ]);
    expect(await attributionRow('Всего, каждая сделка один раз')).toEqual([
      'Всего, каждая сделка один раз',
      ...oneDeal,
    ]);
    await shoot(page, 'marketing-campaign-attribution-ru');
    await page.getByRole('link', { name: 'Назад к списку' }).click();
    const row = page.getByTestId('campaign-row').filter({ hasText: 'Приглашение на выставку «Окна-2026»' });
    await poll(() => row.getAttribute('data-state')).toBe('completed');
    expect(await text(row)).toContain('Клиенты из Казани');
    await shoot(page, 'marketing-campaigns-ru');

    // The template list has it; the segment page reads the same in English.
    await page
      .getByRole('navigation', { name: 'Разделы маркетинга' })
      .getByRole('link', { name: 'Шаблоны писем' })
      .click();
    await page.getByTestId('template-row').filter({ hasText: 'Приглашение на выставку' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Разделы маркетинга' })
      .getByRole('link', { name: 'Сегменты' })
      .click();
    await page.getByRole('link', { name: 'Клиенты из Казани' }).click();
    await page.getByRole('radio', { name: 'English' }).click();
    await poll(() => text(page.getByTestId('segment-count'))).toBe('1 contact will get the mailing');
    expect(await text(page.getByTestId('exclusion-noConsent'))).toBe('No marketing consent1');
    await shoot(page, 'marketing-segment-builder-en');
    await page.getByRole('radio', { name: 'Русский' }).click();
    await page.getByTestId('segment-count').getByText('1 контакт получит рассылку').waitFor();
  });
  it('pauses, resumes and cancels a sending campaign from its page', { timeout: 240_000 }, async () => {
    // Two campaigns of tagged contacts, one e-mail a second so that there is time to act mid-send.
    const call = await apiAs(maria);
    const me = (await call('GET', '/api/me')).body.user as { id: string };
    const prepare = async (tag: string, recipients: number) => {
      const seeded = await seedContacts(runtime, { tag, eligible: recipients, ownerId: me.id });
      const segment = await call('POST', '/api/segments', {
        name: `Сегмент ${tag}`,
        filter: { tags: { values: [tag] } },
      });
      const template = await call('POST', '/api/templates', campaignTemplate(tag));
      const campaign = await call('POST', '/api/campaigns', {
        name: `Кампания ${tag}`,
        segmentId: segment.body.segment.id,
        templateId: template.body.template.id,
        fromName: 'ООО «Демо»',
        rateLimitPerSecond: 1,
      });
      expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
      return {
        id: campaign.body.campaign.id as string,
        addresses: new Set(seeded.eligible.map((c) => c.email)),
      };
    };
    const captured = async (addresses: Set<string>) =>
      capturedPerAddress(await sentEmails(runtime), addresses);
    const total = async (addresses: Set<string>) =>
      [...(await captured(addresses)).values()].reduce((a, b) => a + b, 0);

    const tag = `pause${Date.now().toString(36)}`;
    const paused = await prepare(tag, 10);
    const page = await signInAs(maria);
    await page.goto(`${runtime.tenant('demo').appUrl}/marketing/campaigns/${paused.id}`);
    const state = page.getByTestId('campaign-state');
    const progress = page.getByTestId('campaign-progress');
    await poll(() => state.getAttribute('data-state')).toBe('draft');
    await page.getByRole('button', { name: 'Запустить' }).click();
    await expect
      .poll(async () => Number(await progress.getAttribute('data-sent')), { timeout: 30_000, interval: 200 })
      .toBeGreaterThanOrEqual(1);
    await page.getByRole('button', { name: 'Приостановить' }).click();
    await page.locator('.toasts').getByText('Кампания приостановлена').waitFor();
    await poll(() => state.getAttribute('data-state')).toBe('paused');
    // The e-mail in flight when it was paused may still go; after that, nothing.
    await new Promise((r) => setTimeout(r, 3000));
    const whilePaused = await total(paused.addresses);
    await new Promise((r) => setTimeout(r, 4000));
    expect(await total(paused.addresses)).toBe(whilePaused);
    expect(whilePaused).toBeLessThan(10);
    await page.getByRole('button', { name: 'Возобновить' }).click();
    await page.locator('.toasts').getByText('Отправка возобновлена').waitFor();
    await expect
      .poll(() => state.getAttribute('data-state'), { timeout: 60_000, interval: 250 })
      .toBe('completed');
    await poll(async () => [...(await captured(paused.addresses)).values()]).toEqual(Array(10).fill(1));
    await poll(() => text(progress)).toContain('Отправлено 10 из 10');

    // A cancel in mid-send: nothing more goes out, and the page says so.
    const cancelled = await prepare(`${tag}c`, 20);
    await page.goto(`${runtime.tenant('demo').appUrl}/marketing/campaigns/${cancelled.id}`);
    await page.getByRole('button', { name: 'Запустить' }).click();
    await expect
      .poll(async () => Number(await progress.getAttribute('data-sent')), { timeout: 30_000, interval: 200 })
      .toBeGreaterThanOrEqual(1);
    await page.getByRole('button', { name: 'Отменить кампанию' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Отменить кампанию' }).click();
    await page.locator('.toasts').getByText('Кампания отменена').waitFor();
    await poll(() => state.getAttribute('data-state')).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 3000));
    const atCancel = await total(cancelled.addresses);
    await new Promise((r) => setTimeout(r, 4000));
    expect(await total(cancelled.addresses)).toBe(atCancel);
    expect(atCancel).toBeLessThan(20);
    expect(await page.getByRole('button', { name: 'Возобновить' }).count()).toBe(0);
    await dismissToasts(page);
    await shoot(page, 'marketing-campaign-cancelled-ru');
  });

  it('an administrator caps the sending rate for all campaigns in Настройки → Рассылки', async () => {
    const page = await signInAs(admin);
    await page.getByRole('navigation').getByRole('link', { name: 'Настройки' }).click();
    await page
      .getByRole('navigation', { name: 'Разделы настроек' })
      .getByRole('link', { name: 'Рассылки' })
      .click();
    const form = page.getByTestId('sending-settings');
    const rate = form.getByLabel('Не больше писем в секунду');
    await poll(() => rate.inputValue()).toBe('');
    // The local SES emulator reports its quota like SES does.
    await poll(() => text(form.getByTestId('ses-send-rate'))).toMatch(
      /^Amazon SES разрешает: [\d\s]+ в секунду$/,
    );
    await rate.fill('0');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await form.getByText('Целое число от 1 до 10 000 или пусто').waitFor();
    await rate.fill('20');
    // Above SES's quota (14 a second in the emulator's account) it says which limit wins.
    await form
      .getByText('Это больше, чем разрешает Amazon SES: письма пойдут не быстрее 14 в секунду.')
      .waitFor();
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await page.locator('.toasts').getByText('Настройки сохранены').waitFor();
    const call = await apiAs(admin);
    expect((await call('GET', '/api/settings/campaigns')).body).toMatchObject({
      sendRatePerSecond: 20,
      version: 1,
    });
    await shoot(page, 'settings-sending-ru');
    await dismissToasts(page);
    await rate.fill('');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await page.locator('.toasts').getByText('Настройки сохранены').waitFor();
    expect((await call('GET', '/api/settings/campaigns')).body).toMatchObject({
      sendRatePerSecond: null,
      version: 2,
    });
    await page.close();
  });
});
