// The tenant's EventBridge bus with the rules of events/rules.ts and the schedules of
// events/schedules.ts, and the schedule group with the one role the Scheduler assumes for all
// of the tenant's schedules — those of events/schedules.ts and the one-off ones functions create
// at run time (task reminders), which put events on this bus and nowhere else. Every target
// retries with the shared retry policy and then hands the event to the `bus-dlq` queue, as the
// local bus does.
import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import { EventBus, type EventPattern, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression, ScheduleGroup, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { EventBridgePutEvents } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EventPattern as PatternDefinition, RuleDefinition } from '../../events/rules.ts';
import { retryPolicy } from '../../events/rules.ts';
import type { ScheduleDefinition } from '../../events/schedules.ts';
import { busName, ruleName, scheduleGroupName, scheduleName } from '../../functions/lib/resource-names.ts';

export type TenantBusProps = {
  readonly tenantId: string;
  /** Where schedules hand the events they could not deliver (`bus-dlq`). */
  readonly deadLetters: IQueue;
};

export type RuleTargets = {
  /** The tenant's functions by catalog name. */
  readonly functions: ReadonlyMap<string, IFunction>;
  /** The tenant's queues by short name. */
  readonly queues: ReadonlyMap<string, IQueue>;
  readonly deadLetters: IQueue;
};

/** The retry policy of events/rules.ts in the form the L2 targets take. */
export const targetRetry = {
  retryAttempts: retryPolicy.maximumRetryAttempts,
  maxEventAge: Duration.seconds(retryPolicy.maximumEventAgeSeconds),
} as const;

// events/rules.ts writes patterns as AWS documents them; the L2 spells `detail-type` in camelCase.
const patternFields: Readonly<Record<string, keyof EventPattern>> = {
  version: 'version',
  id: 'id',
  'detail-type': 'detailType',
  source: 'source',
  account: 'account',
  time: 'time',
  region: 'region',
  resources: 'resources',
  detail: 'detail',
};

export const toEventPattern = (pattern: PatternDefinition): EventPattern => {
  const result: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(pattern)) {
    const key = patternFields[field];
    if (!key) throw new Error(`event pattern field "${field}" is not an EventBridge event field`);
    result[key] = value;
  }
  return result as EventPattern;
};

export class TenantBus extends Construct {
  readonly bus: EventBus;
  readonly scheduleGroup: ScheduleGroup;
  /** Assumed by the Scheduler, for this group's schedules only: puts events on the bus, dead-letters to `bus-dlq`. */
  readonly schedulerRole: Role;
  private readonly tenantId: string;

  constructor(scope: Construct, id: string, props: TenantBusProps) {
    super(scope, id);
    this.tenantId = props.tenantId;
    this.bus = new EventBus(this, 'Bus', { eventBusName: busName(props.tenantId) });
    this.scheduleGroup = new ScheduleGroup(this, 'ScheduleGroup', {
      scheduleGroupName: scheduleGroupName(props.tenantId),
    });
    const stack = Stack.of(this);
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      description: `crm schedules of ${props.tenantId}: put their events on the tenant bus`,
      // Only the Scheduler, for schedules of this account's group (no confused deputy).
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': this.scheduleGroup.scheduleGroupArn,
          },
        },
      }),
    });
    this.bus.grantPutEventsTo(this.schedulerRole);
    props.deadLetters.grantSendMessages(this.schedulerRole);
  }

  addRules(rules: readonly RuleDefinition[], targets: RuleTargets): Rule[] {
    return rules.map((definition) => {
      const options = { deadLetterQueue: targets.deadLetters, ...targetRetry };
      const target =
        'function' in definition.target
          ? new LambdaFunction(lookup(targets.functions, definition.target.function, 'function'), options)
          : new SqsQueue(lookup(targets.queues, definition.target.queue, 'queue'), options);
      return new Rule(this, `Rule-${definition.name}`, {
        ruleName: ruleName(this.tenantId, definition.name),
        description: definition.description,
        eventBus: this.bus,
        eventPattern: toEventPattern(definition.pattern),
        targets: [target],
      });
    });
  }

  /** Each schedule puts its contract's event on the bus, in the tenant's time zone. */
  addSchedules(
    schedules: readonly ScheduleDefinition[],
    options: { timezone: string; deadLetters: IQueue },
  ): Schedule[] {
    const group = this.scheduleGroup;
    return schedules.map((definition) => {
      const { contract, detail } = definition.event;
      // A schedule whose detail breaks its own contract fails here, not at 3 a.m.
      contract.schema.parse(detail);
      return new Schedule(this, `Schedule-${definition.name}`, {
        scheduleName: scheduleName(this.tenantId, definition.name),
        description: definition.description,
        scheduleGroup: group,
        schedule: ScheduleExpression.expression(definition.expression, TimeZone.of(options.timezone)),
        target: new EventBridgePutEvents(
          {
            eventBus: this.bus,
            source: contract.source,
            detailType: contract.detailType,
            detail: ScheduleTargetInput.fromObject(detail),
          },
          { deadLetterQueue: options.deadLetters, ...targetRetry, role: this.schedulerRole },
        ),
      });
    });
  }
}

const lookup = <T>(map: ReadonlyMap<string, T>, name: string, kind: string): T => {
  const value = map.get(name);
  if (value === undefined) throw new Error(`events/rules.ts targets unknown ${kind} "${name}"`);
  return value;
};
