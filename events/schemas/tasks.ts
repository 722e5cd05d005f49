// Events about tasks (Задачи): their life from the table's stream (created, changed,
// deleted), the reminder a one-off schedule puts on the bus before the due time, the task
// falling overdue, and the periodic schedule that looks for tasks that did.
import { z } from 'zod';
import { defineEvent } from '../contract.ts';

export const taskSnapshot = z.object({
  taskId: z.string().min(1),
  title: z.string(),
  /** When it is due (UTC). */
  dueAt: z.iso.datetime(),
  assigneeId: z.string().min(1),
  priority: z.enum(['low', 'normal', 'high']),
  done: z.boolean(),
  doneAt: z.iso.datetime().optional(),
  doneBy: z.string().min(1).optional(),
  /** How long before the due time the assignee is reminded; no reminder when absent. */
  remindBeforeMinutes: z.number().int().min(0).optional(),
  companyId: z.string().min(1).optional(),
  contactId: z.string().min(1).optional(),
  dealId: z.string().min(1).optional(),
  createdBy: z.string().min(1),
  version: z.number().int().positive(),
});

export const taskCreatedV1 = defineEvent({
  detailType: 'task.created.v1',
  source: 'crm.tasks',
  description: 'A task was created (by a user or an automation).',
  schema: z.object({ task: taskSnapshot, at: z.iso.datetime() }),
});

export const taskUpdatedV1 = defineEvent({
  detailType: 'task.updated.v1',
  source: 'crm.tasks',
  description: 'A task was changed: re-dated, reassigned, done or reopened, its reminder or its text.',
  schema: z.object({
    task: taskSnapshot,
    changedFields: z.array(z.string()),
    actorId: z.string().min(1),
    at: z.iso.datetime(),
  }),
});

export const taskDeletedV1 = defineEvent({
  detailType: 'task.deleted.v1',
  source: 'crm.tasks',
  description: 'A task was deleted.',
  schema: z.object({ task: taskSnapshot, actorId: z.string().min(1), at: z.iso.datetime() }),
});

export const taskReminderDueV1 = defineEvent({
  detailType: 'task.reminder-due.v1',
  source: 'crm.tasks',
  description:
    'A task’s reminder time came (a one-off schedule put it on the bus). Stale when the task has been done, deleted or re-dated since.',
  schema: z.object({
    taskId: z.string().min(1),
    /** The due time the reminder was set for: a task re-dated since ignores it. */
    dueAt: z.iso.datetime(),
    remindAt: z.iso.datetime(),
  }),
});

export const taskOverdueV1 = defineEvent({
  detailType: 'task.overdue.v1',
  source: 'crm.tasks',
  description: 'An open task passed its due time (once per task and due time).',
  schema: z.object({ task: taskSnapshot, dueAt: z.iso.datetime(), at: z.iso.datetime() }),
});

export const taskOverdueScanDueV1 = defineEvent({
  detailType: 'task.overdue-scan-due.v1',
  source: 'crm.scheduler',
  description: 'Put on the bus periodically by a schedule: look for open tasks that passed their due time.',
  schema: z.object({ schedule: z.string() }),
});
