// What the assignee is told about a task: its reminder (in the app and by e-mail, through the
// notification e-mail path) and its falling overdue (in the app). Each notification is keyed by
// the task and the due time, so a repeated delivery, or a stale schedule, notifies nobody twice;
// a reminder for a task done, deleted or re-dated since (or whose reminder was removed) is ignored.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../lib/dynamo.ts';
import { logger } from '../../lib/logger.ts';
import { notify } from '../notifications/notifications.ts';
import { type TaskItem, taskKey } from './task.entity.ts';

const readCurrent = async (taskId: string): Promise<TaskItem | undefined> =>
  (await db.send(new GetCommand({ TableName: tableName, Key: taskKey(taskId), ConsistentRead: true })))
    .Item as TaskItem | undefined;

/** Why a task event no longer calls for a notification, or undefined when it does. */
export const staleBecause = (task: TaskItem | undefined, dueAt: string): string | undefined => {
  if (!task || task.deletedAt) return 'the task was deleted';
  if (task.done) return 'the task is done';
  if (task.dueAt !== dueAt) return 'the task was re-dated';
  return undefined;
};

const params = (task: TaskItem) => ({ taskId: task.id, title: task.title, dueAt: task.dueAt });

export type NotifyOutcome = 'notified' | 'already-notified' | 'ignored';

export const remindAssignee = async (detail: { taskId: string; dueAt: string }): Promise<NotifyOutcome> => {
  const task = await readCurrent(detail.taskId);
  const stale =
    staleBecause(task, detail.dueAt) ??
    (task?.remindBeforeMinutes === undefined ? 'the reminder was removed' : undefined);
  if (stale || !task) {
    logger.info('reminder ignored', { taskId: detail.taskId, reason: stale });
    return 'ignored';
  }
  const written = await notify(
    {
      userId: task.assigneeId,
      kind: 'task-reminder',
      params: params(task),
      link: `/tasks/${task.id}`,
      email: true,
      dedupeKey: `task-reminder#${task.id}#${task.dueAt}`,
    },
    'system:task-reminders',
  );
  return written ? 'notified' : 'already-notified';
};

export const reportOverdue = async (detail: {
  task: { taskId: string };
  dueAt: string;
}): Promise<NotifyOutcome> => {
  const task = await readCurrent(detail.task.taskId);
  const stale = staleBecause(task, detail.dueAt);
  if (stale || !task) {
    logger.info('overdue notice ignored', { taskId: detail.task.taskId, reason: stale });
    return 'ignored';
  }
  const written = await notify(
    {
      userId: task.assigneeId,
      kind: 'task-overdue',
      params: params(task),
      link: `/tasks/${task.id}`,
      email: false,
      dedupeKey: `task-overdue#${task.id}#${task.dueAt}`,
    },
    'system:task-overdue',
  );
  return written ? 'notified' : 'already-notified';
};
