// The table stream's second consumer: keeps the counters of companies and contacts (in total,
// per lifecycle stage, per owner) that lists show, and the monthly sales aggregates of deals
// that forecasts and dashboards read (functions/domain/stats/sales-aggregate.ts). Its event
// source has a tumbling window only so that Lambda names the shard of each batch (`shardId`):
// the counters remember, per shard, the last sequence number they counted, so a redelivered or
// retried batch counts nothing twice.
// The window's `state` is not used; Lambda requires it in the response.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { RecordChange } from '../domain/stats/aggregate.ts';
import { countBatch } from '../domain/stats/counters.ts';
import { activityImageAttributes, salesImageAttributes } from '../domain/stats/sales-aggregate.ts';
import { now } from '../lib/clock.ts';
import { tenantConfig } from '../lib/env.ts';
import { logger } from '../lib/logger.ts';

/** A stream batch as Lambda delivers it with a tumbling window. */
export type WindowedStreamEvent = DynamoDBStreamEvent & {
  readonly shardId?: string;
  readonly state?: Record<string, unknown>;
};

type WindowedResponse = DynamoDBBatchResponse & { state: Record<string, unknown> };

type AttributeMap = Parameters<typeof unmarshall>[0];

/** The only attributes counting reads; the rest of an image is never converted. */
const counted = ['entity', 'deletedAt', 'mergedInto', 'lifecycleStage', 'ownerId'];
const dealCounted: readonly string[] = salesImageAttributes;
const activityCounted: readonly string[] = activityImageAttributes;

const pick = (image: AttributeMap | undefined) => {
  if (!image) return undefined;
  const entity = (image as Record<string, { S?: string } | undefined>).entity?.S;
  const names =
    entity === 'deal' ? dealCounted : entity === 'activity' || entity === 'note' ? activityCounted : counted;
  const subset = Object.fromEntries(Object.entries(image).filter(([name]) => names.includes(name)));
  return unmarshall(subset as AttributeMap);
};

const changesOf = (event: WindowedStreamEvent): RecordChange[] =>
  event.Records.flatMap((record) => {
    const data = record.dynamodb;
    if (!data?.SequenceNumber) return [];
    const oldImage = pick(data.OldImage as AttributeMap | undefined);
    const newImage = pick(data.NewImage as AttributeMap | undefined);
    return [
      {
        sequenceNumber: data.SequenceNumber,
        ...(oldImage ? { oldImage } : {}),
        ...(newImage ? { newImage } : {}),
      },
    ];
  });

const { timezone: timeZone } = tenantConfig();

export const handler = middy<WindowedStreamEvent, WindowedResponse, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const state = event.state ?? {};
    if (event.Records.length === 0) return { state, batchItemFailures: [] };
    const first = event.Records[0]?.dynamodb?.SequenceNumber ?? '';
    if (!event.shardId) {
      logger.error(
        'no shardId in the stream event: the event source needs a tumbling window (functions/catalog.ts)',
      );
      return { state, batchItemFailures: [{ itemIdentifier: first }] };
    }
    try {
      await countBatch(event.shardId, changesOf(event), now(), timeZone);
      return { state, batchItemFailures: [] };
    } catch (error) {
      // The whole batch again: what was counted is under the watermarks and is left out then.
      logger.error('counters not updated; the batch is retried', {
        error: error as Error,
        shardId: event.shardId,
      });
      return { state, batchItemFailures: [{ itemIdentifier: first }] };
    }
  });
