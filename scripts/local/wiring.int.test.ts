// The local wiring is the stack's wiring: the synthesized CDK template of the demo tenant
// and the running local runtime serve the same routes (with the same authorizer), table
// indexes, queues and dead-letter queues, rules, schedules and event sources — nothing
// missing locally and nothing more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Inventory, inventory } from '../../infra/template-inventory.ts';
import { synthTenant } from '../../infra/test-support.ts';
import type { LocalRuntime } from './runtime.ts';
import { servedInventory } from './served-inventory.ts';
import { startTestRuntime } from './testing.ts';

let runtime: LocalRuntime;
let deployed: Inventory;
let served: Inventory;

const byName = <T extends { name?: string; routeKey?: string; function?: string }>(list: readonly T[]) =>
  [...list].sort((a, b) =>
    String(a.name ?? a.routeKey ?? a.function).localeCompare(String(b.name ?? b.routeKey ?? b.function)),
  );

beforeAll(async () => {
  const synthesized = synthTenant({ tenantId: 'demo', bundle: false });
  try {
    deployed = inventory(synthesized.template.toJSON());
  } finally {
    synthesized.cleanup();
  }
  runtime = await startTestRuntime(['demo']);
  served = await servedInventory(runtime, 'demo');
});

it('compares non-empty inventories', () => {
  for (const list of ['routes', 'tables', 'queues', 'rules', 'schedules', 'eventSourceMappings'] as const) {
    expect(deployed[list].length, list).toBeGreaterThan(0);
  }
});
afterAll(async () => runtime?.stop());

describe('local wiring vs the CDK template', () => {
  it('serves every route, with the JWT authorizer where the stack has it, and no other', () => {
    expect(byName(served.routes)).toEqual(byName(deployed.routes));
  });

  it('has the table with the same indexes', () => {
    const sorted = (tables: Inventory['tables']) =>
      tables.map((t) => ({ ...t, globalSecondaryIndexes: [...t.globalSecondaryIndexes].sort() }));
    expect(sorted(served.tables)).toEqual(sorted(deployed.tables));
  });

  it('has every queue with the same dead-letter queue and receive count, and no other', () => {
    expect(byName(served.queues)).toEqual(byName(deployed.queues));
  });

  it('has every rule of the tenant bus with its pattern, target, retries and DLQ, and no other', () => {
    // SES publishes only to the account's default bus; the stack forwards from there. The
    // SES emulator publishes nothing, so locally there is nothing to forward.
    const tenantBusRules = deployed.rules.filter((r) => r.eventBus !== 'default');
    expect(deployed.rules.filter((r) => r.eventBus === 'default').map((r) => r.name)).toEqual([
      'crm-demo-ses-events',
    ]);
    expect(byName(served.rules)).toEqual(byName(tenantBusRules));
  });

  it('has every schedule with its expression, time zone, event and DLQ, and no other', () => {
    expect(byName(served.schedules)).toEqual(byName(deployed.schedules));
  });

  it('runs the same queue and stream consumers', () => {
    expect(byName(served.eventSourceMappings)).toEqual(byName(deployed.eventSourceMappings));
  });
});
