// The tenant's SQS queues from events/queues.ts: each work queue with its `<name>-dlq`, and
// the failure queues that collect what the bus, the schedules and the stream publisher
// could not deliver. All encrypted with SQS-managed keys and reachable over TLS only.
import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  deadLetterRetentionDays,
  type FailureQueueName,
  failureQueues,
  type WorkQueueName,
  workQueues,
} from '../../events/queues.ts';
import { deadLetterQueueName, queueName } from '../../functions/lib/resource-names.ts';
import { acknowledge } from './nag.ts';

export type TenantQueuesProps = {
  readonly tenantId: string;
};

export class TenantQueues extends Construct {
  /** Every queue by its short name (`notification-emails`, `notification-emails-dlq`, `bus-dlq`, …). */
  readonly byName: ReadonlyMap<string, Queue>;

  constructor(scope: Construct, id: string, props: TenantQueuesProps) {
    super(scope, id);
    const byName = new Map<string, Queue>();
    const secure = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true } as const;

    for (const q of workQueues) {
      const dlq = new Queue(this, `${q.name}-dlq`, {
        ...secure,
        queueName: deadLetterQueueName(props.tenantId, q.name),
        retentionPeriod: Duration.days(deadLetterRetentionDays),
      });
      const queue = new Queue(this, q.name, {
        ...secure,
        queueName: queueName(props.tenantId, q.name),
        visibilityTimeout: Duration.seconds(q.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(q.retentionDays),
        deadLetterQueue: { queue: dlq, maxReceiveCount: q.maxReceiveCount },
      });
      byName.set(q.name, queue);
      byName.set(`${q.name}-dlq`, dlq);
    }

    for (const q of failureQueues) {
      const queue = new Queue(this, q.name, {
        ...secure,
        queueName: queueName(props.tenantId, q.name),
        retentionPeriod: Duration.days(deadLetterRetentionDays),
      });
      acknowledge(
        queue,
        'SQS3',
        `${q.name} is itself a dead-letter destination (${q.description}); it is named in ` +
          'EventBridge targets, schedules and the stream mapping rather than in a RedrivePolicy, which cdk-nag does not see.',
      );
      byName.set(q.name, queue);
    }
    this.byName = byName;
  }

  workQueue(name: WorkQueueName): Queue {
    return this.get(name);
  }

  failureQueue(name: FailureQueueName): Queue {
    return this.get(name);
  }

  private get(name: string): Queue {
    const queue = this.byName.get(name);
    if (!queue) throw new Error(`no queue "${name}" in events/queues.ts`);
    return queue;
  }
}
