// The first rule-driven automation: with "onboarding call on win" on, a won deal gives its owner
// one "Онбординг-звонок" task (deal.won.v1 → rule deal-won-automations → run-automations), once
// per deal even when the deal is won again after a reopen; with it off, nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

type Task = { id: string; title: string; dealId?: string; assigneeId: string; priority: string };

const upcoming = async (): Promise<Task[]> => {
  const r = await s.as.sales('GET', '/api/tasks/upcoming?limit=100');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items;
};

const wonDeal = async () => {
  const company = await s.as.admin('POST', '/api/companies', {
    name: `ООО «${uniqueWord()}»`,
    inn: uniqueInn(),
    ownerId: s.ids.sales,
  });
  const title = `Сделка ${uniqueWord()}`;
  const d = await s.as.sales('POST', '/api/deals', {
    title,
    companyId: company.body.company.id,
    value: { amount: 100_00, currency: 'RUB' },
  });
  expect(d.status, JSON.stringify(d.body)).toBe(201);
  const won = await s.as.sales('POST', `/api/deals/${d.body.deal.id}/close`, {
    expectedVersion: d.body.deal.version,
    status: 'won',
  });
  expect(won.status).toBe(200);
  return { id: d.body.deal.id as string, title, version: won.body.deal.version as number };
};

const setAutomation = async (on: boolean) => {
  const current = await s.as.admin('GET', '/api/settings/automations');
  const r = await s.as.admin('PATCH', '/api/settings/automations', {
    expectedVersion: current.body.version,
    onboardingCallOnWin: on,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
};

describe('onboarding call on a won deal', () => {
  it('does nothing while the automation is off (the default)', async () => {
    const deal = await wonDeal();
    // Give the event time to be delivered, then check no task names the deal.
    await new Promise((r) => setTimeout(r, 3000));
    expect((await upcoming()).filter((t) => t.dealId === deal.id)).toEqual([]);
  });

  it('creates one task for the owner when on, however often the deal is won', async () => {
    await setAutomation(true);
    const deal = await wonDeal();
    const task = await eventually(
      async () => (await upcoming()).find((t) => t.dealId === deal.id),
      'the onboarding task',
    );
    expect(task).toMatchObject({
      title: `Онбординг-звонок: ${deal.title}`,
      assigneeId: s.ids.sales,
      priority: 'high',
    });
    const reopened = await s.as.sales('POST', `/api/deals/${deal.id}/reopen`, {
      expectedVersion: deal.version,
    });
    await s.as.sales('POST', `/api/deals/${deal.id}/close`, {
      expectedVersion: reopened.body.deal.version,
      status: 'won',
    });
    await new Promise((r) => setTimeout(r, 3000));
    expect((await upcoming()).filter((t) => t.dealId === deal.id)).toHaveLength(1);
  });
});
