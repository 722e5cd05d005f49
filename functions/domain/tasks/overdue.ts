// The overdue report (schedule `overdue-tasks` → scan-overdue-tasks): reads, through gsi3, the
// open tasks not yet reported whose due time has passed — the due days of the last week, up to
// now; never a Scan — and reports each once per due time: one transaction writes the task's
// overdue marker (`OVERDUE#<dueAt>`, which the stream publishes as task.overdue.v1) and takes the
// task out of gsi3 (`overdueReportedFor`, a projection: no version bump, no audit). Re-dating the
// task puts it back in gsi3 for its new due time; a marker that exists already reports nothing.
import { QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionFailedAt, db, isConditionFailed, tableName } from '../../lib/dynamo.ts';
import { addDays } from '../../lib/time-zone.ts';
import {
  dueDayPartition,
  type TaskItem,
  type TaskOverdueItem,
  taskKey,
  taskOverdueKey,
  toTaskSnapshot,
} from './task.entity.ts';

/** How many past due days each scan reads: a task due (or created overdue) longer ago is not reported. */
export const overdueLookbackDays = 7;

/** Markers are kept this long, then expire (TTL). */
const markerRetentionDays = 400;

/** The UTC due days a scan at `now` reads, oldest first. */
export const scannedDays = (now: Date): string[] => {
  const today = now.toISOString().slice(0, 10);
  return Array.from({ length: overdueLookbackDays + 1 }, (_, i) => addDays(today, i - overdueLookbackDays));
};

const dueBefore = async function* (day: string, nowIso: string): AsyncGenerator<TaskItem> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk < :now',
        ExpressionAttributeValues: { ':pk': dueDayPartition(day), ':now': nowIso },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) yield item as TaskItem;
    start = page.LastEvaluatedKey;
  } while (start);
};

const leaveIndex = (task: TaskItem) => ({
  TableName: tableName,
  Key: taskKey(task.id),
  UpdateExpression: 'SET overdueReportedFor = :due REMOVE gsi3pk, gsi3sk',
  ConditionExpression: 'dueAt = :due AND done = :open AND attribute_not_exists(deletedAt)',
  ExpressionAttributeValues: { ':due': task.dueAt, ':open': false },
});

export type OverdueOutcome = 'reported' | 'already-reported' | 'changed';

/** Reports one task overdue at its due time, once. */
export const reportTaskOverdue = async (task: TaskItem, at: string): Promise<OverdueOutcome> => {
  const marker: TaskOverdueItem = {
    ...taskOverdueKey(task.id, task.dueAt),
    entity: 'task-overdue',
    taskId: task.id,
    dueAt: task.dueAt,
    task: toTaskSnapshot(task),
    at,
    expiresAt: Math.floor(Date.parse(at) / 1000) + markerRetentionDays * 24 * 3600,
  };
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Update: leaveIndex(task) },
          { Put: { TableName: tableName, Item: marker, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }),
    );
    return 'reported';
  } catch (error) {
    // Done, deleted or re-dated meanwhile: its new state decides (a new due time is reported then).
    if (conditionFailedAt(error, 0)) return 'changed';
    if (!conditionFailedAt(error, 1)) throw error;
  }
  // Reported before (a write from a stale read put it back in gsi3): only take it out again.
  try {
    await db.send(new UpdateCommand(leaveIndex(task)));
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
  return 'already-reported';
};

export const scanOverdueTasks = async (now: Date): Promise<Record<OverdueOutcome, number>> => {
  const counts: Record<OverdueOutcome, number> = { reported: 0, 'already-reported': 0, changed: 0 };
  const at = now.toISOString();
  for (const day of scannedDays(now))
    for await (const task of dueBefore(day, at)) counts[await reportTaskOverdue(task, at)]++;
  return counts;
};
