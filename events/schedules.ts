// The tenant's recurring schedules (EventBridge Scheduler). Each puts one event on the
// tenant's bus, where rules route it; cron expressions run in the tenant's time zone.
// One-off `at(...)` schedules are created at run time by the features that need them.
import type { EventContract } from './contract.ts';
import { receivablesDailyRunDueV1 } from './schemas/receivables.ts';
import { schedulerHeartbeatV1 } from './schemas/scheduler.ts';
import { taskOverdueScanDueV1 } from './schemas/tasks.ts';

export type ScheduleDefinition = {
  readonly name: string;
  readonly description: string;
  /** `rate(...)`, `cron(...)` or `at(...)`, as EventBridge Scheduler writes them. */
  readonly expression: string;
  readonly event: { readonly contract: EventContract; readonly detail: Record<string, unknown> };
};

export const schedules = [
  {
    name: 'heartbeat',
    description: 'Proves every few minutes that schedules fire and rules deliver.',
    expression: 'rate(5 minutes)',
    event: { contract: schedulerHeartbeatV1, detail: { schedule: 'heartbeat' } },
  },
  {
    name: 'overdue-tasks',
    description: 'Looks for open tasks that passed their due time, so that each is reported overdue once.',
    expression: 'rate(15 minutes)',
    event: { contract: taskOverdueScanDueV1, detail: { schedule: 'overdue-tasks' } },
  },
  {
    name: 'receivables-daily',
    description:
      'Every morning in the tenant’s time zone: reminds billing contacts, alerts managers and escalates missed installments.',
    expression: 'cron(0 9 * * ? *)',
    event: { contract: receivablesDailyRunDueV1, detail: { schedule: 'receivables-daily' } },
  },
] as const satisfies readonly ScheduleDefinition[];
