// The local EventBridge and Scheduler over HTTP, through the real AWS SDK clients: PutEvents
// reaching a rule's target, partial failures, the read APIs, error shapes, schedules created,
// updated and deleted through @aws-sdk/client-scheduler firing after the clock is moved
// through the control endpoint.
import {
  DescribeEventBusCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ListScheduleGroupsCommand,
  ListSchedulesCommand,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../clock.ts';
import { type BusEvent, LocalEventBridge } from './event-bus.ts';
import { wallTime } from './schedule-expression.ts';
import { LocalScheduler } from './scheduler.ts';
import { type BusServer, startBusServer } from './server.ts';

const region = 'eu-central-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const roleArn = 'arn:aws:iam::000000000000:role/scheduler';
const hour = 3_600_000;

let clock: Clock;
let bus: LocalEventBridge;
let scheduler: LocalScheduler;
let server: BusServer;
let events: EventBridgeClient;
let schedules: SchedulerClient;
const welcomed: BusEvent[] = [];
const reminders: unknown[] = [];

beforeAll(async () => {
  clock = new Clock();
  bus = new LocalEventBridge({ clock, region, retryBaseDelayMs: 5 });
  bus.createEventBus('crm-demo');
  bus.putRule({
    eventBusName: 'crm-demo',
    name: 'crm-demo-welcome-new-user',
    pattern: { source: ['crm.users'], 'detail-type': ['user.created.v1'] },
    target: { kind: 'function', id: 'welcome-user', invoke: async (event) => void welcomed.push(event) },
  });
  scheduler = new LocalScheduler({
    clock,
    bus,
    retryBaseDelayMs: 5,
    resolveFunction: (arn) =>
      arn.endsWith(':function:crm-demo-task-reminder')
        ? async (payload) => void reminders.push(payload)
        : undefined,
  });
  server = await startBusServer({ bus, scheduler, port: 0 });
  events = new EventBridgeClient({ endpoint: server.url, region, credentials });
  schedules = new SchedulerClient({ endpoint: server.url, region, credentials });
});

afterAll(async () => {
  events?.destroy();
  schedules?.destroy();
  scheduler?.stop();
  await server?.stop();
});

/** An at() expression `ms` ahead of the clock, in `timeZone`. */
const atAhead = (ms: number, timeZone: string): string =>
  `at(${new Date(wallTime(clock.nowMs() + ms, timeZone)).toISOString().slice(0, 19)})`;

const moveClock = async (advanceMs: number) => {
  const response = await fetch(`${server.url}/_local/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs }),
  });
  expect(response.status).toBe(200);
  await scheduler.drain({ timeoutMs: 10_000 });
};

describe('EventBridge API', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('PutEvents reaches the rule target; invalid entries fail one by one', async () => {
    const before = welcomed.length;
    const result = await events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'crm-demo',
            Source: 'crm.users',
            DetailType: 'user.created.v1',
            Detail: '{"userId":"u1"}',
          },
          {
            EventBusName: 'crm-demo',
            Source: 'crm.users',
            DetailType: 'user.created.v1',
            Detail: 'not json',
          },
          { EventBusName: 'crm-missing', Source: 'crm.users', DetailType: 'user.created.v1', Detail: '{}' },
          {
            EventBusName: 'crm-demo',
            Source: 'crm.users',
            DetailType: 'user.updated.v1',
            Detail: '{"userId":"u1"}',
          },
        ],
      }),
    );
    expect(result.FailedEntryCount).toBe(2);
    expect(result.Entries?.map((e) => e.ErrorCode ?? 'ok')).toEqual([
      'ok',
      'MalformedDetail',
      'ResourceNotFoundException',
      'ok',
    ]);
    await bus.drain({ timeoutMs: 5000 });
    expect(welcomed.length - before).toBe(1);
    expect(welcomed.at(-1)).toMatchObject({
      id: result.Entries?.[0]?.EventId,
      detail: { userId: 'u1' },
      region,
    });
  });

  it('PutEvents keeps the entry Time the SDK sends', async () => {
    const seen: BusEvent[] = [];
    const unsubscribe = bus.subscribe(
      'crm-demo',
      { source: ['crm.timed'] },
      (event) => void seen.push(event),
    );
    await events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'crm-demo',
            Source: 'crm.timed',
            DetailType: 't.t.v1',
            Detail: '{}',
            Time: new Date('2026-05-05T05:05:05Z'),
          },
        ],
      }),
    );
    await bus.drain();
    unsubscribe();
    expect(seen.map((e) => e.time)).toEqual(['2026-05-05T05:05:05Z']);
  });

  it('DescribeEventBus and ListEventBuses', async () => {
    const described = await events.send(new DescribeEventBusCommand({ Name: 'crm-demo' }));
    expect(described.Name).toBe('crm-demo');
    expect(described.Arn).toBe(`arn:aws:events:${region}:000000000000:event-bus/crm-demo`);
    expect(described.CreationTime).toBeInstanceOf(Date);
    const listed = await events.send(new ListEventBusesCommand({ NamePrefix: 'crm-' }));
    expect(listed.EventBuses?.map((b) => b.Name)).toEqual(['crm-demo']);
  });

  it('ListRules, DescribeRule and ListTargetsByRule', async () => {
    const rules = await events.send(new ListRulesCommand({ EventBusName: 'crm-demo' }));
    expect(rules.Rules?.map((r) => r.Name)).toEqual(['crm-demo-welcome-new-user']);
    const rule = await events.send(
      new DescribeRuleCommand({ EventBusName: 'crm-demo', Name: 'crm-demo-welcome-new-user' }),
    );
    expect(JSON.parse(rule.EventPattern ?? '{}')).toEqual({
      source: ['crm.users'],
      'detail-type': ['user.created.v1'],
    });
    expect(rule.State).toBe('ENABLED');
    const targets = await events.send(
      new ListTargetsByRuleCommand({ EventBusName: 'crm-demo', Rule: 'crm-demo-welcome-new-user' }),
    );
    expect(targets.Targets).toEqual([
      { Id: 'welcome-user', Arn: `arn:aws:lambda:${region}:000000000000:function:welcome-user` },
    ]);
  });

  it('TestEventPattern uses the same matcher and validation', async () => {
    const event = JSON.stringify({ source: 'crm.users', detail: { plan: 'pro', seats: 12 } });
    const yes = await events.send(
      new TestEventPatternCommand({
        EventPattern: JSON.stringify({ detail: { seats: [{ numeric: ['>', 10] }] } }),
        Event: event,
      }),
    );
    const no = await events.send(
      new TestEventPatternCommand({
        EventPattern: JSON.stringify({ detail: { plan: ['free'] } }),
        Event: event,
      }),
    );
    expect([yes.Result, no.Result]).toEqual([true, false]);
    await expect(
      events.send(new TestEventPatternCommand({ EventPattern: '{"source":"x"}', Event: event })),
    ).rejects.toMatchObject({
      name: 'InvalidEventPatternException',
      message: expect.stringContaining('"source" must be an object or an array'),
    });
  });

  it('answers AWS-shaped errors: ResourceNotFoundException, UnknownOperationException', async () => {
    const error = await events
      .send(new DescribeEventBusCommand({ Name: 'crm-nobody' }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Event bus crm-nobody does not exist.',
    });
    expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSEvents.Frobnicate', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });
});

describe('Scheduler API', () => {
  it('creates, reads and lists schedule groups; a duplicate is a ConflictException', async () => {
    const created = await schedules.send(new CreateScheduleGroupCommand({ Name: 'crm-demo' }));
    expect(created.ScheduleGroupArn).toBe(`arn:aws:scheduler:${region}:000000000000:schedule-group/crm-demo`);
    const group = await schedules.send(new GetScheduleGroupCommand({ Name: 'crm-demo' }));
    expect(group).toMatchObject({ Name: 'crm-demo', State: 'ACTIVE' });
    expect(group.CreationDate).toBeInstanceOf(Date);
    const groups = await schedules.send(new ListScheduleGroupsCommand({ NamePrefix: 'crm-' }));
    expect(groups.ScheduleGroups?.map((g) => g.Name)).toEqual(['crm-demo']);
    await expect(schedules.send(new CreateScheduleGroupCommand({ Name: 'crm-demo' }))).rejects.toMatchObject({
      name: 'ConflictException',
      $metadata: { httpStatusCode: 409 },
    });
  });

  it('a one-off at() schedule puts its event on the bus once the clock is moved past it, then deletes itself', async () => {
    const before = welcomed.length;
    const expression = atAhead(2 * 24 * hour, 'Europe/Moscow');
    await schedules.send(
      new CreateScheduleCommand({
        Name: 'crm-demo-welcome-later',
        GroupName: 'crm-demo',
        ScheduleExpression: expression,
        ScheduleExpressionTimezone: 'Europe/Moscow',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: `arn:aws:events:${region}:000000000000:event-bus/crm-demo`,
          RoleArn: roleArn,
          Input: '{"userId":"u-later"}',
          EventBridgeParameters: { Source: 'crm.users', DetailType: 'user.created.v1' },
          RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 600 },
        },
      }),
    );
    const got = await schedules.send(
      new GetScheduleCommand({ Name: 'crm-demo-welcome-later', GroupName: 'crm-demo' }),
    );
    expect(got).toMatchObject({
      Name: 'crm-demo-welcome-later',
      GroupName: 'crm-demo',
      ScheduleExpression: expression,
      ScheduleExpressionTimezone: 'Europe/Moscow',
      State: 'ENABLED',
      ActionAfterCompletion: 'DELETE',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Input: '{"userId":"u-later"}',
        EventBridgeParameters: { Source: 'crm.users', DetailType: 'user.created.v1' },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 600 },
      },
    });
    await moveClock(24 * hour);
    expect(welcomed.length).toBe(before);
    await moveClock(24 * hour + 60_000);
    expect(welcomed.length).toBe(before + 1);
    expect(welcomed.at(-1)).toMatchObject({ source: 'crm.users', detail: { userId: 'u-later' } });
    await expect(
      schedules.send(new GetScheduleCommand({ Name: 'crm-demo-welcome-later', GroupName: 'crm-demo' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('a Lambda target is called through resolveFunction with the Input', async () => {
    await schedules.send(
      new CreateScheduleCommand({
        Name: 'crm-demo-task-reminder-t1',
        GroupName: 'crm-demo',
        ScheduleExpression: atAhead(hour, 'UTC'),
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: `arn:aws:lambda:${region}:000000000000:function:crm-demo-task-reminder`,
          RoleArn: roleArn,
          Input: '{"taskId":"t1"}',
        },
      }),
    );
    await moveClock(hour + 60_000);
    expect(reminders).toEqual([{ taskId: 't1' }]);
  });

  it('UpdateSchedule replaces the schedule; ListSchedules filters; DeleteSchedule removes it', async () => {
    const target = {
      Arn: `arn:aws:events:${region}:000000000000:event-bus/crm-demo`,
      RoleArn: roleArn,
      EventBridgeParameters: { Source: 'crm.scheduler', DetailType: 'scheduler.heartbeat.v1' },
    };
    await schedules.send(
      new CreateScheduleCommand({
        Name: 'crm-demo-heartbeat',
        GroupName: 'crm-demo',
        ScheduleExpression: 'rate(5 minutes)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'DISABLED',
        Target: target,
      }),
    );
    const startDate = new Date(Math.ceil((clock.nowMs() + 24 * hour) / 1000) * 1000);
    await schedules.send(
      new UpdateScheduleCommand({
        Name: 'crm-demo-heartbeat',
        GroupName: 'crm-demo',
        ScheduleExpression: 'cron(0 9 ? * MON-FRI *)',
        ScheduleExpressionTimezone: 'Europe/Moscow',
        StartDate: startDate,
        Description: 'weekday mornings',
        FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
        Target: target,
      }),
    );
    const got = await schedules.send(
      new GetScheduleCommand({ Name: 'crm-demo-heartbeat', GroupName: 'crm-demo' }),
    );
    expect(got).toMatchObject({
      ScheduleExpression: 'cron(0 9 ? * MON-FRI *)',
      State: 'ENABLED',
      Description: 'weekday mornings',
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
    });
    expect(got.StartDate?.toISOString()).toBe(startDate.toISOString());
    const listed = await schedules.send(
      new ListSchedulesCommand({ GroupName: 'crm-demo', NamePrefix: 'crm-demo-heart' }),
    );
    expect(listed.Schedules?.map((s) => [s.Name, s.State, s.Target?.Arn])).toEqual([
      ['crm-demo-heartbeat', 'ENABLED', target.Arn],
    ]);
    await schedules.send(new DeleteScheduleCommand({ Name: 'crm-demo-heartbeat', GroupName: 'crm-demo' }));
    const after = await schedules.send(
      new ListSchedulesCommand({ GroupName: 'crm-demo', NamePrefix: 'crm-demo-heart' }),
    );
    expect(after.Schedules).toEqual([]);
    await expect(
      schedules.send(new DeleteScheduleCommand({ Name: 'crm-demo-heartbeat', GroupName: 'crm-demo' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('answers ValidationException with the reason, ConflictException for a duplicate name', async () => {
    const base = {
      GroupName: 'crm-demo',
      FlexibleTimeWindow: { Mode: 'OFF' as const },
      Target: {
        Arn: `arn:aws:lambda:${region}:000000000000:function:crm-demo-task-reminder`,
        RoleArn: roleArn,
      },
    };
    await expect(
      schedules.send(
        new CreateScheduleCommand({ ...base, Name: 'bad-cron', ScheduleExpression: 'cron(0 9 * * MON *)' }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Invalid Schedule Expression cron(0 9 * * MON *)'),
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      schedules.send(
        new CreateScheduleCommand({
          ...base,
          Name: 'bad-zone',
          ScheduleExpression: 'rate(1 day)',
          ScheduleExpressionTimezone: 'Europe/Atlantis',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException', message: 'Invalid time zone: Europe/Atlantis' });
    await expect(
      schedules.send(
        new CreateScheduleCommand({
          ...base,
          Name: 'no-params',
          ScheduleExpression: 'rate(1 day)',
          Target: { Arn: `arn:aws:events:${region}:000000000000:event-bus/crm-demo`, RoleArn: roleArn },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('EventBridgeParameters'),
    });
    await schedules.send(
      new CreateScheduleCommand({
        ...base,
        Name: 'twice',
        ScheduleExpression: 'rate(1 day)',
        State: 'DISABLED',
      }),
    );
    await expect(
      schedules.send(
        new CreateScheduleCommand({ ...base, Name: 'twice', ScheduleExpression: 'rate(1 day)' }),
      ),
    ).rejects.toMatchObject({ name: 'ConflictException', message: 'Schedule twice already exists.' });
    await expect(
      schedules.send(
        new CreateScheduleCommand({
          ...base,
          GroupName: 'crm-ghost',
          Name: 'x',
          ScheduleExpression: 'rate(1 day)',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Schedule group crm-ghost does not exist.',
    });
  });
});

describe('clock control endpoint', () => {
  it('reports the clock and refuses to move it backwards', async () => {
    const got = (await (await fetch(`${server.url}/_local/clock`)).json()) as {
      now: string;
      offsetMs: number;
    };
    expect(got.offsetMs).toBe(clock.offsetMs);
    expect(Math.abs(Date.parse(got.now) - clock.nowMs())).toBeLessThan(5000);
    const back = await fetch(`${server.url}/_local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ set: '2000-01-01T00:00:00Z' }),
    });
    expect(back.status).toBe(400);
    expect(await back.json()).toMatchObject({
      __type: 'ValidationException',
      message: expect.stringContaining('only moves forward'),
    });
  });
});
