// The local bus in-process: PutEvents semantics (per-entry errors, the envelope, delivery
// after the call returns), rule routing, retries with backoff and the dead-letter path with
// fault-injecting targets, subscriptions and drain().
import { describe, expect, it } from 'vitest';
import { Clock } from '../clock.ts';
import { TargetError } from './delivery.ts';
import {
  BusApiError,
  type BusEvent,
  type DeadLetterInfo,
  LocalEventBridge,
  maxEntrySizeBytes,
} from './event-bus.ts';

const now = Date.parse('2026-03-01T09:30:15.250Z');

const setup = (retryBaseDelayMs = 5) => {
  const clock = new Clock({ realNow: () => now });
  const errors: string[] = [];
  const bus = new LocalEventBridge({
    clock,
    region: 'eu-central-1',
    accountId: '123456789012',
    retryBaseDelayMs,
    onError: (message) => errors.push(message),
  });
  bus.createEventBus('crm-demo');
  return { clock, bus, errors };
};

const userCreated = (detail: Record<string, unknown> = { userId: 'u1' }, bus = 'crm-demo') => ({
  EventBusName: bus,
  Source: 'crm.users',
  DetailType: 'user.created.v1',
  Detail: JSON.stringify(detail),
});

const welcomePattern = { source: ['crm.users'], 'detail-type': ['user.created.v1'] };

