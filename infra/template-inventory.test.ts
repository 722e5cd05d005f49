// inventory() on the synthesized demo stack: it must name, from the template alone, every
// route, index, queue, rule, schedule and event source the shared definitions declare.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workQueues } from '../events/queues.ts';
import { retryPolicy, rules } from '../events/rules.ts';
import { schedules } from '../events/schedules.ts';
import { type FunctionDefinition, functions } from '../functions/catalog.ts';
import { table } from '../functions/domain/table.ts';
import { allQueueNames } from '../functions/lib/function-environment.ts';
import {
  busName,
  deadLetterQueueName,
  functionName,
  queueName,
  ruleName,
  scheduleGroupName,
  scheduleName,
  tableName,
} from '../functions/lib/resource-names.ts';
import { type Inventory, inventory } from './template-inventory.ts';
import { type Synthesized, synthTenant } from './test-support.ts';

let s: Synthesized;
let inv: Inventory;
beforeAll(() => {
  // The template's shape does not depend on the bundles: skip esbuild here.
  s = synthTenant({ bundle: false });
  inv = inventory(s.template.toJSON());
}, 120_000);
afterAll(() => s?.cleanup());

const catalog = Object.entries(functions) as [string, FunctionDefinition][];
const id = () => s.tenant.id;

describe('inventory of the demo stack', () => {
  it('lists every route with its authorizer and function', () => {
    const expected = catalog
      .flatMap(([name, d]) =>
        (d.routes ?? []).map((r) => ({
          routeKey: `${r.method} ${r.path}`,
          authorizationType: r.public ? 'NONE' : 'JWT',
          hasAuthorizer: !r.public,
          function: functionName(id(), name),
        })),
      )
      .sort((a, b) => a.routeKey.localeCompare(b.routeKey));
    expect(inv.routes).toEqual(expected);
  });

  it('lists the table and its GSIs', () => {
    expect(inv.tables).toEqual([
      {
        name: tableName(id()),
        globalSecondaryIndexes: table.globalSecondaryIndexes.map((g) => g.indexName).sort(),
      },
    ]);
  });

  it('lists every queue, with the DLQ each work queue redrives to', () => {
    expect(inv.queues.map((q) => q.name).sort()).toEqual(
      allQueueNames()
        .map((q) => queueName(id(), q))
        .sort(),
    );
    for (const q of workQueues) {
      expect(inv.queues.find((e) => e.name === queueName(id(), q.name))).toEqual({
        name: queueName(id(), q.name),
        deadLetterQueue: deadLetterQueueName(id(), q.name),
        maxReceiveCount: q.maxReceiveCount,
      });
    }
  });

  it('lists every rule of events/rules.ts on the tenant bus, with pattern, target, DLQ and retries', () => {
    for (const rule of rules) {
      const target =
        'function' in rule.target
          ? { kind: 'function', name: functionName(id(), rule.target.function) }
          : { kind: 'queue', name: queueName(id(), rule.target.queue) };
      expect(inv.rules.find((r) => r.name === ruleName(id(), rule.name))).toEqual({
        name: ruleName(id(), rule.name),
        eventBus: busName(id()),
        pattern: rule.pattern,
        targets: [
          {
            ...target,
            deadLetterQueue: queueName(id(), 'bus-dlq'),
            retryPolicy: {
              maximumRetryAttempts: retryPolicy.maximumRetryAttempts,
              maximumEventAgeSeconds: retryPolicy.maximumEventAgeSeconds,
            },
          },
        ],
      });
    }
  });

  it('shows the SES forwarder as the only rule outside the tenant bus', () => {
    const others = inv.rules.filter((r) => r.eventBus !== busName(id()));
    expect(others.map((r) => [r.name, r.eventBus, r.targets.map((t) => `${t.kind}:${t.name}`)])).toEqual([
      [ruleName(id(), 'ses-events'), 'default', [`bus:${busName(id())}`]],
    ]);
    expect(inv.rules).toHaveLength(rules.length + 1);
  });

  it('lists every schedule with its expression, time zone and event', () => {
    expect(inv.schedules).toEqual(
      schedules.map((d) => ({
        name: scheduleName(id(), d.name),
        group: scheduleGroupName(id()),
        expression: d.expression,
        timezone: s.tenant.timezone,
        target: {
          kind: 'bus',
          name: busName(id()),
          deadLetterQueue: queueName(id(), 'bus-dlq'),
          retryPolicy: {
            maximumRetryAttempts: retryPolicy.maximumRetryAttempts,
            maximumEventAgeSeconds: retryPolicy.maximumEventAgeSeconds,
          },
          source: d.event.contract.source,
          detailType: d.event.contract.detailType,
          input: d.event.detail,
        },
      })),
    );
  });

  it('lists the queue and stream consumers', () => {
    const expected = catalog
      .flatMap(([name, d]) => [
        ...(d.queue
          ? [
              {
                function: functionName(id(), name),
                source: { kind: 'queue', name: queueName(id(), d.queue.name) },
                batchSize: d.queue.batchSize,
              },
            ]
          : []),
        ...(d.stream
          ? [
              {
                function: functionName(id(), name),
                source: { kind: 'table-stream', name: tableName(id()) },
                batchSize: d.stream.batchSize,
              },
            ]
          : []),
      ])
      .sort((a, b) => a.function.localeCompare(b.function));
    expect(inv.eventSourceMappings).toEqual(expected);
  });
});

describe('inventory on hand-written templates', () => {
  it('resolves a Ref or a GetAtt to the named resource', () => {
    const result = inventory({
      Resources: {
        Dlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'q-dlq' } },
        Q: {
          Type: 'AWS::SQS::Queue',
          Properties: {
            QueueName: 'q',
            RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] }, maxReceiveCount: 3 },
          },
        },
      },
    });
    expect(result.queues).toEqual([
      { name: 'q', deadLetterQueue: 'q-dlq', maxReceiveCount: 3 },
      { name: 'q-dlq' },
    ]);
  });

  it('refuses a name that is not a literal, naming the resource', () => {
    expect(() =>
      inventory({
        Resources: {
          T: {
            Type: 'AWS::DynamoDB::Table',
            Properties: { TableName: { 'Fn::Join': ['', ['x-', { Ref: 'AWS::Region' }]] } },
          },
        },
      }),
    ).toThrow(/table T/);
    expect(() =>
      inventory({
        Resources: {
          Q: {
            Type: 'AWS::SQS::Queue',
            Properties: {
              QueueName: 'q',
              RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Gone', 'Arn'] } },
            },
          },
        },
      }),
    ).toThrow(/queue Q redrive: no resource "Gone"/);
  });

  it('is empty for a template without resources', () => {
    expect(inventory({})).toEqual({
      routes: [],
      tables: [],
      queues: [],
      rules: [],
      schedules: [],
      eventSourceMappings: [],
    });
  });
});
