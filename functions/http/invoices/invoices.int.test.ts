// Invoices end to end on the emulators (docs/invoices.md): drafts with free and catalogue lines,
// the schedule that must add up to the total, issue numbered without gaps under concurrent issues
// with the installments' index items opened on gsi3, the PDF stored in the files bucket and read
// back as text, the printable page, payments (partial, over the amount owed, backdated, in full),
// reversals and cancelling with the open set following, the e-mail to the billing contact with
// the PDF attached, the company's timeline and receivables block, the domain API other features
// call (and auditInvoiceStep), and — last, since the clock only moves forward — overdue derived
// on read in the tenant's time zone.
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClients, localCredentials } from '../../../scripts/local/aws-clients.ts';
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
  for (const who of ['sales', 'manager', 'admin'] as const)
    expect((await s.as[who]('GET', '/api/me')).status).toBe(200);
});
afterAll(async () => runtime?.stop());

/** Money as the page and the PDF print it, with plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const fieldsOf = (body: { error: { fields: { field: string }[] } }) =>
  body.error.fields.map((f) => f.field).sort();

/** The tenant's (Moscow's) local date of the runtime's clock. */
const moscowToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(runtime.clock.now());
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const newCompany = async (ownerId = s.ids.sales) => {
  const r = await s.as.admin('POST', '/api/companies', {
    name: `ООО «${uniqueWord()}»`,
    inn: uniqueInn(),
    ownerId,
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

/** 10 h of work at 1 000,00 ₽ net, VAT 20 %: 12 000,00 ₽ with VAT. */
const workLine = { name: 'Монтаж оборудования', quantity: 10, unit: 'ч', unitPrice: 1000_00, vatRate: 20 };

const draft = async (body: Record<string, unknown>, who: 'sales' | 'manager' | 'admin' = 'sales') => {
  const r = await s.as[who]('POST', '/api/invoices', { lines: [workLine], ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.invoice;
};

const issue = async (invoice: { id: string; version: number }, who: 'sales' | 'manager' = 'sales') => {
  const r = await s.as[who]('POST', `/api/invoices/${invoice.id}/issue`, {
    expectedVersion: invoice.version,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.invoice;
};

const pay = (
  invoice: { id: string; version: number },
  body: Record<string, unknown>,
  who = 'sales' as const,
) => s.as[who]('POST', `/api/invoices/${invoice.id}/payments`, { expectedVersion: invoice.version, ...body });

/** The invoice's installment index items as stored. */
const installmentItems = async (invoiceId: string) =>
  (await s.partition(`INVOICE#${invoiceId}`)).filter((i) => String(i.sk).startsWith('INSTALLMENT#'));

/** The open set on gsi3 as the reminder run reads it: installments of this invoice due by `date`. */
const openSet = async (invoiceId: string, date = '2999-12-31') => {
  const demo = runtime.tenant('demo');
  const { dynamodb } = localClients(runtime.endpoints, demo.tenant.region);
  const found: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, never> | undefined;
  do {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName: demo.tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk <= :bound',
        ExpressionAttributeValues: { ':pk': { S: 'INSTALLMENTS#OPEN' }, ':bound': { S: `${date}#~` } },
        ExclusiveStartKey,
      }),
    );
    found.push(...(page.Items ?? []).map((i) => unmarshall(i)));
    ExclusiveStartKey = page.LastEvaluatedKey as typeof ExclusiveStartKey;
  } while (ExclusiveStartKey);
  return found.filter((i) => i.invoiceId === invoiceId).map((i) => i.n);
};

const pdfText = async (bytes: Uint8Array) =>
  plain((await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true })).text);

const timelineActions = async (companyId: string, invoiceId: string) => {
  const tl = await s.as.support('GET', `/api/timeline/company/${companyId}?limit=100`);
  return (tl.body.items as { auditSubject?: string; action?: string; subjects: { id: string }[] }[])
    .filter((e) => e.auditSubject === 'invoice' && e.subjects[0]?.id === invoiceId)
    .map((e) => e.action);
};

describe('drafts and issue', () => {
  it('makes a draft with totals, issues it with a number, opens its installments and stores its PDF', async () => {
    const company = await newCompany();
    const a = await draft({
      companyId: company.id,
      installments: [
        { dueDate: addDays(moscowToday(), 5), amount: 4000_00 },
        { dueDate: addDays(moscowToday(), 35), amount: 8000_00 },
      ],
      note: 'Оплата по графику',
    });
    expect(a).toMatchObject({
      status: 'draft',
      companyId: company.id,
      company: { name: company.name },
      ownerId: s.ids.sales,
      currency: 'RUB',
      totals: { net: 10_000_00, vat: 2_000_00, gross: 12_000_00, total: 12_000_00 },
      paidTotal: 0,
      outstanding: 12_000_00,
      overdue: false,
    });
    expect(a.number).toBeUndefined();
    expect(await installmentItems(a.id)).toEqual([]);
    // A draft has no PDF yet.
    expect((await s.as.sales('GET', `/api/invoices/${a.id}/pdf`)).status).toBe(409);

    const issued = await issue(a);
    expect(issued).toMatchObject({ status: 'issued', issueDate: moscowToday(), version: 2 });
    expect(issued.number).toMatch(/^СЧ-\d{4}-\d{4,}$/);
    const items = await installmentItems(a.id);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      sk: 'INSTALLMENT#01',
      invoiceId: a.id,
      n: 1,
      dueDate: addDays(moscowToday(), 5),
      amount: 4000_00,
      paid: 0,
      companyId: company.id,
      ownerId: s.ids.sales,
      currency: 'RUB',
      number: issued.number,
      gsi3pk: 'INSTALLMENTS#OPEN',
      gsi3sk: `${addDays(moscowToday(), 5)}#${a.id}#01`,
    });
    expect(await openSet(a.id)).toEqual([1, 2]);
    // "Due by a date" is a range of the index: only the first is due within a week.
    expect(await openSet(a.id, addDays(moscowToday(), 7))).toEqual([1]);
    // An issued invoice is fixed.
    const edit = await s.as.sales('PATCH', `/api/invoices/${a.id}`, {
      expectedVersion: 2,
      lines: [workLine],
    });
    expect(edit.status).toBe(400);
    expect(fieldsOf(edit.body)).toEqual(['lines']);
    expect((await s.as.sales('POST', `/api/invoices/${a.id}/issue`, { expectedVersion: 2 })).status).toBe(
      409,
    );

    const link = await s.as.support('GET', `/api/invoices/${a.id}/pdf`);
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    expect(
      decodeURIComponent(new URL(link.body.url).searchParams.get('response-content-disposition') ?? ''),
    ).toContain(`${issued.number}.pdf`);
    const download = await fetch(link.body.url);
    expect(download.status).toBe(200);
    const pdf = new Uint8Array(await download.arrayBuffer());
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain(issued.number);
    expect(text).toContain('12 000,00 ₽');
    expect(text).toContain('Монтаж оборудования');

    const page = await s.as.support('GET', `/api/invoices/${a.id}/print`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(plain(String(page.body))).toContain(`Счёт на оплату № ${issued.number}`);
    expect(plain(String(page.body))).toContain('12 000,00 ₽');

    const audit = await s.partition(`AUDIT#invoice#${a.id}`);
    expect(audit.map((e) => e.action)).toEqual(['created', 'issued']);
    expect(audit[1]?.changes).toEqual(
      expect.arrayContaining([
        { field: 'number', to: issued.number },
        { field: 'total', to: { amount: 12_000_00, currency: 'RUB' } },
      ]),
    );
  });

  it('prices catalogue lines from a price list and copies a deal’s lines', async () => {
    const company = await newCompany();
    const list = await s.as.manager('POST', '/api/price-lists', {
      name: `Прайс ${uniqueWord()}`,
      currency: 'RUB',
    });
    const product = await s.as.manager('POST', '/api/products', {
      name: `Кабель ${uniqueWord()}`,
      sku: uniqueWord(),
      unit: 'м',
      vatRate: 20,
      prices: { [list.body.priceList.id]: 125_50 },
    });
    const productId = product.body.product.id;
    const fromCatalogue = await draft({
      companyId: company.id,
      priceListId: list.body.priceList.id,
      lines: [{ productId, quantity: '150.5', discountPercent: 10 }, workLine],
    });
    // 150.5 × 125,50 = 18 887,75; −10 % = 16 998,97 net; VAT 3 399,79; + the work.
    expect(fromCatalogue.lines[0]).toMatchObject({ productId, net: 16_998_97, vat: 3_399_79 });
    expect(fromCatalogue.totals.gross).toBe(20_398_76 + 12_000_00);
    const noList = await s.as.sales('POST', '/api/invoices', {
      companyId: company.id,
      lines: [{ productId, quantity: 1 }],
    });
    expect(noList.status).toBe(400);
    expect(fieldsOf(noList.body)).toEqual(['priceListId']);

    const deal = await s.as.sales('POST', '/api/deals', {
      title: `Поставка ${uniqueWord()}`,
      companyId: company.id,
      value: { amount: 1_00, currency: 'RUB' },
    });
    const lines = await s.as.sales('PUT', `/api/deals/${deal.body.deal.id}/lines`, {
      expectedVersion: deal.body.deal.version,
      priceListId: list.body.priceList.id,
      lines: [{ productId, quantity: 2 }],
    });
    expect(lines.status, JSON.stringify(lines.body)).toBe(200);
    const fromDeal = (
      await s.as.sales('POST', '/api/invoices', { companyId: company.id, dealId: deal.body.deal.id })
    ).body.invoice;
    expect(fromDeal).toMatchObject({ dealId: deal.body.deal.id, totals: { gross: 301_20 } });
    expect(fromDeal.lines).toHaveLength(1);
    const other = await newCompany();
    const wrongCompany = await s.as.sales('POST', '/api/invoices', {
      companyId: other.id,
      dealId: deal.body.deal.id,
    });
    expect(fieldsOf(wrongCompany.body)).toEqual(['dealId']);
  });

  it('refuses a schedule that does not add up to the total, naming both amounts', async () => {
    const company = await newCompany();
    const bad = await s.as.sales('POST', '/api/invoices', {
      companyId: company.id,
      lines: [{ ...workLine, quantity: 1 }],
      installments: [{ dueDate: addDays(moscowToday(), 10), amount: 1000_00 }],
    });
    expect(bad.status).toBe(400);
    const messages = (r: { body: { error: { fields: { field: string; message: string }[] } } }) =>
      r.body.error.fields.map((f) => ({ field: f.field, message: plain(f.message) }));
    expect(messages(bad)).toEqual([
      {
        field: 'installments',
        message: 'installments add up to 1 000,00 ₽, the invoice total is 1 200,00 ₽',
      },
    ]);
    expect(bad.body.error.details).toEqual({ sum: 1000_00, total: 1200_00 });
    // Due dates must increase; bad input names each field.
    const order = await s.as.sales('POST', '/api/invoices', {
      companyId: company.id,
      lines: [{ ...workLine, quantity: 1 }],
      installments: [
        { dueDate: addDays(moscowToday(), 10), amount: 600_00 },
        { dueDate: addDays(moscowToday(), 10), amount: 600_00 },
      ],
    });
    expect(fieldsOf(order.body)).toEqual(['installments.1.dueDate']);
    const junk = await s.as.sales('POST', '/api/invoices', {
      companyId: company.id,
      currency: 'rub',
      lines: [{ ...workLine, unitPrice: 10.5 }],
      installments: [{ dueDate: '31.12.2026', amount: 0 }],
    });
    expect(fieldsOf(junk.body)).toEqual([
      'currency',
      'installments.0.amount',
      'installments.0.dueDate',
      'lines.0',
    ]);
    // A draft's lines changed without its schedule: the schedule no longer adds up.
    const d = await draft({
      companyId: company.id,
      lines: [{ ...workLine, quantity: 1 }],
      installments: [{ dueDate: addDays(moscowToday(), 10), amount: 1200_00 }],
    });
    const changed = await s.as.sales('PATCH', `/api/invoices/${d.id}`, {
      expectedVersion: 1,
      lines: [workLine],
    });
    expect(changed.status).toBe(400);
    expect(changed.body.error.details).toEqual({ sum: 1200_00, total: 12_000_00 });
    const fixed = await s.as.sales('PATCH', `/api/invoices/${d.id}`, {
      expectedVersion: 1,
      lines: [workLine],
      installments: [{ dueDate: addDays(moscowToday(), 10), amount: 12_000_00 }],
    });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect(fixed.body.invoice).toMatchObject({ version: 2, totals: { gross: 12_000_00 } });
    // Without a schedule, the issue makes one installment due after the tenant's payment term.
    const plainDraft = await draft({ companyId: company.id });
    const issued = await issue(plainDraft);
    expect(issued.installments).toEqual([
      { n: 1, dueDate: addDays(moscowToday(), 10), amount: 12_000_00, paid: 0, overdue: false },
    ]);
  });

  it('never shares or skips a number when invoices are issued at the same moment', async () => {
    const company = await newCompany();
    const drafts = await Promise.all(Array.from({ length: 8 }, () => draft({ companyId: company.id })));
    const before = await issue(await draft({ companyId: company.id }));
    const seq = (n: string) => Number(n.split('-')[2]);
    const start = seq(before.number);
    const issued = await Promise.all(
      drafts.map((d, i) =>
        s.as[i % 2 ? 'manager' : 'sales']('POST', `/api/invoices/${d.id}/issue`, {
          expectedVersion: d.version,
        }),
      ),
    );
    for (const r of issued) expect(r.status, JSON.stringify(r.body)).toBe(200);
    const sequences = issued.map((r) => seq(r.body.invoice.number)).sort((x, y) => x - y);
    expect(sequences).toEqual(Array.from({ length: 8 }, (_, i) => start + 1 + i));
    const year = before.number.split('-')[1];
    expect((await s.partition(`COUNTER#invoice#${year}`))[0]?.last).toBe(start + 8);
  });
});

describe('payments', () => {
  const issuedInvoice = async () => {
    const company = await newCompany();
    const d = await draft({
      companyId: company.id,
      installments: [
        { dueDate: addDays(moscowToday(), 5), amount: 4000_00 },
        { dueDate: addDays(moscowToday(), 35), amount: 8000_00 },
      ],
    });
    return { company, invoice: await issue(d) };
  };

  it('partial → partly paid; over the amount owed → 400 and nothing written; in full → paid, out of the open set', async () => {
    const { company, invoice } = await issuedInvoice();
    const partial = await pay(invoice, { amount: 5000_00, paidOn: moscowToday(), reference: 'п/п 17' });
    expect(partial.status, JSON.stringify(partial.body)).toBe(201);
    expect(partial.body.invoice).toMatchObject({
      status: 'partly_paid',
      paidTotal: 5000_00,
      outstanding: 7000_00,
    });
    expect(partial.body.invoice.installments.map((x: { paid: number }) => x.paid)).toEqual([
      4000_00, 1000_00,
    ]);
    expect(partial.body.payment).toMatchObject({
      amount: 5000_00,
      backdated: false,
      allocations: [
        { n: 1, amount: 4000_00 },
        { n: 2, amount: 1000_00 },
      ],
    });
    // The first installment is paid: it left the open set; the second shows what is paid.
    expect(await openSet(invoice.id)).toEqual([2]);
    const items = await installmentItems(invoice.id);
    expect(items[0]).toMatchObject({ paid: 4000_00 });
    expect(items[0]?.gsi3pk).toBeUndefined();
    expect(items[1]).toMatchObject({ paid: 1000_00, gsi3pk: 'INSTALLMENTS#OPEN' });

    const current = partial.body.invoice;
    const before = await s.partition(`INVOICE#${invoice.id}`);
    const auditBefore = await s.partition(`AUDIT#invoice#${invoice.id}`);
    const over = await pay(current, { amount: 7000_01, paidOn: moscowToday() });
    expect(over.status).toBe(400);
    expect(
      over.body.error.fields.map((f: { field: string; message: string }) => ({
        ...f,
        message: plain(f.message),
      })),
    ).toEqual([{ field: 'amount', message: 'exceeds the amount owed: 7 000,00 ₽' }]);
    expect(over.body.error.details).toEqual({ owed: 7000_00 });
    const overInstallment = await pay(current, { amount: 3000_00, paidOn: moscowToday(), installment: 1 });
    expect(overInstallment.body.error.details).toEqual({ owed: 0 });
    const future = await pay(current, { amount: 1_00, paidOn: addDays(moscowToday(), 1) });
    expect(fieldsOf(future.body)).toEqual(['paidOn']);
    const stale = await pay(
      { ...current, version: current.version - 1 },
      { amount: 1_00, paidOn: moscowToday() },
    );
    expect(stale.status).toBe(409);
    expect(await s.partition(`INVOICE#${invoice.id}`)).toEqual(before);
    expect(await s.partition(`AUDIT#invoice#${invoice.id}`)).toEqual(auditBefore);

    const rest = await pay(current, { amount: 7000_00, paidOn: moscowToday() });
    expect(rest.status, JSON.stringify(rest.body)).toBe(201);
    expect(rest.body.invoice).toMatchObject({ status: 'paid', paidTotal: 12_000_00, outstanding: 0 });
    expect(await openSet(invoice.id)).toEqual([]);
    for (const item of await installmentItems(invoice.id)) {
      expect(item.paid).toBe(item.amount);
      expect(item.gsi3sk).toBeUndefined();
    }
    expect((await pay(rest.body.invoice, { amount: 1, paidOn: moscowToday() })).status).toBe(409);
    const actions = (await s.partition(`AUDIT#invoice#${invoice.id}`)).map((e) => e.action);
    expect(actions.filter((a) => a === 'payment-recorded')).toHaveLength(2);
    expect(actions).toContain('paid');
    await eventually(async () => {
      const shown = await timelineActions(company.id, invoice.id);
      return ['created', 'issued', 'payment-recorded', 'paid'].every((a) => shown.includes(a)) || undefined;
    }, 'the invoice’s entries on the company’s timeline');
  });

  it('marks a backdated payment in the payment and in its audit entry', async () => {
    const { company, invoice } = await issuedInvoice();
    const paidOn = addDays(moscowToday(), -3);
    const r = await pay(invoice, { amount: 1000_00, paidOn, installment: 2 });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.payment).toMatchObject({
      backdated: true,
      paidOn,
      allocations: [{ n: 2, amount: 1000_00 }],
    });
    const entry = (await s.partition(`AUDIT#invoice#${invoice.id}`)).find(
      (e) => e.action === 'payment-recorded',
    );
    expect(entry).toMatchObject({ backdated: true, actorId: s.ids.sales });
    expect(Date.parse(String(entry?.at))).toBeGreaterThan(Date.parse(String(entry?.effectiveAt)));
    expect(entry?.changes).toEqual(
      expect.arrayContaining([
        { field: 'paidOn', to: paidOn },
        { field: 'backdated', to: true },
        { field: 'amount', to: 1000_00 },
      ]),
    );
    await eventually(async () => {
      const tl = await s.as.support('GET', `/api/timeline/company/${company.id}?limit=100`);
      return (tl.body.items as { action?: string; backdated: boolean }[]).some(
        (e) => e.action === 'payment-recorded' && e.backdated,
      );
    }, 'the backdated payment on the timeline');
  });

  it('reverses a payment (managers only): the installments re-enter the open set', async () => {
    const { invoice } = await issuedInvoice();
    const paid = await pay(invoice, { amount: 4000_00, paidOn: moscowToday() });
    expect(await openSet(invoice.id)).toEqual([2]);
    const { invoice: after, payment } = paid.body;
    const path = `/api/invoices/${invoice.id}/payments/${payment.id}`;
    const refused = await s.as.sales('DELETE', path, { expectedVersion: after.version });
    expect(refused.status).toBe(403);
    const reversed = await s.as.manager('DELETE', path, { expectedVersion: after.version });
    expect(reversed.status, JSON.stringify(reversed.body)).toBe(200);
    expect(reversed.body.invoice).toMatchObject({ status: 'issued', paidTotal: 0, outstanding: 12_000_00 });
    expect(reversed.body.payment).toMatchObject({ reversed: true });
    expect(await openSet(invoice.id)).toEqual([1, 2]);
    const again = await s.as.manager('DELETE', path, { expectedVersion: reversed.body.invoice.version });
    expect(again.status).toBe(409);
    const read = await s.as.support('GET', `/api/invoices/${invoice.id}`);
    expect(read.body.invoice.payments).toEqual([expect.objectContaining({ id: payment.id, reversed: true })]);
    expect((await s.partition(`AUDIT#invoice#${invoice.id}`)).map((e) => e.action)).toContain(
      'payment-reversed',
    );
  });

  it('cancels only what has nothing paid (managers only); its installments leave the open set', async () => {
    const { invoice } = await issuedInvoice();
    const paid = (await pay(invoice, { amount: 1_00, paidOn: moscowToday() })).body.invoice;
    const withPayment = await s.as.manager('POST', `/api/invoices/${invoice.id}/cancel`, {
      expectedVersion: paid.version,
      reason: 'Ошибка',
    });
    expect(withPayment.status).toBe(409);
    const other = (await issuedInvoice()).invoice;
    expect(
      (
        await s.as.sales('POST', `/api/invoices/${other.id}/cancel`, {
          expectedVersion: other.version,
          reason: 'x',
        })
      ).status,
    ).toBe(403);
    const noReason = await s.as.manager('POST', `/api/invoices/${other.id}/cancel`, {
      expectedVersion: other.version,
    });
    expect(fieldsOf(noReason.body)).toEqual(['reason']);
    const cancelled = await s.as.manager('POST', `/api/invoices/${other.id}/cancel`, {
      expectedVersion: other.version,
      reason: 'Выставлен по ошибке',
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.invoice).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Выставлен по ошибке',
    });
    expect(await openSet(other.id)).toEqual([]);
    expect(await installmentItems(other.id)).toHaveLength(2);
    expect((await pay(cancelled.body.invoice, { amount: 1_00, paidOn: moscowToday() })).status).toBe(409);
  });
});

