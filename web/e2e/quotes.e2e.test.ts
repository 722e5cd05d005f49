// Products and quotes in Chromium against the whole local runtime: a sales manager sets up the
// catalogue (a price list, products with VAT and prices, one archived and found again with the toggle,
// a search by name and by SKU); a salesperson picks products for a deal with quantities and discounts,
// sees each line's VAT and the totals as the server will store them, saves, and the deal's value
// follows; a colleague's save first is a 409 that reloads the lines; she adds the buyer's contact,
// makes a quote, opens its printable page in a new tab, downloads its PDF and e-mails it — the SES
// emulator holds the letter with the PDF attached, and the quote shows when and to whom it went.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
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

/** The rows of a table, each as the texts of its cells. */
const tableRows = (rows: Locator) =>
  rows.evaluateAll((list) =>
    list.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())),
  );

describe('products and quotes', () => {
  it('a manager keeps the catalogue, a salesperson prices a deal from it, makes a quote, prints, downloads and e-mails it', async () => {
    // The catalogue, kept by a sales manager.
    const manager = await signInAs(igor);
    const toasts = (page: Page) => page.locator('.toasts');
    await manager.getByRole('navigation').getByRole('link', { name: 'Товары', exact: true }).click();
    await manager.getByRole('heading', { level: 1, name: 'Каталог товаров' }).waitFor();
    await manager.getByText('В каталоге пока нет товаров').waitFor();
    await manager.getByRole('button', { name: 'Добавить прайс-лист' }).click();
    const listDialog = manager.getByRole('dialog', { name: 'Новый прайс-лист' });
    await listDialog.getByLabel('Название *').fill('Розница');
    expect(await listDialog.getByLabel('Валюта').inputValue()).toBe('RUB');
    await listDialog.getByRole('button', { name: 'Сохранить' }).click();
    await toasts(manager).getByText('Прайс-лист «Розница» создан').waitFor();
    await manager.getByTestId('price-list-row').filter({ hasText: 'Розница' }).waitFor();

    const addProduct = async (p: { name: string; sku: string; unit: string; vat: string; price: string }) => {
      await manager.getByRole('button', { name: 'Добавить товар' }).click();
      const dialog = manager.getByRole('dialog', { name: 'Новый товар' });
      await dialog.getByLabel('Наименование *').fill(p.name);
      await dialog.getByLabel('Артикул *').fill(p.sku);
      await dialog.getByLabel('Единица измерения *').fill(p.unit);
      await dialog.getByLabel('Ставка НДС').selectOption(p.vat);
      await dialog.getByLabel('Розница, RUB').fill(p.price);
      if (p.sku === 'VVG-3X2.5') await shoot(manager, 'quotes-product-dialog', false);
      await dialog.getByRole('button', { name: 'Добавить товар' }).click();
      await toasts(manager).getByText(`Товар «${p.name}» добавлен в каталог`).waitFor();
    };
    await addProduct({
      name: 'Кабель ВВГнг-LS 3×2,5',
      sku: 'VVG-3X2.5',
      unit: 'м',
      vat: '22',
      price: '142,50',
    });
    await addProduct({
      name: 'Монтаж кабельных линий',
      sku: 'WRK-CABLE',
      unit: 'ч',
      vat: '22',
      price: '2 500',
    });
    await addProduct({
      name: 'Лицензия 1С:Предприятие 8 ПРОФ',
      sku: '1C-PROF',
      unit: 'шт',
      vat: '0',
      price: '6300',
    });
    await addProduct({
      name: 'Кабель ПВС 3×1,5 (снят)',
      sku: 'PVS-3X1.5',
      unit: 'м',
      vat: '22',
      price: '61',
    });

    // A SKU belongs to one product only.
    await manager.getByRole('button', { name: 'Добавить товар' }).click();
    const duplicate = manager.getByRole('dialog', { name: 'Новый товар' });
    await duplicate.getByLabel('Наименование *').fill('Кабель другой');
    await duplicate.getByLabel('Артикул *').fill('vvg-3x2.5');
    await duplicate.getByRole('button', { name: 'Добавить товар' }).click();
    await duplicate.getByText('Этот артикул уже у товара «Кабель ВВГнг-LS 3×2,5»').waitFor();
    await duplicate.getByRole('button', { name: 'Отмена' }).click();

    // Archived, it leaves the list; the toggle shows it again.
    const rows = manager.getByTestId('product-row');
    await expect.poll(() => rows.count()).toBe(4);
    await manager.getByRole('button', { name: 'Отправить в архив товар «Кабель ПВС 3×1,5 (снят)»' }).click();
    await toasts(manager)
      .getByText(/Товар «Кабель ПВС 3×1,5 \(снят\)» отправлен в архив/)
      .waitFor();
    await expect.poll(() => rows.count()).toBe(3);
    await manager.getByRole('switch', { name: 'Показывать архивные' }).check();
    await rows.filter({ hasText: 'Кабель ПВС' }).getByText('В архиве').waitFor();
    expect(manager.url()).toContain('archived=1');
    await shoot(manager, 'quotes-catalogue');
    expect(await tableRows(rows)).toEqual([
      ['Кабель ВВГнг-LS 3×2,5', 'VVG-3X2.5', 'м', '22 %', '142,50 ₽', 'В архив'],
      ['Лицензия 1С:Предприятие 8 ПРОФ', '1C-PROF', 'шт', '0 %', '6 300,00 ₽', 'В архив'],
      ['Монтаж кабельных линий', 'WRK-CABLE', 'ч', '22 %', '2 500,00 ₽', 'В архив'],
      ['Кабель ПВС 3×1,5 (снят)В архиве', 'PVS-3X1.5', 'м', '22 %', '61,00 ₽', 'Из архива'],
    ]);
    await manager.getByRole('switch', { name: 'Показывать архивные' }).uncheck();
    // Name search (case and ё folded) and an exact SKU.
    await manager.getByTestId('product-search').fill('каб');
    await expect.poll(() => rows.count()).toBe(1);
    await manager.getByTestId('product-search').fill('1C-PROF');
    await rows.filter({ hasText: 'Лицензия 1С' }).getByText('совпадение по артикулу').waitFor();
    await manager.getByTestId('product-search').fill('');
    await expect.poll(() => rows.count()).toBe(3);

    // A deal of Anna's, with a company and its buyer, made through the API.
    const call = await apiAs(anna);
    const company = await call('POST', '/api/companies', { name: 'ООО «Энергомонтаж»' });
    expect(company.status, JSON.stringify(company.body)).toBe(201);
    const companyId = company.body.company.id as string;
    const contact = await call('POST', '/api/contacts', {
      firstName: 'Сергей',
      middleName: 'Викторович',
      lastName: 'Белов',
      companyId,
      emails: [{ value: 'belov@energomontazh.example' }],
    });
    expect(contact.status, JSON.stringify(contact.body)).toBe(201);
    const created = await call('POST', '/api/deals', {
      title: 'Электромонтаж склада',
      companyId,
      value: { amount: 10_000_00, currency: 'RUB' },
      stageId: 'proposal',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const dealId = created.body.deal.id as string;

    // Anna prices the deal from the catalogue.
    const page = await signInAs(anna);
    await page.goto(`${runtime.tenant('demo').appUrl}/deals/${dealId}`);
    await page.getByTestId('deal-title').getByText('Электромонтаж склада').waitFor();
    const linesPanel = page.locator('section.deal-lines');
    await linesPanel.getByText('В сделке пока нет товаров').waitFor();
    await linesPanel.getByRole('button', { name: 'Подобрать товары' }).click();
    const editor = page.getByTestId('lines-editor');
    expect(await editor.getByLabel('Прайс-лист').locator('option:checked').textContent()).toBe(
      'Розница (RUB)',
    );
    const picker = editor.getByRole('combobox', { name: 'Добавить товар из каталога' });
    await picker.fill('каб');
    await editor.getByRole('option', { name: /Кабель ВВГнг-LS 3×2,5/ }).click();
    await picker.fill('монт');
    await editor.getByRole('option', { name: /Монтаж кабельных линий/ }).click();
    const line = (name: string) => editor.getByTestId('deal-line').filter({ hasText: name });
    await editor.getByLabel('Количество: Кабель ВВГнг-LS 3×2,5').fill('150,5');
    await editor.getByLabel('Скидка, %: Кабель ВВГнг-LS 3×2,5').fill('10');
    await editor.getByLabel('Количество: Монтаж кабельных линий').fill('8');
    // Each line's VAT and the totals as the server will compute them.
    expect(await text(line('Кабель ВВГнг').getByTestId('line-total'))).toBe('23 547,98 ₽');
    expect(await text(line('Монтаж').getByTestId('line-total'))).toBe('24 400,00 ₽');
    expect(await text(editor.getByTestId('lines-net'))).toBe('39 301,62 ₽');
    expect(await text(editor.getByTestId('lines-vat'))).toBe('8 646,36 ₽');
    expect(await text(editor.getByTestId('lines-total'))).toBe('47 947,98 ₽');
    // A quantity the server would refuse is said before sending.
    await editor.getByLabel('Количество: Монтаж кабельных линий').fill('0');
    await editor.getByRole('button', { name: 'Сохранить товары' }).click();
    await editor
      .getByText('Количество — число больше 0 и не больше 1 000 000, до 3 знаков после запятой')
      .waitFor();
    await editor.getByLabel('Количество: Монтаж кабельных линий').fill('8');
    await shoot(page, 'quotes-deal-lines-editing');
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/deals/${dealId}/lines`));
    await editor.getByRole('button', { name: 'Сохранить товары' }).click();
    expect((await saved).status()).toBe(200);
    await toasts(page).getByText('Товары сохранены. Сумма сделки — 47 947,98 ₽').waitFor();
    expect(await text(page.getByTestId('deal-value'))).toBe('47 947,98 ₽');
    const savedLines = linesPanel.getByTestId('deal-line');
    expect(await tableRows(savedLines)).toEqual([
      [
        '1',
        'Кабель ВВГнг-LS 3×2,5VVG-3X2.5',
        '150,5 м',
        '142,50 ₽',
        '10 %',
        '19 301,62 ₽',
        '4 246,36 ₽22 %',
        '23 547,98 ₽',
      ],
      [
        '2',
        'Монтаж кабельных линийWRK-CABLE',
        '8 ч',
        '2 500,00 ₽',
        '—',
        '20 000,00 ₽',
        '4 400,00 ₽22 %',
        '24 400,00 ₽',
      ],
    ]);
    expect((await call('GET', `/api/deals/${dealId}`)).body.deal.value).toEqual({
      amount: 47_947_98,
      currency: 'RUB',
    });

    // A colleague saves the lines first: Anna's save is refused and the deal reloaded with theirs.
    const colleague = await apiAs(igor);
    const fresh = (await colleague('GET', `/api/deals/${dealId}`)).body.deal;
    const products = (await colleague('GET', '/api/products')).body.items as { id: string; sku: string }[];
    const productId = (sku: string) => products.find((p) => p.sku === sku)?.id;
    const theirs = await colleague('PUT', `/api/deals/${dealId}/lines`, {
      expectedVersion: fresh.version,
      priceListId: fresh.priceListId,
      lines: [
        { productId: productId('VVG-3X2.5'), quantity: '150.5', discountPercent: '10' },
        { productId: productId('WRK-CABLE'), quantity: '8' },
        { productId: productId('1C-PROF'), quantity: '2' },
      ],
    });
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(200);
    await linesPanel.getByRole('button', { name: 'Изменить товары' }).click();
    await editor.getByRole('button', { name: 'Убрать из сделки: Монтаж кабельных линий' }).click();
    const refused = page.waitForResponse((r) => r.url().endsWith(`/api/deals/${dealId}/lines`));
    await editor.getByRole('button', { name: 'Сохранить товары' }).click();
    expect((await refused).status()).toBe(409);
    await toasts(page)
      .getByText(
        'Сделку «Электромонтаж склада» только что изменил коллега. Товары и сумма обновлены — при необходимости внесите изменения ещё раз.',
      )
      .waitFor();
    await expect.poll(() => savedLines.count()).toBe(3);
    expect(await text(page.getByTestId('deal-value'))).toBe('60 547,98 ₽');
    expect(await text(linesPanel.getByTestId('lines-total'))).toBe('60 547,98 ₽');
    await linesPanel.getByText('в том числе НДС 22 %').waitFor();
    await shoot(page, 'quotes-deal-lines');

    // The buyer joins the deal as its decision-maker.
    const contacts = page.getByTestId('deal-contacts');
    await contacts.getByText('Контакты не указаны.').waitFor();
    await page.getByRole('button', { name: 'Добавить контакт' }).click();
    await contacts
      .getByLabel('Контакт компании')
      .selectOption({ label: 'Белов Сергей Викторович — belov@energomontazh.example' });
    expect(await contacts.getByLabel('Роль').inputValue()).toBe('decision-maker');
    await contacts.getByRole('button', { name: 'Добавить', exact: true }).click();
    await toasts(page).getByText('Контакт Белов Сергей Викторович добавлен в сделку').waitFor();
    expect(await text(contacts.getByTestId('deal-contact'))).toBe(
      'Белов Сергей ВикторовичЛПР · belov@energomontazh.example',
    );

    // A quote from the lines.
    const quotes = page.locator('section.quotes-panel');
    await quotes.getByText('По сделке ещё нет коммерческих предложений.').waitFor();
    await quotes.getByRole('button', { name: 'Создать КП' }).click();
    const quoteDialog = page.getByRole('dialog', { name: 'Новое коммерческое предложение' });
    expect(await quoteDialog.getByLabel('Действительно до').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await quoteDialog.getByLabel('Контактное лицо').inputValue()).toBe(contact.body.contact.id);
    await quoteDialog.getByLabel('Примечание').fill('Доставка на объект за наш счёт.');
    await quoteDialog.getByRole('button', { name: 'Создать КП' }).click();
    const quote = quotes.getByTestId('quote');
    await quote.waitFor();
    const number = await text(quote.getByTestId('quote-number'));
    expect(number).toMatch(/^КП-\d{4}-0001$/);
    await toasts(page).getByText(`Коммерческое предложение ${number} создано`).waitFor();
    expect(await text(quote.getByTestId('quote-total'))).toBe('60 547,98 ₽');
    expect(await text(quote.getByTestId('quote-status'))).toBe('Черновик');

    // Its printable page opens in a new tab, with the document in a frame that runs no script.
    const [print] = await Promise.all([
      browser.context.waitForEvent('page'),
      quote.getByRole('link', { name: `Открыть для печати ${number} (в новой вкладке)` }).click(),
    ]);
    await print.getByRole('heading', { level: 1, name: `Коммерческое предложение ${number}` }).waitFor();
    const frame = print.frameLocator('[data-testid="quote-frame"]');
    await frame.getByText(`Коммерческое предложение № ${number}`).first().waitFor();
    await frame.getByText('Кабель ВВГнг-LS 3×2,5').waitFor();
    await frame.getByText('Доставка на объект за наш счёт.').waitFor();
    expect(await print.getByTestId('quote-frame').getAttribute('sandbox')).toBe(
      'allow-same-origin allow-modals',
    );
    await shoot(print, 'quotes-print');
    await print.close();

    // The PDF, through a short-lived link, saved under the quote's number.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      quote.getByRole('button', { name: `Скачать PDF ${number}` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${number}.pdf`);
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    // E-mailed to the buyer, with the server's subject and message to start from.
    await quote.getByRole('button', { name: `Отправить ${number} по e-mail` }).click();
    const send = page.getByRole('dialog', { name: `Отправить ${number}` });
    expect(await send.getByLabel('Кому').locator('option:checked').textContent()).toBe(
      'Белов Сергей Викторович <belov@energomontazh.example>',
    );
    expect(await send.getByLabel('Тема').inputValue()).toBe(
      `Коммерческое предложение № ${number} — ООО «Демо»`,
    );
    expect((await send.getByLabel('Сообщение').inputValue()).replace(/\s+/g, ' ')).toBe(
      `Направляем вам коммерческое предложение № ${number} на сумму 60 547,98 ₽ (в том числе НДС 8 646,36 ₽). ` +
        `Предложение действительно до ${await quoteValidUntil(call, dealId)}. Документ — во вложении.`,
    );
    await send.getByText('Письмо начнётся с обращения «Здравствуйте, Сергей Викторович!»').waitFor();
    await send
      .getByLabel('Сообщение')
      .fill('Добрый день!\nКак договорились, направляем КП на электромонтаж склада.');
    await shoot(page, 'quotes-send-dialog', false);
    await send.getByRole('button', { name: 'Отправить', exact: true }).click();
    await toasts(page)
      .getByText(`Коммерческое предложение ${number} отправлено на belov@energomontazh.example`)
      .waitFor();
    expect(await text(quote.getByTestId('quote-status'))).toBe('Отправлено');
    expect(await text(quote.getByTestId('quote-sent'))).toMatch(
      /^Отправлено \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} · Кому: Белов Сергей Викторович <belov@energomontazh\.example>$/,
    );
    const mail = (await sentEmails(runtime)).find((m) =>
      m.destination.to.some((to) => to.includes('belov@energomontazh.example')),
    ) as
      | (Awaited<ReturnType<typeof sentEmails>>[number] & { attachments?: { filename?: string }[] })
      | undefined;
    expect(mail?.subject).toBe(`Коммерческое предложение № ${number} — ООО «Демо»`);
    expect(mail?.body.text).toContain('Здравствуйте, Сергей Викторович!');
    expect(mail?.body.text).toContain('Как договорились, направляем КП на электромонтаж склада.');
    expect(mail?.attachments?.map((a) => a.filename)).toEqual([`${number}.pdf`]);
    await shoot(page, 'quotes-deal-sent');

    // The same page in English.
    await page.getByRole('radio', { name: 'English' }).click();
    await quotes.getByRole('heading', { name: 'Quotes' }).waitFor();
    expect(await text(quote.getByTestId('quote-status'))).toBe('Sent');
    await shoot(page, 'quotes-deal-en');
    // Wait for the save back to Russian before closing the page, which would abort it.
    const back = page.waitForResponse(
      (r) =>
        r.url().endsWith('/api/me') &&
        r.request().method() === 'PATCH' &&
        (r.request().postDataJSON() as { locale?: string }).locale === 'ru',
    );
    await page.getByRole('radio', { name: 'Русский' }).click();
    await quotes.getByRole('heading', { name: 'Коммерческие предложения' }).waitFor();
    expect((await back).status()).toBe(200);
    await page.close();
    await manager.close();
  });
});

/** The quote's validity as the letter writes it (24.11.2026). */
const quoteValidUntil = async (call: Awaited<ReturnType<typeof apiAs>>, dealId: string) => {
  const [quote] = (await call('GET', `/api/deals/${dealId}/quotes`)).body.items as { validUntil: string }[];
  const [year, month, day] = (quote?.validUntil ?? '').split('-');
  return `${day}.${month}.${year}`;
};
