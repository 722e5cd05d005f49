// The local EventBridge Scheduler: schedules in groups, `rate`/`cron`/`at` expressions in
// an IANA time zone, StartDate/EndDate, ENABLED/DISABLED, ActionAfterCompletion DELETE, and
// targets that put an event on a local bus or call a function, with a retry policy and a
// dead-letter callback. It is driven by the clock: a timer fires occurrences as real time
// passes, and a forward jump of the clock fires every occurrence inside the jumped interval,
// in chronological order across all schedules, each exactly once.
//
// API:
//   new LocalScheduler({ clock, bus, retryBaseDelayMs?, retryMaxDelayMs?, resolveFunction?, deadLetter?, onError? })
//   createScheduleGroup(name) (ConflictException if it exists) / ensureScheduleGroup(name) (idempotent)
//   getScheduleGroup(name) / listScheduleGroups(namePrefix?) / deleteScheduleGroup(name)
//   createSchedule(definition) / updateSchedule(definition) / getSchedule(group, name)
//   deleteSchedule(group, name) / listSchedules({ groupName?, namePrefix?, state? })
//   start() is implicit; stop() clears the timer and the clock listener.
//   drain({ timeoutMs? }) waits for every invocation (and the bus deliveries it caused).
// Deliberate local choices: an at() whose time has already passed when it is created fires
// at once (AWS's behaviour for past one-time schedules is not documented); the flexible
// time window is accepted and stored but occurrences fire at their exact time, so tests are
// deterministic; a put-events target's event carries the occurrence's scheduled time.
import type { Clock } from '../clock.ts';
import {
  type BackoffOptions,
  type DeliveryFailure,
  defaultBackoff,
  defaultRetryPolicy,
  deliverWithRetry,
  InFlight,
  type RetryPolicy,
  TargetError,
  validateRetryPolicy,
  withTimeout,
} from './delivery.ts';
import { BusApiError, type LocalEventBridge } from './event-bus.ts';
import {
  isValidTimeZone,
  nextOccurrence,
  parseScheduleExpression,
  type ScheduleExpression,
  ScheduleExpressionError,
} from './schedule-expression.ts';

export type ScheduleState = 'ENABLED' | 'DISABLED';
export type ActionAfterCompletion = 'NONE' | 'DELETE';
export type FlexibleTimeWindow =
  | { readonly mode: 'OFF' }
  | { readonly mode: 'FLEXIBLE'; readonly maximumWindowInMinutes: number };

/** Put one event on a bus of the local EventBridge, the Input being the detail. */
export type PutEventsScheduleTarget = {
  readonly kind: 'put-events';
  readonly eventBusName: string;
  readonly source: string;
  readonly detailType: string;
  /** The event's detail; serialised as the target's Input. */
  readonly detail?: Record<string, unknown>;
  /** The raw Input, when the schedule came in over the API. Wins over `detail`. */
  readonly input?: string;
};

/** Call a function with the Input (parsed as JSON when it is JSON), as Lambda would receive it. */
export type FunctionScheduleTarget = {
  readonly kind: 'function';
  readonly id: string;
  readonly arn?: string;
  readonly input?: string;
  readonly invoke: (payload: unknown, invocation: ScheduleInvocation) => Promise<void>;
};

export type ScheduleTarget = PutEventsScheduleTarget | FunctionScheduleTarget;

/** One firing of a schedule. */
export type ScheduleInvocation = {
  readonly scheduleArn: string;
  readonly groupName: string;
  readonly name: string;
  readonly targetArn: string;
  /** When the occurrence was due. */
  readonly scheduledTime: Date;
  readonly input: string | undefined;
};

export type ScheduleDeadLetterInfo = DeliveryFailure & {
  readonly scheduleArn: string;
  readonly targetArn: string;
  /** The schedule's DeadLetterConfig ARN (an SQS queue), when it has one. */
  readonly deadLetterArn: string | undefined;
  /** As AWS writes them on the DLQ message: ERROR_CODE, ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION, RETRY_ATTEMPTS, SCHEDULE_ARN, TARGET_ARN. */
  readonly attributes: Readonly<Record<string, string>>;
};

export type ScheduleDeadLetterHandler = (
  invocation: ScheduleInvocation,
  failure: ScheduleDeadLetterInfo,
) => Promise<void>;

