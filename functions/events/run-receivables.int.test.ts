// The receivables automation living through a month, against the local emulators and the local
// bus with its movable clock: 36 invoices with 1–3 installments each, due over the month, some
// paid in full before their due date, some partly paid, some paid after the overdue alert and
// before the escalation, some never. The clock moves day by day (09:00 in the tenant's time zone
// fires the real schedule `receivables-daily` → bus → rule → run-receivables), with a jump of four
// days in the middle. Every day the run is also fired a second time at the same moment and once
// more afterwards, and on one day the markers of that day's steps are deleted (a crash between
// sending and marking). At the end the captured mail (SES emulator), the in-app notifications
// and the invoices' audit trails must match, exactly, what a model of the month expects: one
// reminder per due unpaid installment, one overdue alert per missed one, one escalation per one
// unpaid long enough, nothing after a payment, nothing twice. Then the receivables report ages
// what is still open, and the settings are checked for who may change them and what is refused.
import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClients } from '../../scripts/local/aws-clients.ts';
import type { LocalRuntime } from '../../scripts/local/runtime.ts';
import { eventually, type SentEmail, sentEmails, startTestRuntime } from '../../scripts/local/testing.ts';
import { formatMoney } from '../domain/quotes/quote-document.ts';
import { agingBuckets, type Buckets, bucketOf } from '../domain/receivables/aging.ts';
import { daysPastDue } from '../domain/receivables/steps.ts';
import {
  type Caller,
  type DemoSession,
  demoSession,
  runtimeOptions,
  staffEmails,
  uniqueInn,
  uniqueWord,
} from '../http/records/record-test-support.ts';
import { addDays, instantAt, localDate } from '../lib/time-zone.ts';

let runtime: LocalRuntime;
let s: DemoSession;

const timeZone = 'Europe/Moscow';
const settings = { reminderDaysBefore: 3, escalateAfterDays: 7 };
const steps = ['reminder', 'overdue', 'escalation'] as const;
type Step = (typeof steps)[number];

/** The days of the month the clock stops at (day 0 = the first); it jumps from day 12 to day 16. */
const jumpFrom = 12;
const jumpTo = 16;
const lastDay = 30;
const stopDays = Array.from({ length: lastDay + 1 }, (_, d) => d).filter((d) => d <= jumpFrom || d >= jumpTo);

type PlannedInstallment = {
  n: number;
  dueDay: number;
  amount: number;
  /** Full payment on this day (before the day's run), if any. */
  paidDay?: number;
  /** Half of the amount paid on this day (before the day's run), if any. */
  partDay?: number;
};

type PlannedInvoice = {
  companyIndex: number;
  gross: number;
  net: number;
  installments: PlannedInstallment[];
  id?: string;
  number?: string;
  version?: number;
};

/** A payment day moved onto a day the clock stops at, and never onto the jump's landing day. */
const payableDay = (day: number): number | undefined => {
  let d = Math.max(0, day);
  while (d <= lastDay && (!stopDays.includes(d) || d === jumpTo)) d++;
  return d <= lastDay ? d : undefined;
};

/** 36 invoices, 1–3 installments, due days 1..32, five payment behaviours in rotation. */
const plan = (): PlannedInvoice[] =>
  Array.from({ length: 36 }, (_, i) => {
    const count = 1 + (i % 3);
    const net = (10_000 + i * 250) * 100; // minor units; VAT 20 % keeps the gross whole
    const gross = (net * 120) / 100;
    const first = 1 + ((i * 7) % 20);
    const installments: PlannedInstallment[] = Array.from({ length: count }, (_, k) => {
      const amount =
        k < count - 1 ? Math.floor(gross / count) : gross - Math.floor(gross / count) * (count - 1);
      const dueDay = first + 6 * k;
      const installment: PlannedInstallment = { n: k + 1, dueDay, amount };
      switch ((i + k) % 5) {
        case 0: // paid in full before the reminder window (when there is a day for it)
          if (dueDay - 5 >= 1) installment.paidDay = payableDay(dueDay - 5);
          break;
        case 1: // paid in full after the reminder, before the due date
          installment.paidDay = payableDay(dueDay - 1);
          break;
        case 2: // partly paid before the reminder: the rest stays owed
          installment.partDay = payableDay(Math.max(0, dueDay - 4));
          break;
        case 3: // paid after the overdue alert, before the escalation
          installment.paidDay = payableDay(dueDay + 3);
          break;
        default: // never paid in the month
          break;
      }
      return installment;
    });
    return { companyIndex: i % 12, gross, net, installments };
  });

