// Deals and pipelines end to end on the emulators: the default pipeline, creating deals with
// validation, moves as optimistic-concurrency writes (a second move at the old version is a
// 409 and changes nothing), stage history, won/lost/reopen, the board's columns and totals
// (converted at the stored rate), events on the bus, the company's timeline, stage removal
// refused while it holds deals, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusEvent } from '../../../scripts/local/bus/event-bus.ts';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { eventually, startTestRuntime } from '../../../scripts/local/testing.ts';
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
});
afterAll(async () => runtime?.stop());

const newCompany = async () => {
  const r = await s.as.admin('POST', '/api/companies', {
    name: `ООО «${uniqueWord()}»`,
    inn: uniqueInn(),
    ownerId: s.ids.sales,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.company as { id: string; name: string };
};

const newPipeline = async (name = `Воронка ${uniqueWord()}`) => {
  const r = await s.as.admin('POST', '/api/pipelines', {
    name,
    order: 5,
    stages: [
      { id: 'first', name: 'Первый контакт', probability: 10, maxDaysInStage: 3 },
      { id: 'offer', name: 'КП', probability: 50 },
      { id: 'contract', name: 'Договор', probability: 90 },
    ],
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.pipeline as { id: string; version: number; stages: { id: string }[] };
};

const newDeal = async (pipelineId: string, companyId: string, extra: Record<string, unknown> = {}) => {
  const r = await s.as.sales('POST', '/api/deals', {
    title: `Сделка ${uniqueWord()}`,
    companyId,
    value: { amount: 10_000_00, currency: 'RUB' },
    pipelineId,
    ...extra,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.deal;
};

describe('pipelines', () => {
  it('gives a new tenant its default pipeline, once', async () => {
    const [a, b] = await Promise.all([
      s.as.sales('GET', '/api/pipelines'),
      s.as.manager('GET', '/api/pipelines'),
    ]);
    expect(a.status).toBe(200);
    const defaults = (b.body.items as { id: string }[]).filter((p) => p.id === 'default');
    expect(defaults).toHaveLength(1);
    expect(a.body.items[0].stages.map((st: { probability: number }) => st.probability)).toEqual([
      10, 25, 50, 70, 90,
    ]);
    expect(a.body.items[0].name).toBe('Новые продажи');
  });

  it('is changed by admins only, with field errors for bad stages', async () => {
    const refused = await s.as.manager('POST', '/api/pipelines', {
      name: 'X',
      stages: [{ name: 'A', probability: 10 }],
    });
    expect(refused.status).toBe(403);
    const bad = await s.as.admin('POST', '/api/pipelines', {
      name: 'X',
      stages: [{ name: '', probability: 120 }],
    });
    expect(bad.status).toBe(400);
    const fields = (bad.body.error.fields as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(['stages.0.name', 'stages.0.probability']);
  });

  it('refuses to remove a stage that still holds deals, saying how many and where', async () => {
    const pipeline = await newPipeline();
    const company = await newCompany();
    await newDeal(pipeline.id, company.id, { stageId: 'offer' });
    await newDeal(pipeline.id, company.id, { stageId: 'offer' });
    const r = await s.as.admin('PATCH', `/api/pipelines/${pipeline.id}`, {
      expectedVersion: pipeline.version,
      stages: [
        { id: 'first', name: 'Первый контакт', probability: 10 },
        { id: 'contract', name: 'Договор', probability: 90 },
      ],
    });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toContain('«КП» still holds 2 open deals');
    expect(r.body.error).toMatchObject({
      code: 'StageInUse',
      stages: [{ id: 'offer', name: 'КП', count: 2 }],
    });
    // A new stage gets an id; renaming keeps the id.
    const ok = await s.as.admin('PATCH', `/api/pipelines/${pipeline.id}`, {
      expectedVersion: pipeline.version,
      stages: [
        { id: 'first', name: 'Знакомство', probability: 10 },
        { id: 'offer', name: 'КП', probability: 50 },
        { name: 'Счёт', probability: 95 },
        { id: 'contract', name: 'Договор', probability: 90 },
      ],
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.pipeline.stages.map((st: { id: string }) => st.id)).toEqual([
      'first',
      'offer',
      'stage-1',
      'contract',
    ]);
  });
});

describe('deals', () => {
  it('validates a new deal and names every bad field', async () => {
    const r = await s.as.sales('POST', '/api/deals', {
      title: '',
      companyId: 'nope',
      value: { amount: 10.5, currency: 'rub' },
      stageId: 'nowhere',
    });
    expect(r.status).toBe(400);
    const fields = (r.body.error.fields as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(['title', 'value.amount', 'value.currency']);
    const company = await newCompany();
    const links = await s.as.sales('POST', '/api/deals', {
      title: 'Сделка',
      companyId: company.id,
      contacts: [{ contactId: 'nobody', role: 'decision-maker' }],
      value: { amount: 100, currency: 'RUB' },
    });
    expect(links.status).toBe(400);
    expect(links.body.error.fields).toEqual([
      { field: 'contacts.0.contactId', message: 'is not a contact of this organisation' },
    ]);
    const usd = await s.as.sales('POST', '/api/deals', {
      title: 'Сделка',
      companyId: company.id,
      value: { amount: 100, currency: 'USD' },
    });
    expect(usd.status).toBe(400);
    expect(usd.body.error.fields[0].field).toBe('value.currency');
    const stage = await s.as.sales('POST', '/api/deals', {
      title: 'Сделка',
      companyId: company.id,
      value: { amount: 100, currency: 'RUB' },
      stageId: 'nowhere',
    });
    expect(stage.status).toBe(400);
    expect(stage.body.error.fields[0].field).toBe('stageId');
  });

  it('moves through stages as versioned writes: a stale move is a 409 and loses nothing', async () => {
    const pipeline = await newPipeline();
    const company = await newCompany();
    const deal = await newDeal(pipeline.id, company.id);
    expect(deal).toMatchObject({
      stageId: 'first',
      status: 'open',
      probability: 10,
      ownerId: s.ids.sales,
      companyName: company.name,
    });
    const first = await s.as.sales('POST', `/api/deals/${deal.id}/move`, {
      expectedVersion: deal.version,
      stageId: 'offer',
    });
    expect(first.status).toBe(200);
    // A colleague moves the same deal from the version they saw: refused, nothing written.
    const second = await s.as.manager('POST', `/api/deals/${deal.id}/move`, {
      expectedVersion: deal.version,
      stageId: 'contract',
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('StaleVersion');
    const now = await s.as.sales('GET', `/api/deals/${deal.id}`);
    expect(now.body.deal.stageId).toBe('offer');
    expect(now.body.deal.probability).toBe(50);
    expect(now.body.deal.stageHistory.map((v: { stageId: string }) => v.stageId)).toEqual(['first', 'offer']);
    expect(now.body.deal.stageHistory[0].leftAt).toBeDefined();
    const bad = await s.as.sales('POST', `/api/deals/${deal.id}/move`, {
      expectedVersion: now.body.deal.version,
      stageId: 'nowhere',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('stageId');
  });

  it('is won, lost with a reason, and reopened; events go on the bus', async () => {
    const demo = runtime.tenant('demo');
    const seen: BusEvent[] = [];
    const stop = runtime.bus.subscribe(demo.busName, { source: ['crm.deals'] }, (e: BusEvent) => {
      seen.push(e);
    });
    try {
      const pipeline = await newPipeline();
      const company = await newCompany();
      const deal = await newDeal(pipeline.id, company.id);
      const moved = await s.as.sales('POST', `/api/deals/${deal.id}/move`, {
        expectedVersion: 1,
        stageId: 'contract',
      });
      const noReason = await s.as.sales('POST', `/api/deals/${deal.id}/close`, {
        expectedVersion: moved.body.deal.version,
        status: 'lost',
      });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.fields[0].field).toBe('lostReason');
      const lost = await s.as.sales('POST', `/api/deals/${deal.id}/close`, {
        expectedVersion: moved.body.deal.version,
        status: 'lost',
        lostReason: 'competitor',
      });
      expect(lost.status).toBe(200);
      expect(lost.body.deal).toMatchObject({ status: 'lost', lostReason: 'competitor', probability: 0 });
      const moveClosed = await s.as.sales('POST', `/api/deals/${deal.id}/move`, {
        expectedVersion: lost.body.deal.version,
        stageId: 'first',
      });
      expect(moveClosed.status).toBe(409);
      const reopened = await s.as.sales('POST', `/api/deals/${deal.id}/reopen`, {
        expectedVersion: lost.body.deal.version,
      });
      expect(reopened.body.deal).toMatchObject({ status: 'open', stageId: 'contract' });
      expect(reopened.body.deal.lostReason).toBeUndefined();
      const won = await s.as.sales('POST', `/api/deals/${deal.id}/close`, {
        expectedVersion: reopened.body.deal.version,
        status: 'won',
      });
      expect(won.body.deal).toMatchObject({ status: 'won', probability: 100 });
      const mine = await eventually(async () => {
        const events = seen.filter((e) => (e.detail as { deal: { dealId: string } }).deal.dealId === deal.id);
        return events.length >= 3 ? events : undefined;
      }, 'the deal events');
      expect(mine.map((e) => e['detail-type'])).toEqual([
        'deal.stage-changed.v1',
        'deal.lost.v1',
        'deal.won.v1',
      ]);
      expect(mine[0]?.detail).toMatchObject({ from: { stageId: 'first' }, deal: { stageId: 'contract' } });
      // The company's timeline shows the deal's changes.
      await eventually(async () => {
        const tl = await s.as.sales('GET', `/api/timeline/company/${company.id}`);
        const dealEntries = (
          tl.body.items as { auditSubject?: string; subjects: { type: string; id: string }[] }[]
        ).filter((i) => i.subjects.some((x) => x.type === 'deal' && x.id === deal.id));
        return dealEntries.length >= 5 ? true : undefined;
      }, 'the deal on the company timeline');
      // And on its own: created, moved, lost, reopened, won.
      await eventually(async () => {
        const tl = await s.as.marketing('GET', `/api/timeline/deal/${deal.id}`);
        return tl.status === 200 && tl.body.items.length >= 5 ? true : undefined;
      }, 'the deal’s own timeline');
      expect((await s.as.sales('GET', '/api/timeline/deal/01JNOSUCHDEAL0000000000000')).status).toBe(404);
    } finally {
      stop();
    }
  });

  it('shows the board with column totals, converted at the stored rate, and filters', async () => {
    const pipeline = await newPipeline();
    const company = await newCompany();
    const rates = await s.as.sales('GET', '/api/settings/currency-rates');
    const put = await s.as.admin('PUT', '/api/settings/currency-rates', {
      expectedVersion: rates.body.rates.version,
      rates: { USD: '90.5' },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.rates.rates).toEqual({ USD: '90.5' });
    await newDeal(pipeline.id, company.id, { value: { amount: 1000_00, currency: 'RUB' }, source: 'site' });
    await newDeal(pipeline.id, company.id, { value: { amount: 10_00, currency: 'USD' }, source: 'referral' });
    await newDeal(pipeline.id, company.id, {
      value: { amount: 500_00, currency: 'RUB' },
      stageId: 'offer',
      expectedCloseDate: '2026-12-15',
    });
    const board = await s.as.manager('GET', `/api/pipelines/${pipeline.id}/board`);
    expect(board.status).toBe(200);
    const [first, offer, contract] = board.body.columns;
    // 1000 RUB + 10 USD × 90.5 = 1905 RUB; weighted at 10 %.
    expect(first.totals).toEqual({ count: 2, sum: 1905_00, weighted: 190_50, currency: 'RUB' });
    expect(offer.totals).toEqual({ count: 1, sum: 500_00, weighted: 250_00, currency: 'RUB' });
    expect(contract.totals.count).toBe(0);
    expect(board.body.totals).toMatchObject({ count: 3, sum: 2405_00, weighted: 440_50 });
    const bySource = await s.as.manager('GET', `/api/pipelines/${pipeline.id}/board?source=referral`);
    expect(bySource.body.totals.count).toBe(1);
    const byPeriod = await s.as.manager(
      'GET',
      `/api/pipelines/${pipeline.id}/board?from=2026-12-01&to=2026-12-31`,
    );
    expect(byPeriod.body.totals.count).toBe(1);
    const badPeriod = await s.as.manager(
      'GET',
      `/api/pipelines/${pipeline.id}/board?from=2026-12-31&to=2026-12-01`,
    );
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.error.fields[0].field).toBe('to');
  });

  it('lists deals, all or one owner’s, with cursors', async () => {
    const pipeline = await newPipeline();
    const company = await newCompany();
    for (let i = 0; i < 3; i++)
      await newDeal(pipeline.id, company.id, { expectedCloseDate: `2027-01-0${i + 1}` });
    const page1 = await s.as.sales('GET', `/api/deals?owner=${s.ids.sales}&pipeline=${pipeline.id}&limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toBeDefined();
    const page2 = await s.as.sales(
      'GET',
      `/api/deals?owner=${s.ids.sales}&pipeline=${pipeline.id}&limit=2&cursor=${page1.body.nextCursor}`,
    );
    expect(page2.body.items.length).toBeGreaterThanOrEqual(1);
    const dates = [...page1.body.items, ...page2.body.items].map(
      (d: { expectedCloseDate: string }) => d.expectedCloseDate,
    );
    expect(dates.slice(0, 3)).toEqual(['2027-01-01', '2027-01-02', '2027-01-03']);
    const foreign = await s.as.sales('GET', `/api/deals?limit=2&cursor=${page1.body.nextCursor}`);
    expect(foreign.status).toBe(400);
  });

  it('lets sales change only their own deals; marketing and support read', async () => {
    const pipeline = await newPipeline();
    const company = await newCompany();
    const managers = await s.as.manager('POST', '/api/deals', {
      title: 'Чужая сделка',
      companyId: company.id,
      value: { amount: 100, currency: 'RUB' },
      pipelineId: pipeline.id,
      ownerId: s.ids.manager,
    });
    expect(managers.status).toBe(201);
    const id = managers.body.deal.id;
    expect(
      (await s.as.sales('POST', `/api/deals/${id}/move`, { expectedVersion: 1, stageId: 'offer' })).status,
    ).toBe(403);
    expect((await s.as.marketing('GET', `/api/deals/${id}`)).status).toBe(200);
    expect((await s.as.support('PATCH', `/api/deals/${id}`, { expectedVersion: 1, title: 'x' })).status).toBe(
      403,
    );
    expect(
      (
        await s.as.sales('POST', '/api/deals', {
          title: 'x',
          companyId: company.id,
          value: { amount: 1, currency: 'RUB' },
          ownerId: s.ids.manager,
        })
      ).status,
    ).toBe(403);
    expect((await s.as.nobody('GET', '/api/pipelines')).status).toBe(403);
  });
});
