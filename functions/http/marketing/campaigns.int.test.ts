// Campaigns on the emulators (docs/campaigns.md "Campaigns"): pause, resume and cancel in mid-send
// behave as stated (nothing is sent while paused or after a cancel, a resume sends the rest once);
// a contact unsubscribed mid-campaign gets nothing more; a stale action is a 409; the rate
// governor never lets more than the limit through in any second, counted by the SES emulator's
// own timestamps over two campaigns sending at once; bad input is a 400 naming the field; and
// the route × role matrix of the campaign routes.
import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redriveMessages } from '../../../scripts/cli/commands/dlq.ts';
import { localClients } from '../../../scripts/local/aws-clients.ts';
import { localSesAccount } from '../../../scripts/local/emulators/ses.ts';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { eventually, sentEmails, startTestRuntime } from '../../../scripts/local/testing.ts';
import {
  campaignTemplate,
  capturedPerAddress,
  type SeededContact,
  seedContacts,
  sendRecords,
  tableClient,
} from '../../domain/campaigns/campaign-test-support.ts';
import {
  type DemoSession,
  demoSession,
  type Person,
  runtimeOptions,
} from '../records/record-test-support.ts';

let runtime: LocalRuntime;
let s: DemoSession;

beforeAll(async () => {
  process.env.AWS_SES_ACCOUNT = JSON.stringify({
    ...localSesAccount,
    SendQuota: { ...localSesAccount.SendQuota, Max24HourSend: 1_000_000, MaxSendRate: 200 },
  });
  runtime = await startTestRuntime(['demo'], runtimeOptions());
  s = await demoSession(runtime);
}, 180_000);

