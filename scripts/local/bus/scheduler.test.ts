// The local scheduler in-process: clock jumps fire every missed occurrence exactly once and
// in order, put-events and function targets, one-off at() with ActionAfterCompletion,
// StartDate/EndDate, DISABLED, retries and the dead-letter path, validation errors, and the
// real-time timer.
import { afterEach, describe, expect, it } from 'vitest';
import { Clock } from '../clock.ts';
import { TargetError } from './delivery.ts';
import { type BusEvent, LocalEventBridge } from './event-bus.ts';
import { LocalScheduler, type ScheduleDeadLetterInfo, type ScheduleInvocation } from './scheduler.ts';

const dayMs = 86_400_000;
const start = Date.parse('2026-01-01T00:00:00Z');
const schedulers: LocalScheduler[] = [];

const setup = (realNow: () => number = () => start) => {
  const clock = new Clock({ realNow });
  const bus = new LocalEventBridge({ clock, retryBaseDelayMs: 2, onError: () => {} });
  bus.createEventBus('crm-demo');
  const scheduler = new LocalScheduler({ clock, bus, retryBaseDelayMs: 2, onError: () => {} });
  scheduler.ensureScheduleGroup('crm-demo');
  schedulers.push(scheduler);
  return { clock, bus, scheduler };
};

afterEach(() => {
  for (const scheduler of schedulers.splice(0)) scheduler.stop();
});

const recorder = () => {
  const calls: { name: string; at: string; payload: unknown }[] = [];
  const target = (id: string) => ({
    kind: 'function' as const,
    id,
    invoke: async (payload: unknown, invocation: ScheduleInvocation) =>
      void calls.push({ name: invocation.name, at: invocation.scheduledTime.toISOString(), payload }),
  });
  return { calls, target };
};

describe('firing on clock jumps', () => {
  it('a rate(1 day) schedule moved 3 days fires 3 times, in order, each once', async () => {
    const { clock, scheduler } = setup();
    const { calls, target } = recorder();
    scheduler.createSchedule({
      groupName: 'crm-demo',
      name: 'daily',
      expression: 'rate(1 day)',
      target: target('daily'),
    });
    await scheduler.drain();
    // Without a StartDate, a rate schedule starts at once.
    expect(calls.map((c) => c.at)).toEqual(['2026-01-01T00:00:00.000Z']);
    clock.advance(3 * dayMs);
    await scheduler.drain();
    expect(calls.map((c) => c.at)).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-02T00:00:00.000Z',
      '2026-01-03T00:00:00.000Z',
      '2026-01-04T00:00:00.000Z',
    ]);
    clock.advance(dayMs - 1);
    await scheduler.drain();
    expect(calls).toHaveLength(4);
    clock.advance(1);
    await scheduler.drain();
    expect(calls).toHaveLength(5);
  });

  it('day by day over a month fires a daily cron exactly once per day', async () => {
    const { clock, scheduler } = setup();
    const { calls, target } = recorder();
    scheduler.createSchedule({
      groupName: 'crm-demo',
      name: 'scan',
      expression: 'cron(0 6 * * ? *)',
      timezone: 'Europe/Moscow',
      target: target('scan'),
    });
    for (let day = 0; day < 31; day++) {
      clock.advance(dayMs);
      await scheduler.drain();
    }
    expect(calls).toHaveLength(31);
    expect(new Set(calls.map((c) => c.at)).size).toBe(31);
    expect(calls[0]?.at).toBe('2026-01-01T03:00:00.000Z');
    expect(calls[30]?.at).toBe('2026-01-31T03:00:00.000Z');
  });

  it('interleaves occurrences of several schedules chronologically', async () => {
    const { clock, scheduler } = setup();
    const { calls, target } = recorder();
    scheduler.createSchedule({
      groupName: 'crm-demo',
      name: 'morning',
      expression: 'cron(0 8 * * ? *)',
      target: target('morning'),
    });
    scheduler.createSchedule({
      groupName: 'crm-demo',
      name: 'noon',
      expression: 'cron(0 12 * * ? *)',
      target: target('noon'),
    });
    clock.advance(2 * dayMs);
    await scheduler.drain();
    expect(calls.map((c) => `${c.name}@${c.at.slice(5, 13)}`)).toEqual([
      'morning@01-01T08',
      'noon@01-01T12',
      'morning@01-02T08',
      'noon@01-02T12',
    ]);
  });
});

