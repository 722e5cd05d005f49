// The tenant's SQS queues. Every work queue gets its own dead-letter queue
// (`<name>-dlq`, redrive after `maxReceiveCount` receives); the failure queues collect what
// the bus and the stream publisher could not deliver after their retries.

export type WorkQueueDefinition = {
  readonly name: string;
  readonly description: string;
  /** At least six times the consumer function's timeout, as AWS advises for Lambda consumers. */
  readonly visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly retentionDays: number;
};

export type FailureQueueDefinition = {
  readonly name: string;
  readonly description: string;
};

export const workQueues = [
  {
    name: 'notification-emails',
    description: 'notification.created events whose notification should also go out by e-mail',
    visibilityTimeoutSeconds: 180,
    maxReceiveCount: 5,
    retentionDays: 4,
  },
  {
    name: 'import-chunks',
    description: 'one chunk of rows of an import job to write (the consumer queues the next chunk)',
    visibilityTimeoutSeconds: 1800,
    maxReceiveCount: 5,
    retentionDays: 4,
  },
  {
    name: 'export-jobs',
    description: 'an export to write to the files bucket',
    visibilityTimeoutSeconds: 1800,
    maxReceiveCount: 3,
    retentionDays: 4,
  },
  {
    name: 'campaign-sends',
    description: 'up to 50 recipients of a campaign run to e-mail, once each (send-campaign-emails)',
    // The sender's timeout is 300 s: six times that, as for every Lambda consumer.
    visibilityTimeoutSeconds: 1800,
    maxReceiveCount: 8,
    retentionDays: 4,
  },
] as const satisfies readonly WorkQueueDefinition[];

export const failureQueues = [
  { name: 'bus-dlq', description: 'events a rule or schedule could not deliver to its target after retries' },
  { name: 'stream-dlq', description: 'table stream batches the publisher failed after retries' },
] as const satisfies readonly FailureQueueDefinition[];

export type WorkQueueName = (typeof workQueues)[number]['name'];
export type FailureQueueName = (typeof failureQueues)[number]['name'];

/** Retention of every dead-letter and failure queue: the SQS maximum, to leave time to redrive. */
export const deadLetterRetentionDays = 14;
