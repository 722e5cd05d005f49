import { describe, expect, it } from 'vitest';
import {
  createMockTask,
  createTaskSchema,
  reminderAt,
  taskIdFor,
  taskIndexKeys,
  toTaskView,
  updateTaskSchema,
} from './task.entity.ts';

describe('task input', () => {
  it('takes a due time with any offset and stores it in UTC, normal priority by default', () => {
    expect(
      createTaskSchema.parse({
        title: '  Позвонить  ',
        dueAt: '2026-11-25T14:00:00+03:00',
        remindBeforeMinutes: 15,
      }),
    ).toEqual({
      title: 'Позвонить',
      dueAt: '2026-11-25T11:00:00.000Z',
      priority: 'normal',
      remindBeforeMinutes: 15,
    });
  });

  it('names every invalid field', () => {
    const result = createTaskSchema.safeParse({
      title: '',
      dueAt: '25.11.2026',
      priority: 'urgent',
      remindBeforeMinutes: 20_000,
      extra: 1,
    });
    expect(result.success).toBe(false);
    const fields = result.error?.issues.map((i) => i.path.join('.') || i.code).sort();
    expect(fields).toEqual(['dueAt', 'priority', 'remindBeforeMinutes', 'title', 'unrecognized_keys']);
  });

  it('lets a change clear the reminder and the links with null', () => {
    expect(
      updateTaskSchema.parse({ expectedVersion: 2, remindBeforeMinutes: null, companyId: null }),
    ).toEqual({
      expectedVersion: 2,
      remindBeforeMinutes: null,
      companyId: null,
    });
  });
});

describe('task index keys', () => {
  const task = createMockTask();

  it('list an open task for its assignee and its due day by due time, and for its author by creation', () => {
    expect(taskIndexKeys(task)).toEqual({
      gsi2pk: 'TASKS#ASSIGNEE#user-anna',
      gsi2sk: '2026-11-25T11:00:00.000Z#01JTASK0000000000000000001',
      gsi3pk: 'TASKS#DUE#2026-11-25',
      gsi3sk: '2026-11-25T11:00:00.000Z#01JTASK0000000000000000001',
      gsi4pk: 'TASKS#CREATOR#user-anna',
      gsi4sk: '2026-11-24T09:00:00.000Z#01JTASK0000000000000000001',
    });
  });

  it('take a done task off the assignee’s and the due lists, and a deleted one off every list', () => {
    expect(taskIndexKeys({ ...task, done: true })).toMatchObject({
      gsi2pk: undefined,
      gsi3pk: undefined,
      gsi4pk: 'TASKS#CREATOR#user-anna',
    });
    expect(Object.values(taskIndexKeys({ ...task, deletedAt: '2026-11-24T10:00:00.000Z' }))).toEqual(
      Array(6).fill(undefined),
    );
  });

  it('leave the due list once the task is reported overdue at its due time, and come back when re-dated', () => {
    const reported = { ...task, overdueReportedFor: task.dueAt };
    expect(taskIndexKeys(reported).gsi3pk).toBeUndefined();
    expect(taskIndexKeys(reported).gsi2pk).toBe('TASKS#ASSIGNEE#user-anna');
    expect(taskIndexKeys({ ...reported, dueAt: '2026-11-26T09:00:00.000Z' }).gsi3pk).toBe(
      'TASKS#DUE#2026-11-26',
    );
  });
});

describe('tasks', () => {
  it('are reminded the chosen minutes before they are due', () => {
    expect(reminderAt(createMockTask({ remindBeforeMinutes: 90 }))).toBe('2026-11-25T09:30:00.000Z');
    expect(reminderAt(createMockTask({ remindBeforeMinutes: undefined }))).toBeUndefined();
  });

  it('are overdue when open past their due time', () => {
    const now = new Date('2026-11-25T12:00:00.000Z');
    expect(toTaskView(createMockTask(), now).overdue).toBe(true);
    expect(toTaskView(createMockTask({ done: true }), now).overdue).toBe(false);
    expect(toTaskView(createMockTask({ dueAt: '2026-11-25T12:30:00.000Z' }), now).overdue).toBe(false);
  });

  it('get the same ULID-shaped id for the same idempotency key, and another for another', () => {
    const id = taskIdFor('onboarding-call#d-1');
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(taskIdFor('onboarding-call#d-1')).toBe(id);
    expect(taskIdFor('onboarding-call#d-2')).not.toBe(id);
  });
});