describe('putEvents', () => {
  it('delivers the AWS envelope to a matching function target after the call returns', async () => {
    const { bus } = setup();
    const received: BusEvent[] = [];
    bus.putRule({
      eventBusName: 'crm-demo',
      name: 'crm-demo-welcome-new-user',
      pattern: welcomePattern,
      target: { kind: 'function', id: 'welcome-user', invoke: async (event) => void received.push(event) },
    });
    const result = bus.putEvents([{ ...userCreated(), Resources: ['arn:aws:cognito:x'] }]);
    expect(received).toHaveLength(0);
    expect(result.FailedEntryCount).toBe(0);
    await bus.drain();
    expect(received).toHaveLength(1);
    const [event] = received;
    expect(event).toEqual({
      version: '0',
      id: (result.Entries[0] as { EventId: string }).EventId,
      'detail-type': 'user.created.v1',
      source: 'crm.users',
      account: '123456789012',
      time: '2026-03-01T09:30:15Z',
      region: 'eu-central-1',
      resources: ['arn:aws:cognito:x'],
      detail: { userId: 'u1' },
    });
    expect(event?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sends a queue target the event as JSON text, as EventBridge writes it to SQS', async () => {
    const { bus } = setup();
    const bodies: string[] = [];
    bus.putRule({
      eventBusName: 'crm-demo',
      name: 'email-notifications',
      pattern: { source: ['crm.notifications'], detail: { email: [true] } },
      target: { kind: 'queue', id: 'notification-emails', send: async (body) => void bodies.push(body) },
    });
    bus.putEvents([
      {
        EventBusName: 'crm-demo',
        Source: 'crm.notifications',
        DetailType: 'notification.created.v1',
        Detail: '{"email":true}',
      },
      {
        EventBusName: 'crm-demo',
        Source: 'crm.notifications',
        DetailType: 'notification.created.v1',
        Detail: '{"email":false}',
      },
    ]);
    await bus.drain();
    expect(bodies).toHaveLength(1);
    expect(JSON.parse(bodies[0] as string)).toMatchObject({
      source: 'crm.notifications',
      detail: { email: true },
    });
  });

  it('reports invalid entries one by one and still accepts the valid ones', async () => {
    const { bus } = setup();
    let delivered = 0;
    bus.putRule({
      eventBusName: 'crm-demo',
      name: 'all-users',
      pattern: { source: ['crm.users'] },
      target: { kind: 'function', id: 'count', invoke: async () => void delivered++ },
    });
    const result = bus.putEvents([
      userCreated(),
      { EventBusName: 'crm-demo', DetailType: 'x.y.v1', Detail: '{}' },
      { EventBusName: 'crm-demo', Source: 'crm.users', Detail: '{}' },
      { EventBusName: 'crm-demo', Source: 'crm.users', DetailType: 'x.y.v1' },
      { ...userCreated(), Detail: '{"broken":' },
      { ...userCreated(), Detail: '[1,2]' },
      userCreated({}, 'crm-nobody'),
      { ...userCreated(), Detail: JSON.stringify({ blob: 'x'.repeat(maxEntrySizeBytes) }) },
      userCreated({ userId: 'u2' }),
    ]);
    expect(result.FailedEntryCount).toBe(7);
    expect(result.Entries.map((e) => ('ErrorCode' in e ? e.ErrorCode : 'ok'))).toEqual([
      'ok',
      'InvalidArgument',
      'InvalidArgument',
      'InvalidArgument',
      'MalformedDetail',
      'MalformedDetail',
      'ResourceNotFoundException',
      'InvalidArgument',
      'ok',
    ]);
    expect(result.Entries[1]).toMatchObject({ ErrorMessage: expect.stringContaining('Source') });
    expect(result.Entries[6]).toMatchObject({ ErrorMessage: 'Event bus crm-nobody does not exist.' });
    expect(result.Entries[7]).toMatchObject({ ErrorMessage: expect.stringContaining('limit') });
    await bus.drain();
    expect(delivered).toBe(2);
  });

  it('fails the whole call for no entries or more than ten', () => {
    const { bus } = setup();
    expect(() => bus.putEvents([])).toThrow(BusApiError);
    expect(() => bus.putEvents(Array.from({ length: 11 }, () => userCreated()))).toThrow('between 1 and 10');
  });

  it('routes only to enabled rules of the same bus whose pattern matches; accepts a bus ARN and a Time', async () => {
    const { bus } = setup();
    bus.createEventBus('crm-other');
    const calls: string[] = [];
    const target = (id: string) => ({
      kind: 'function' as const,
      id,
      invoke: async () => void calls.push(id),
    });
    bus.putRule({
      eventBusName: 'crm-demo',
      name: 'match',
      pattern: welcomePattern,
      target: target('match'),
    });
    bus.putRule({
      eventBusName: 'crm-demo',
      name: 'other-type',
      pattern: { 'detail-type': ['user.updated.v1'] },
      target: target('other-type'),
    });
    bus.putRule({
      eventBusName: 'crm-demo',
      name: 'disabled',
      pattern: welcomePattern,
      state: 'DISABLED',
      target: target('disabled'),
    });
    bus.putRule({
      eventBusName: 'crm-other',
      name: 'other-bus',
      pattern: welcomePattern,
      target: target('other-bus'),
    });
    const seen: BusEvent[] = [];
    bus.subscribe('crm-demo', welcomePattern, (event) => void seen.push(event));
    bus.putEvents([
      { ...userCreated(), EventBusName: bus.busArn('crm-demo'), Time: new Date('2026-01-02T03:04:05.678Z') },
    ]);
    await bus.drain();
    expect(calls).toEqual(['match']);
    expect(seen[0]?.time).toBe('2026-01-02T03:04:05Z');
  });

  it('drain() also waits for events that handlers publish', async () => {
    const { bus } = setup();
    const order: string[] = [];
    bus.putRule({
      eventBusName: 'crm-demo',
      name: 'first',
      pattern: welcomePattern,
      target: {
        kind: 'function',
        id: 'first',
        invoke: async () => {
          await new Promise((resolve) => setTimeout(resolve, 10));
          order.push('first');
          bus.putEvents([
            {
              EventBusName: 'crm-demo',
              Source: 'crm.notifications',
              DetailType: 'notification.created.v1',
              Detail: '{}',
            },
          ]);
        },
      },
    });
    bus.putRule({
      eventBusName: 'crm-demo',
      name: 'second',
      pattern: { source: ['crm.notifications'] },
      target: { kind: 'function', id: 'second', invoke: async () => void order.push('second') },
    });
    bus.putEvents([userCreated()]);
    await bus.drain({ timeoutMs: 5000 });
    expect(order).toEqual(['first', 'second']);
    expect(bus.inFlight).toBe(0);
  });

  it('subscribe() returns an unsubscribe function and ignores non-matching events', async () => {
    const { bus } = setup();
    const seen: string[] = [];
    const unsubscribe = bus.subscribe(
      'crm-demo',
      { detail: { userId: ['u1'] } },
      (event) => void seen.push(event.detail.userId as string),
    );
    bus.putEvents([userCreated({ userId: 'u1' }), userCreated({ userId: 'u2' })]);
    await bus.drain();
    unsubscribe();
    bus.putEvents([userCreated({ userId: 'u1' })]);
    await bus.drain();
    expect(seen).toEqual(['u1']);
  });
});

describe('retries and the dead-letter path', () => {
  const failing = (failures: number, error: () => Error = () => new Error('handler crashed')) => {
    const attempts: number[] = [];
    return {
      attempts,
      invoke: async () => {
        attempts.push(performance.now());
        if (attempts.length <= failures) throw error();
      },
    };
  };

  it('retries with exponential backoff until the target succeeds', async () => {
    const { bus } = setup(20);
    const target = failing(2);
    const deadLetters: DeadLetterInfo[] = [];
    bus.putRule({
      eventBusName: 'crm-demo',
      name: 'flaky',
      pattern: welcomePattern,
      target: { kind: 'function', id: 'flaky', invoke: target.invoke },
      retryPolicy: { maximumRetryAttempts: 5, maximumEventAgeSeconds: 60 },
      deadLetter: async (_event, info) => void deadLetters.push(info),
    });
    bus.putEvents([userCreated()]);
    await bus.drain({ timeoutMs: 5000 });
    expect(target.attempts).toHaveLength(3);
    const [a, b, c] = target.attempts as [number, number, number];
    expect(b - a).toBeGreaterThanOrEqual(19);
    expect(c - b).toBeGreaterThanOrEqual(39);
    expect(deadLetters).toEqual([]);
  });

  it('after maximumRetryAttempts, hands the event to the dead-letter callback with AWS attributes', async () => {
    const { bus } = setup();
    const target = failing(Number.POSITIVE_INFINITY, () => new TargetError('THROTTLING', 'slow down'));
    const deadLetters: { event: BusEvent; info: DeadLetterInfo }[] = [];
    const rule = bus.putRule({
      eventBusName: 'crm-demo',
      name: 'crm-demo-welcome-new-user',
      pattern: welcomePattern,
      target: { kind: 'function', id: 'welcome-user', invoke: target.invoke },
      retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 3600 },
      deadLetter: async (event, info) => void deadLetters.push({ event, info }),
    });
    const result = bus.putEvents([userCreated()]);
    await bus.drain({ timeoutMs: 5000 });
    expect(target.attempts).toHaveLength(3);
    expect(deadLetters).toHaveLength(1);
    const [{ event, info }] = deadLetters as [{ event: BusEvent; info: DeadLetterInfo }];
    expect(event.id).toBe((result.Entries[0] as { EventId: string }).EventId);
    expect(rule.Arn).toBe('arn:aws:events:eu-central-1:123456789012:rule/crm-demo/crm-demo-welcome-new-user');
    expect(info.attributes).toEqual({
      ERROR_CODE: 'THROTTLING',
      ERROR_MESSAGE: 'slow down',
      EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts',
      RETRY_ATTEMPTS: '2',
      RULE_ARN: rule.Arn,
      TARGET_ARN: 'arn:aws:lambda:eu-central-1:123456789012:function:welcome-user',
    });
  });

  it('gives up when the event is older than maximumEventAgeSeconds', async () => {
    const { bus } = setup(10);
    const target = failing(Number.POSITIVE_INFINITY);
    const deadLetters: DeadLetterInfo[] = [];
    bus.putRule({
      eventBusName: 'crm-demo',
      name: 'aging',
      pattern: welcomePattern,
      target: { kind: 'queue', id: 'notification-emails', send: target.invoke },
      retryPolicy: { maximumRetryAttempts: 100, maximumEventAgeSeconds: 0.1 },
      deadLetter: async (_event, info) => void deadLetters.push(info),
    });
    bus.putEvents([userCreated()]);
    await bus.drain({ timeoutMs: 5000 });
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]).toMatchObject({
      exhaustedRetryCondition: 'MaximumEventAgeInSeconds',
      errorCode: 'SDK_CLIENT_ERROR',
      errorMessage: 'handler crashed',
      targetArn: 'arn:aws:sqs:eu-central-1:123456789012:notification-emails',
    });
    expect(target.attempts.length).toBeGreaterThan(1);
    expect(target.attempts.length).toBeLessThan(101);
  });

  it('drops the event (and reports it) when the rule has no dead-letter callback', async () => {
    const { bus, errors } = setup();
    bus.putRule({
      eventBusName: 'crm-demo',
      name: 'no-dlq',
      pattern: welcomePattern,
      target: { kind: 'function', id: 'broken', invoke: failing(Number.POSITIVE_INFINITY).invoke },
      retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeSeconds: 60 },
    });
    bus.putEvents([userCreated()]);
    await bus.drain();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('dropped event');
  });
});

