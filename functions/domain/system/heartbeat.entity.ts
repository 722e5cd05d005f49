// The scheduler's heartbeat: the last time the heartbeat schedule's event reached its rule
// target. Health reads it to tell whether schedules and rules work end to end.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailed, tableName } from '../../lib/dynamo.ts';

export const heartbeatKey = { pk: 'SYSTEM', sk: 'HEARTBEAT' } as const;

/** How old the last heartbeat may be before health reports the scheduler as failing. */
export const heartbeatMaxAgeMs = 12 * 60 * 1000;

export type Heartbeat = { readonly lastHeartbeatAt: string; readonly beats: number };

/** Records a beat at `at`; a redelivered (same or older) beat changes nothing. */
export const recordHeartbeat = async (at: string): Promise<boolean> => {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: heartbeatKey,
        UpdateExpression: 'SET lastHeartbeatAt = :at, entity = :entity ADD beats :one',
        ConditionExpression: 'attribute_not_exists(lastHeartbeatAt) OR lastHeartbeatAt < :at',
        ExpressionAttributeValues: { ':at': at, ':one': 1, ':entity': 'heartbeat' },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
};

export const readHeartbeat = async (): Promise<Heartbeat | undefined> => {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: heartbeatKey }));
  return Item ? { lastHeartbeatAt: String(Item.lastHeartbeatAt), beats: Number(Item.beats) } : undefined;
};
