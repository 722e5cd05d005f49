// Events that the tenant's schedules put on the bus.
import { z } from 'zod';
import { defineEvent } from '../contract.ts';

export const schedulerHeartbeatV1 = defineEvent({
  detailType: 'scheduler.heartbeat.v1',
  source: 'crm.scheduler',
  description: 'Put on the bus every few minutes by a schedule, to prove schedules, rules and targets work.',
  schema: z.object({ schedule: z.string() }),
});
