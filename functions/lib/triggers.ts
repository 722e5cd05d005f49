// Middleware stacks for the non-HTTP triggers, applied here once:
// - eventTarget: an EventBridge rule target; the detail is parsed with the event's contract
//   (a throw makes EventBridge retry, then dead-letter the event).
// - queueConsumer: an SQS batch; each record is handled on its own and failures are reported
//   as batchItemFailures, so one bad message never redelivers the good ones.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, EventBridgeEvent, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { z } from 'zod';
import type { EventContract } from '../../events/contract.ts';
import { logger } from './logger.ts';

export type ReceivedEvent<D> = { readonly id: string; readonly time: string; readonly detail: D };

export const eventTarget = <C extends EventContract>(
  contract: C,
  run: (event: ReceivedEvent<z.infer<C['schema']>>) => Promise<void>,
) =>
  middy<EventBridgeEvent<string, unknown>, void, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      logger.appendKeys({ eventId: event.id, detailType: event['detail-type'] });
      if (event['detail-type'] !== contract.detailType) {
        throw new Error(`expected ${contract.detailType}, got ${event['detail-type']}`);
      }
      await run({
        id: event.id,
        time: event.time,
        detail: contract.schema.parse(event.detail) as z.infer<C['schema']>,
      });
    });

export const queueConsumer = (run: (record: SQSRecord) => Promise<void>) =>
  middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
      for (const record of event.Records) {
        try {
          await run(record);
        } catch (error) {
          logger.error('message failed; it will be retried', {
            messageId: record.messageId,
            receiveCount: record.attributes.ApproximateReceiveCount,
            error: error as Error,
          });
          batchItemFailures.push({ itemIdentifier: record.messageId });
        }
      }
      return { batchItemFailures };
    });

/**
 * As queueConsumer, but the records of a batch are handled concurrently (a sender whose work per
 * record is mostly waiting on SES and the rate governor); failures are still reported per record.
 */
export const concurrentQueueConsumer = (run: (record: SQSRecord) => Promise<void>) =>
  middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
      await Promise.all(
        event.Records.map(async (record) => {
          try {
            await run(record);
          } catch (error) {
            logger.warn('message failed; it will be retried', {
              messageId: record.messageId,
              receiveCount: record.attributes.ApproximateReceiveCount,
              error: error as Error,
            });
            batchItemFailures.push({ itemIdentifier: record.messageId });
          }
        }),
      );
      return { batchItemFailures };
    });

/** The EventBridge event an SQS rule target delivered, parsed with its contract. */
export const eventFromQueue = <C extends EventContract>(
  contract: C,
  record: SQSRecord,
): ReceivedEvent<z.infer<C['schema']>> => {
  const event = JSON.parse(record.body) as EventBridgeEvent<string, unknown>;
  if (event['detail-type'] !== contract.detailType) {
    throw new Error(`expected ${contract.detailType}, got ${event['detail-type']}`);
  }
  return {
    id: event.id,
    time: event.time,
    detail: contract.schema.parse(event.detail) as z.infer<C['schema']>,
  };
};

/** One event a multi-event target handles, with the handler its parsed detail goes to. */
export type EventRoute = {
  readonly contract: EventContract;
  readonly run: (event: ReceivedEvent<unknown>) => Promise<void>;
};

export const on = <C extends EventContract>(
  contract: C,
  run: (event: ReceivedEvent<z.infer<C['schema']>>) => Promise<void>,
): EventRoute => ({ contract, run: run as EventRoute['run'] });

/** A rule target for several events (a projection): each detail-type is parsed with its own contract. */
export const eventTargets = (...routes: readonly EventRoute[]) =>
  middy<EventBridgeEvent<string, unknown>, void, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      logger.appendKeys({ eventId: event.id, detailType: event['detail-type'] });
      const route = routes.find((r) => r.contract.detailType === event['detail-type']);
      if (!route) throw new Error(`no handler for ${event['detail-type']}`);
      await route.run({ id: event.id, time: event.time, detail: route.contract.schema.parse(event.detail) });
    });

/**
 * A rule target for events an AWS service emits (SES's `aws.ses` events): they have no contract
 * of ours, only the schema of their detail, which is parsed here like a contract's.
 */
export const awsEventTarget = <S extends z.ZodType>(
  schema: S,
  run: (event: ReceivedEvent<z.infer<S>> & { readonly detailType: string }) => Promise<void>,
) =>
  middy<EventBridgeEvent<string, unknown>, void, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      logger.appendKeys({ eventId: event.id, detailType: event['detail-type'], source: event.source });
      await run({
        id: event.id,
        time: event.time,
        detailType: event['detail-type'],
        detail: schema.parse(event.detail) as z.infer<S>,
      });
    });
