// Products and quotes end to end on the emulators: the catalogue (price lists, products with a
// unique SKU, versioned writes with audit, archiving, prefix search with cursors), a deal's
// lines and value, quotes numbered from the yearly counter (consecutive, and never shared or
// skipped when made at the same moment), the printable page and the PDF download from the files
// bucket, the e-mail with its PDF captured by the SES emulator once however often it is sent,
// the timelines of the deal's company and contact, and who may do what.
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { eventually, sentEmails, startTestRuntime } from '../../../scripts/local/testing.ts';
import {
  type DemoSession,
  demoSession,
  runtimeOptions,
  uniqueInn,
  uniqueWord,
} from '../records/record-test-support.ts';

let runtime: LocalRuntime;
let s: DemoSession;

beforeAll(async () => {
  runtime = await startTestRuntime(['demo'], runtimeOptions());
  s = await demoSession(runtime);
  // Profiles are made at the first GET /api/me, as the web app does on sign-in: a quote names its
  // manager from the profile.
  expect((await s.as.sales('GET', '/api/me')).status).toBe(200);
});
afterAll(async () => runtime?.stop());

type Product = { id: string; name: string; sku: string; version: number; archived: boolean };

const fieldsOf = (body: { error: { fields: { field: string }[] } }) =>
  body.error.fields.map((f) => f.field).sort();

const newPriceList = async (currency = 'RUB') => {
  const r = await s.as.manager('POST', '/api/price-lists', { name: `Прайс ${uniqueWord()}`, currency });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.priceList as { id: string; name: string; currency: string; version: number };
};

const newProduct = async (fields: Record<string, unknown>): Promise<Product> => {
  const r = await s.as.manager('POST', '/api/products', { sku: uniqueWord(), vatRate: 20, ...fields });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.product;
};