export type ScheduleDefinition = {
  readonly groupName?: string;
  readonly name: string;
  readonly expression: string;
  /** IANA time zone the expression is read in; default UTC. */
  readonly timezone?: string;
  readonly startDate?: Date;
  readonly endDate?: Date;
  readonly state?: ScheduleState;
  readonly description?: string;
  readonly actionAfterCompletion?: ActionAfterCompletion;
  readonly flexibleTimeWindow?: FlexibleTimeWindow;
  readonly target: ScheduleTarget;
  /** Defaults to AWS's: 185 retries within 24 hours. */
  readonly retryPolicy?: RetryPolicy;
  /** Falls back to the scheduler's `deadLetter`, then to dropping the invocation. */
  readonly deadLetter?: ScheduleDeadLetterHandler;
  /** The DeadLetterConfig ARN shown by GetSchedule, when the schedule came over the API. */
  readonly deadLetterArn?: string;
  /** The target's RoleArn shown by GetSchedule. */
  readonly roleArn?: string;
};

export type Schedule = ScheduleDefinition & {
  readonly groupName: string;
  readonly timezone: string;
  readonly state: ScheduleState;
  readonly actionAfterCompletion: ActionAfterCompletion;
  readonly flexibleTimeWindow: FlexibleTimeWindow;
  readonly arn: string;
  readonly targetArn: string;
  readonly creationDate: Date;
  readonly lastModificationDate: Date;
  /** The next time it fires; undefined when it never will again (or is disabled). */
  readonly nextInvocation: Date | undefined;
};

export type ScheduleGroup = {
  readonly name: string;
  readonly arn: string;
  readonly state: 'ACTIVE';
  readonly creationDate: Date;
  readonly lastModificationDate: Date;
};

export type LocalSchedulerOptions = {
  readonly clock: Clock;
  readonly bus: LocalEventBridge;
  readonly retryBaseDelayMs?: number;
  readonly retryMaxDelayMs?: number;
  /** Maps a Lambda ARN given over the API to the function to call; undefined = unknown. */
  readonly resolveFunction?: (arn: string) => FunctionScheduleTarget['invoke'] | undefined;
  /** Dead-letter handler for schedules that have none of their own. */
  readonly deadLetter?: ScheduleDeadLetterHandler;
  readonly onError?: (message: string, error?: unknown) => void;
};

type Entry = {
  schedule: Omit<Schedule, 'nextInvocation'>;
  readonly expression: ScheduleExpression;
  /** Where a rate schedule counts from: its StartDate, else when it was stored. */
  readonly origin: number;
  /** Instant of the next occurrence, in clock milliseconds. */
  next: number | undefined;
};

const namePattern = /^[0-9a-zA-Z\-_.]{1,64}$/;
// setTimeout cannot wait longer than this (about 24.8 days); longer waits re-arm.
const maxTimerMs = 2 ** 31 - 1;

export class LocalScheduler {
  readonly clock: Clock;
  readonly bus: LocalEventBridge;
  readonly #backoff: BackoffOptions;
  readonly #resolveFunction: LocalSchedulerOptions['resolveFunction'];
  readonly #deadLetter: ScheduleDeadLetterHandler | undefined;
  readonly #onError: (message: string, error?: unknown) => void;
  readonly #groups = new Map<string, ScheduleGroup>();
  readonly #entries = new Map<string, Entry>();
  readonly #inFlight = new InFlight();
  readonly #unsubscribeClock: () => void;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #firing = false;

