// Every event contract the CRM emits. The stream publisher, the contract tests and the
// README's event table are derived from this list.
import type { EventContract } from './contract.ts';
import { activityDeletedV1, activityLoggedV1, activityUpdatedV1 } from './schemas/activities.ts';
import { auditRecordedV1 } from './schemas/audit.ts';
import {
  campaignCancelledV1,
  campaignCompletedV1,
  campaignLaunchDueV1,
  campaignLaunchedV1,
  campaignPausedV1,
  campaignResumedV1,
} from './schemas/campaigns.ts';
import { dealLostV1, dealStageChangedV1, dealWonV1 } from './schemas/deals.ts';
import { noteCreatedV1, noteDeletedV1, noteUpdatedV1 } from './schemas/notes.ts';
import { notificationCreatedV1 } from './schemas/notifications.ts';
import { receivablesDailyRunDueV1 } from './schemas/receivables.ts';
import { mergeRelinkRequestedV1 } from './schemas/records.ts';
import { schedulerHeartbeatV1 } from './schemas/scheduler.ts';
import {
  taskCreatedV1,
  taskDeletedV1,
  taskOverdueScanDueV1,
  taskOverdueV1,
  taskReminderDueV1,
  taskUpdatedV1,
} from './schemas/tasks.ts';
import { userCreatedV1, userUpdatedV1 } from './schemas/users.ts';

export const eventContracts: readonly EventContract[] = [
  userCreatedV1,
  userUpdatedV1,
  notificationCreatedV1,
  schedulerHeartbeatV1,
  auditRecordedV1,
  noteCreatedV1,
  noteUpdatedV1,
  noteDeletedV1,
  mergeRelinkRequestedV1,
  dealStageChangedV1,
  dealWonV1,
  dealLostV1,
  activityLoggedV1,
  activityUpdatedV1,
  activityDeletedV1,
  taskCreatedV1,
  taskUpdatedV1,
  taskDeletedV1,
  taskReminderDueV1,
  taskOverdueV1,
  taskOverdueScanDueV1,
  receivablesDailyRunDueV1,
  campaignLaunchedV1,
  campaignResumedV1,
  campaignPausedV1,
  campaignCancelledV1,
  campaignCompletedV1,
  campaignLaunchDueV1,
];

export {
  activityDeletedV1,
  activityLoggedV1,
  activityUpdatedV1,
  auditRecordedV1,
  campaignCancelledV1,
  campaignCompletedV1,
  campaignLaunchDueV1,
  campaignLaunchedV1,
  campaignPausedV1,
  campaignResumedV1,
  dealLostV1,
  dealStageChangedV1,
  dealWonV1,
  mergeRelinkRequestedV1,
  noteCreatedV1,
  noteDeletedV1,
  noteUpdatedV1,
  notificationCreatedV1,
  receivablesDailyRunDueV1,
  schedulerHeartbeatV1,
  taskCreatedV1,
  taskDeletedV1,
  taskOverdueScanDueV1,
  taskOverdueV1,
  taskReminderDueV1,
  taskUpdatedV1,
  userCreatedV1,
  userUpdatedV1,
};
