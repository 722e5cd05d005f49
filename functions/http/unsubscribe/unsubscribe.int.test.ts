// Unsubscribe links and SES events against the local runtime (real emulators, the real bus and
// rule, the functions in their workers): the public pages and one-click POST, idempotency and
// undo, the contact audited, on its timeline and excluded by the segment walk; SES delivery,
// open and click counted once however often delivered, bounce and complaint suppressing, the
// rate check pausing sending campaigns above its limits and not below, and `crm ses-event`
// reaching the handler. Tokens are signed with the key the runtime generated for the tenant.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SesEventKind, sesEventEntry } from '../../../scripts/cli/commands/ses-event.ts';
import { runCli } from '../../../scripts/cli/program.ts';
import { localClients, localCredentials } from '../../../scripts/local/aws-clients.ts';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { eventually, startTestRuntime } from '../../../scripts/local/testing.ts';
import { keyFromSecret, signUnsubscribeToken } from '../../domain/unsubscribe/unsubscribe-token.ts';
import { type DemoSession, demoSession, runtimeOptions, uniqueWord } from '../records/record-test-support.ts';

let runtime: LocalRuntime;
let s: DemoSession;
let key: Buffer;
let appUrl: string;

// As campaign-results.ts keys them (that module needs a function's environment to load).
const linkHash = (url: string) => createHash('sha1').update(url).digest('hex');
const statsHour = (at: string) => at.slice(0, 13);

beforeAll(async () => {
  runtime = await startTestRuntime(['demo'], runtimeOptions());
  s = await demoSession(runtime);
  appUrl = runtime.tenant('demo').appUrl;
  key = keyFromSecret(readFileSync(join(runtime.dataDir, 'tenants', 'demo', 'unsubscribe-key'), 'utf8'));
}, 180_000);
afterAll(async () => runtime?.stop());

const table = () => {
  const demo = runtime.tenant('demo');
  return { dynamodb: localClients(runtime.endpoints, demo.tenant.region).dynamodb, name: demo.tableName };
};
const put = async (item: Record<string, unknown>) => {
  const { dynamodb, name } = table();
  await dynamodb.send(
    new PutItemCommand({ TableName: name, Item: marshall(item, { removeUndefinedValues: true }) }),
  );
};
const item = async (pk: string, sk: string) => (await s.partition(pk)).find((i) => i.sk === sk);