  constructor(options: LocalSchedulerOptions) {
    this.clock = options.clock;
    this.bus = options.bus;
    this.#backoff = {
      baseDelayMs: options.retryBaseDelayMs ?? defaultBackoff.baseDelayMs,
      maxDelayMs: options.retryMaxDelayMs ?? defaultBackoff.maxDelayMs,
    };
    this.#resolveFunction = options.resolveFunction;
    this.#deadLetter = options.deadLetter;
    this.#onError =
      options.onError ?? ((message, error) => console.error(`[local-scheduler] ${message}`, error ?? ''));
    this.ensureScheduleGroup('default');
    this.#unsubscribeClock = this.clock.onJump(() => this.#fireDue());
  }

  get region(): string {
    return this.bus.region;
  }

  get accountId(): string {
    return this.bus.accountId;
  }

  /** Resolves a Lambda ARN through the `resolveFunction` option (for the HTTP API). */
  resolveFunction(arn: string): FunctionScheduleTarget['invoke'] | undefined {
    return this.#resolveFunction?.(arn);
  }

  // --- groups ----------------------------------------------------------------------------

  createScheduleGroup(name: string): ScheduleGroup {
    if (this.#groups.has(name))
      throw new BusApiError('ConflictException', `Schedule group ${name} already exists.`, 409);
    return this.ensureScheduleGroup(name);
  }

  ensureScheduleGroup(name: string): ScheduleGroup {
    if (!namePattern.test(name))
      throw new BusApiError('ValidationException', `Invalid schedule group name: ${name}`);
    const existing = this.#groups.get(name);
    if (existing) return existing;
    const now = this.clock.now();
    const group: ScheduleGroup = {
      name,
      arn: `arn:aws:scheduler:${this.region}:${this.accountId}:schedule-group/${name}`,
      state: 'ACTIVE',
      creationDate: now,
      lastModificationDate: now,
    };
    this.#groups.set(name, group);
    return group;
  }

  getScheduleGroup(name: string): ScheduleGroup {
    const group = this.#groups.get(name);
    if (!group)
      throw new BusApiError('ResourceNotFoundException', `Schedule group ${name} does not exist.`, 404);
    return group;
  }

  listScheduleGroups(namePrefix = ''): ScheduleGroup[] {
    return [...this.#groups.values()]
      .filter((g) => g.name.startsWith(namePrefix))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Deletes the group and every schedule in it. */
  deleteScheduleGroup(name: string): void {
    if (name === 'default')
      throw new BusApiError('ValidationException', 'The default schedule group cannot be deleted.');
    this.getScheduleGroup(name);
    for (const [key, entry] of this.#entries) {
      if (entry.schedule.groupName === name) this.#entries.delete(key);
    }
    this.#groups.delete(name);
    this.#arm();
  }

  // --- schedules -------------------------------------------------------------------------

  createSchedule(definition: ScheduleDefinition): Schedule {
    const groupName = definition.groupName ?? 'default';
    this.getScheduleGroup(groupName);
    if (this.#entries.has(key(groupName, definition.name))) {
      throw new BusApiError('ConflictException', `Schedule ${definition.name} already exists.`, 409);
    }
    return this.#store(definition, undefined);
  }

  /** Replaces a schedule, as UpdateSchedule does (fields left out take their defaults). */
  updateSchedule(definition: ScheduleDefinition): Schedule {
    const groupName = definition.groupName ?? 'default';
    const existing = this.#entries.get(key(groupName, definition.name));
    if (!existing)
      throw new BusApiError('ResourceNotFoundException', `Schedule ${definition.name} does not exist.`, 404);
    return this.#store(definition, existing.schedule.creationDate);
  }

  getSchedule(groupName: string | undefined, name: string): Schedule {
    const entry = this.#entries.get(key(groupName ?? 'default', name));
    if (!entry) throw new BusApiError('ResourceNotFoundException', `Schedule ${name} does not exist.`, 404);
    return this.#view(entry);
  }

  deleteSchedule(groupName: string | undefined, name: string): void {
    const k = key(groupName ?? 'default', name);
    if (!this.#entries.delete(k))
      throw new BusApiError('ResourceNotFoundException', `Schedule ${name} does not exist.`, 404);
    this.#arm();
  }

  listSchedules(
    filter: {
      readonly groupName?: string;
      readonly namePrefix?: string;
      readonly state?: ScheduleState;
    } = {},
  ): Schedule[] {
    return [...this.#entries.values()]
      .filter(({ schedule: s }) => filter.groupName === undefined || s.groupName === filter.groupName)
      .filter(({ schedule: s }) => s.name.startsWith(filter.namePrefix ?? ''))
      .filter(({ schedule: s }) => filter.state === undefined || s.state === filter.state)
      .map((entry) => this.#view(entry))
      .sort((a, b) => `${a.groupName}/${a.name}`.localeCompare(`${b.groupName}/${b.name}`));
  }

  #store(definition: ScheduleDefinition, createdAt: Date | undefined): Schedule {
    const groupName = definition.groupName ?? 'default';
    this.getScheduleGroup(groupName);
    const validation = (message: string) => new BusApiError('ValidationException', message);
    if (!namePattern.test(definition.name)) throw validation(`Invalid schedule name: ${definition.name}`);
    const timezone = definition.timezone ?? 'UTC';
    if (!isValidTimeZone(timezone)) throw validation(`Invalid time zone: ${timezone}`);
    let expression: ScheduleExpression;
    try {
      expression = parseScheduleExpression(definition.expression);
    } catch (error) {
      if (error instanceof ScheduleExpressionError) throw validation(error.message);
      throw error;
    }
    if (definition.startDate && definition.endDate && definition.endDate <= definition.startDate) {
      throw validation('The EndDate must be after the StartDate.');
    }
    if (definition.retryPolicy) {
      try {
        validateRetryPolicy(definition.retryPolicy);
      } catch (error) {
        throw validation((error as Error).message);
      }
    }
    const { target } = definition;
    const targetArn =
      target.kind === 'put-events'
        ? this.bus.busArn(target.eventBusName)
        : (target.arn ?? `arn:aws:lambda:${this.region}:${this.accountId}:function:${target.id}`);
    const now = this.clock.now();
    const schedule: Entry['schedule'] = {
      ...definition,
      groupName,
      timezone,
      state: definition.state ?? 'ENABLED',
      actionAfterCompletion: definition.actionAfterCompletion ?? 'NONE',
      flexibleTimeWindow: definition.flexibleTimeWindow ?? { mode: 'OFF' },
      arn: `arn:aws:scheduler:${this.region}:${this.accountId}:schedule/${groupName}/${definition.name}`,
      targetArn,
      creationDate: createdAt ?? now,
      lastModificationDate: now,
    };
    const entry: Entry = {
      schedule,
      expression,
      origin: definition.startDate?.getTime() ?? now.getTime(),
      next: undefined,
    };
    entry.next = this.#firstOccurrence(entry, now.getTime());
    this.#entries.set(key(groupName, definition.name), entry);
    this.#arm();
    if (entry.next !== undefined && entry.next <= this.clock.nowMs()) queueMicrotask(() => this.#fireDue());
    return this.#view(entry);
  }

  #firstOccurrence(entry: Entry, nowMs: number): number | undefined {
    const { schedule, expression } = entry;
    if (schedule.state === 'DISABLED') return undefined;
    const startMs = schedule.startDate?.getTime();
    let first: number | undefined;
    if (expression.kind === 'rate') {
      // Without a StartDate a rate schedule starts at once; with one, it counts from it.
      first = nextOccurrence(expression, {
        afterMs: Math.max(nowMs, entry.origin) - 1,
        timeZone: schedule.timezone,
        startMs: entry.origin,
      });
    } else if (expression.kind === 'at') {
      first = nextOccurrence(expression, {
        afterMs: Number.NEGATIVE_INFINITY,
        timeZone: schedule.timezone,
        startMs: 0,
      });
      if (first !== undefined && startMs !== undefined && first < startMs) first = undefined;
    } else {
      const after = Math.max(nowMs, (startMs ?? nowMs) - 1);
      first = nextOccurrence(expression, { afterMs: after, timeZone: schedule.timezone, startMs: 0 });
    }
    return this.#beforeEnd(schedule, first);
  }

  #beforeEnd(schedule: Entry['schedule'], instant: number | undefined): number | undefined {
    if (instant === undefined) return undefined;
    if (schedule.endDate && instant >= schedule.endDate.getTime()) return undefined;
    return instant;
  }

  #view(entry: Entry): Schedule {
    return { ...entry.schedule, nextInvocation: entry.next === undefined ? undefined : new Date(entry.next) };
  }

  // --- firing ----------------------------------------------------------------------------

  /** Fires every due occurrence, earliest first across schedules, then re-arms the timer. */
  #fireDue(): void {
    if (this.#stopped || this.#firing) return;
    this.#firing = true;
    try {
      const nowMs = this.clock.nowMs();
      for (;;) {
        let due: Entry | undefined;
        for (const entry of this.#entries.values()) {
          if (entry.next !== undefined && entry.next <= nowMs && (!due || entry.next < (due.next as number)))
            due = entry;
        }
        if (!due) break;
        const occurrence = due.next as number;
        due.next = this.#beforeEnd(
          due.schedule,
          nextOccurrence(due.expression, {
            afterMs: occurrence,
            timeZone: due.schedule.timezone,
            startMs: due.origin,
          }),
        );
        this.#invoke(due.schedule, occurrence);
        if (due.next === undefined && due.schedule.actionAfterCompletion === 'DELETE') {
          this.#entries.delete(key(due.schedule.groupName, due.schedule.name));
        }
      }
    } finally {
      this.#firing = false;
    }
    this.#arm();
  }

  #arm(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#stopped) return;
    let earliest: number | undefined;
    for (const entry of this.#entries.values()) {
      if (entry.next !== undefined && (earliest === undefined || entry.next < earliest))
        earliest = entry.next;
    }
    if (earliest === undefined) return;
    const wait = Math.min(Math.max(earliest - this.clock.nowMs(), 0), maxTimerMs);
    this.#timer = setTimeout(() => this.#fireDue(), wait);
    this.#timer.unref();
  }

  #invoke(schedule: Entry['schedule'], occurrenceMs: number): void {
    const { target } = schedule;
    const input =
      target.input ?? (target.kind === 'put-events' ? JSON.stringify(target.detail ?? {}) : undefined);
    const invocation: ScheduleInvocation = {
      scheduleArn: schedule.arn,
      groupName: schedule.groupName,
      name: schedule.name,
      targetArn: schedule.targetArn,
      scheduledTime: new Date(occurrenceMs),
      input,
    };
    const attempt =
      target.kind === 'put-events'
        ? async () => {
            const result = this.bus.putEvents([
              {
                EventBusName: target.eventBusName,
                Source: target.source,
                DetailType: target.detailType,
                Detail: input,
                Time: invocation.scheduledTime,
              },
            ]);
            const [entry] = result.Entries;
            if (entry && 'ErrorCode' in entry) throw new TargetError(entry.ErrorCode, entry.ErrorMessage);
          }
        : async () => target.invoke(parseInput(input), invocation);
    const deadLetter = schedule.deadLetter ?? this.#deadLetter;
    const delivery = deliverWithRetry({
      attempt,
      retryPolicy: schedule.retryPolicy ?? defaultRetryPolicy,
      backoff: this.#backoff,
      onFailure: async (failure) => {
        const info: ScheduleDeadLetterInfo = {
          ...failure,
          scheduleArn: schedule.arn,
          targetArn: schedule.targetArn,
          deadLetterArn: schedule.deadLetterArn,
          attributes: {
            ERROR_CODE: failure.errorCode,
            ERROR_MESSAGE: failure.errorMessage,
            EXHAUSTED_RETRY_CONDITION: failure.exhaustedRetryCondition,
            RETRY_ATTEMPTS: String(failure.retryAttempts),
            SCHEDULE_ARN: schedule.arn,
            TARGET_ARN: schedule.targetArn,
          },
        };
        if (deadLetter) await deadLetter(invocation, info);
        else this.#onError(`dropped invocation of ${schedule.arn}: ${failure.errorMessage}`);
      },
      onDeadLetterError: (error) => this.#onError(`dead-letter callback of ${schedule.arn} failed`, error),
    });
    this.#inFlight.track(delivery);
  }

  /** Invocations still running (with their retries). */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Resolves once every invocation so far, and the bus deliveries they caused, settled. */
  drain(options: { readonly timeoutMs?: number } = {}): Promise<void> {
    const settle = async () => {
      do {
        await this.#inFlight.settle();
        await this.bus.drain();
      } while (this.#inFlight.size > 0 || this.bus.inFlight > 0);
    };
    return withTimeout(settle(), options.timeoutMs, 'scheduler.drain()');
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#unsubscribeClock();
  }
}

const key = (groupName: string, name: string): string => `${groupName}/${name}`;

const parseInput = (input: string | undefined): unknown => {
  if (input === undefined) return {};
  try {
    return JSON.parse(input);
  } catch {
    return input;
  }
};