afterAll(async () => {
  await runtime?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The marketing function's routes this file's matrix covers (marketing-roles covers the rest). */
const isCampaignRoute = (path: string) =>
  path.startsWith('/api/campaign') || path === '/api/settings/campaigns';

/** Contacts tagged with a fresh tag, a segment of exactly them, a template and a draft campaign. */
const prepare = async (
  eligible: number,
  options: { rateLimitPerSecond?: number; excluded?: number } = {},
) => {
  const tag = `c${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const seeded = await seedContacts(runtime, {
    tag,
    eligible,
    excluded: options.excluded ? { unsubscribed: options.excluded } : {},
    ownerId: s.ids.marketing,
  });
  const segment = await s.as.marketing('POST', '/api/segments', {
    name: `Сегмент ${tag}`,
    filter: { tags: { values: [tag] } },
  });
  const template = await s.as.marketing('POST', '/api/templates', campaignTemplate(tag));
  const created = await s.as.marketing('POST', '/api/campaigns', {
    name: `Кампания ${tag}`,
    segmentId: segment.body.segment.id,
    templateId: template.body.template.id,
    fromName: 'Demo',
    ...(options.rateLimitPerSecond ? { rateLimitPerSecond: options.rateLimitPerSecond } : {}),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { tag, seeded, campaign: created.body.campaign as { id: string; version: number } };
};

const campaignOf = async (id: string) => (await s.as.marketing('GET', `/api/campaigns/${id}`)).body.campaign;

const act = async (id: string, action: string) => {
  const current = await campaignOf(id);
  const r = await s.as.marketing('POST', `/api/campaigns/${id}/${action}`, {
    expectedVersion: current.version,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.campaign;
};

const capturedFor = async (contacts: readonly SeededContact[]) =>
  capturedPerAddress(await sentEmails(runtime), new Set(contacts.map((c) => c.email)));

const sentSoFar = async (contacts: readonly SeededContact[]) =>
  [...(await capturedFor(contacts)).values()].reduce((a, b) => a + b, 0);

describe('pause, resume, cancel and unsubscribe in mid-send', () => {
  it('sends nothing while paused, the rest once after resume, and nothing to a contact unsubscribed meanwhile', async () => {
    const { seeded, campaign } = await prepare(300, { rateLimitPerSecond: 20 });
    await act(campaign.id, 'launch');
    await eventually(async () => (await sentSoFar(seeded.eligible)) >= 40, '40 e-mails out', 60_000);

    const paused = await act(campaign.id, 'pause');
    expect(paused.state).toBe('paused');
    // The sender reads the state at most a second old; what was in flight finishes.
    await sleep(3000);
    const atPause = await sentSoFar(seeded.eligible);
    expect(atPause).toBeLessThan(seeded.eligible.length);
    await sleep(3000);
    expect(await sentSoFar(seeded.eligible)).toBe(atPause);

    // A stale action is refused.
    const stale = await s.as.marketing('POST', `/api/campaigns/${campaign.id}/resume`, {
      expectedVersion: paused.version - 1,
    });
    expect(stale.status).toBe(409);

    // Five contacts not e-mailed yet unsubscribe (as the unsubscribe endpoint records it).
    const records = await sendRecords(
      runtime,
      campaign.id,
      seeded.eligible.map((c) => c.id),
    );
    const unsubscribed = seeded.eligible.filter((c) => !records.has(c.id)).slice(0, 5);
    expect(unsubscribed).toHaveLength(5);
    const { db, tableName } = tableClient(runtime);
    for (const c of unsubscribed)
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: `CONTACT#${c.id}`, sk: 'CONTACT' },
          UpdateExpression: 'SET marketingUnsubscribedAt = :at',
          ExpressionAttributeValues: { ':at': new Date().toISOString() },
        }),
      );

    const resumed = await act(campaign.id, 'resume');
    expect(resumed.state).toBe('sending');
    const done = await eventually(
      async () => {
        const c = await campaignOf(campaign.id);
        return c.state === 'completed' ? c : undefined;
      },
      'the campaign to complete',
      120_000,
    );
    expect(done.audienceCount).toBe(300);

    const perAddress = await capturedFor(seeded.eligible);
    const gone = new Set(unsubscribed.map((c) => c.email));
    expect([...perAddress.keys()].filter((a) => gone.has(a))).toEqual([]);
    expect(perAddress.size).toBe(295);
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);

    const report = await s.as.manager('GET', `/api/campaigns/${campaign.id}/report`);
    expect(report.status).toBe(200);
    expect(report.body.totals.sent).toBe(295);
    expect(report.body.totals.skipped).toBe(5);
    expect(report.body.hourly.reduce((n: number, h: { sent: number }) => n + h.sent, 0)).toBe(295);

    // A completed campaign cannot be launched, paused or cancelled again.
    const again = await s.as.marketing('POST', `/api/campaigns/${campaign.id}/cancel`, {
      expectedVersion: done.version,
    });
    expect(again.status).toBe(409);
  }, 240_000);

  it('sends nothing to a contact who unsubscribes while the campaign sends, at a low rate', async () => {
    // One e-mail a second: the twenty recipients are one queue message, read when it starts, and
    // most of them wait for their turn long after that read.
    const { seeded, campaign } = await prepare(20, { rateLimitPerSecond: 1 });
    await act(campaign.id, 'launch');
    await eventually(async () => (await sentSoFar(seeded.eligible)) >= 1, 'the first e-mail', 60_000);
    const records = await sendRecords(
      runtime,
      campaign.id,
      seeded.eligible.map((c) => c.id),
    );
    const leaving = seeded.eligible.filter((c) => records.get(c.id)?.status !== 'sent').slice(0, 3);
    expect(leaving).toHaveLength(3);
    const unsubscribedAt = new Date().toISOString();
    const { db, tableName } = tableClient(runtime);
    for (const c of leaving)
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: `CONTACT#${c.id}`, sk: 'CONTACT' },
          UpdateExpression: 'SET marketingUnsubscribedAt = :at',
          ExpressionAttributeValues: { ':at': unsubscribedAt },
        }),
      );
    await eventually(
      async () => (await campaignOf(campaign.id)).state === 'completed',
      'the campaign to complete',
      60_000,
    );
    // None of them got it, but the one whose e-mail may have been on its way at that moment
    // (checked and handed to SES just before the write: recorded sent within two seconds of it).
    const after = await sendRecords(
      runtime,
      campaign.id,
      leaving.map((c) => c.id),
    );
    const got = await capturedFor(leaving);
    const deadline = new Date(Date.parse(unsubscribedAt) + 2000).toISOString();
    for (const c of leaving)
      if (got.has(c.email)) expect(String(after.get(c.id)?.sentAt) < deadline).toBe(true);
    expect(got.size).toBeLessThanOrEqual(1);
    const report = await s.as.marketing('GET', `/api/campaigns/${campaign.id}/report`);
    expect(report.body.totals.skipped).toBe(3 - got.size);
    expect(report.body.totals.sent).toBe(17 + got.size);
  }, 120_000);

  it('sends nothing more after a cancel', async () => {
    const { seeded, campaign } = await prepare(300, { rateLimitPerSecond: 20 });
    await act(campaign.id, 'launch');
    await eventually(async () => (await sentSoFar(seeded.eligible)) >= 30, '30 e-mails out', 60_000);
    const cancelled = await act(campaign.id, 'cancel');
    expect(cancelled.state).toBe('cancelled');
    await sleep(3000);
    const atCancel = await sentSoFar(seeded.eligible);
    await sleep(4000);
    expect(await sentSoFar(seeded.eligible)).toBe(atCancel);
    expect(atCancel).toBeLessThan(300);
    expect((await campaignOf(campaign.id)).state).toBe('cancelled');
    // Resuming a cancelled campaign is refused.
    const resume = await s.as.marketing('POST', `/api/campaigns/${campaign.id}/resume`, {
      expectedVersion: cancelled.version,
    });
    expect(resume.status).toBe(409);
  }, 180_000);
});

