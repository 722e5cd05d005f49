// Keeps a task's one-off reminder schedule in step with the task (task.*.v1 events →
// schedule-task-reminders): reads the task as it is now and creates, moves (updates) or deletes
// its schedule to match, so late, repeated or out-of-order events end in the same state.
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { now } from '../../lib/clock.ts';
import { db, tableName } from '../../lib/dynamo.ts';
import {
  eventBusArn,
  scheduleDeadLetterArn,
  scheduleGroupName,
  scheduler,
  schedulerRoleArn,
} from '../../lib/scheduler.ts';
import { reminderPlan, reminderSchedule } from './reminder-plan.ts';
import { reminderScheduleName, type TaskItem, taskKey } from './task.entity.ts';

const target = {
  groupName: scheduleGroupName,
  roleArn: schedulerRoleArn,
  busArn: eventBusArn,
  deadLetterArn: scheduleDeadLetterArn,
};

/** Fields of a task whose change may move, create or cancel its reminder. */
export const reminderFields = ['dueAt', 'remindBeforeMinutes', 'done', 'assigneeId', 'deletedAt'];

export type ReminderSync = 'scheduled' | 'cancelled';

export const syncReminder = async (taskId: string): Promise<ReminderSync> => {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: taskKey(taskId), ConsistentRead: true }),
  );
  const plan = reminderPlan(Item as TaskItem | undefined, now());
  if (!plan) {
    await scheduler
      .send(new DeleteScheduleCommand({ Name: reminderScheduleName(taskId), GroupName: scheduleGroupName }))
      .catch((error: unknown) => {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      });
    return 'cancelled';
  }
  const request = reminderSchedule(plan, target);
  try {
    await scheduler.send(new UpdateScheduleCommand(request));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    // No schedule yet (or it fired and deleted itself): create it; a concurrent creation wins.
    await scheduler.send(new CreateScheduleCommand(request)).catch(async (e: unknown) => {
      if (!(e instanceof ConflictException)) throw e;
      await scheduler.send(new UpdateScheduleCommand(request));
    });
  }
  return 'scheduled';
};
