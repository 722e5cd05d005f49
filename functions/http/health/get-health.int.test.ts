// GET /api/health on the emulators: every dependency answers, and once the heartbeat
// schedule has fired (the clock moved 5 minutes) the scheduler is reported working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { api, eventually, startTestRuntime } from '../../../scripts/local/testing.ts';

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime(['demo']);
});
afterAll(async () => runtime?.stop());

describe('GET /api/health', () => {
  it('is public and reports each dependency', async () => {
    const r = await api(runtime.tenant('demo').appUrl)('GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ok');
    const checks = Object.fromEntries(
      r.body.checks.map((c: { name: string; status: string }) => [c.name, c.status]),
    );
    expect(checks).toMatchObject({ table: 'ok', bus: 'ok', queues: 'ok', email: 'ok', users: 'ok' });
    // A rate schedule first fires when it is created; its beat may or may not be recorded yet.
    expect(['ok', 'pending']).toContain(checks.scheduler);
  });

  it('reports each heartbeat the schedule fires as the clock moves', async () => {
    const health = () => api(runtime.tenant('demo').appUrl)('GET', '/api/health');
    const first = await eventually(
      async () => (await health()).body.scheduler?.lastHeartbeatAt,
      'the first heartbeat',
    );
    runtime.clock.advance(5 * 60 * 1000);
    const r = await eventually(async () => {
      const h = await health();
      return h.body.scheduler?.lastHeartbeatAt > first ? h : undefined;
    }, 'the next heartbeat');
    expect(Date.parse(r.body.scheduler.lastHeartbeatAt) - Date.parse(first)).toBe(5 * 60 * 1000);
    expect(r.body.checks.find((c: { name: string }) => c.name === 'scheduler').status).toBe('ok');
    expect(r.status).toBe(200);

    // Twenty quiet minutes later, with the schedule disabled, health says the scheduler stopped.
    const name = 'crm-demo-heartbeat';
    const schedule = runtime.scheduler.getSchedule('crm-demo', name);
    runtime.scheduler.updateSchedule({ ...schedule, state: 'DISABLED' });
    runtime.clock.advance(20 * 60 * 1000);
    const stale = await health();
    expect(stale.status).toBe(503);
    expect(stale.body.checks.find((c: { name: string }) => c.name === 'scheduler')).toMatchObject({
      status: 'error',
    });
  });
});
