// The table's stream → domain events on the tenant bus. Handlers only write to the table;
// this is the one place events are published, so an event is never lost when a handler
// dies after its write. Records are published in order; when a PutEvents entry still
// fails after retries, the batch reports that record as its first failure and Lambda (or
// the local stream poller) retries from it. Consumers are idempotent, so a republished
// event is harmless.

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { eventBridge, eventBusName } from '../lib/bus.ts';
import { logger } from '../lib/logger.ts';
import { eventsForChange } from './change-events.ts';

const maxAttempts = 4;

type AttributeMap = Parameters<typeof unmarshall>[0];

const entriesFor = (record: DynamoDBRecord): PutEventsRequestEntry[] => {
  const data = record.dynamodb;
  if (!data || !record.eventName) return [];
  const at = new Date((data.ApproximateCreationDateTime ?? Date.now() / 1000) * 1000).toISOString();
  return eventsForChange({
    kind: record.eventName,
    ...(data.NewImage ? { newImage: unmarshall(data.NewImage as AttributeMap) } : {}),
    ...(data.OldImage ? { oldImage: unmarshall(data.OldImage as AttributeMap) } : {}),
    at,
  }).map(({ contract, detail }) => ({
    EventBusName: eventBusName,
    Source: contract.source,
    DetailType: contract.detailType,
    Detail: JSON.stringify(detail),
    Time: new Date(at),
  }));
};

/** Puts the entries, retrying only the failed ones; true when all got on the bus. */
const putAll = async (entries: PutEventsRequestEntry[]): Promise<boolean> => {
  let pending = entries;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const failed: PutEventsRequestEntry[] = [];
    for (let i = 0; i < pending.length; i += 10) {
      const chunk = pending.slice(i, i + 10);
      try {
        const result = await eventBridge.send(new PutEventsCommand({ Entries: chunk }));
        result.Entries?.forEach((entry, j) => {
          const original = chunk[j];
          if (entry.ErrorCode && original) {
            logger.warn('event refused by the bus', { code: entry.ErrorCode, message: entry.ErrorMessage });
            failed.push(original);
          }
        });
      } catch (error) {
        logger.warn('PutEvents failed', { error: error as Error });
        failed.push(...chunk);
      }
    }
    pending = failed;
    if (pending.length > 0) {
      if (attempt >= maxAttempts) return false;
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
    }
  }
  return true;
};

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    for (const record of event.Records) {
      const entries = entriesFor(record);
      if (entries.length > 0 && !(await putAll(entries))) {
        const itemIdentifier = record.dynamodb?.SequenceNumber ?? '';
        logger.error('events not published; the batch is retried from this record', {
          sequenceNumber: itemIdentifier,
        });
        return { batchItemFailures: [{ itemIdentifier }] };
      }
    }
    return { batchItemFailures: [] };
  });
