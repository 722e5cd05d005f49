// Tasks: created by a user for themselves (managers and admins for anyone) or by an automation
// (createTask, idempotent by a key), changed, done or reopened, deleted — every write versioned
// and audited, with the task's list keys rewritten in the same write. "My tasks" are read
// through gsi2 (open tasks of an assignee by due time: today in the tenant's time zone, overdue,
// upcoming) and gsi4 (tasks a user created); never a Scan. Reminders and the overdue report
// follow from the stream (reminders.ts, overdue.ts).
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { now, nowIso } from '../../lib/clock.ts';
import { decodeBoundCursor, encodeBoundCursor, type Key } from '../../lib/cursor.ts';
import { db, tableName } from '../../lib/dynamo.ts';
import { Forbidden, NotFound } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { localDayBounds } from '../../lib/time-zone.ts';
import { parseInput } from '../../lib/validation.ts';
import { createVersioned, updateVersioned } from '../mutations.ts';
import { canAssignTaskTo, canManageAnyTask, canSeeTask, requireRecordReader } from '../records/access.ts';
import { companyKind, contactKind } from '../records/record-kinds.ts';
import { readRecord } from '../records/records.ts';
import {
  assigneeTasksPartition,
  auditedTaskFields,
  type CreateTask,
  createdTasksQuerySchema,
  createTaskSchema,
  creatorTasksPartition,
  type TaskItem,
  type TaskList,
  taskIdFor,
  taskIndexKeys,
  taskKey,
  taskListQuerySchema,
  updateTaskSchema,
} from './task.entity.ts';

/** How long a deleted task stays readable in the table before TTL removes it. */
const deletedTaskTtlDays = 30;

/** Companies and contacts a task links to must exist (deals are not checked yet). */
const checkLinks = async (links: { companyId?: string | undefined; contactId?: string | undefined }) => {
  await Promise.all([
    ...(links.companyId ? [readRecord(companyKind, links.companyId)] : []),
    ...(links.contactId ? [readRecord(contactKind, links.contactId)] : []),
  ]);
};

export type CreateTaskOptions = {
  /** Who writes it: a user's id, or `system:<what>` for an automation. */
  readonly actorId: string;
  /** A key that makes the creation idempotent: the same key creates one task, ever. */
  readonly idempotencyKey?: string;
  /** What created it when not a person (shown on the task). */
  readonly source?: string;
  /** The caller vouches for the links (an automation copying a deal's): they are not read again. */
  readonly linksChecked?: true;
};

/**
 * Creates a task from the same input as POST /api/tasks (`assigneeId` required here), checked
 * with the same schema; no role check (an event handler calls it as the system). With an
 * idempotency key, a second call returns the task the first one created.
 */
export const createTask = async (
  body: unknown,
  options: CreateTaskOptions,
): Promise<{ task: TaskItem; created: boolean }> => {
  const input = parseInput(createTaskSchema, body);
  const assigneeId = input.assigneeId ?? options.actorId;
  if (!options.linksChecked) await checkLinks(input);
  const id = options.idempotencyKey ? taskIdFor(options.idempotencyKey) : ulid();
  const at = nowIso();
  const attributes = {
    ...withoutUndefined(input),
    id,
    assigneeId,
    done: false,
    ...(options.source ? { source: options.source } : {}),
  };
  const keys = taskIndexKeys({ ...attributes, createdAt: at, createdBy: options.actorId });
  const { created, item } = await createVersioned(
    { entity: 'task', id },
    taskKey(id),
    { ...attributes, ...withoutUndefined(keys) },
    options.actorId,
    { at, auditedFields: auditedTaskFields },
  );
  if (created) return { task: item as unknown as TaskItem, created };
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: taskKey(id), ConsistentRead: true }),
  );
  return { task: Item as TaskItem, created };
};

/** POST /api/tasks: a task for the caller, or — managers and admins — for anyone. */
export const createTaskFor = async (principal: Principal, body: unknown): Promise<TaskItem> => {
  requireRecordReader(principal);
  const input: CreateTask = parseInput(createTaskSchema, body);
  const assigneeId = input.assigneeId ?? principal.userId;
  if (!canAssignTaskTo(principal, assigneeId))
    throw new Forbidden('Only a sales manager or an administrator may give tasks to others.');
  return (await createTask({ ...input, assigneeId }, { actorId: principal.userId })).task;
};

const withoutUndefined = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export const readTask = async (id: string): Promise<TaskItem> => {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: taskKey(id), ConsistentRead: true }),
  );
  if (!Item || Item.deletedAt) throw new NotFound('task', id);
  return Item as TaskItem;
};

const requireTaskAccess = (principal: Principal, task: TaskItem): void => {
  requireRecordReader(principal);
  if (!canSeeTask(principal, task))
    throw new Forbidden(
      'Only its assignee, its author, a sales manager or an administrator may see or change this task.',
    );
};

export const getTask = async (principal: Principal, id: string): Promise<TaskItem> => {
  requireRecordReader(principal);
  const task = await readTask(id);
  requireTaskAccess(principal, task);
  return task;
};

/** `null` in the input clears; `undefined` keeps. */
const next = <T>(change: T | null | undefined, current: T | undefined): T | undefined =>
  change === null ? undefined : change === undefined ? current : change;

