// task.created/updated/deleted.v1 → the task's one-off reminder schedule created, moved or
// deleted to match the task as it is now (idempotent: a repeated or late event ends the same).
import { taskCreatedV1, taskDeletedV1, taskUpdatedV1 } from '../../events/catalog.ts';
import { reminderFields, syncReminder } from '../domain/tasks/reminders.ts';
import { logger } from '../lib/logger.ts';
import { eventTargets, on } from '../lib/triggers.ts';

const sync = async (taskId: string) => {
  logger.info('reminder synced', { taskId, outcome: await syncReminder(taskId) });
};

export const handler = eventTargets(
  on(taskCreatedV1, ({ detail }) => sync(detail.task.taskId)),
  on(taskUpdatedV1, async ({ detail }) => {
    if (detail.changedFields.some((f) => reminderFields.includes(f))) await sync(detail.task.taskId);
  }),
  on(taskDeletedV1, ({ detail }) => sync(detail.task.taskId)),
);