describe('the rate governor', () => {
  it('lets no more than the limit through in any second, across two campaigns at once', async () => {
    const limit = 12;
    const a = await prepare(120, { rateLimitPerSecond: limit });
    const b = await prepare(120, { rateLimitPerSecond: limit });
    await Promise.all([act(a.campaign.id, 'launch'), act(b.campaign.id, 'launch')]);
    for (const c of [a, b])
      await eventually(
        async () => (await campaignOf(c.campaign.id)).state === 'completed',
        'both campaigns to complete',
        120_000,
      );
    const addresses = new Set([...a.seeded.eligible, ...b.seeded.eligible].map((c) => c.email));
    const perSecond = new Map<number, number>();
    let total = 0;
    for (const e of await sentEmails(runtime))
      if (e.destination.to.some((to) => addresses.has(to))) {
        total++;
        perSecond.set(e.at, (perSecond.get(e.at) ?? 0) + 1);
      }
    expect(total).toBe(240);
    const busiest = Math.max(...perSecond.values());
    expect(busiest).toBeLessThanOrEqual(limit);
    // It did send at the limit, not far below it (240 e-mails at 12/s take at least 20 s).
    expect(perSecond.size).toBeGreaterThanOrEqual(20);
    expect(busiest).toBeGreaterThanOrEqual(limit - 2);
  }, 180_000);

  it("holds every campaign to the tenant's own cap, set by an administrator in the sending settings", async () => {
    const before = await s.as.admin('GET', '/api/settings/campaigns');
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    // SES's quota as this file's SES account reports it, beside the cap.
    expect(before.body).toMatchObject({ sendRatePerSecond: null, sesMaxSendRate: 200 });
    const put = (body: unknown, as: Person = 'admin') => s.as[as]('PUT', '/api/settings/campaigns', body);
    const fields = async (body: unknown) =>
      (await put(body)).body.error?.fields?.map((f: { field: string }) => f.field);
    expect(await fields({ expectedVersion: before.body.version, sendRatePerSecond: 0 })).toEqual([
      'sendRatePerSecond',
    ]);
    expect(await fields({ expectedVersion: before.body.version, sendRatePerSecond: 2.5 })).toEqual([
      'sendRatePerSecond',
    ]);
    expect(await fields({ expectedVersion: before.body.version })).toEqual(['sendRatePerSecond']);
    expect((await put({ expectedVersion: before.body.version + 7, sendRatePerSecond: 6 })).status).toBe(409);
    expect(
      (await put({ expectedVersion: before.body.version, sendRatePerSecond: 6 }, 'marketing')).status,
    ).toBe(403);
    const capped = await put({ expectedVersion: before.body.version, sendRatePerSecond: 6 });
    expect(capped.status, JSON.stringify(capped.body)).toBe(200);
    expect(capped.body).toEqual({ sendRatePerSecond: 6, version: before.body.version + 1 });
    try {
      // The senders re-read the cap within five seconds; the campaign sets no limit of its own.
      await sleep(5500);
      const { seeded, campaign } = await prepare(60);
      await act(campaign.id, 'launch');
      await eventually(
        async () => (await campaignOf(campaign.id)).state === 'completed',
        'the campaign to complete',
        120_000,
      );
      const addresses = new Set(seeded.eligible.map((c) => c.email));
      const perSecond = new Map<number, number>();
      for (const e of await sentEmails(runtime))
        if (e.destination.to.some((to) => addresses.has(to)))
          perSecond.set(e.at, (perSecond.get(e.at) ?? 0) + 1);
      expect([...perSecond.values()].reduce((a, b) => a + b, 0)).toBe(60);
      expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(6);
      expect(perSecond.size).toBeGreaterThanOrEqual(10);
    } finally {
      const current = await s.as.admin('GET', '/api/settings/campaigns');
      const lifted = await put({ expectedVersion: current.body.version, sendRatePerSecond: null });
      expect(lifted.body.sendRatePerSecond).toBeNull();
      await sleep(5500);
    }
  }, 180_000);
});

