// The domain events of activities and tasks, by the changed item's `entity` (change-events.ts
// asks these mappers as it asks its own): activity.logged/updated/deleted.v1 for the
// timelines, task.created/updated/deleted.v1 for reminders (and later consumers), and
// task.overdue.v1 when the overdue scan writes a task's marker. Projections that do not move
// an item's `version` (the overdue scan taking a task out of gsi3) publish nothing.
import { activityDeletedV1, activityLoggedV1, activityUpdatedV1 } from '../../events/schemas/activities.ts';
import { taskCreatedV1, taskDeletedV1, taskOverdueV1, taskUpdatedV1 } from '../../events/schemas/tasks.ts';
import { type ActivityItem, toActivitySnapshot } from '../domain/activities/activity.entity.ts';
import {
  auditedTaskFields,
  type TaskItem,
  type TaskOverdueItem,
  toTaskSnapshot,
} from '../domain/tasks/task.entity.ts';
import type { Change, DomainEvent } from './change-events.ts';

type Mapper = (change: Change) => DomainEvent[];

const sameTarget = (a: { type: string; id: string }, b: { type: string; id: string }) =>
  a.type === b.type && a.id === b.id;

const activity: Mapper = ({ kind, newImage, oldImage, at }) => {
  if (!newImage) return [];
  const item = newImage as ActivityItem;
  if (kind === 'INSERT')
    return [{ contract: activityLoggedV1, detail: { activity: toActivitySnapshot(item), at } }];
  if (kind !== 'MODIFY' || !oldImage) return [];
  const before = oldImage as ActivityItem;
  const actorId = item.updatedBy;
  if (item.deletedAt && !before.deletedAt)
    return [{ contract: activityDeletedV1, detail: { activity: toActivitySnapshot(item), actorId, at } }];
  if (item.deletedAt || item.version === before.version) return [];
  const left = before.timelines.filter((t) => !item.timelines.some((n) => sameTarget(n, t)));
  return [
    {
      contract: activityUpdatedV1,
      detail: {
        activity: toActivitySnapshot(item),
        ...(before.at !== item.at ? { previousAt: before.at } : {}),
        ...(left.length ? { previousTimelines: left } : {}),
        actorId,
        at,
      },
    },
  ];
};

const changedTaskFields = (before: TaskItem, after: TaskItem): string[] =>
  auditedTaskFields.filter(
    (field) =>
      JSON.stringify(before[field as keyof TaskItem]) !== JSON.stringify(after[field as keyof TaskItem]),
  );

const task: Mapper = ({ kind, newImage, oldImage, at }) => {
  if (!newImage) return [];
  const item = newImage as TaskItem;
  if (kind === 'INSERT') return [{ contract: taskCreatedV1, detail: { task: toTaskSnapshot(item), at } }];
  if (kind !== 'MODIFY' || !oldImage) return [];
  const before = oldImage as TaskItem;
  const actorId = item.updatedBy;
  if (item.deletedAt && !before.deletedAt)
    return [{ contract: taskDeletedV1, detail: { task: toTaskSnapshot(item), actorId, at } }];
  if (item.deletedAt || item.version === before.version) return [];
  return [
    {
      contract: taskUpdatedV1,
      detail: { task: toTaskSnapshot(item), changedFields: changedTaskFields(before, item), actorId, at },
    },
  ];
};

const taskOverdue: Mapper = ({ kind, newImage }) => {
  if (kind !== 'INSERT' || !newImage) return [];
  const marker = newImage as TaskOverdueItem;
  return [{ contract: taskOverdueV1, detail: { task: marker.task, dueAt: marker.dueAt, at: marker.at } }];
};

export const activityTaskMappers: Readonly<Record<string, Mapper>> = {
  activity,
  task,
  'task-overdue': taskOverdue,
};
