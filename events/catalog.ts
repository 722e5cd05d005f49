// Every event contract the CRM emits. The stream publisher, the contract tests and the
// README's event table are derived from this list.
import type { EventContract } from './contract.ts';
import { notificationCreatedV1 } from './schemas/notifications.ts';
import { schedulerHeartbeatV1 } from './schemas/scheduler.ts';
import { userCreatedV1, userUpdatedV1 } from './schemas/users.ts';

export const eventContracts: readonly EventContract[] = [
  userCreatedV1,
  userUpdatedV1,
  notificationCreatedV1,
  schedulerHeartbeatV1,
];

export { notificationCreatedV1, schedulerHeartbeatV1, userCreatedV1, userUpdatedV1 };
