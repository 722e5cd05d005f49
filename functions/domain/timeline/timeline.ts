// Reading a record's timeline, newest first, and moving one (a merge): both by the entries'
// partition. Hidden entries (tombstones of deleted or re-dated notes) are never shown.
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { db, isConditionFailed, tableName } from '../../lib/dynamo.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import { readDeal } from '../deals/deals.ts';
import { importJobKey } from '../imports/import-job.entity.ts';
import { requireRecordReader } from '../records/access.ts';
import { type RecordRef, recordKinds } from '../records/record-kinds.ts';
import { readRecord } from '../records/records.ts';
import { timelineTypes } from './timeline-entries.ts';
import {
  importEntryView,
  type TimelineEntryItem,
  type TimelineEntryView,
  type TimelineRef,
  timelinePartition,
  toTimelineEntryView,
} from './timeline-entry.entity.ts';

export const timelineQuerySchema = z.object({
  limit: z.coerce.number().int().min(1, 'at least 1').max(100, 'at most 100').default(30),
  cursor: z.string().optional(),
});

export const timelineTypeSchema = z.enum(timelineTypes);

export const listTimeline = async (
  principal: Principal,
  type: string,
  id: string,
  query: unknown,
): Promise<{ items: TimelineEntryView[]; nextCursor?: string }> => {
  requireRecordReader(principal);
  const recordType = parseInput(timelineTypeSchema, type);
  const page = parseInput(timelineQuerySchema, query);
  // A deal's timeline is readable while the deal is (a deleted one is a 404, as records are).
  const record =
    recordType === 'deal'
      ? ((await readDeal(id)) as unknown as Record<string, unknown>)
      : await readRecord(recordKinds[recordType], id);
  const pk = timelinePartition({ type: recordType, id });
  // A page may hold fewer entries than `limit` when tombstones were filtered; the cursor goes on.
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: 'attribute_not_exists(#hidden)',
      ExpressionAttributeNames: { '#hidden': 'hidden' },
      ExpressionAttributeValues: { ':pk': pk },
      ScanIndexForward: false,
      Limit: page.limit,
      ExclusiveStartKey: decodeCursor(page.cursor, { pk }),
    }),
  );
  const nextCursor = encodeCursor(result.LastEvaluatedKey as Record<string, string> | undefined);
  const items = ((result.Items ?? []) as TimelineEntryItem[]).map(toTimelineEntryView);
  // The oldest page of an imported record ends where the record began: its import.
  const importJobId = typeof record.importJobId === 'string' ? record.importJobId : undefined;
  if (!nextCursor && importJobId) {
    const { Item: job } = await db.send(
      new GetCommand({
        TableName: tableName,
        Key: importJobKey(importJobId),
        ProjectionExpression: 'fileName',
      }),
    );
    items.push(
      importEntryView(
        { createdAt: String(record.createdAt), createdBy: String(record.createdBy), importJobId },
        { type: recordType, id },
        typeof job?.fileName === 'string' ? job.fileName : undefined,
      ),
    );
  }
  return { items, ...(nextCursor ? { nextCursor } : {}) };
};

/** Writes the entry unless the same source is already shown at a newer (or the same) version. */
export const putEntryIfNewer = async (entry: TimelineEntryItem): Promise<boolean> => {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: entry,
        ConditionExpression: 'attribute_not_exists(pk) OR #version < :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': entry.version },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
};

/**
 * Moves up to `limit` entries from one record's timeline to another's (a merge): each is
 * copied (unless the survivor shows its source newer already), `onEntry` runs for it, and the
 * original is deleted. Returns how many it moved; 0 when the timeline is empty.
 */
export const moveTimelineEntries = async (
  from: TimelineRef,
  to: RecordRef,
  limit: number,
  onEntry: (entry: TimelineEntryItem) => Promise<void>,
): Promise<number> => {
  const pk = timelinePartition(from);
  const { Items } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      Limit: limit,
      ConsistentRead: true,
    }),
  );
  const entries = (Items ?? []) as TimelineEntryItem[];
  for (const entry of entries) {
    await putEntryIfNewer({ ...entry, pk: timelinePartition(to) });
    await onEntry(entry);
    await db.send(new DeleteCommand({ TableName: tableName, Key: { pk: entry.pk, sk: entry.sk } }));
  }
  return entries.length;
};