describe('sending', () => {
  it('e-mails the issued invoice with its PDF to the billing contact, once per send', async () => {
    const company = await newCompany();
    const email = `${uniqueWord().toLowerCase()}@buyer.example`;
    const contact = await newContact(company.id, email);
    const stranger = await newContact((await newCompany()).id, 'x@other.example');
    const invoice = await issue(await draft({ companyId: company.id }));
    const noContact = await s.as.sales('POST', `/api/invoices/${invoice.id}/send`, {});
    expect(fieldsOf(noContact.body)).toEqual(['billingContactId']);
    const wrong = await s.as.sales('PATCH', `/api/invoices/${invoice.id}`, {
      expectedVersion: invoice.version,
      billingContactId: stranger.id,
    });
    expect(fieldsOf(wrong.body)).toEqual(['billingContactId']);
    const withContact = await s.as.sales('PATCH', `/api/invoices/${invoice.id}`, {
      expectedVersion: invoice.version,
      billingContactId: contact.id,
    });
    expect(withContact.status, JSON.stringify(withContact.body)).toBe(200);
    expect((await installmentItems(invoice.id))[0]).toMatchObject({ billingContactId: contact.id });
    expect((await s.as.support('POST', `/api/invoices/${invoice.id}/send`, {})).status).toBe(403);

    const sent = await s.as.sales('POST', `/api/invoices/${invoice.id}/send`, {});
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.email).toBe('sent');
    expect(sent.body.invoice).toMatchObject({ sendCount: 1, sentTo: [{ contactId: contact.id, email }] });
    const mine = (await sentEmails(runtime)).filter((m) => m.destination.to.join(',').includes(email));
    expect(mine).toHaveLength(1);
    const mail = mine[0] as (typeof mine)[number] & {
      attachments?: { filename?: string; contentType: string; content: string }[];
    };
    expect(mail.subject).toBe(`Счёт на оплату № ${invoice.number} — ООО «Демо»`);
    expect(mail.body.text).toContain('Здравствуйте, Иван Сергеевич!');
    expect(plain(mail.body.text ?? '')).toContain('12 000,00 ₽');
    expect(mail.attachments?.[0]).toMatchObject({
      filename: `${invoice.number}.pdf`,
      contentType: 'application/pdf',
    });
    const text = await pdfText(Buffer.from(mail.attachments?.[0]?.content ?? '', 'base64'));
    expect(text).toContain(invoice.number);
    expect(text).toContain('12 000,00 ₽');
    await eventually(
      async () => (await timelineActions(company.id, invoice.id)).includes('sent') || undefined,
      'sent on the timeline',
    );
  });
});

