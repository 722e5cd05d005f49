import { describe, expect, it } from 'vitest';
import { atExpression, reminderPlan, reminderSchedule } from './reminder-plan.ts';
import { createMockTask } from './task.entity.ts';

const target = {
  groupName: 'crm-demo',
  roleArn: 'arn:aws:iam::000000000000:role/crm-demo-scheduler',
  busArn: 'arn:aws:events:eu-central-1:000000000000:event-bus/crm-demo',
  deadLetterArn: 'arn:aws:sqs:eu-central-1:000000000000:crm-demo-bus-dlq',
};

describe('reminder plans', () => {
  const task = createMockTask({ dueAt: '2026-11-25T11:00:00.000Z', remindBeforeMinutes: 30 });
  const before = new Date('2026-11-24T12:00:00.000Z');

  it('fire the chosen minutes before the due time', () => {
    expect(reminderPlan(task, before)).toEqual({
      fireAt: new Date('2026-11-25T10:30:00.000Z'),
      detail: { taskId: task.id, dueAt: '2026-11-25T11:00:00.000Z', remindAt: '2026-11-25T10:30:00.000Z' },
    });
  });

  it('fire a minute from now when the reminder time has passed but the task is still ahead', () => {
    expect(reminderPlan(task, new Date('2026-11-25T10:45:10.500Z'))?.fireAt).toEqual(
      new Date('2026-11-25T10:46:11.000Z'),
    );
  });

  it('are none for a task done, deleted, without a reminder, or due within a minute', () => {
    expect(reminderPlan({ ...task, done: true }, before)).toBeUndefined();
    expect(reminderPlan({ ...task, deletedAt: '2026-11-24T12:00:00.000Z' }, before)).toBeUndefined();
    expect(reminderPlan({ ...task, remindBeforeMinutes: undefined }, before)).toBeUndefined();
    expect(reminderPlan(task, new Date('2026-11-25T10:59:30.000Z'))).toBeUndefined();
    expect(reminderPlan(undefined, before)).toBeUndefined();
  });

  it('become a one-off schedule in UTC on the tenant’s group that puts task.reminder-due.v1 on its bus', () => {
    const plan = reminderPlan(task, before);
    if (!plan) throw new Error('expected a plan');
    const schedule = reminderSchedule(plan, target);
    expect(schedule).toMatchObject({
      Name: `task-reminder-${task.id}`,
      GroupName: 'crm-demo',
      ScheduleExpression: 'at(2026-11-25T10:30:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: target.busArn,
        RoleArn: target.roleArn,
        EventBridgeParameters: { Source: 'crm.tasks', DetailType: 'task.reminder-due.v1' },
        DeadLetterConfig: { Arn: target.deadLetterArn },
      },
    });
    expect(JSON.parse(schedule.Target?.Input ?? '')).toEqual(plan.detail);
    expect(atExpression(new Date('2026-01-02T03:04:05.678Z'))).toBe('at(2026-01-02T03:04:05)');
  });
});