/** The day a step first goes out: the first stop on or after its date, if the installment is still open then. */
const expectedDay = (inst: PlannedInstallment, step: Step): number | undefined => {
  const offset = {
    reminder: -settings.reminderDaysBefore,
    overdue: 1,
    escalation: 1 + settings.escalateAfterDays,
  };
  const stepDay = inst.dueDay + offset[step];
  const runDay = stopDays.find((d) => d >= Math.max(0, stepDay));
  if (runDay === undefined) return undefined;
  if (inst.paidDay !== undefined && inst.paidDay <= runDay) return undefined;
  return runDay;
};

/** What is owed on the installment at the run of `day`. */
const owedAt = (inst: PlannedInstallment, day: number): number => {
  if (inst.paidDay !== undefined && inst.paidDay <= day) return 0;
  if (inst.partDay !== undefined && inst.partDay <= day) return inst.amount - Math.floor(inst.amount / 2);
  return inst.amount;
};

const invoices = plan();

let day0: string;
const dateOf = (day: number) => addDays(day0, day);
const moveTo = async (day: number, time: string) => {
  runtime.clock.set(instantAt(dateOf(day), time, timeZone));
  await runtime.scheduler.drain({ timeoutMs: 120_000 });
};

type Contact = { id: string; email: string };
const companies: { id: string; name: string; ownerId: string; contact: Contact }[] = [];

