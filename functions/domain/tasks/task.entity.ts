// A task (Задача): a title, a due time (stored UTC), an assignee (a staff user), a priority,
// done or not, an optional reminder some minutes before the due time, and optional links to a
// company, a contact and a deal. One item per task; its index keys are its lists:
//   gsi2  TASKS#ASSIGNEE#<userId> / <dueAt>#<id>   open tasks of an assignee by due time ("my tasks")
//   gsi3  TASKS#DUE#<utc date>    / <dueAt>#<id>   open tasks not yet reported overdue, by due day
//   gsi4  TASKS#CREATOR#<userId>  / <createdAt>#<id>  tasks a user created, newest first
// A done task leaves gsi2 and gsi3; a deleted one every index. Beside the task, one item per
// due time it fell overdue at (`OVERDUE#<dueAt>`): its insert is the task.overdue.v1 event.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { taskSnapshot } from '../../../events/schemas/tasks.ts';
import type { ItemKey, Versioned } from '../mutations.ts';

export const taskKey = (id: string) => ({ pk: `TASK#${id}`, sk: 'TASK' }) as const;

/** The marker of a task falling overdue at one due time: written once, published by the stream. */
export const taskOverdueKey = (id: string, dueAt: string) =>
  ({ pk: `TASK#${id}`, sk: `OVERDUE#${dueAt}` }) as const;

export const assigneeTasksPartition = (userId: string) => `TASKS#ASSIGNEE#${userId}`;
export const creatorTasksPartition = (userId: string) => `TASKS#CREATOR#${userId}`;
/** Due days are UTC dates: the overdue scan reads them by instant, never by a tenant's day. */
export const dueDayPartition = (date: string) => `TASKS#DUE#${date}`;

/** The one-off schedule of a task's reminder, unique within the tenant's schedule group. */
export const reminderScheduleName = (taskId: string) => `task-reminder-${taskId}`;

export const taskPriorities = ['low', 'normal', 'high'] as const;
export type TaskPriority = (typeof taskPriorities)[number];

/** A reminder at most a week before the due time. */
export const maxRemindBeforeMinutes = 7 * 24 * 60;

/** An id derived from an idempotency key (an automation's), shaped like a ULID: 26 Crockford base-32 characters. */
export const taskIdFor = (key: string): string => {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const digest = createHash('sha256').update(`task:${key}`).digest();
  let id = '';
  for (let i = 0; i < 26; i++) id += alphabet[(digest[i] ?? 0) % 32];
  return id;
};

const recordId = z.string().trim().min(1, 'must name a record').max(100, 'at most 100 characters');
const title = z.string().trim().min(1, 'must not be empty').max(300, 'at most 300 characters');
const description = z.string().trim().min(1, 'must not be empty').max(5000, 'at most 5000 characters');
const dueAt = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date and time, e.g. 2026-11-24T14:30:00+03:00' })
  .transform((v) => new Date(v).toISOString());
const remindBeforeMinutes = z
  .number()
  .int('whole minutes')
  .min(0, 'must not be negative')
  .max(maxRemindBeforeMinutes, 'at most a week (10 080 minutes)');
const assigneeId = z.string().trim().min(1, 'must name a user').max(100, 'at most 100 characters');

export const createTaskSchema = z
  .object({
    title,
    description: description.optional(),
    dueAt,
    /** The caller when left out. */
    assigneeId: assigneeId.optional(),
    priority: z.enum(taskPriorities).default('normal'),
    remindBeforeMinutes: remindBeforeMinutes.optional(),
    companyId: recordId.optional(),
    contactId: recordId.optional(),
    /** A deal's id; deals will check it once they exist. */
    dealId: recordId.optional(),
  })
  .strict();
export type CreateTask = z.infer<typeof createTaskSchema>;

/** `null` clears an optional field (the reminder, a link, the description). */
export const updateTaskSchema = z
  .object({
    expectedVersion: z.number().int().positive(),
    title: title.optional(),
    description: description.nullable().optional(),
    dueAt: dueAt.optional(),
    assigneeId: assigneeId.optional(),
    priority: z.enum(taskPriorities).optional(),
    remindBeforeMinutes: remindBeforeMinutes.nullable().optional(),
    companyId: recordId.nullable().optional(),
    contactId: recordId.nullable().optional(),
    dealId: recordId.nullable().optional(),
    done: z.boolean().optional(),
  })
  .strict();
export type UpdateTask = z.infer<typeof updateTaskSchema>;

export const taskLists = ['today', 'overdue', 'upcoming'] as const;
export type TaskList = (typeof taskLists)[number];

export const taskListQuerySchema = z.object({
  /** Whose tasks: the caller's by default; anyone's for managers and administrators. */
  assigneeId: assigneeId.optional(),
  limit: z.coerce.number().int().min(1, 'at least 1').max(100, 'at most 100').default(50),
  cursor: z.string().optional(),
});

export const createdTasksQuerySchema = z.object({
  createdBy: assigneeId.optional(),
  limit: z.coerce.number().int().min(1, 'at least 1').max(100, 'at most 100').default(50),
  cursor: z.string().optional(),
});