describe('the domain API other features call', () => {
  it('creates, issues, records a payment and audits an automation step onto the timeline', async () => {
    const demo = runtime.tenant('demo');
    Object.assign(process.env, {
      TABLE_NAME: demo.tableName,
      FILES_BUCKET: demo.filesBucket,
      TENANT_ID: demo.id,
      TENANT_NAME: demo.tenant.name,
      TENANT_TIMEZONE: demo.tenant.timezone,
      TENANT_CURRENCY: demo.tenant.currency,
      TENANT_LOCALE: demo.tenant.locale ?? 'ru',
      APP_URL: demo.appUrl,
      MAIL_FROM: 'crm@demo.example',
      SES_CONFIGURATION_SET: 'unused',
      AWS_REGION: demo.tenant.region,
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: runtime.endpoints.dynamodb,
      AWS_ENDPOINT_URL_S3: `${demo.appUrl}/_s3`,
      S3_FORCE_PATH_STYLE: 'true',
      CRM_CLOCK_OFFSET_MS: String(runtime.clock.offsetMs),
    });
    const { createInvoice, issueInvoice, recordPayment, auditInvoiceStep } = await import(
      '../../domain/invoices/invoices.ts'
    );
    const principal = { userId: s.ids.manager, username: 'igor', roles: ['sales-manager' as const] };
    const company = await newCompany();
    const d = await createInvoice(principal, { companyId: company.id, lines: [workLine] });
    const issued = await issueInvoice(principal, d.id, { expectedVersion: d.version });
    expect(issued.number).toMatch(/^СЧ-/);
    const { invoice } = await recordPayment(principal, d.id, {
      expectedVersion: issued.version,
      amount: 100_00,
      paidOn: moscowToday(),
    });
    expect(invoice.status).toBe('partly_paid');
    expect(
      await auditInvoiceStep(d.id, 'reminder', { n: 1, dueDate: invoice.installments[0]?.dueDate }),
    ).toBe(true);
    // Once per installment and step.
    expect(await auditInvoiceStep(d.id, 'reminder', { n: 1 })).toBe(false);
    const entry = (await s.partition(`AUDIT#invoice#${d.id}`)).find((e) => e.action === 'reminder-sent');
    expect(entry).toMatchObject({
      actorId: 'system:receivables',
      relatedTo: [{ type: 'company', id: company.id }],
    });
    await eventually(
      async () => (await timelineActions(company.id, d.id)).includes('reminder-sent') || undefined,
      'the reminder on the timeline',
    );
  });
});