describe('targets', () => {
  it('a put-events target puts the detail on the bus with the occurrence time; rules deliver it', async () => {
    const { clock, bus, scheduler } = setup();
    const delivered: BusEvent[] = [];
    bus.putRule({
      eventBusName: 'crm-demo',
      name: 'crm-demo-record-heartbeat',
      pattern: { source: ['crm.scheduler'], 'detail-type': ['scheduler.heartbeat.v1'] },
      target: {
        kind: 'function',
        id: 'record-heartbeat',
        invoke: async (event) => void delivered.push(event),
      },
    });
    scheduler.createSchedule({
      groupName: 'crm-demo',
      name: 'crm-demo-heartbeat',
      expression: 'rate(5 minutes)',
      timezone: 'Europe/Moscow',
      startDate: new Date(start + 60_000),
      target: {
        kind: 'put-events',
        eventBusName: 'crm-demo',
        source: 'crm.scheduler',
        detailType: 'scheduler.heartbeat.v1',
        detail: { schedule: 'heartbeat' },
      },
    });
    clock.advance(11 * 60_000);
    await scheduler.drain();
    expect(delivered.map((e) => e.time)).toEqual([
      '2026-01-01T00:01:00Z',
      '2026-01-01T00:06:00Z',
      '2026-01-01T00:11:00Z',
    ]);
    expect(delivered[0]).toMatchObject({
      source: 'crm.scheduler',
      'detail-type': 'scheduler.heartbeat.v1',
      detail: { schedule: 'heartbeat' },
    });
  });

  it('a function target gets its Input parsed as JSON', async () => {
    const { clock, scheduler } = setup();
    const { calls, target } = recorder();
    scheduler.createSchedule({
      groupName: 'crm-demo',
      name: 'remind',
      expression: 'at(2026-01-01T10:00:00)',
      timezone: 'Europe/Moscow',
      target: { ...target('remind'), input: '{"taskId":"t1"}' },
    });
    clock.advance(7 * 3_600_000);
    await scheduler.drain();
    expect(calls).toEqual([{ name: 'remind', at: '2026-01-01T07:00:00.000Z', payload: { taskId: 't1' } }]);
  });
});

describe('one-off, bounded and disabled schedules', () => {
  it('at() fires once; DELETE removes the schedule afterwards, NONE keeps it with no next run', async () => {
    const { clock, scheduler } = setup();
    const { calls, target } = recorder();
    scheduler.createSchedule({
      groupName: 'crm-demo',
      name: 'once-delete',
      expression: 'at(2026-01-02T09:00:00)',
      actionAfterCompletion: 'DELETE',
      target: target('a'),
    });
    scheduler.createSchedule({
      groupName: 'crm-demo',
      name: 'once-keep',
      expression: 'at(2026-01-02T09:00:00)',
      target: target('b'),
    });
    expect(scheduler.getSchedule('crm-demo', 'once-delete').nextInvocation?.toISOString()).toBe(
      '2026-01-02T09:00:00.000Z',
    );
    clock.advance(5 * dayMs);
    await scheduler.drain();
    expect(calls.map((c) => c.name)).toEqual(['once-delete', 'once-keep']);
    expect(() => scheduler.getSchedule('crm-demo', 'once-delete')).toThrow(
      expect.objectContaining({ type: 'ResourceNotFoundException' }),
    );
    expect(scheduler.getSchedule('crm-demo', 'once-keep').nextInvocation).toBeUndefined();
  });

  it('an at() already in the past when created fires at once', async () => {
    const { scheduler } = setup();
    const { calls, target } = recorder();
    scheduler.createSchedule({
      groupName: 'crm-demo',
      name: 'late',
      expression: 'at(2025-12-31T23:00:00)',
      target: target('late'),
    });
    await scheduler.drain();
    expect(calls.map((c) => c.at)).toEqual(['2025-12-31T23:00:00.000Z']);
  });

  it('fires only from StartDate and before EndDate', async () => {
    const { clock, scheduler } = setup();
    const { calls, target } = recorder();
    scheduler.createSchedule({
      groupName: 'crm-demo',
      name: 'window',
      expression: 'cron(0 12 * * ? *)',
      startDate: new Date('2026-01-03T00:00:00Z'),
      endDate: new Date('2026-01-05T12:00:00Z'),
      target: target('window'),
    });
    clock.advance(10 * dayMs);
    await scheduler.drain();
    expect(calls.map((c) => c.at)).toEqual(['2026-01-03T12:00:00.000Z', '2026-01-04T12:00:00.000Z']);
  });

  it('DISABLED never fires; enabling fires only occurrences after the update', async () => {
    const { clock, scheduler } = setup();
    const { calls, target } = recorder();
    const definition = {
      groupName: 'crm-demo',
      name: 'paused',
      expression: 'cron(0 12 * * ? *)',
      target: target('paused'),
    };
    scheduler.createSchedule({ ...definition, state: 'DISABLED' });
    clock.advance(3 * dayMs);
    await scheduler.drain();
    expect(calls).toHaveLength(0);
    scheduler.updateSchedule({ ...definition, state: 'ENABLED' });
    clock.advance(dayMs);
    await scheduler.drain();
    expect(calls.map((c) => c.at)).toEqual(['2026-01-04T12:00:00.000Z']);
  });

  it('a deleted schedule stops firing', async () => {
    const { clock, scheduler } = setup();
    const { calls, target } = recorder();
    scheduler.createSchedule({
      groupName: 'crm-demo',
      name: 'gone',
      expression: 'cron(0 12 * * ? *)',
      target: target('gone'),
    });
    scheduler.deleteSchedule('crm-demo', 'gone');
    clock.advance(3 * dayMs);
    await scheduler.drain();
    expect(calls).toHaveLength(0);
  });
});