describe('campaign input', () => {
  it('is a 400 naming the field', async () => {
    const bad = await s.as.marketing('POST', '/api/campaigns', {
      name: 'X',
      segmentId: 'no-such-segment',
      templateId: 'no-such-template',
      fromName: 'Demo',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'segmentId',
      'templateId',
    ]);
    const past = await s.as.marketing('POST', '/api/campaigns', {
      name: 'X',
      segmentId: 's',
      templateId: 't',
      fromName: 'Demo',
      schedule: { kind: 'at', at: '2020-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(400);
    expect(past.body.error.fields).toEqual([{ field: 'schedule.at', message: 'must be in the future' }]);
    const rate = await s.as.marketing('POST', '/api/campaigns', {
      name: 'X',
      segmentId: 's',
      templateId: 't',
      fromName: 'Demo',
      rateLimitPerSecond: 0,
    });
    expect(rate.status).toBe(400);
    expect(rate.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['rateLimitPerSecond']);
  });

  it('a scheduled launch waits for its schedule, then sends', async () => {
    const { seeded, campaign } = await prepare(20);
    const at = new Date(runtime.clock.nowMs() + 3_600_000).toISOString();
    const patched = await s.as.marketing('PATCH', `/api/campaigns/${campaign.id}`, {
      expectedVersion: campaign.version,
      schedule: { kind: 'at', at },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const scheduled = await act(campaign.id, 'launch');
    expect(scheduled.state).toBe('scheduled');
    await sleep(2000);
    expect(await sentSoFar(seeded.eligible)).toBe(0);
    runtime.clock.advance(3_600_000 + 1000);
    await eventually(
      async () => (await campaignOf(campaign.id)).state === 'completed',
      'the run to complete',
      60_000,
    );
    expect((await capturedFor(seeded.eligible)).size).toBe(20);
  }, 120_000);
});

describe('attribution', () => {
  it('counts deals whose lead source names the campaign and deals at its recipients after the first send, each once', async () => {
    const { seeded, campaign, tag } = await prepare(2);
    const company = await s.as.sales('POST', '/api/companies', { name: `ООО «Атрибуция ${tag}»` });
    expect(company.status, JSON.stringify(company.body)).toBe(201);
    const base = { companyId: company.body.company.id as string, title: `Сделка ${tag}` };
    const post = (amount: number, extra: Record<string, unknown>) =>
      s.as.sales('POST', '/api/deals', { ...base, value: { amount, currency: 'RUB' }, ...extra });
    const deal = async (amount: number, extra: Record<string, unknown> = {}) => {
      const r = await post(amount, extra);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.deal as { id: string; version: number; source?: string; campaignName?: string };
    };
    const fieldOf = (r: { status: number; body: { error?: { fields?: { field: string }[] } } }) => [
      r.status,
      r.body.error?.fields?.map((f) => f.field),
    ];

    // A draft has reached nobody: it cannot be a deal's source, nor is it offered.
    expect(fieldOf(await post(1, { campaignId: campaign.id }))).toEqual([400, ['campaignId']]);
    const draftSources = await s.as.sales('GET', '/api/campaign-sources');
    expect(draftSources.body.items.map((c: { id: string }) => c.id)).not.toContain(campaign.id);

    await act(campaign.id, 'launch');
    await eventually(
      async () => (await campaignOf(campaign.id)).state === 'completed',
      'the campaign to complete',
      60_000,
    );
    const sources = await s.as.sales('GET', '/api/campaign-sources');
    expect(sources.status).toBe(200);
    expect(sources.body.items).toContainEqual({
      id: campaign.id,
      name: `Кампания ${tag}`,
      state: 'completed',
    });

    const [first, second] = seeded.eligible as [SeededContact, SeededContact];
    const sourced = await deal(100_000, { campaignId: campaign.id });
    expect(sourced).toMatchObject({ source: 'campaign', campaignName: `Кампания ${tag}` });
    const both = await deal(50_000, {
      source: 'campaign',
      campaignId: campaign.id,
      contacts: [{ contactId: first.id }],
    });
    await deal(30_000, { contacts: [{ contactId: second.id }] });
    await deal(7, { source: 'site' });

    // A campaign only with source 'campaign', and only one of this organisation; a refused
    // request changes nothing.
    expect(fieldOf(await post(1, { source: 'site', campaignId: campaign.id }))).toEqual([
      400,
      ['campaignId'],
    ]);
    expect(fieldOf(await post(1, { campaignId: '01JNOSUCHCAMPAIGN000000000' }))).toEqual([
      400,
      ['campaignId'],
    ]);
    expect(
      fieldOf(
        await s.as.sales('PATCH', `/api/deals/${both.id}`, {
          expectedVersion: both.version,
          source: 'referral',
          campaignId: campaign.id,
        }),
      ),
    ).toEqual([400, ['campaignId']]);

    const rub = (count: number, amount: number, wonAmount = 0) => ({
      count,
      byCurrency: [{ currency: 'RUB', amount, wonAmount }],
    });
    const report = await s.as.marketing('GET', `/api/campaigns/${campaign.id}/report`);
    expect(report.body.attribution).toEqual({
      ...rub(3, 180_000),
      sourced: rub(2, 150_000),
      reached: rub(2, 80_000),
    });

    // Winning counts in the won amount; another source drops the campaign; a deleted deal leaves.
    const won = await s.as.sales('POST', `/api/deals/${sourced.id}/close`, {
      expectedVersion: sourced.version,
      status: 'won',
    });
    expect(won.status).toBe(200);
    const moved = await s.as.sales('PATCH', `/api/deals/${both.id}`, {
      expectedVersion: both.version,
      source: 'referral',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.deal.source).toBe('referral');
    expect(moved.body.deal.campaignId).toBeUndefined();
    let after = await s.as.marketing('GET', `/api/campaigns/${campaign.id}/report`);
    expect(after.body.attribution).toEqual({
      ...rub(3, 180_000, 100_000),
      sourced: rub(1, 100_000, 100_000),
      reached: rub(2, 80_000),
    });
    const gone = await s.as.sales(
      'DELETE',
      `/api/deals/${sourced.id}?expectedVersion=${won.body.deal.version}`,
    );
    expect(gone.status).toBe(204);
    after = await s.as.marketing('GET', `/api/campaigns/${campaign.id}/report`);
    expect(after.body.attribution).toEqual({
      ...rub(2, 80_000),
      sourced: { count: 0, byCurrency: [] },
      reached: rub(2, 80_000),
    });
  }, 120_000);
});

describe('campaign routes × roles', () => {
  const readers: readonly Person[] = ['admin', 'marketing', 'manager'];
  const writers: readonly Person[] = ['admin', 'marketing'];
  const everyone: readonly Person[] = ['admin', 'manager', 'sales', 'marketing', 'support', 'nobody'];

  it('lets admin and marketing write, sales managers read, and nobody else in', async () => {
    const { campaign } = await prepare(1);
    const id = campaign.id;
    const routes: {
      method: string;
      path: string;
      body?: unknown;
      write: boolean;
      ok: number;
      allowed?: readonly Person[];
    }[] = [
      { method: 'GET', path: '/api/campaigns', write: false, ok: 200 },
      { method: 'GET', path: '/api/settings/campaigns', write: false, ok: 200 },
      // The tenant's cap: administrators only (an empty body is their 400).
      { method: 'PUT', path: '/api/settings/campaigns', body: {}, write: true, ok: 400, allowed: ['admin'] },
      // What a deal may name as its source: every role with access to deals.
      {
        method: 'GET',
        path: '/api/campaign-sources',
        write: false,
        ok: 200,
        allowed: everyone.filter((p) => p !== 'nobody'),
      },
      { method: 'GET', path: `/api/campaigns/${id}`, write: false, ok: 200 },
      { method: 'GET', path: `/api/campaigns/${id}/report`, write: false, ok: 200 },
      // Writes with an invalid body: allowed roles get the 400, the others the 403 first.
      { method: 'POST', path: '/api/campaigns', body: {}, write: true, ok: 400 },
      { method: 'PATCH', path: `/api/campaigns/${id}`, body: {}, write: true, ok: 400 },
      { method: 'POST', path: `/api/campaigns/${id}/launch`, body: {}, write: true, ok: 400 },
      { method: 'POST', path: `/api/campaigns/${id}/pause`, body: {}, write: true, ok: 400 },
      { method: 'POST', path: `/api/campaigns/${id}/resume`, body: {}, write: true, ok: 400 },
      { method: 'POST', path: `/api/campaigns/${id}/cancel`, body: {}, write: true, ok: 400 },
    ];
    const { functions } = await import('../../catalog.ts');
    expect(routes.map((r) => `${r.method} ${r.path.replace(id, '{id}')}`).sort()).toEqual(
      functions.marketing.routes
        .filter((r) => isCampaignRoute(r.path))
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    );
    const got: string[] = [];
    const want: string[] = [];
    for (const route of routes)
      for (const person of everyone) {
        const allowed = (route.allowed ?? (route.write ? writers : readers)).includes(person);
        const r = await s.as[person](route.method, route.path, route.body);
        got.push(`${route.method} ${route.path} ${person} ${r.status}`);
        want.push(`${route.method} ${route.path} ${person} ${allowed ? route.ok : 403}`);
      }
    expect(got).toEqual(want);
  }, 120_000);
});

describe('crm dlq redrive', () => {
  it("moves a DLQ's messages back to the queue, counting them, where the sender consumes them", async () => {
    const demo = runtime.tenant('demo');
    const { sqs } = localClients(runtime.endpoints, demo.tenant.region);
    const dlq = demo.queueUrls['campaign-sends-dlq'] as string;
    const queue = demo.queueUrls['campaign-sends'] as string;
    const depth = async (url: string) => {
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return (
        Number(Attributes?.ApproximateNumberOfMessages) +
        Number(Attributes?.ApproximateNumberOfMessagesNotVisible)
      );
    };
    // Nothing the campaigns above sent gave up into the DLQ.
    expect(await depth(dlq)).toBe(0);
    // Messages of a campaign run that no longer exists: the sender acknowledges them.
    for (let i = 0; i < 13; i++)
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: dlq,
          MessageBody: JSON.stringify({ campaignId: 'gone', runId: 'gone', contactIds: [`c${i}`] }),
        }),
      );
    const counts: number[] = [];
    const { moved } = await redriveMessages(sqs, dlq, queue, (n) => counts.push(n));
    expect(moved).toBe(13);
    expect(counts.at(-1)).toBe(13);
    expect(await depth(dlq)).toBe(0);
    await eventually(
      async () => (await depth(queue)) === 0,
      'the sender to consume the redriven messages',
      30_000,
    );
  }, 60_000);
});
