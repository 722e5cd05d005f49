// When a task's reminder should fire, and the one-off EventBridge Scheduler schedule that fires
// it (pure; reminders.ts sends it). A reminder is an `at(...)` schedule in UTC on the tenant's
// schedule group whose target puts task.reminder-due.v1 on the tenant's bus, then deletes
// itself. A task that is done, deleted, without a reminder or already due has none.
import type { CreateScheduleCommandInput } from '@aws-sdk/client-scheduler';
import { retryPolicy } from '../../../events/rules.ts';
import { taskReminderDueV1 } from '../../../events/schemas/tasks.ts';
import { reminderAt, reminderScheduleName, type TaskItem } from './task.entity.ts';

/** A reminder whose time has passed while the task is still ahead fires this soon instead. */
export const lateReminderDelayMs = 60_000;

export type ReminderPlan = {
  /** When the schedule fires: the reminder time, or a minute from now if that has passed. */
  readonly fireAt: Date;
  /** What the event says: the due time and reminder time it was set for. */
  readonly detail: { readonly taskId: string; readonly dueAt: string; readonly remindAt: string };
};

export const reminderPlan = (
  task: Pick<TaskItem, 'id' | 'dueAt' | 'remindBeforeMinutes' | 'done' | 'deletedAt'> | undefined,
  now: Date,
): ReminderPlan | undefined => {
  if (!task || task.done || task.deletedAt) return undefined;
  const remindAt = reminderAt(task);
  if (remindAt === undefined) return undefined;
  const due = Date.parse(task.dueAt);
  const fire = Math.ceil(Math.max(Date.parse(remindAt), now.getTime() + lateReminderDelayMs) / 1000) * 1000;
  if (fire > due) return undefined;
  return { fireAt: new Date(fire), detail: { taskId: task.id, dueAt: task.dueAt, remindAt } };
};

/** `at(yyyy-mm-ddThh:mm:ss)`, read in UTC. */
export const atExpression = (instant: Date): string => `at(${instant.toISOString().slice(0, 19)})`;

export type ReminderTarget = {
  readonly groupName: string;
  readonly roleArn: string;
  readonly busArn: string;
  readonly deadLetterArn: string;
};

/** The CreateSchedule (or UpdateSchedule: the same fields) request of a planned reminder. */
export const reminderSchedule = (plan: ReminderPlan, target: ReminderTarget): CreateScheduleCommandInput => ({
  Name: reminderScheduleName(plan.detail.taskId),
  GroupName: target.groupName,
  Description: `Reminder of task ${plan.detail.taskId} due ${plan.detail.dueAt}`,
  ScheduleExpression: atExpression(plan.fireAt),
  ScheduleExpressionTimezone: 'UTC',
  FlexibleTimeWindow: { Mode: 'OFF' },
  ActionAfterCompletion: 'DELETE',
  State: 'ENABLED',
  Target: {
    Arn: target.busArn,
    RoleArn: target.roleArn,
    Input: JSON.stringify(taskReminderDueV1.schema.parse(plan.detail)),
    EventBridgeParameters: { Source: taskReminderDueV1.source, DetailType: taskReminderDueV1.detailType },
    RetryPolicy: {
      MaximumRetryAttempts: retryPolicy.maximumRetryAttempts,
      MaximumEventAgeInSeconds: retryPolicy.maximumEventAgeSeconds,
    },
    DeadLetterConfig: { Arn: target.deadLetterArn },
  },
});
