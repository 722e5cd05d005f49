// task.reminder-due.v1 (a reminder's schedule fired) and task.overdue.v1 → a notification for
// the assignee: the reminder also by e-mail (the `email-notifications` rule), the overdue notice
// in the app only. Once per task and due time; stale reminders are ignored.
import { taskOverdueV1, taskReminderDueV1 } from '../../events/catalog.ts';
import { remindAssignee, reportOverdue } from '../domain/tasks/task-notifications.ts';
import { logger } from '../lib/logger.ts';
import { eventTargets, on } from '../lib/triggers.ts';

export const handler = eventTargets(
  on(taskReminderDueV1, async ({ detail }) => {
    logger.info('task reminder', { taskId: detail.taskId, outcome: await remindAssignee(detail) });
  }),
  on(taskOverdueV1, async ({ detail }) => {
    logger.info('task overdue', { taskId: detail.task.taskId, outcome: await reportOverdue(detail) });
  }),
);
