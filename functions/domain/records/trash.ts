// The trash (Корзина): deleted companies and contacts, newest deletion first, restorable for
// 30 days (then DynamoDB's TTL removes them). Merged duplicates are not listed: they live on
// in their survivor. Only an administrator purges a record before its time.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { db, tableName } from '../../lib/dynamo.ts';
import { Forbidden, NotFound } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import { deleteVersioned } from '../mutations.ts';
import { table } from '../table.ts';
import { canEmptyTrash, requireRecordReader } from './access.ts';
import { type RecordItem, recordKinds, recordTypes } from './record-kinds.ts';
import { readRecord } from './records.ts';

export const trashQuerySchema = z.object({
  type: z.enum(recordTypes).default('company'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});

const trashIndex = table.globalSecondaryIndexes.find((i) => i.indexName === 'gsi3');

export const toTrashView = (type: string, item: RecordItem, name: string) => ({
  type,
  id: item.id,
  name,
  ownerId: item.ownerId,
  deletedAt: item.deletedAt,
  deletedBy: item.deletedBy,
  /** When it can no longer be restored. */
  restorableUntil: new Date(Number(item.expiresAt ?? 0) * 1000).toISOString(),
  version: item.version,
});

export const listTrash = async (principal: Principal, query: unknown) => {
  requireRecordReader(principal);
  const q = parseInput(trashQuerySchema, query);
  const kind = recordKinds[q.type];
  if (!trashIndex) throw new Error('no trash index');
  const pk = kind.trashPartition;
  // A page may hold fewer rows than `limit` when merged duplicates were filtered; the cursor goes on.
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: trashIndex.indexName,
      KeyConditionExpression: '#pk = :pk',
      FilterExpression: 'attribute_not_exists(mergedInto)',
      ExpressionAttributeNames: { '#pk': trashIndex.partitionKey },
      ExpressionAttributeValues: { ':pk': pk },
      ScanIndexForward: false,
      Limit: q.limit,
      ExclusiveStartKey: decodeCursor(q.cursor, { [trashIndex.partitionKey]: pk }),
    }),
  );
  const items = (result.Items ?? []) as RecordItem[];
  const nextCursor = encodeCursor(result.LastEvaluatedKey as Record<string, string> | undefined);
  return {
    items: items.map((i) => toTrashView(q.type, i, kind.name(i))),
    ...(nextCursor ? { nextCursor } : {}),
  };
};

/** Purges a record from the trash for good (audited); its timeline and audit stay. */
export const purgeRecord = async (principal: Principal, type: string, id: string): Promise<void> => {
  requireRecordReader(principal);
  if (!canEmptyTrash(principal)) throw new Forbidden('Only an administrator may empty the trash.');
  const recordType = parseInput(z.enum(recordTypes), type);
  const kind = recordKinds[recordType];
  const record = await readRecord(kind, id, { includeDeleted: true });
  if (!record.deletedAt) throw new NotFound(`${recordType} in the trash`, id);
  await deleteVersioned({ entity: kind.type, id }, kind.key(id), record.version, principal.userId, {
    current: record,
    action: 'purged',
  });
};