describe('buses and rules', () => {
  it('createEventBus is idempotent; default always exists; unknown buses are ResourceNotFoundException', () => {
    const { bus } = setup();
    bus.createEventBus('crm-demo');
    expect(bus.listEventBuses().map((b) => b.Name)).toEqual(['crm-demo', 'default']);
    expect(bus.describeEventBus('crm-demo').Arn).toBe(
      'arn:aws:events:eu-central-1:123456789012:event-bus/crm-demo',
    );
    expect(() => bus.describeEventBus('crm-nobody')).toThrow(
      expect.objectContaining({ type: 'ResourceNotFoundException' }),
    );
  });

  it('putRule validates the pattern like PutRule and lists rules by prefix', () => {
    const { bus } = setup();
    const target = { kind: 'function' as const, id: 'x', invoke: async () => {} };
    expect(() =>
      bus.putRule({ eventBusName: 'crm-demo', name: 'bad', pattern: { source: 'crm.users' }, target }),
    ).toThrow(
      expect.objectContaining({
        type: 'InvalidEventPatternException',
        message: expect.stringContaining('"source" must be an object or an array'),
      }),
    );
    expect(() =>
      bus.putRule({ eventBusName: 'crm-nobody', name: 'r', pattern: welcomePattern, target }),
    ).toThrow(expect.objectContaining({ type: 'ResourceNotFoundException' }));
    bus.putRule({ eventBusName: 'crm-demo', name: 'crm-demo-b', pattern: welcomePattern, target });
    bus.putRule({
      eventBusName: 'crm-demo',
      name: 'crm-demo-a',
      pattern: welcomePattern,
      target,
      description: 'first',
    });
    bus.putRule({ eventBusName: 'crm-demo', name: 'other', pattern: welcomePattern, target });
    expect(bus.listRules('crm-demo', 'crm-demo-').map((r) => r.Name)).toEqual(['crm-demo-a', 'crm-demo-b']);
    expect(bus.describeRule('crm-demo', 'crm-demo-a')).toMatchObject({
      Description: 'first',
      State: 'ENABLED',
      EventPattern: JSON.stringify(welcomePattern),
      EventBusName: 'crm-demo',
    });
    bus.deleteRule('crm-demo', 'other');
    expect(() => bus.describeRule('crm-demo', 'other')).toThrow(
      'Rule other does not exist on EventBus crm-demo.',
    );
  });
});
