// scheduler.heartbeat.v1 → the time of the beat, for the health check.
import { schedulerHeartbeatV1 } from '../../events/catalog.ts';
import { recordHeartbeat } from '../domain/system/heartbeat.entity.ts';
import { eventTarget } from '../lib/triggers.ts';

export const handler = eventTarget(schedulerHeartbeatV1, async ({ time }) => {
  await recordHeartbeat(time);
});