/** Every notification of a user, all pages. */
type Notification = { id: string; kind: string; params: Record<string, string>; email: boolean };
const notificationsOf = async (as: Caller): Promise<Notification[]> => {
  const all: Notification[] = [];
  let cursor: string | undefined;
  do {
    const r = await as(
      'GET',
      `/api/notifications?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(r.status).toBe(200);
    all.push(...r.body.items);
    cursor = r.body.nextCursor;
  } while (cursor);
  return all;
};

const alertKinds = { overdue: 'invoice-overdue', escalation: 'invoice-escalated' } as const;

/** What the automation has put out so far, keyed `<invoiceId>#<n>#<step>` → count (synchronous effects only). */
const observed = async () => {
  const counts = new Map<string, number>();
  const bump = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const byNumber = new Map(invoices.map((inv) => [inv.number as string, inv]));
  const reminders: { key: string; mail: SentEmail }[] = [];
  for (const mail of await sentEmails(runtime)) {
    const match = /^Напоминание об оплате: счёт № (\S+) /.exec(mail.subject);
    const invoice = match ? byNumber.get(match[1] as string) : undefined;
    if (!invoice) continue;
    const n = Number(/платёж (\d+) из/.exec(mail.body.text ?? '')?.[1] ?? 1);
    const key = `${invoice.id}#${n}#reminder`;
    bump(key);
    reminders.push({ key, mail });
  }
  const ours = new Set(invoices.map((inv) => inv.id));
  const alerts = new Map<string, string[]>();
  for (const [person, as] of [
    ['sales', s.as.sales],
    ['manager', s.as.manager],
  ] as const) {
    for (const n of await notificationsOf(as)) {
      if (!ours.has(n.params.invoiceId)) continue;
      const step =
        n.kind === alertKinds.overdue
          ? 'overdue'
          : n.kind === alertKinds.escalation
            ? 'escalation'
            : undefined;
      if (!step) continue;
      expect(n.email).toBe(true);
      const key = `${n.params.invoiceId}#${n.params.n}#${step}`;
      bump(key);
      alerts.set(key, [...(alerts.get(key) ?? []), person]);
    }
  }
  return { counts, reminders, alerts };
};

const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

const fireRun = (copies: number) =>
  runtime.bus.putEvents(
    Array.from({ length: copies }, () => ({
      EventBusName: runtime.tenant('demo').busName,
      Source: 'crm.scheduler',
      DetailType: 'receivables.daily-run-due.v1',
      Detail: JSON.stringify({ schedule: 'receivables-daily' }),
    })),
  );

beforeAll(async () => {
  runtime = await startTestRuntime(['demo'], runtimeOptions());
  s = await demoSession(runtime);
  // Anna's and Igor's profiles (where their e-mail addresses and wishes are) exist from their first visit.
  for (const as of [s.as.sales, s.as.manager])
    expect((await as('GET', '/api/me')).body.user.emailNotifications).toBe(true);
  // Only the receivables schedule runs in this month: the heartbeat (every 5 minutes) and the task
  // scan (every 15) would add some 11,000 unrelated invocations.
  for (const schedule of runtime.scheduler.listSchedules({ groupName: 'crm-demo' })) {
    if (!schedule.name.endsWith('receivables-daily'))
      runtime.scheduler.updateSchedule({ ...schedule, state: 'DISABLED' });
  }
}, 180_000);
afterAll(async () => runtime?.stop());

describe('receivables settings', () => {
  it('have the defaults until an administrator changes them; others read, and bad values are refused by field', async () => {
    const read = await s.as.support('GET', '/api/settings/receivables');
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      settings: { reminderDaysBefore: 3, escalateAfterDays: 7, defaultPaymentDays: 10 },
      version: 0,
    });
    expect((await s.as.nobody('GET', '/api/settings/receivables')).status).toBe(403);
    expect(
      (await s.as.manager('PUT', '/api/settings/receivables', { expectedVersion: 0, reminderDaysBefore: 2 }))
        .status,
    ).toBe(403);
    const bad = await s.as.admin('PUT', '/api/settings/receivables', {
      expectedVersion: 0,
      reminderDaysBefore: 31,
      escalateAfterDays: 0,
      defaultPaymentDays: 1.5,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([
      { field: 'reminderDaysBefore', message: 'at most 30' },
      { field: 'escalateAfterDays', message: 'at least 1' },
      { field: 'defaultPaymentDays', message: 'must be a whole number of days' },
    ]);
    const saved = await s.as.admin('PUT', '/api/settings/receivables', {
      expectedVersion: 0,
      ...settings,
      defaultPaymentDays: 14,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({
      settings: { ...settings, defaultPaymentDays: 14 },
      version: 1,
    });
    const stale = await s.as.admin('PUT', '/api/settings/receivables', {
      expectedVersion: 0,
      escalateAfterDays: 9,
    });
    expect(stale.status).toBe(409);
    const audit = await s.partition('AUDIT#receivables-settings#receivables');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'created', actorId: s.ids.admin });
    expect(audit[0]?.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'defaultPaymentDays', to: 14 })]),
    );
  });
});