const newCompany = async () => {
  const r = await s.as.admin('POST', '/api/companies', {
    name: `ООО «${uniqueWord()}»`,
    inn: uniqueInn(),
    ownerId: s.ids.sales,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.company as { id: string; name: string };
};

const newContact = async (companyId: string, email?: string) => {
  const r = await s.as.admin('POST', '/api/contacts', {
    firstName: 'Иван',
    middleName: 'Сергеевич',
    lastName: uniqueWord(),
    companyId,
    ownerId: s.ids.sales,
    ...(email ? { emails: [{ value: email }] } : {}),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.contact as { id: string };
};

/** A deal of Anna (sales) with a company and a contact that has an e-mail address. */
const newDeal = async () => {
  const company = await newCompany();
  const email = `${uniqueWord().toLowerCase()}@buyer.example`;
  const contact = await newContact(company.id, email);
  const r = await s.as.sales('POST', '/api/deals', {
    title: `Поставка ${uniqueWord()}`,
    companyId: company.id,
    contacts: [{ contactId: contact.id, role: 'decision-maker' }],
    value: { amount: 1_00, currency: 'RUB' },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { deal: r.body.deal as { id: string; version: number }, company, contact, email };
};

/** A priced catalogue: one list, a cable at 125,50 ₽/m (20 % VAT) and a service at 2 500 ₽/h (no VAT). */
const newCatalogue = async () => {
  const priceList = await newPriceList();
  const cable = await newProduct({
    name: `Кабель ${uniqueWord()}`,
    unit: 'м',
    prices: { [priceList.id]: 125_50 },
  });
  const service = await newProduct({
    name: `Монтаж ${uniqueWord()}`,
    unit: 'ч',
    vatRate: 0,
    prices: { [priceList.id]: 2500_00 },
  });
  return { priceList, cable, service };
};

/** A deal whose lines are set: 150.5 m of cable at −10 % and 8 h of service. */
const dealWithLines = async () => {
  const { deal, company, contact, email } = await newDeal();
  const { priceList, cable, service } = await newCatalogue();
  const r = await s.as.sales('PUT', `/api/deals/${deal.id}/lines`, {
    expectedVersion: deal.version,
    priceListId: priceList.id,
    lines: [
      { productId: cable.id, quantity: '150.5', discountPercent: 10 },
      { productId: service.id, quantity: 8 },
    ],
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return { deal: r.body.deal, company, contact, email, priceList, cable, service };
};

const sequenceOf = (number: string): number => {
  const match = /^КП-(\d{4})-(\d{4,})$/.exec(number);
  expect(match, number).not.toBeNull();
  return Number(match?.[2]);
};

describe('the catalogue', () => {
  it('is kept by managers and admins, read by every role, refused to sales and without a role', async () => {
    const priceList = await newPriceList();
    const body = { name: `Товар ${uniqueWord()}`, sku: uniqueWord(), vatRate: 20 };
    const refused = await s.as.sales('POST', '/api/products', body);
    expect(refused.status).toBe(403);
    expect((await s.as.marketing('POST', '/api/price-lists', { name: 'X', currency: 'RUB' })).status).toBe(
      403,
    );
    const product = await newProduct({ ...body, prices: { [priceList.id]: 99_90 } });
    expect(product).toMatchObject({ name: body.name, unit: 'шт', vatRate: 20, archived: false, version: 1 });
    for (const role of ['sales', 'marketing', 'support'] as const) {
      const r = await s.as[role]('GET', `/api/products/${product.id}`);
      expect(r.status, role).toBe(200);
      expect(r.body.product.prices).toEqual({ [priceList.id]: 99_90 });
    }
    expect((await s.as.nobody('GET', '/api/products')).status).toBe(403);
    expect(
      (await s.as.support('GET', '/api/price-lists')).body.items.map((l: { id: string }) => l.id),
    ).toContain(priceList.id);
  });

  it('names every invalid field, refuses a price list that does not exist and a SKU in use', async () => {
    const bad = await s.as.admin('POST', '/api/products', {
      name: '',
      sku: 'a#b',
      vatRate: 12.5,
      prices: { x: 10.5 },
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['name', 'prices.x', 'sku', 'vatRate']);
    const unknownList = await s.as.admin('POST', '/api/products', {
      name: 'Товар',
      sku: uniqueWord(),
      vatRate: 20,
      prices: { 'no-such-list': 100 },
    });
    expect(unknownList.status).toBe(400);
    expect(fieldsOf(unknownList.body)).toEqual(['prices.no-such-list']);
    const badList = await s.as.admin('POST', '/api/price-lists', { name: 'X', currency: 'XXX' });
    expect(badList.status).toBe(400);
    expect(fieldsOf(badList.body)).toEqual(['currency']);

    const sku = uniqueWord();
    const first = await newProduct({ name: 'Первый', sku });
    const taken = await s.as.admin('POST', '/api/products', {
      name: 'Второй',
      sku: sku.toLowerCase(),
      vatRate: 0,
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toContain('«Первый»');
    // A product that gives its SKU up frees it for another.
    const renamed = await s.as.admin('PATCH', `/api/products/${first.id}`, {
      expectedVersion: first.version,
      sku: `${sku}-OLD`,
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect((await s.as.admin('POST', '/api/products', { name: 'Второй', sku, vatRate: 0 })).status).toBe(201);
  });

  it('changes at the version read, with an audit entry; a stale change is a 409 and changes nothing', async () => {
    const priceList = await newPriceList();
    const other = await newPriceList('USD');
    const product = await newProduct({
      name: `Насос ${uniqueWord()}`,
      prices: { [priceList.id]: 10_000_00 },
    });
    const changed = await s.as.manager('PATCH', `/api/products/${product.id}`, {
      expectedVersion: 1,
      description: 'Центробежный',
      prices: { [priceList.id]: 12_000_00, [other.id]: 150_00 },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.product).toMatchObject({
      version: 2,
      description: 'Центробежный',
      prices: { [priceList.id]: 12_000_00, [other.id]: 150_00 },
    });
    const stale = await s.as.admin('PATCH', `/api/products/${product.id}`, {
      expectedVersion: 1,
      vatRate: 10,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'StaleVersion' });
    // `null` takes the product out of one price list, leaving the other.
    const dropped = await s.as.manager('PATCH', `/api/products/${product.id}`, {
      expectedVersion: 2,
      prices: { [other.id]: null },
    });
    expect(dropped.body.product).toMatchObject({
      version: 3,
      vatRate: 20,
      prices: { [priceList.id]: 12_000_00 },
    });
    const audit = await s.partition(`AUDIT#product#${product.id}`);
    expect(audit.map((a) => a.action)).toEqual(['created', 'updated', 'updated']);
    expect(audit[1]?.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'description', to: 'Центробежный' })]),
    );
  });

  it('finds products by a prefix of their name, page by page, and archives instead of deleting', async () => {
    const word = uniqueWord();
    const names = [`${word} Альфа`, `${word} Бета`, `${word} Ёлка`];
    const made: Product[] = [];
    for (const name of [...names].reverse()) made.push(await newProduct({ name }));
    const page1 = await s.as.sales(
      'GET',
      `/api/products?q=${encodeURIComponent(word.toLowerCase())}&limit=2`,
    );
    expect(page1.status, JSON.stringify(page1.body)).toBe(200);
    expect(page1.body.items.map((p: Product) => p.name)).toEqual(names.slice(0, 2));
    const page2 = await s.as.sales(
      'GET',
      `/api/products?q=${encodeURIComponent(word)}&limit=2&cursor=${page1.body.nextCursor}`,
    );
    expect(page2.body.items.map((p: Product) => p.name)).toEqual([names[2]]);
    expect(page2.body.nextCursor).toBeUndefined();
    // A cursor of one search does not page another.
    const mixed = await s.as.sales('GET', `/api/products?q=zzz&limit=2&cursor=${page1.body.nextCursor}`);
    expect(mixed.status).toBe(400);
    // «ё» is found as «е», and an exact SKU is answered beside the page.
    const yo = await s.as.sales('GET', `/api/products?q=${encodeURIComponent(`${word} ел`)}`);
    expect(yo.body.items.map((p: Product) => p.name)).toEqual([names[2]]);
    const bySku = await s.as.sales('GET', `/api/products?q=${made[0]?.sku}`);
    expect(bySku.body.skuMatch?.id).toBe(made[0]?.id);

    const beta = made.find((p) => p.name === names[1]) as Product;
    const archived = await s.as.manager('PATCH', `/api/products/${beta.id}`, {
      expectedVersion: beta.version,
      archived: true,
    });
    expect(archived.status).toBe(200);
    const offered = await s.as.sales('GET', `/api/products?q=${encodeURIComponent(word)}`);
    expect(offered.body.items.map((p: Product) => p.name)).toEqual([names[0], names[2]]);
    const kept = await s.as.sales('GET', `/api/products?q=${encodeURIComponent(word)}&archived=true`);
    expect(kept.body.items.map((p: Product) => p.name)).toEqual([names[1]]);
    expect((await s.as.sales('GET', `/api/products/${beta.id}`)).body.product.archived).toBe(true);
  });
});

describe('deal lines', () => {
  it('are priced from the catalogue and set the deal’s value to their total with VAT', async () => {
    const { deal, cable, service, priceList } = await dealWithLines();
    expect(deal.priceListId).toBe(priceList.id);
    expect(deal.lines).toEqual([
      expect.objectContaining({
        productId: cable.id,
        name: cable.name,
        sku: cable.sku,
        unit: 'м',
        quantity: '150.5',
        discountPercent: '10',
        unitPrice: { amount: 125_50, currency: 'RUB' },
        vatRate: 20,
        amount: 18_887_75,
        discount: 1_888_78,
        net: 16_998_97,
        vat: 3_399_79,
        total: 20_398_76,
      }),
      expect.objectContaining({
        productId: service.id,
        quantity: '8',
        net: 20_000_00,
        vat: 0,
        total: 20_000_00,
      }),
    ]);
    expect(deal.linesTotals).toMatchObject({ net: 36_998_97, vat: 3_399_79, total: 40_398_76 });
    expect(deal.value).toEqual({ amount: 40_398_76, currency: 'RUB' });
    // The company card's link item follows the value.
    const read = await s.as.marketing('GET', `/api/deals/${deal.id}`);
    expect(read.body.deal.value.amount).toBe(40_398_76);
    const link = (await s.partition(`COMPANY#${read.body.deal.companyId}`)).find(
      (i) => i.sk === `DEAL#${deal.id}`,
    );
    expect(link?.value).toEqual({ amount: 40_398_76, currency: 'RUB' });
    // The value follows the lines: it is not changed by hand while there are lines.
    const byHand = await s.as.sales('PATCH', `/api/deals/${deal.id}`, {
      expectedVersion: deal.version,
      value: { amount: 1_00, currency: 'RUB' },
    });
    expect(byHand.status).toBe(400);
    expect(fieldsOf(byHand.body)).toEqual(['value']);
  });

  it('refuses bad numbers, unknown, archived and unpriced products, and a stale version', async () => {
    const { deal } = await newDeal();
    const { priceList, cable, service } = await newCatalogue();
    const unpriced = await newProduct({ name: `Без цены ${uniqueWord()}` });
    const retired = await newProduct({ name: `Снят ${uniqueWord()}`, prices: { [priceList.id]: 1_00 } });
    await s.as.manager('PATCH', `/api/products/${retired.id}`, { expectedVersion: 1, archived: true });
    const bad = await s.as.sales('PUT', `/api/deals/${deal.id}/lines`, {
      expectedVersion: deal.version,
      priceListId: priceList.id,
      lines: [
        { productId: cable.id, quantity: '1.0005' },
        { productId: cable.id, quantity: 0 },
        { productId: service.id, quantity: 1, discountPercent: 150 },
        { productId: 'no-such-product', quantity: 1 },
        { productId: unpriced.id, quantity: 1 },
        { productId: retired.id, quantity: 1 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual([
      'lines.0.quantity',
      'lines.1.quantity',
      'lines.2.discountPercent',
      'lines.3.productId',
      'lines.4.productId',
      'lines.5.productId',
    ]);
    const noList = await s.as.sales('PUT', `/api/deals/${deal.id}/lines`, {
      expectedVersion: deal.version,
      priceListId: 'no-such-list',
      lines: [{ productId: cable.id, quantity: 1 }],
    });
    expect(fieldsOf(noList.body)).toEqual(['priceListId']);
    const ok = await s.as.sales('PUT', `/api/deals/${deal.id}/lines`, {
      expectedVersion: deal.version,
      priceListId: priceList.id,
      lines: [{ productId: cable.id, quantity: 2 }],
    });
    expect(ok.status).toBe(200);
    const stale = await s.as.sales('PUT', `/api/deals/${deal.id}/lines`, {
      expectedVersion: deal.version,
      priceListId: priceList.id,
      lines: [{ productId: cable.id, quantity: 3 }],
    });
    expect(stale.status).toBe(409);
    expect((await s.as.sales('GET', `/api/deals/${deal.id}`)).body.deal.lines[0].quantity).toBe('2');
    // Removing the lines leaves the value as it was and lets it be changed by hand again.
    const cleared = await s.as.sales('PUT', `/api/deals/${deal.id}/lines`, {
      expectedVersion: ok.body.deal.version,
      priceListId: priceList.id,
      lines: [],
    });
    expect(cleared.body.deal.lines).toBeUndefined();
    expect(cleared.body.deal.value).toEqual({ amount: 2 * 150_60, currency: 'RUB' });
  });

  it('are changed only by the deal’s editors', async () => {
    const { deal } = await newDeal();
    const { priceList, cable } = await newCatalogue();
    const body = {
      expectedVersion: deal.version,
      priceListId: priceList.id,
      lines: [{ productId: cable.id, quantity: 1 }],
    };
    expect((await s.as.marketing('PUT', `/api/deals/${deal.id}/lines`, body)).status).toBe(403);
    expect((await s.as.support('PUT', `/api/deals/${deal.id}/lines`, body)).status).toBe(403);
    expect((await s.as.manager('PUT', `/api/deals/${deal.id}/lines`, body)).status).toBe(200);
  });
});

describe('quotes', () => {
  it('are numbered consecutively from the deal’s lines, snapshotted, printable and downloadable', async () => {
    const { deal, contact, company } = await dealWithLines();
    const first = await s.as.sales('POST', `/api/deals/${deal.id}/quotes`, {
      contactId: contact.id,
      note: 'Доставка за наш счёт',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const second = await s.as.sales('POST', `/api/deals/${deal.id}/quotes`, { validUntil: '2099-01-31' });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const [a, b] = [first.body.quote, second.body.quote];
    expect(sequenceOf(b.number)).toBe(sequenceOf(a.number) + 1);
    expect(a).toMatchObject({
      dealId: deal.id,
      status: 'draft',
      sentTo: [],
      company: { id: company.id, name: company.name },
      contact: { id: contact.id },
      seller: { name: 'ООО «Демо»' },
      preparedBy: { userId: s.ids.sales, name: 'Анна Смирнова' },
      totals: { net: 36_998_97, vat: 3_399_79, total: 40_398_76, currency: 'RUB' },
      note: 'Доставка за наш счёт',
    });
    expect(a.lines).toEqual(deal.lines);
    expect(b.validUntil).toBe('2099-01-31');
    const listed = await s.as.marketing('GET', `/api/deals/${deal.id}/quotes`);
    expect(listed.body.items.map((q: { id: string }) => q.id)).toEqual([b.id, a.id]);
    // The audit of its making is on the quote and names the company and the contact.
    const audit = await s.partition(`AUDIT#quote#${a.id}`);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.relatedTo).toEqual(
      expect.arrayContaining([
        { type: 'company', id: company.id },
        { type: 'contact', id: contact.id },
      ]),
    );

    const page = await s.as.support('GET', `/api/quotes/${a.id}/print`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = String(page.body).replace(/[\u00a0\u202f]/g, ' ');
    expect(html).toContain(`Коммерческое предложение № ${a.number}`);
    expect(html).toContain(`<td>${deal.lines[0].name}</td>`);
    expect(html).toContain(`<td>${deal.lines[1].name}</td>`);
    expect(html).toContain('40 398,76 ₽');

    const link = await s.as.marketing('GET', `/api/quotes/${a.id}/pdf`);
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    expect(link.body.url.startsWith(`${runtime.tenant('demo').appUrl}/_s3/`)).toBe(true);
    expect(
      decodeURIComponent(new URL(link.body.url).searchParams.get('response-content-disposition') ?? ''),
    ).toContain(`${a.number}.pdf`);
    const download = await fetch(link.body.url);
    expect(download.status).toBe(200);
    const pdf = Buffer.from(await download.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // PDF.js takes over (detaches) the buffer it reads: give it a copy.
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    expect(text).toContain(a.number);
    expect(text).toContain(deal.lines[0].name);
    // A second link serves the same stored file.
    const again = await fetch((await s.as.sales('GET', `/api/quotes/${a.id}/pdf`)).body.url);
    expect(Buffer.from(await again.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('never share or skip a number when made at the same moment', async () => {
    const { deal } = await dealWithLines();
    const before = await s.as.sales('POST', `/api/deals/${deal.id}/quotes`, {});
    expect(before.status).toBe(201);
    const start = sequenceOf(before.body.quote.number);
    const made = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 === 0 ? s.as.sales : s.as.manager)('POST', `/api/deals/${deal.id}/quotes`, {}),
      ),
    );
    for (const r of made) expect(r.status, JSON.stringify(r.body)).toBe(201);
    const sequences = made.map((r) => sequenceOf(r.body.quote.number)).sort((x, y) => x - y);
    expect(sequences).toEqual(Array.from({ length: 8 }, (_, i) => start + 1 + i));
    const after = await s.as.sales('POST', `/api/deals/${deal.id}/quotes`, {});
    expect(sequenceOf(after.body.quote.number)).toBe(start + 9);
    const counter = (await s.partition(`COUNTER#quote#${after.body.quote.number.slice(3, 7)}`))[0];
    expect(counter?.last).toBe(start + 9);
  });

  it('refuses a deal without lines, a contact not on the deal and callers who may not change the deal', async () => {
    const { deal } = await newDeal();
    const noLines = await s.as.sales('POST', `/api/deals/${deal.id}/quotes`, {});
    expect(noLines.status).toBe(409);
    const priced = await dealWithLines();
    const stranger = await newContact(priced.company.id, 'stranger@buyer.example');
    const notOnDeal = await s.as.sales('POST', `/api/deals/${priced.deal.id}/quotes`, {
      contactId: stranger.id,
    });
    expect(notOnDeal.status).toBe(400);
    expect(fieldsOf(notOnDeal.body)).toEqual(['contactId']);
    const past = await s.as.sales('POST', `/api/deals/${priced.deal.id}/quotes`, {
      validUntil: '2001-01-01',
    });
    expect(fieldsOf(past.body)).toEqual(['validUntil']);
    for (const role of ['marketing', 'support', 'nobody'] as const)
      expect((await s.as[role]('POST', `/api/deals/${priced.deal.id}/quotes`, {})).status, role).toBe(403);
  });

  it('are e-mailed with their PDF once per contact, marked sent and shown on the timelines', async () => {
    const { deal, contact, company, email } = await dealWithLines();
    const quote = (await s.as.sales('POST', `/api/deals/${deal.id}/quotes`, { contactId: contact.id })).body
      .quote;

    expect(
      (await s.as.marketing('POST', `/api/quotes/${quote.id}/send`, { contactId: contact.id })).status,
    ).toBe(403);
    const sent = await s.as.sales('POST', `/api/quotes/${quote.id}/send`, {
      contactId: contact.id,
      message: 'Добрый день!\nНаправляем КП, как договаривались.',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.email).toBe('sent');
    expect(sent.body.quote).toMatchObject({ status: 'sent', sentTo: [{ contactId: contact.id, email }] });
    // The same request again (a retry): nothing is sent twice, the quote stays as it was.
    const retried = await s.as.sales('POST', `/api/quotes/${quote.id}/send`, { contactId: contact.id });
    expect(retried.status).toBe(200);
    expect(retried.body.email).toBe('already-sent');
    expect(retried.body.quote.version).toBe(sent.body.quote.version);

    const mine = (await sentEmails(runtime)).filter((m) => m.destination.to.join(',').includes(email));
    expect(mine).toHaveLength(1);
    const mail = mine[0] as (typeof mine)[number] & {
      attachments?: { filename?: string; contentType: string; content: string }[];
    };
    expect(mail.from).toBe('crm@demo.example');
    expect(mail.subject).toBe(`Коммерческое предложение № ${quote.number} — ООО «Демо»`);
    expect(mail.body.text).toContain('Здравствуйте, Иван Сергеевич!');
    expect(mail.body.text).toContain('Направляем КП, как договаривались.');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments?.[0]).toMatchObject({
      filename: `${quote.number}.pdf`,
      contentType: 'application/pdf',
    });
    const attached = Buffer.from(mail.attachments?.[0]?.content ?? '', 'base64');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(attached)), {
      mergePages: true,
    });
    expect(text).toContain(quote.number);

    const audit = await s.partition(`AUDIT#quote#${quote.id}`);
    expect(audit.map((a) => a.action)).toEqual(['created', 'sent']);
    for (const [type, id] of [
      ['company', company.id],
      ['contact', contact.id],
    ] as const) {
      await eventually(async () => {
        const tl = await s.as.support('GET', `/api/timeline/${type}/${id}?limit=100`);
        const entries = tl.body.items as {
          auditSubject?: string;
          action?: string;
          subjects: { id: string }[];
        }[];
        return entries.some(
          (e) => e.auditSubject === 'quote' && e.action === 'sent' && e.subjects[0]?.id === quote.id,
        )
          ? true
          : undefined;
      }, `the sent quote on the ${type}'s timeline`);
    }
  });

  it('are sent only to a contact of the deal that has an e-mail address', async () => {
    const { deal, company } = await dealWithLines();
    const quote = (await s.as.sales('POST', `/api/deals/${deal.id}/quotes`, {})).body.quote;
    const stranger = await newContact(company.id, 'other@buyer.example');
    const notOnDeal = await s.as.sales('POST', `/api/quotes/${quote.id}/send`, { contactId: stranger.id });
    expect(notOnDeal.status).toBe(400);
    expect(fieldsOf(notOnDeal.body)).toEqual(['contactId']);
    expect((await s.as.sales('GET', `/api/quotes/${quote.id}`)).body.quote.status).toBe('draft');
  });
});
