// The tenant table's client, created once per function instance. Importing this module
// requires TABLE_NAME (the function's catalog entry must ask for table access).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requireEnv } from './env.ts';

export const tableName = requireEnv('TABLE_NAME');

export const db = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

/** True when a TransactWriteItems failed because the condition of item `index` did not hold. */
export const conditionFailedAt = (error: unknown, index: number): boolean => {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
  return (
    e?.name === 'TransactionCanceledException' &&
    e.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed'
  );
};

export const isConditionFailed = (error: unknown): boolean =>
  (error as { name?: string })?.name === 'ConditionalCheckFailedException';