describe('a month of reminders, alerts and escalations', () => {
  it('sends each due step once per installment, nothing after payment, nothing twice, and catches up a jump once', async () => {
    // Day 0 is tomorrow; everything is set up at 07:00, before that day's 09:00 run.
    day0 = addDays(localDate(runtime.clock.now(), timeZone), 1);
    await moveTo(0, '07:00');

    for (let c = 0; c < 12; c++) {
      const ownerId = c % 2 === 0 ? s.ids.sales : s.ids.manager;
      const name = `ООО «${uniqueWord()}»`;
      const company = await s.as.admin('POST', '/api/companies', { name, inn: uniqueInn(), ownerId });
      expect(company.status, JSON.stringify(company.body)).toBe(201);
      const email = `billing.${uniqueWord().toLowerCase()}@client.example`;
      const contact = await s.as.admin('POST', '/api/contacts', {
        firstName: 'Бухгалтерия',
        lastName: uniqueWord(),
        companyId: company.body.company.id,
        emails: [{ value: email }],
        ownerId,
      });
      expect(contact.status, JSON.stringify(contact.body)).toBe(201);
      companies.push({
        id: company.body.company.id,
        name,
        ownerId,
        contact: { id: contact.body.contact.id, email },
      });
    }

    for (const inv of invoices) {
      const company = companies[inv.companyIndex] as (typeof companies)[number];
      const created = await s.as.admin('POST', '/api/invoices', {
        companyId: company.id,
        billingContactId: company.contact.id,
        lines: [{ name: 'Сопровождение', quantity: 1, unit: 'усл.', unitPrice: inv.net, vatRate: 20 }],
        installments: inv.installments.map((x) => ({ dueDate: dateOf(x.dueDay), amount: x.amount })),
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body.invoice.totals.gross).toBe(inv.gross);
      const issued = await s.as.admin('POST', `/api/invoices/${created.body.invoice.id}/issue`, {
        expectedVersion: created.body.invoice.version,
      });
      expect(issued.status, JSON.stringify(issued.body)).toBe(200);
      inv.id = issued.body.invoice.id;
      inv.number = issued.body.invoice.number;
      inv.version = issued.body.invoice.version;
    }

    const pay = async (inv: PlannedInvoice, x: PlannedInstallment, amount: number, day: number) => {
      const r = await s.as.admin('POST', `/api/invoices/${inv.id}/payments`, {
        expectedVersion: inv.version,
        amount,
        paidOn: dateOf(day),
        installment: x.n,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      inv.version = r.body.invoice.version;
    };

    let crashDone = false;
    for (const day of stopDays) {
      // 08:00: the clock lands on the day (after the jump, the missed days' runs fire now, with
      // today = the landing day); the day's payments come in before the 09:00 run.
      await moveTo(day, '08:00');
      for (const inv of invoices)
        for (const x of inv.installments) {
          if (x.paidDay === day) await pay(inv, x, x.amount, day);
          if (x.partDay === day) await pay(inv, x, Math.floor(x.amount / 2), day);
        }
      // 09:00: the schedule fires; the same event is put on the bus a second time at once.
      runtime.clock.set(instantAt(dateOf(day), '09:00', timeZone));
      fireRun(1);
      await runtime.scheduler.drain({ timeoutMs: 180_000 });
      await runtime.bus.drain();
      const afterRun = await observed();

      // What was due by today went out, and only that (the e-mails of the alerts come later).
      for (const inv of invoices)
        for (const x of inv.installments)
          for (const step of steps) {
            const when = expectedDay(x, step);
            const sent = afterRun.counts.get(`${inv.id}#${x.n}#${step}`) ?? 0;
            expect(sent, `${inv.number} #${x.n} ${step} on day ${day}`).toBe(
              when !== undefined && when <= day ? 1 : 0,
            );
          }

      // Fired again later the same day: nothing new.
      runtime.clock.advance(60 * 60 * 1000);
      fireRun(2);
      await runtime.bus.drain();
      const afterRerun = await observed();
      expect(total(afterRerun.counts), `re-run of day ${day}`).toBe(total(afterRun.counts));

      // A crash between sending and marking (day 20): the markers of that day's steps are gone;
      // the next run finds the send records and dedupe keys, sends nothing and marks them again.
      if (day === 20 && !crashDone) {
        crashDone = true;
        const { dynamodb } = localClients(runtime.endpoints, runtime.tenant('demo').tenant.region);
        let deleted = 0;
        for (const inv of invoices) {
          for (const m of await s.partition(`INVOICE#${inv.id}`)) {
            if (!String(m.sk).startsWith('STEP#') || m.runDate !== dateOf(day)) continue;
            await dynamodb.send(
              new DeleteItemCommand({
                TableName: runtime.tenant('demo').tableName,
                Key: { pk: { S: String(m.pk) }, sk: { S: String(m.sk) } },
              }),
            );
            deleted++;
          }
        }
        expect(deleted).toBeGreaterThan(0);
        fireRun(1);
        await runtime.bus.drain();
        expect(total((await observed()).counts)).toBe(total(afterRun.counts));
        let remarked = 0;
        for (const inv of invoices)
          for (const m of await s.partition(`INVOICE#${inv.id}`))
            if (String(m.sk).startsWith('STEP#') && m.runDate === dateOf(day)) remarked++;
        expect(remarked).toBe(deleted);
      }
    }
    expect(crashDone).toBe(true);

    // The month as the model sees it.
    const expected = new Map<string, number>();
    let expectedReminders = 0;
    let expectedAlerts = 0;
    let expectedEscalations = 0;
    for (const inv of invoices)
      for (const x of inv.installments)
        for (const step of steps)
          if (expectedDay(x, step) !== undefined) {
            expected.set(`${inv.id}#${x.n}#${step}`, 1);
            if (step === 'reminder') expectedReminders++;
            else if (step === 'overdue') expectedAlerts++;
            else expectedEscalations++;
          }
    // The model is not trivial: each behaviour and each step occurs.
    expect(expectedReminders).toBeGreaterThan(30);
    expect(expectedAlerts).toBeGreaterThan(15);
    expect(expectedEscalations).toBeGreaterThan(8);
    const installmentCount = invoices.reduce((n, inv) => n + inv.installments.length, 0);
    expect(expectedReminders).toBeLessThan(installmentCount);

    const final = await observed();
    expect(Object.fromEntries([...final.counts].sort())).toEqual(Object.fromEntries([...expected].sort()));

    // Who got what: the reminder the billing contact (with the PDF's promise, the amount owed then
    // as money, the due date as a local date); the alert the invoice's owner; the escalation the
    // sales manager (Igor).
    for (const { key, mail } of final.reminders) {
      const [id, n] = key.split('#');
      const inv = invoices.find((i) => i.id === id) as PlannedInvoice;
      const x = inv.installments[Number(n) - 1] as PlannedInstallment;
      const company = companies[inv.companyIndex] as (typeof companies)[number];
      expect(mail.destination.to).toEqual([company.contact.email]);
      const owed = formatMoney(owedAt(x, expectedDay(x, 'reminder') as number), 'RUB', 'ru');
      const due = dateOf(x.dueDay).split('-').reverse().join('.');
      expect(mail.subject).toBe(`Напоминание об оплате: счёт № ${inv.number} — ${owed} до ${due}`);
      expect(mail.body.text).toContain('Счёт — во вложении.');
    }
    for (const [key, people] of final.alerts) {
      const inv = invoices.find((i) => i.id === key.split('#')[0]) as PlannedInvoice;
      const owner = (companies[inv.companyIndex] as (typeof companies)[number]).ownerId;
      expect(people, key).toEqual(
        key.endsWith('#overdue') ? [owner === s.ids.sales ? 'sales' : 'manager'] : ['manager'],
      );
    }

    // The alerts were e-mailed too (notification.created → queue → SES), once each.
    const alertMails = async () =>
      (await sentEmails(runtime)).filter(
        (m) =>
          /^(Просрочена оплата|Эскалация): счёт № /.test(m.subject) &&
          invoices.some((inv) => m.subject.includes(`№ ${inv.number},`)),
      );
    await eventually(
      async () => (await alertMails()).length >= expectedAlerts + expectedEscalations,
      'the alert e-mails',
      120_000,
    );
    await new Promise((done) => setTimeout(done, 2000));
    const mails = await alertMails();
    expect(mails).toHaveLength(expectedAlerts + expectedEscalations);
    expect(
      mails
        .filter((m) => m.subject.startsWith('Эскалация'))
        .every((m) => m.destination.to[0] === staffEmails.manager),
    ).toBe(true);
    const perInvoice = (list: SentEmail[], prefix: string) =>
      Object.fromEntries(
        invoices.map((inv) => [
          inv.number,
          list.filter((m) => m.subject.startsWith(`${prefix}: счёт № ${inv.number},`)).length,
        ]),
      );
    const modelPerInvoice = (step: Step) =>
      Object.fromEntries(
        invoices.map((inv) => [
          inv.number,
          inv.installments.filter((x) => expectedDay(x, step) !== undefined).length,
        ]),
      );
    expect(perInvoice(mails, 'Просрочена оплата')).toEqual(modelPerInvoice('overdue'));
    expect(perInvoice(mails, 'Эскалация')).toEqual(modelPerInvoice('escalation'));

    // Each step is on the invoice's audit trail once (the company's timeline is projected from it).
    const actions = {
      reminder: 'reminder-sent',
      overdue: 'overdue-alerted',
      escalation: 'escalated',
    } as const;
    for (const inv of invoices) {
      const audit = await s.partition(`AUDIT#invoice#${inv.id}`);
      for (const step of steps)
        expect(audit.filter((a) => a.action === actions[step]).length, `${inv.number} ${step}`).toBe(
          inv.installments.filter((x) => expectedDay(x, step) !== undefined).length,
        );
    }

    console.log(
      `month simulated: ${installmentCount} installments of ${invoices.length} invoices; ${expectedReminders} reminders, ${expectedAlerts} overdue alerts, ${expectedEscalations} escalations (in-app and ${mails.length} alert e-mails) checked`,
    );

    // The receivables report as of the last day ages what is still open.
    const asOf = dateOf(lastDay);
    const buckets: Buckets = { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0 };
    const perCompany = new Map<string, number>();
    for (const inv of invoices)
      for (const x of inv.installments) {
        const owed = owedAt(x, lastDay);
        if (owed === 0) continue;
        buckets[bucketOf(daysPastDue(dateOf(x.dueDay), asOf))] += owed;
        const companyId = (companies[inv.companyIndex] as (typeof companies)[number]).id;
        perCompany.set(companyId, (perCompany.get(companyId) ?? 0) + owed);
      }
    const report = await s.as.support('GET', `/api/reports/receivables?asOf=${asOf}`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.total.buckets).toEqual(buckets);
    expect(report.body.total.outstanding).toBe(agingBuckets.reduce((sum, b) => sum + buckets[b], 0));
    expect(
      Object.fromEntries(
        report.body.companies.map((c: { companyId: string; outstanding: number }) => [
          c.companyId,
          c.outstanding,
        ]),
      ),
    ).toEqual(Object.fromEntries(perCompany));
    expect(report.body.managers.map((m: { ownerId: string }) => m.ownerId).sort()).toEqual(
      [s.ids.sales, s.ids.manager].sort(),
    );
    expect(report.body.expectedCash).toHaveLength(12);
    expect(report.body.expectedCash[0].overdue).toBe(
      buckets['1-30'] + buckets['31-60'] + buckets['61-90'] + buckets['90+'],
    );
    expect(
      report.body.expectedCash.reduce((sum: number, w: { expected: number }) => sum + w.expected, 0) +
        report.body.expectedLater,
    ).toBe(buckets.current);

    const bad = await s.as.admin('GET', '/api/reports/receivables?asOf=31.12.2026');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ field: 'asOf', message: 'must be a date, YYYY-MM-DD' }]);
    expect((await s.as.marketing('GET', '/api/reports/receivables')).status).toBe(403);
  }, 1_200_000);
});