export type TaskAttributes = {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly dueAt: string;
  readonly assigneeId: string;
  readonly priority: TaskPriority;
  readonly done: boolean;
  readonly doneAt?: string;
  readonly doneBy?: string;
  readonly remindBeforeMinutes?: number;
  readonly companyId?: string;
  readonly contactId?: string;
  readonly dealId?: string;
  /** What created it when not a person: `automation:onboarding-call`. */
  readonly source?: string;
  /** The due time the overdue scan last reported (a projection: no version bump, no audit). */
  readonly overdueReportedFor?: string;
  readonly deletedAt?: string;
  readonly deletedBy?: string;
};

export type TaskItem = Versioned & TaskAttributes;

export const auditedTaskFields = [
  'title',
  'description',
  'dueAt',
  'assigneeId',
  'priority',
  'done',
  'doneAt',
  'doneBy',
  'remindBeforeMinutes',
  'companyId',
  'contactId',
  'dealId',
  'source',
  'deletedAt',
] as const;

const indexKeyNames = ['gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk'] as const;

/**
 * The task's index keys in its state, every one named: `undefined` for the lists it is not in,
 * so that an update removes them.
 */
export const taskIndexKeys = (
  t: Pick<TaskItem, 'id' | 'dueAt' | 'assigneeId' | 'done' | 'deletedAt' | 'overdueReportedFor'> &
    Pick<Versioned, 'createdAt' | 'createdBy'>,
): Record<(typeof indexKeyNames)[number], string | undefined> => {
  const open = !t.done && !t.deletedAt;
  const due = `${t.dueAt}#${t.id}`;
  const pendingOverdue = open && t.overdueReportedFor !== t.dueAt;
  return {
    gsi2pk: open ? assigneeTasksPartition(t.assigneeId) : undefined,
    gsi2sk: open ? due : undefined,
    gsi3pk: pendingOverdue ? dueDayPartition(t.dueAt.slice(0, 10)) : undefined,
    gsi3sk: pendingOverdue ? due : undefined,
    gsi4pk: t.deletedAt ? undefined : creatorTasksPartition(t.createdBy),
    gsi4sk: t.deletedAt ? undefined : `${t.createdAt}#${t.id}`,
  };
};

/** When the assignee is reminded, if they are. */
export const reminderAt = (t: Pick<TaskItem, 'dueAt' | 'remindBeforeMinutes'>): string | undefined =>
  t.remindBeforeMinutes === undefined
    ? undefined
    : new Date(Date.parse(t.dueAt) - t.remindBeforeMinutes * 60_000).toISOString();

export const toTaskView = (t: TaskItem, now: Date) => {
  const remindAt = reminderAt(t);
  return {
    id: t.id,
    title: t.title,
    ...(t.description ? { description: t.description } : {}),
    dueAt: t.dueAt,
    assigneeId: t.assigneeId,
    priority: t.priority,
    done: t.done,
    ...(t.doneAt ? { doneAt: t.doneAt } : {}),
    ...(t.doneBy ? { doneBy: t.doneBy } : {}),
    overdue: !t.done && Date.parse(t.dueAt) < now.getTime(),
    ...(t.remindBeforeMinutes !== undefined ? { remindBeforeMinutes: t.remindBeforeMinutes, remindAt } : {}),
    ...(t.companyId ? { companyId: t.companyId } : {}),
    ...(t.contactId ? { contactId: t.contactId } : {}),
    ...(t.dealId ? { dealId: t.dealId } : {}),
    ...(t.source ? { source: t.source } : {}),
    createdBy: t.createdBy,
    version: t.version,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
};

export type TaskSnapshot = z.infer<typeof taskSnapshot>;

/** The task as its events carry it (events/schemas/tasks.ts). */
export const toTaskSnapshot = (t: TaskItem): TaskSnapshot => ({
  taskId: t.id,
  title: t.title,
  dueAt: t.dueAt,
  assigneeId: t.assigneeId,
  priority: t.priority,
  done: t.done,
  ...(t.doneAt ? { doneAt: t.doneAt } : {}),
  ...(t.doneBy ? { doneBy: t.doneBy } : {}),
  ...(t.remindBeforeMinutes !== undefined ? { remindBeforeMinutes: t.remindBeforeMinutes } : {}),
  ...(t.companyId ? { companyId: t.companyId } : {}),
  ...(t.contactId ? { contactId: t.contactId } : {}),
  ...(t.dealId ? { dealId: t.dealId } : {}),
  createdBy: t.createdBy,
  version: t.version,
});

/** The overdue marker of a task at its due time. */
export type TaskOverdueItem = ItemKey & {
  readonly entity: 'task-overdue';
  readonly taskId: string;
  readonly dueAt: string;
  readonly task: TaskSnapshot;
  readonly at: string;
  readonly expiresAt: number;
};

export const createMockTask = (overrides: Partial<TaskItem> = {}): TaskItem => {
  const id = overrides.id ?? '01JTASK0000000000000000001';
  return {
    ...taskKey(id),
    entity: 'task',
    id,
    title: 'Перезвонить по КП',
    dueAt: '2026-11-25T11:00:00.000Z',
    assigneeId: 'user-anna',
    priority: 'normal',
    done: false,
    remindBeforeMinutes: 30,
    companyId: '01JCOMPANY0000000000000001',
    version: 1,
    createdAt: '2026-11-24T09:00:00.000Z',
    createdBy: 'user-anna',
    updatedAt: '2026-11-24T09:00:00.000Z',
    updatedBy: 'user-anna',
    ...overrides,
  };
};