export const updateTask = async (principal: Principal, id: string, body: unknown): Promise<TaskItem> => {
  requireRecordReader(principal);
  const current = await readTask(id);
  requireTaskAccess(principal, current);
  const { expectedVersion, done, ...input } = parseInput(updateTaskSchema, body);
  if (input.assigneeId !== undefined && input.assigneeId !== current.assigneeId)
    if (!canAssignTaskTo(principal, input.assigneeId))
      throw new Forbidden('Only a sales manager or an administrator may give tasks to others.');
  const at = nowIso();
  const state = {
    title: input.title ?? current.title,
    description: next(input.description, current.description),
    dueAt: input.dueAt ?? current.dueAt,
    assigneeId: input.assigneeId ?? current.assigneeId,
    priority: input.priority ?? current.priority,
    remindBeforeMinutes: next(input.remindBeforeMinutes, current.remindBeforeMinutes),
    companyId: next(input.companyId, current.companyId),
    contactId: next(input.contactId, current.contactId),
    dealId: next(input.dealId, current.dealId),
    ...(done === undefined || done === current.done
      ? { done: current.done, doneAt: current.doneAt, doneBy: current.doneBy }
      : done
        ? { done: true, doneAt: at, doneBy: principal.userId }
        : { done: false, doneAt: undefined, doneBy: undefined }),
  };
  await checkLinks({
    ...(state.companyId !== current.companyId ? { companyId: state.companyId } : {}),
    ...(state.contactId !== current.contactId ? { contactId: state.contactId } : {}),
  });
  return updateVersioned<TaskItem>(
    { entity: 'task', id },
    taskKey(id),
    expectedVersion,
    { ...state, ...taskIndexKeys({ ...current, ...state }) },
    principal.userId,
    { current, at, auditedFields: auditedTaskFields },
  );
};

/** Soft delete: the task leaves every list, its reminder is cancelled; TTL removes it in 30 days. */
export const deleteTask = async (
  principal: Principal,
  id: string,
  expectedVersion: number,
): Promise<TaskItem> => {
  requireRecordReader(principal);
  const current = await readTask(id);
  requireTaskAccess(principal, current);
  const at = nowIso();
  return updateVersioned<TaskItem>(
    { entity: 'task', id },
    taskKey(id),
    expectedVersion,
    {
      deletedAt: at,
      deletedBy: principal.userId,
      expiresAt: Math.floor(Date.parse(at) / 1000) + deletedTaskTtlDays * 24 * 3600,
      ...taskIndexKeys({ ...current, deletedAt: at }),
    },
    principal.userId,
    { current, at, action: 'deleted', auditedFields: auditedTaskFields },
  );
};

/** Whose list the caller asks for: their own, or anyone's for managers and admins. */
const listOwner = (principal: Principal, userId: string | undefined): string => {
  requireRecordReader(principal);
  const owner = userId ?? principal.userId;
  if (owner !== principal.userId && !canManageAnyTask(principal))
    throw new Forbidden('Only a sales manager or an administrator may see the tasks of others.');
  return owner;
};

type Page = { items: TaskItem[]; nextCursor?: string };

const queryPage = async (
  index: 'gsi2' | 'gsi4',
  partition: string,
  range: { condition?: string; values?: Record<string, string> },
  page: { limit: number; cursor?: string | undefined },
  scope: string,
  forward: boolean,
): Promise<Page> => {
  const pkName = `${index}pk`;
  const skName = `${index}sk`;
  const binding = {
    scope,
    keyAttributes: ['pk', 'sk', pkName, skName],
    check: (key: Key) => key[pkName] === partition,
  };
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: index,
      KeyConditionExpression: `#pk = :pk${range.condition ? ` AND ${range.condition}` : ''}`,
      ExpressionAttributeNames: { '#pk': pkName, ...(range.condition ? { '#sk': skName } : {}) },
      ExpressionAttributeValues: { ':pk': partition, ...range.values },
      ScanIndexForward: forward,
      Limit: page.limit,
      ...(page.cursor ? { ExclusiveStartKey: decodeBoundCursor(page.cursor, binding) } : {}),
    }),
  );
  const last = result.LastEvaluatedKey as Key | undefined;
  return {
    items: (result.Items ?? []) as TaskItem[],
    ...(last ? { nextCursor: encodeBoundCursor(last, scope) } : {}),
  };
};

/**
 * Open tasks of one assignee by due time: `today` (the tenant's calendar day, including what is
 * already past due today), `overdue` (due before now, oldest first), `upcoming` (due after today).
 */
export const listTasks = async (
  principal: Principal,
  list: TaskList,
  query: unknown,
  timeZone: string,
): Promise<Page> => {
  const page = parseInput(taskListQuerySchema, query);
  const assigneeId = listOwner(principal, page.assigneeId);
  const at = now();
  const { start, end } = localDayBounds(at, timeZone);
  const range: { condition: string; values: Record<string, string> } =
    list === 'today'
      ? {
          condition: '#sk BETWEEN :from AND :to',
          values: { ':from': start.toISOString(), ':to': end.toISOString() },
        }
      : list === 'overdue'
        ? { condition: '#sk < :to', values: { ':to': at.toISOString() } }
        : { condition: '#sk >= :from', values: { ':from': end.toISOString() } };
  // A cursor of "today" is good for that day only; "overdue" and "upcoming" move with time anyway.
  const scope = `tasks:${list}:${assigneeId}${list === 'today' ? `:${start.toISOString()}` : ''}`;
  return queryPage('gsi2', assigneeTasksPartition(assigneeId), range, page, scope, true);
};

/** Tasks a user created (open and done), newest first: the caller's, or anyone's for managers. */
export const listCreatedTasks = async (principal: Principal, query: unknown): Promise<Page> => {
  const page = parseInput(createdTasksQuerySchema, query);
  const createdBy = listOwner(principal, page.createdBy);
  return queryPage('gsi4', creatorTasksPartition(createdBy), {}, page, `tasks:created:${createdBy}`, false);
};