describe('overdue, on the tenant’s calendar', () => {
  it('is derived on read in Moscow time: in lists, the invoice and the company’s receivables block', async () => {
    const company = await newCompany();
    const today = moscowToday();
    const d = await draft({ companyId: company.id, installments: [{ dueDate: today, amount: 12_000_00 }] });
    const invoice = await issue(d);
    const later = await issue(await draft({ companyId: company.id }));
    expect(invoice).toMatchObject({ status: 'issued', overdue: false });
    let block = await s.as.support('GET', `/api/companies/${company.id}/receivables`);
    expect(block.body).toMatchObject({
      overdue: false,
      nextDue: { invoiceId: invoice.id, n: 1, dueDate: today, amount: 12_000_00, paid: 0 },
    });
    expect(block.body.openInvoices.map((i: { id: string }) => i.id).sort()).toEqual(
      [invoice.id, later.id].sort(),
    );

    // Move to 21:30 UTC on the UTC day that is `today`: Moscow (UTC+3) is then on the next day, UTC
    // still on `today`. It is always ahead, since Moscow's `today` ends at 21:00 UTC of that day
    // (and a run started after 21:00 UTC is already on Moscow's next day).
    const nowMs = runtime.clock.nowMs();
    runtime.clock.advance(Date.parse(`${today}T21:30:00Z`) - nowMs);
    expect(moscowToday()).toBe(addDays(today, 1));
    expect(runtime.clock.now().toISOString().slice(0, 10)).toBe(today);

    const read = await s.as.support('GET', `/api/invoices/${invoice.id}`);
    expect(read.body.invoice).toMatchObject({ status: 'overdue', storedStatus: 'issued', overdue: true });
    expect(read.body.invoice.installments[0]).toMatchObject({ overdue: true });
    expect((await s.partition(`INVOICE#${invoice.id}`)).find((i) => i.sk === 'INVOICE')?.status).toBe(
      'issued',
    );
    const overdue = await s.as.support('GET', `/api/invoices?companyId=${company.id}&status=overdue`);
    expect(overdue.body.items.map((i: { id: string }) => i.id)).toEqual([invoice.id]);
    const issuedList = await s.as.support('GET', `/api/invoices?companyId=${company.id}&status=issued`);
    expect(issuedList.body.items.map((i: { id: string }) => i.id)).toEqual([later.id]);
    block = await s.as.support('GET', `/api/companies/${company.id}/receivables`);
    expect(block.body).toMatchObject({ overdue: true, nextDue: { invoiceId: invoice.id } });
    // A payment dated today in Moscow is not "after today", although UTC is a day behind.
    const paid = await pay(read.body.invoice, { amount: 12_000_00, paidOn: moscowToday() }, 'sales');
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect(paid.body.invoice).toMatchObject({ status: 'paid', overdue: false });
    block = await s.as.support('GET', `/api/companies/${company.id}/receivables`);
    expect(block.body).toMatchObject({ overdue: false, nextDue: { invoiceId: later.id } });
  });
});