describe('retries and dead letters', () => {
  it('retries a failing function target, then calls the dead-letter handler with AWS attributes', async () => {
    const { clock, scheduler } = setup();
    let attempts = 0;
    const deadLetters: { invocation: ScheduleInvocation; info: ScheduleDeadLetterInfo }[] = [];
    const schedule = scheduler.createSchedule({
      groupName: 'crm-demo',
      name: 'broken',
      expression: 'at(2026-01-01T01:00:00)',
      target: {
        kind: 'function',
        id: 'broken',
        invoke: async () => {
          attempts++;
          throw new TargetError('INTERNAL_ERROR', 'boom');
        },
      },
      retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 60 },
      deadLetterArn: 'arn:aws:sqs:eu-central-1:000000000000:crm-demo-bus-dlq',
      deadLetter: async (invocation, info) => void deadLetters.push({ invocation, info }),
    });
    clock.advance(dayMs);
    await scheduler.drain({ timeoutMs: 5000 });
    expect(attempts).toBe(3);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]?.invocation.scheduledTime.toISOString()).toBe('2026-01-01T01:00:00.000Z');
    expect(deadLetters[0]?.info).toMatchObject({
      deadLetterArn: 'arn:aws:sqs:eu-central-1:000000000000:crm-demo-bus-dlq',
      attributes: {
        ERROR_CODE: 'INTERNAL_ERROR',
        ERROR_MESSAGE: 'boom',
        EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts',
        RETRY_ATTEMPTS: '2',
        SCHEDULE_ARN: schedule.arn,
        TARGET_ARN: 'arn:aws:lambda:eu-central-1:000000000000:function:broken',
      },
    });
  });

  it('a put-events target on a missing bus ends on the dead-letter path with the PutEvents error', async () => {
    const { clock, scheduler } = setup();
    const failures: ScheduleDeadLetterInfo[] = [];
    scheduler.createSchedule({
      groupName: 'crm-demo',
      name: 'nowhere',
      expression: 'at(2026-01-01T01:00:00)',
      target: { kind: 'put-events', eventBusName: 'crm-nobody', source: 's', detailType: 'd' },
      retryPolicy: { maximumRetryAttempts: 1, maximumEventAgeSeconds: 60 },
      deadLetter: async (_invocation, info) => void failures.push(info),
    });
    clock.advance(dayMs);
    await scheduler.drain({ timeoutMs: 5000 });
    expect(failures.map((f) => [f.errorCode, f.errorMessage])).toEqual([
      ['ResourceNotFoundException', 'Event bus crm-nobody does not exist.'],
    ]);
  });
});

describe('validation', () => {
  it('rejects bad expressions, time zones, names and duplicates with AWS error types', () => {
    const { scheduler } = setup();
    const target = { kind: 'function' as const, id: 'x', invoke: async () => {} };
    const base = { groupName: 'crm-demo', name: 'n', target };
    expect(() => scheduler.createSchedule({ ...base, expression: 'cron(0 10 * * MON *)' })).toThrow(
      expect.objectContaining({
        type: 'ValidationException',
        message: expect.stringContaining('one of them must be "?"'),
      }),
    );
    expect(() =>
      scheduler.createSchedule({ ...base, expression: 'rate(5 minutes)', timezone: 'Mars/Olympus' }),
    ).toThrow(
      expect.objectContaining({ type: 'ValidationException', message: 'Invalid time zone: Mars/Olympus' }),
    );
    expect(() =>
      scheduler.createSchedule({ ...base, name: 'bad name', expression: 'rate(5 minutes)' }),
    ).toThrow(expect.objectContaining({ type: 'ValidationException' }));
    expect(() =>
      scheduler.createSchedule({ ...base, groupName: 'nope', expression: 'rate(5 minutes)' }),
    ).toThrow(
      expect.objectContaining({
        type: 'ResourceNotFoundException',
        message: 'Schedule group nope does not exist.',
      }),
    );
    scheduler.createSchedule({ ...base, expression: 'rate(5 minutes)' });
    expect(() => scheduler.createSchedule({ ...base, expression: 'rate(5 minutes)' })).toThrow(
      expect.objectContaining({ type: 'ConflictException', status: 409 }),
    );
    expect(() => scheduler.createScheduleGroup('crm-demo')).toThrow(
      expect.objectContaining({ type: 'ConflictException' }),
    );
    expect(scheduler.listSchedules({ groupName: 'crm-demo' }).map((s) => s.name)).toEqual(['n']);
  });
});

describe('real time', () => {
  it('fires when real time reaches the occurrence, without moving the clock', async () => {
    const { scheduler } = setup(Date.now);
    const { calls, target } = recorder();
    const due = new Date(Math.ceil((Date.now() + 200) / 1000) * 1000);
    const wall = due.toISOString().slice(0, 19);
    scheduler.createSchedule({
      groupName: 'crm-demo',
      name: 'soon',
      expression: `at(${wall})`,
      target: target('soon'),
    });
    expect(calls).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, due.getTime() - Date.now() + 100));
    await scheduler.drain();
    expect(calls.map((c) => c.at)).toEqual([due.toISOString()]);
  });
});
