import { describe, expect, it } from 'vitest';
import { createMockActivity } from '../domain/activities/activity.entity.ts';
import { createMockTask, taskOverdueKey, toTaskSnapshot } from '../domain/tasks/task.entity.ts';
import { eventsForChange } from './change-events.ts';

const at = '2026-11-24T09:00:00.000Z';
const types = (events: ReturnType<typeof eventsForChange>) => events.map((e) => e.contract.detailType);

describe('activity events', () => {
  const activity = createMockActivity();

  it('say an activity was logged, changed (with where it was before) or deleted', () => {
    expect(types(eventsForChange({ kind: 'INSERT', newImage: activity, at }))).toEqual([
      'activity.logged.v1',
    ]);
    const moved = {
      ...activity,
      version: 2,
      at: '2026-11-23T09:00:00.000Z',
      timelines: [{ type: 'company', id: '01JCOMPANY0000000000000001' }],
      updatedBy: 'user-igor',
    };
    const [updated] = eventsForChange({ kind: 'MODIFY', oldImage: activity, newImage: moved, at });
    expect(updated?.contract.detailType).toBe('activity.updated.v1');
    expect(updated?.detail).toMatchObject({
      previousAt: activity.at,
      previousTimelines: [{ type: 'contact', id: '01JCONTACT0000000000000001' }],
      actorId: 'user-igor',
    });
    const deleted = { ...activity, version: 2, deletedAt: at };
    expect(types(eventsForChange({ kind: 'MODIFY', oldImage: activity, newImage: deleted, at }))).toEqual([
      'activity.deleted.v1',
    ]);
  });

  it('say nothing for a write that does not move the version, nor for attendee items', () => {
    expect(eventsForChange({ kind: 'MODIFY', oldImage: activity, newImage: { ...activity }, at })).toEqual(
      [],
    );
    expect(
      eventsForChange({
        kind: 'INSERT',
        newImage: { pk: 'ACTIVITY#a', sk: 'ATTENDEE#u', entity: 'meeting-attendee' },
        at,
      }),
    ).toEqual([]);
  });
});

describe('task events', () => {
  const task = createMockTask();

  it('say a task was created, changed (naming the fields) or deleted', () => {
    expect(types(eventsForChange({ kind: 'INSERT', newImage: task, at }))).toEqual(['task.created.v1']);
    const done = { ...task, version: 2, done: true, doneAt: at, doneBy: 'user-anna', gsi2pk: undefined };
    const [updated] = eventsForChange({ kind: 'MODIFY', oldImage: task, newImage: done, at });
    expect(updated?.contract.detailType).toBe('task.updated.v1');
    expect(updated?.detail).toMatchObject({
      changedFields: ['done', 'doneAt', 'doneBy'],
      task: { done: true },
    });
    expect(
      types(
        eventsForChange({
          kind: 'MODIFY',
          oldImage: task,
          newImage: { ...task, version: 2, deletedAt: at },
          at,
        }),
      ),
    ).toEqual(['task.deleted.v1']);
  });

  it('say nothing when the overdue scan takes a task off the due list (no new version)', () => {
    const reported = { ...task, overdueReportedFor: task.dueAt };
    expect(eventsForChange({ kind: 'MODIFY', oldImage: task, newImage: reported, at })).toEqual([]);
  });

  it('say a task fell overdue when its marker is written, once', () => {
    const marker = {
      ...taskOverdueKey(task.id, task.dueAt),
      entity: 'task-overdue',
      taskId: task.id,
      dueAt: task.dueAt,
      task: toTaskSnapshot(task),
      at: '2026-11-25T11:15:00.000Z',
      expiresAt: 1,
    };
    const [event] = eventsForChange({ kind: 'INSERT', newImage: marker, at });
    expect(event?.contract.detailType).toBe('task.overdue.v1');
    expect(event?.detail).toEqual({ task: toTaskSnapshot(task), dueAt: task.dueAt, at: marker.at });
    expect(eventsForChange({ kind: 'REMOVE', oldImage: marker, at })).toEqual([]);
  });
});
