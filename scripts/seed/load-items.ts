// Bulk writes of prepared items (BatchWriteItem, 25 at a time, several requests in flight,
// unprocessed items retried with backoff), with a progress callback. For loads that skip the
// API on purpose: the search benchmark's base and integration-test fixtures.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const documentClient = (client: DynamoDBClient) =>
  DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

export const writeItems = async (
  db: DynamoDBDocumentClient,
  tableName: string,
  items: Iterable<Record<string, unknown>>,
  options: { concurrency?: number; onWritten?: (count: number) => void } = {},
): Promise<number> => {
  const iterator = items[Symbol.iterator]();
  let written = 0;
  let done = false;
  const nextBatch = (): Record<string, unknown>[] => {
    const batch: Record<string, unknown>[] = [];
    while (!done && batch.length < 25) {
      const next = iterator.next();
      if (next.done) done = true;
      else batch.push(next.value);
    }
    return batch;
  };
  const worker = async () => {
    for (let batch = nextBatch(); batch.length > 0; batch = nextBatch()) {
      let requests = batch.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 10) throw new Error(`${requests.length} items left unprocessed after retries`);
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(2000, 25 * 2 ** attempt)));
        const { UnprocessedItems } = await db.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
        );
        requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
      written += batch.length;
      options.onWritten?.(written);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return written;
};