const newContact = async (email = `${uniqueWord().toLowerCase()}@example.ru`) => {
  const r = await s.as.admin('POST', '/api/contacts', {
    firstName: 'Ольга',
    lastName: uniqueWord(),
    emails: [{ value: email }],
    tags: ['unsubscribe-test'],
    marketingConsent: { status: 'granted' },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { id: r.body.contact.id as string, email };
};

/** The send record the sender writes before calling SES (docs/campaigns.md). */
const sendRecord = (campaignId: string, contactId: string, email: string) =>
  put({
    pk: `SEND#${campaignId}#${contactId}`,
    sk: 'SEND',
    status: 'sent',
    claimedAt: new Date().toISOString(),
    sentAt: new Date().toISOString(),
    messageId: `m-${campaignId}-${contactId}`,
    runId: 'run-1',
    email,
  });

const contact = async (id: string) => (await s.as.admin('GET', `/api/contacts/${id}`)).body.contact;
const page = (method: string, path: string, body?: string, contentType?: string) =>
  fetch(`${appUrl}${path}`, {
    method,
    redirect: 'manual',
    ...(body !== undefined
      ? { body, headers: { 'content-type': contentType ?? 'application/x-www-form-urlencoded' } }
      : {}),
  });

describe('unsubscribe links', () => {
  it('GET asks in the tenant’s language and changes nothing; one-click POST unsubscribes, idempotently; undo resubscribes', async () => {
    const c = await newContact();
    const campaignId = ulid();
    await sendRecord(campaignId, c.id, c.email);
    const token = signUnsubscribeToken(key, { campaignId, contactId: c.id });

    // GET (a scanner's prefetch, or the reader opening the link) only asks, and changes nothing.
    const get = await page('GET', `/api/u/${token}`);
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toMatch(/^text\/html/);
    const asked = await get.text();
    expect(asked).toContain('<html lang="ru">');
    expect(asked).toContain('Отписаться от маркетинговых рассылок');
    expect(asked).toContain(`action="/api/u/${token}"`);
    expect(asked).toContain('name="List-Unsubscribe" value="One-Click"');
    const before = await contact(c.id);
    expect(before.marketingUnsubscribedAt).toBeUndefined();

    // The page's button posts the one-click form, as a mail client does (RFC 8058).
    const clicked = await page('POST', `/api/u/${token}`, 'List-Unsubscribe=One-Click');
    expect(clicked.status).toBe(200);
    const html = await clicked.text();
    expect(html).toContain('Вы отписались от маркетинговых рассылок');
    expect(html).toContain(`action="/api/u/${token}/undo"`);
    const after = await contact(c.id);
    expect(after.marketingUnsubscribedAt).toEqual(expect.any(String));

    // RFC 8058 one-click, twice: 200, no redirect, nothing changes the second time.
    for (let i = 0; i < 2; i++) {
      const post = await page('POST', `/api/u/${token}`, 'List-Unsubscribe=One-Click');
      expect(post.status).toBe(200);
      expect(post.headers.get('location')).toBeNull();
    }
    const again = await contact(c.id);
    expect(again.version).toBe(after.version);
    expect(again.marketingUnsubscribedAt).toBe(after.marketingUnsubscribedAt);
    const totals = await item(`CAMPAIGN#${campaignId}`, 'TOTALS');
    expect(totals?.unsubscribed).toBe(1);
    expect(
      (await item(`CAMPAIGN#${campaignId}`, `STATS#${statsHour(new Date().toISOString())}`))?.unsubscribed,
    ).toBe(1);

    // Audited once, and on the contact's timeline.
    const audit = (await s.partition(`AUDIT#contact#${c.id}`)).filter((e) => e.action === 'unsubscribed');
    expect(audit).toHaveLength(1);
    expect(audit[0]?.changes).toEqual([
      { field: 'marketingUnsubscribedAt', to: after.marketingUnsubscribedAt },
    ]);
    await eventually(async () => {
      const r = await s.as.admin('GET', `/api/timeline/contact/${c.id}?limit=100`);
      return r.body.items?.some((e: { action?: string }) => e.action === 'unsubscribed');
    }, 'contact.unsubscribed on the timeline');

    // The segment walk leaves the contact out, and says why.
    const email = c.email;
    const preview = await s.as.marketing('POST', '/api/segments/preview', {
      filter: { tags: { values: ['unsubscribe-test'] } },
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.sample.map((x: { email: string }) => x.email)).not.toContain(email);
    expect(preview.body.excluded.unsubscribed).toBeGreaterThanOrEqual(1);

    // Undo, then one-click again from the page: counted once for the campaign all the same.
    const undo = await page('POST', `/api/u/${token}/undo`, '');
    expect(undo.status).toBe(200);
    expect(await undo.text()).toContain('Вы снова подписаны');
    expect((await contact(c.id)).marketingUnsubscribedAt).toBeUndefined();
    const withUndo = await s.as.marketing('POST', '/api/segments/preview', {
      filter: { tags: { values: ['unsubscribe-test'] } },
    });
    expect(withUndo.body.sample.map((x: { email: string }) => x.email)).toContain(email);
    expect(
      (await s.partition(`AUDIT#contact#${c.id}`)).filter((e) => e.action === 'resubscribed'),
    ).toHaveLength(1);
    const redo = await page('POST', `/api/u/${token}`, 'List-Unsubscribe=One-Click');
    expect(redo.status).toBe(200);
    expect((await contact(c.id)).marketingUnsubscribedAt).toEqual(expect.any(String));
    expect((await item(`CAMPAIGN#${campaignId}`, 'TOTALS'))?.unsubscribed).toBe(1);
  });

  it('answers a bad or tampered token with a 400 page that changes nothing', async () => {
    const c = await newContact();
    const before = await contact(c.id);
    const token = signUnsubscribeToken(key, { campaignId: ulid(), contactId: c.id });
    const forged = signUnsubscribeToken(Buffer.alloc(48, 7), { campaignId: ulid(), contactId: c.id });
    const flipped = `${token.slice(0, -2)}${token.at(-2) === 'A' ? 'B' : 'A'}${token.at(-1)}`;
    for (const bad of [forged, flipped, 'nonsense', `${token}x`]) {
      for (const [method, path, body] of [
        ['GET', `/api/u/${bad}`, undefined],
        ['POST', `/api/u/${bad}`, 'List-Unsubscribe=One-Click'],
        ['POST', `/api/u/${bad}/undo`, ''],
      ] as const) {
        const r = await page(method, path, body);
        expect(r.status, `${method} ${path}`).toBe(400);
        expect(await r.text()).toContain('Ничего не изменилось');
      }
    }
    // A POST that is not RFC 8058's one-click body changes nothing either.
    expect((await page('POST', `/api/u/${token}`, 'something=else')).status).toBe(400);
    expect((await contact(c.id)).version).toBe(before.version);
    expect((await contact(c.id)).marketingUnsubscribedAt).toBeUndefined();
  });

  it('shows the preview page (what template previews link to) and changes nothing', async () => {
    const r = await page('GET', '/api/u/preview');
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('Это предпросмотр: никто не отписан.');
  });
});

// ---------------------------------------------------------------------------------------------

const bus = () =>
  new EventBridgeClient({
    region: runtime.tenant('demo').tenant.region,
    endpoint: runtime.endpoints.bus,
    credentials: localCredentials,
  });

const sesEvent = (
  kind: SesEventKind,
  o: { campaignId?: string; contactId?: string; to: string; link?: string; messageId?: string; at?: Date },
) =>
  sesEventEntry({
    kind,
    tenantId: 'demo',
    mailFrom: runtime.tenant('demo').tenant.mailFrom,
    ...(o.campaignId ? { campaignId: o.campaignId } : {}),
    ...(o.contactId ? { contactId: o.contactId } : {}),
    to: o.to,
    ...(o.link ? { link: o.link } : {}),
    messageId: o.messageId ?? `m-${o.campaignId}-${o.contactId}`,
    at: o.at ?? new Date(),
    accountId: '000000000000',
    region: runtime.tenant('demo').tenant.region,
  });

const putEvents = async (entries: ReturnType<typeof sesEvent>[]) => {
  for (let i = 0; i < entries.length; i += 10) {
    const r = await bus().send(new PutEventsCommand({ Entries: entries.slice(i, i + 10) }));
    expect(r.FailedEntryCount ?? 0).toBe(0);
  }
};

describe('SES events', () => {
  it('count delivery, open and click once per recipient even when delivered twice; every click per link once per event', async () => {
    const campaignId = ulid();
    const a = await newContact();
    const b = await newContact();
    await sendRecord(campaignId, a.id, a.email);
    await sendRecord(campaignId, b.id, b.email);
    const link = 'https://example.ru/offer?utm=1';
    const t0 = new Date(Date.now() - 60_000);
    const t1 = new Date(Date.now() - 30_000);
    const events = [
      sesEvent('delivery', { campaignId, contactId: a.id, to: a.email, at: t0 }),
      sesEvent('delivery', { campaignId, contactId: b.id, to: b.email, at: t0 }),
      sesEvent('open', { campaignId, contactId: a.id, to: a.email, at: t0 }),
      sesEvent('open', { campaignId, contactId: a.id, to: a.email, at: t1 }),
      sesEvent('click', { campaignId, contactId: a.id, to: a.email, link, at: t0 }),
      sesEvent('click', { campaignId, contactId: a.id, to: a.email, link, at: t1 }),
      sesEvent('click', { campaignId, contactId: b.id, to: b.email, link, at: t0 }),
    ];
    // Every event twice (SES or EventBridge delivering again).
    await putEvents([...events, ...events]);
    const totals = await eventually(async () => {
      const t = await item(`CAMPAIGN#${campaignId}`, 'TOTALS');
      const l = await item(`CAMPAIGN#${campaignId}`, `LINK#${linkHash(link)}`);
      return t?.delivered === 2 && t?.clicked === 2 && l?.clicks === 3 ? { t, l } : undefined;
    }, 'the counters');
    // Let any redelivery land, then check nothing counted twice.
    await new Promise((r) => setTimeout(r, 1500));
    const t = await item(`CAMPAIGN#${campaignId}`, 'TOTALS');
    expect({ delivered: t?.delivered, opened: t?.opened, clicked: t?.clicked }).toEqual({
      delivered: 2,
      opened: 1,
      clicked: 2,
    });
    const l = await item(`CAMPAIGN#${campaignId}`, `LINK#${linkHash(link)}`);
    expect({ url: l?.url, clicks: l?.clicks, uniqueClicks: l?.uniqueClicks }).toEqual({
      url: link,
      clicks: 3,
      uniqueClicks: 2,
    });
    expect(totals.t.delivered).toBe(2);
    const recordA = await item(`SEND#${campaignId}#${a.id}`, 'SEND');
    // The first time handled (the bus delivers concurrently, so either open may come first).
    expect(recordA?.delivered).toBe(t0.toISOString());
    expect([t0.toISOString(), t1.toISOString()]).toContain(recordA?.opened);
    expect([t0.toISOString(), t1.toISOString()]).toContain(recordA?.clicked);
    expect(recordA?.clickedLinks).toEqual(new Set([linkHash(link)]));
  });

  it('suppress the contact on a permanent bounce and on a complaint, audited; by address for mail without campaign tags', async () => {
    const campaignId = ulid();
    const bounced = await newContact();
    const complaining = await newContact();
    const transactional = await newContact(`${uniqueWord().toLowerCase()}@Example.RU`);
    await sendRecord(campaignId, bounced.id, bounced.email);
    await sendRecord(campaignId, complaining.id, complaining.email);
    const events = [
      sesEvent('bounce', { campaignId, contactId: bounced.id, to: bounced.email }),
      sesEvent('complaint', { campaignId, contactId: complaining.id, to: complaining.email }),
      sesEvent('bounce', { to: transactional.email.toUpperCase(), messageId: `tx-${ulid()}` }),
    ];
    await putEvents([...events, ...events]);
    await eventually(async () => {
      const [x, y, z] = await Promise.all([
        contact(bounced.id),
        contact(complaining.id),
        contact(transactional.id),
      ]);
      return x.emailSuppressed && y.emailSuppressed && z.emailSuppressed;
    }, 'three suppressions');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await contact(bounced.id)).emailSuppressed).toMatchObject({ reason: 'bounce' });
    expect((await contact(complaining.id)).emailSuppressed).toMatchObject({ reason: 'complaint' });
    expect((await contact(transactional.id)).emailSuppressed).toMatchObject({ reason: 'bounce' });
    for (const id of [bounced.id, complaining.id, transactional.id]) {
      expect(
        (await s.partition(`AUDIT#contact#${id}`)).filter((e) => e.action === 'suppressed'),
      ).toHaveLength(1);
    }
    const t = await item(`CAMPAIGN#${campaignId}`, 'TOTALS');
    expect({ bounced: t?.bounced, complained: t?.complained }).toEqual({ bounced: 1, complained: 1 });
    const preview = await s.as.marketing('POST', '/api/segments/preview', {
      filter: { tags: { values: ['unsubscribe-test'] } },
    });
    const emails = preview.body.sample.map((x: { email: string }) => x.email);
    expect(emails).not.toContain(bounced.email);
    expect(emails).not.toContain(complaining.email);
  });

  it('pause every sending campaign when the bounce rate reaches 4 %, with the figures, and not below', async () => {
    // The tenant's recent outcomes this hour, as earlier events would have counted them.
    const hour = statsHour(new Date().toISOString());
    const { dynamodb, name } = table();
    await dynamodb.send(
      new DeleteItemCommand({ TableName: name, Key: marshall({ pk: 'MAIL-RATES', sk: `HOUR#${hour}` }) }),
    );
    await put({
      pk: 'MAIL-RATES',
      sk: `HOUR#${hour}`,
      entity: 'mail-rates',
      sends: 1000,
      bounces: 30,
      complaints: 0,
    });
    const campaign = (state: string) => {
      const id = ulid();
      return {
        id,
        item: {
          pk: `CAMPAIGN#${id}`,
          sk: 'CAMPAIGN',
          entity: 'campaign',
          id,
          state,
          version: 3,
          gsi4pk: 'CAMPAIGNS',
          gsi4sk: `${new Date().toISOString()}#${id}`,
        },
      };
    };
    const sending = [campaign('sending'), campaign('sending')];
    const draft = campaign('draft');
    for (const c of [...sending, draft]) await put(c.item);

    // 31 of 1001: under 4 %.
    const below = await newContact();
    await putEvents([sesEvent('bounce', { to: below.email, messageId: `tx-${ulid()}` })]);
    await eventually(async () => (await contact(below.id)).emailSuppressed, 'the bounce handled');
    await eventually(
      async () => (await item('MAIL-RATES', `HOUR#${hour}`))?.bounces === 31,
      'the bounce counted in the rates',
    );
    for (const c of sending) expect((await item(c.item.pk, 'CAMPAIGN'))?.state).toBe('sending');

    // 11 more bounces: 42 of 1012 = 4.15 %.
    const over = await Promise.all(Array.from({ length: 11 }, () => newContact()));
    await putEvents(over.map((c) => sesEvent('bounce', { to: c.email, messageId: `tx-${ulid()}` })));
    for (const c of sending) {
      const paused = await eventually(async () => {
        const i = await item(c.item.pk, 'CAMPAIGN');
        return i?.state === 'paused' ? i : undefined;
      }, 'the campaign paused');
      expect(paused.version).toBe(4);
      expect(paused.pausedReason).toMatch(
        /^Доля отказов \(bounce\) 4,\d+ % \(\d+ из \d+ последних отправок\) достигла порога 4 %/,
      );
      const audit = (await s.partition(`AUDIT#campaign#${c.id}`)).filter((e) => e.action === 'paused');
      expect(audit).toHaveLength(1);
    }
    expect((await item(draft.item.pk, 'CAMPAIGN'))?.state).toBe('draft');
  });

  it('reach the handler from `crm ses-event`', async () => {
    const campaignId = ulid();
    const c = await newContact();
    await sendRecord(campaignId, c.id, c.email);
    const code = await runCli([
      'node',
      'crm',
      'ses-event',
      'complaint',
      '--campaign',
      campaignId,
      '--contact',
      c.id,
      '--to',
      c.email,
      '--data-dir',
      runtime.dataDir,
    ]);
    expect(code).toBe(0);
    await eventually(
      async () => (await contact(c.id)).emailSuppressed?.reason === 'complaint',
      'the complaint',
    );
    await eventually(
      async () => (await item(`CAMPAIGN#${campaignId}`, 'TOTALS'))?.complained === 1,
      'the complaint counted',
    );
    expect(
      await runCli([
        'node',
        'crm',
        'ses-event',
        'click',
        '--campaign',
        campaignId,
        '--contact',
        c.id,
        '--data-dir',
        runtime.dataDir,
      ]),
    ).toBe(2);
    expect(
      await runCli(['node', 'crm', 'ses-event', 'explode', '--to', c.email, '--data-dir', runtime.dataDir]),
    ).toBe(2);
  });
});
