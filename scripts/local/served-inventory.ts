// What the local runtime really serves for a tenant, in the shape of the CDK template's
// inventory (infra/template-inventory.ts): asked of the running emulators and local bus
// through their APIs (DescribeTable, ListQueues, ListRules, ListSchedules…), not read
// from the definitions, so that comparing the two proves the local wiring.
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetScheduleCommand, ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { GetQueueAttributesCommand, ListQueuesCommand } from '@aws-sdk/client-sqs';
import * as names from '../../functions/lib/resource-names.ts';
import type { Inventory, RuleTargetEntry, TargetKind } from '../../infra/template-inventory.ts';
import { localClients, localCredentials } from './aws-clients.ts';
import type { LocalRuntime } from './runtime.ts';

const lastSegment = (arn: string): string => arn.split(/[:/]/).at(-1) ?? arn;

const kindOf = (arn: string): TargetKind => {
  const service = arn.split(':')[2];
  if (service === 'lambda') return 'function';
  if (service === 'sqs') return 'queue';
  return 'bus';
};

type AwsTarget = {
  Arn?: string;
  DeadLetterConfig?: { Arn?: string };
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
};

const targetEntry = (t: AwsTarget): RuleTargetEntry => ({
  kind: kindOf(t.Arn ?? ''),
  name: lastSegment(t.Arn ?? ''),
  ...(t.DeadLetterConfig?.Arn ? { deadLetterQueue: lastSegment(t.DeadLetterConfig.Arn) } : {}),
  ...(t.RetryPolicy
    ? {
        retryPolicy: {
          ...(t.RetryPolicy.MaximumRetryAttempts !== undefined
            ? { maximumRetryAttempts: t.RetryPolicy.MaximumRetryAttempts }
            : {}),
          ...(t.RetryPolicy.MaximumEventAgeInSeconds !== undefined
            ? { maximumEventAgeSeconds: t.RetryPolicy.MaximumEventAgeInSeconds }
            : {}),
        },
      }
    : {}),
});

export const servedInventory = async (runtime: LocalRuntime, tenantId: string): Promise<Inventory> => {
  const tenant = runtime.tenant(tenantId);
  const region = tenant.tenant.region;
  const clients = localClients(runtime.endpoints, region);
  const base = { region, credentials: localCredentials, endpoint: runtime.endpoints.bus };
  const events = new EventBridgeClient(base);
  const scheduler = new SchedulerClient(base);

  const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: tenant.tableName }));

  const { QueueUrls = [] } = await clients.sqs.send(
    new ListQueuesCommand({ QueueNamePrefix: `crm-${tenantId}-` }),
  );
  const queues = await Promise.all(
    QueueUrls.map(async (url) => {
      const { Attributes } = await clients.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn', 'RedrivePolicy'] }),
      );
      const redrive = Attributes?.RedrivePolicy ? JSON.parse(Attributes.RedrivePolicy) : undefined;
      return {
        name: lastSegment(Attributes?.QueueArn ?? url),
        ...(redrive
          ? {
              deadLetterQueue: lastSegment(redrive.deadLetterTargetArn),
              maxReceiveCount: Number(redrive.maxReceiveCount),
            }
          : {}),
      };
    }),
  );

  const { Rules = [] } = await events.send(new ListRulesCommand({ EventBusName: tenant.busName }));
  const rules = await Promise.all(
    Rules.map(async (rule) => {
      const { Targets = [] } = await events.send(
        new ListTargetsByRuleCommand({ Rule: rule.Name, EventBusName: tenant.busName }),
      );
      return {
        name: rule.Name ?? '',
        eventBus: rule.EventBusName ?? tenant.busName,
        pattern: JSON.parse(rule.EventPattern ?? '{}'),
        targets: Targets.map(targetEntry),
      };
    }),
  );

  const group = names.scheduleGroupName(tenantId);
  const { Schedules = [] } = await scheduler.send(new ListSchedulesCommand({ GroupName: group }));
  const schedules = await Promise.all(
    Schedules.map(async ({ Name }) => {
      const s = await scheduler.send(new GetScheduleCommand({ Name, GroupName: group }));
      const target = s.Target;
      return {
        name: s.Name ?? '',
        group: s.GroupName ?? group,
        expression: s.ScheduleExpression ?? '',
        ...(s.ScheduleExpressionTimezone ? { timezone: s.ScheduleExpressionTimezone } : {}),
        target: {
          ...targetEntry((target ?? {}) as AwsTarget),
          ...(target?.EventBridgeParameters?.Source ? { source: target.EventBridgeParameters.Source } : {}),
          ...(target?.EventBridgeParameters?.DetailType
            ? { detailType: target.EventBridgeParameters.DetailType }
            : {}),
          ...(target?.Input ? { input: JSON.parse(target.Input) } : {}),
        },
      };
    }),
  );

  return {
    routes: tenant.routes.map((r) => ({
      routeKey: r.routeKey,
      authorizationType: r.route.public ? 'NONE' : 'JWT',
      hasAuthorizer: !r.route.public,
      function: names.functionName(tenantId, r.functionName),
    })),
    tables: [
      {
        name: Table?.TableName ?? '',
        globalSecondaryIndexes: (Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName ?? ''),
      },
    ],
    queues,
    rules,
    schedules,
    eventSourceMappings: tenant.eventSources.map((e) => ({ ...e, source: { ...e.source } })),
  };
};
