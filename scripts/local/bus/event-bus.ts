// The local EventBridge: named buses in one process (each tenant has `crm-<tenant>`), rules
// with one target each, and PutEvents with AWS's semantics. PutEvents validates each entry
// on its own and reports failures per entry (FailedEntryCount) rather than failing the
// call; accepted events get the envelope AWS delivers (version "0", id, detail-type, source,
// account, time, region, resources, detail) and are delivered after PutEvents returns, to
// every enabled rule whose pattern matches, with retries and a dead-letter callback.
//
// API (all names are AWS's where AWS has one):
//   new LocalEventBridge({ clock, region?, accountId?, retryBaseDelayMs?, retryMaxDelayMs?, onError? })
//   createEventBus(name)               idempotent; "default" always exists
//   describeEventBus(name) / listEventBuses(namePrefix?) / deleteEventBus(name)
//   putRule(definition)                create or replace a rule (validates the pattern)
//   describeRule(bus, name) / listRules(bus, namePrefix?) / deleteRule(bus, name)
//   putEvents(entries)                 1–10 AWS-shaped entries → { FailedEntryCount, Entries }
//   subscribe(bus, pattern, listener)  in-process observer; returns an unsubscribe function
//   drain({ timeoutMs? })              resolves when every delivery (retries included) settled
// Targets are callbacks: a function target's `invoke(event)` receives the event object; a
// queue target's `send(body)` receives the event as the JSON text EventBridge puts on SQS.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import {
  type BackoffOptions,
  type DeliveryFailure,
  defaultBackoff,
  defaultRetryPolicy,
  deliverWithRetry,
  InFlight,
  type RetryPolicy,
  validateRetryPolicy,
  withTimeout,
} from './delivery.ts';
import { type EventPattern, matches, validatePattern } from './event-pattern.ts';

/** An event as EventBridge delivers it to targets. */
export type BusEvent = {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Record<string, unknown>;
};

/** A PutEvents request entry, as the SDK sends it. */
export type PutEventsRequestEntry = {
  readonly Source?: string;
  readonly DetailType?: string;
  readonly Detail?: string;
  readonly EventBusName?: string;
  readonly Resources?: readonly string[];
  readonly Time?: Date | string | number;
  readonly TraceHeader?: string;
};

export type PutEventsResultEntry =
  | { readonly EventId: string }
  | { readonly ErrorCode: string; readonly ErrorMessage: string };

export type PutEventsResult = {
  readonly FailedEntryCount: number;
  readonly Entries: readonly PutEventsResultEntry[];
};

export type FunctionTarget = {
  readonly kind: 'function';
  /** The function's logical name, e.g. `welcome-user`. */
  readonly id: string;
  /** Defaults to a Lambda ARN built from the id. */
  readonly arn?: string;
  /** A rejection is a failed delivery and is retried. */
  readonly invoke: (event: BusEvent) => Promise<void>;
};

export type QueueTarget = {
  readonly kind: 'queue';
  readonly id: string;
  readonly arn?: string;
  /** Receives the event as EventBridge writes it to SQS: the JSON of the envelope. */
  readonly send: (messageBody: string) => Promise<void>;
};

export type RuleTarget = FunctionTarget | QueueTarget;

/** What AWS writes as message attributes on the DLQ message, plus the same in camelCase. */
export type DeadLetterInfo = DeliveryFailure & {
  readonly ruleArn: string;
  readonly targetArn: string;
  /** ERROR_CODE, ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION, RETRY_ATTEMPTS, RULE_ARN, TARGET_ARN. */
  readonly attributes: Readonly<Record<string, string>>;
};

export type DeadLetterHandler = (event: BusEvent, failure: DeadLetterInfo) => Promise<void>;

export type RuleState = 'ENABLED' | 'DISABLED';

export type RuleDefinition = {
  readonly eventBusName: string;
  readonly name: string;
  readonly pattern: EventPattern;
  readonly target: RuleTarget;
  readonly description?: string;
  readonly state?: RuleState;
  /** Defaults to AWS's: 185 retries within 24 hours. */
  readonly retryPolicy?: RetryPolicy;
  /** Without one, an event that exhausts its retries is dropped (reported through onError). */
  readonly deadLetter?: DeadLetterHandler;
  /** The SQS queue `deadLetter` writes to, reported as the target's DeadLetterConfig. */
  readonly deadLetterArn?: string;
};

export type RuleTargetDescription = {
  readonly Id: string;
  readonly Arn: string;
  readonly RetryPolicy?: { readonly MaximumRetryAttempts: number; readonly MaximumEventAgeInSeconds: number };
  readonly DeadLetterConfig?: { readonly Arn: string };
};

export type RuleDescription = {
  readonly Name: string;
  readonly Arn: string;
  readonly EventPattern: string;
  readonly State: RuleState;
  readonly Description?: string;
  readonly EventBusName: string;
};

export type EventBusDescription = {
  readonly Name: string;
  readonly Arn: string;
  readonly CreationTime: Date;
  readonly LastModifiedTime: Date;
};

type Rule = RuleDefinition & { readonly arn: string; readonly targetArn: string; readonly state: RuleState };

type Subscription = { readonly pattern: EventPattern; readonly listener: (event: BusEvent) => unknown };

type Bus = {
  readonly name: string;
  readonly arn: string;
  readonly createdAt: Date;
  readonly rules: Map<string, Rule>;
  readonly subscriptions: Set<Subscription>;
};

/** An API-level failure, carrying the AWS error type (`__type`) the HTTP layer returns. */
export class BusApiError extends Error {
  readonly type: string;
  readonly status: number;
  constructor(type: string, message: string, status = 400) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = status;
  }
}

export type LocalEventBridgeOptions = {
  readonly clock: Clock;
  readonly region?: string;
  readonly accountId?: string;
  /** Delay before the first retry of a failed delivery (default 1000 ms); doubles after. */
  readonly retryBaseDelayMs?: number;
  /** Cap of one retry delay (default 60 s). */
  readonly retryMaxDelayMs?: number;
  /** Errors nobody else hears about: dropped events, throwing listeners. Defaults to console.error. */
  readonly onError?: (message: string, error?: unknown) => void;
};

/** AWS's limit on one PutEvents entry, computed as AWS documents ("Calculating PutEvents event entry size"). */
export const maxEntrySizeBytes = 256 * 1024;

const busNamePattern = /^[/.\-_A-Za-z0-9]{1,256}$/;
const ruleNamePattern = /^[.\-_A-Za-z0-9]{1,64}$/;

export class LocalEventBridge {
  readonly clock: Clock;
  readonly region: string;
  readonly accountId: string;
  readonly #backoff: BackoffOptions;
  readonly #onError: (message: string, error?: unknown) => void;
  readonly #buses = new Map<string, Bus>();
  readonly #inFlight = new InFlight();

  constructor(options: LocalEventBridgeOptions) {
    this.clock = options.clock;
    this.region = options.region ?? 'eu-central-1';
    this.accountId = options.accountId ?? '000000000000';
    this.#backoff = {
      baseDelayMs: options.retryBaseDelayMs ?? defaultBackoff.baseDelayMs,
      maxDelayMs: options.retryMaxDelayMs ?? defaultBackoff.maxDelayMs,
    };
    this.#onError =
      options.onError ?? ((message, error) => console.error(`[local-bus] ${message}`, error ?? ''));
    this.createEventBus('default');
  }

  // --- buses ---------------------------------------------------------------------------

  busArn(name: string): string {
    return `arn:aws:events:${this.region}:${this.accountId}:event-bus/${name}`;
  }

  createEventBus(name: string): EventBusDescription {
    if (!busNamePattern.test(name))
      throw new BusApiError('ValidationException', `Invalid event bus name: ${name}`);
    if (!this.#buses.has(name)) {
      this.#buses.set(name, {
        name,
        arn: this.busArn(name),
        createdAt: this.clock.now(),
        rules: new Map(),
        subscriptions: new Set(),
      });
    }
    return this.describeEventBus(name);
  }

  describeEventBus(nameOrArn = 'default'): EventBusDescription {
    const bus = this.#bus(nameOrArn);
    return { Name: bus.name, Arn: bus.arn, CreationTime: bus.createdAt, LastModifiedTime: bus.createdAt };
  }

  listEventBuses(namePrefix = ''): EventBusDescription[] {
    return [...this.#buses.keys()]
      .filter((name) => name.startsWith(namePrefix))
      .sort()
      .map((name) => this.describeEventBus(name));
  }

  deleteEventBus(name: string): void {
    if (name === 'default') throw new BusApiError('ValidationException', 'Cannot delete event bus default.');
    this.#buses.delete(name);
  }

  hasEventBus(nameOrArn: string): boolean {
    return this.#buses.has(this.#busName(nameOrArn));
  }

  // --- rules -----------------------------------------------------------------------------

  /** Creates or replaces a rule. Throws InvalidEventPatternException for a bad pattern. */
  putRule(definition: RuleDefinition): RuleDescription {
    const bus = this.#bus(definition.eventBusName);
    if (!ruleNamePattern.test(definition.name)) {
      throw new BusApiError('ValidationException', `Invalid rule name: ${definition.name}`);
    }
    try {
      validatePattern(definition.pattern);
    } catch (error) {
      throw new BusApiError('InvalidEventPatternException', (error as Error).message);
    }
    if (definition.retryPolicy) validateRetryPolicy(definition.retryPolicy);
    const arn =
      bus.name === 'default'
        ? `arn:aws:events:${this.region}:${this.accountId}:rule/${definition.name}`
        : `arn:aws:events:${this.region}:${this.accountId}:rule/${bus.name}/${definition.name}`;
    const { target } = definition;
    const targetArn =
      target.arn ??
      (target.kind === 'function'
        ? `arn:aws:lambda:${this.region}:${this.accountId}:function:${target.id}`
        : `arn:aws:sqs:${this.region}:${this.accountId}:${target.id}`);
    bus.rules.set(definition.name, {
      ...definition,
      eventBusName: bus.name,
      arn,
      targetArn,
      state: definition.state ?? 'ENABLED',
    });
    return this.describeRule(bus.name, definition.name);
  }

  describeRule(eventBusName: string, name: string): RuleDescription {
    const bus = this.#bus(eventBusName);
    const rule = bus.rules.get(name);
    if (!rule)
      throw new BusApiError(
        'ResourceNotFoundException',
        `Rule ${name} does not exist on EventBus ${bus.name}.`,
      );
    return {
      Name: rule.name,
      Arn: rule.arn,
      EventPattern: JSON.stringify(rule.pattern),
      State: rule.state,
      ...(rule.description === undefined ? {} : { Description: rule.description }),
      EventBusName: bus.name,
    };
  }

  listRules(eventBusName: string, namePrefix = ''): RuleDescription[] {
    const bus = this.#bus(eventBusName);
    return [...bus.rules.keys()]
      .filter((name) => name.startsWith(namePrefix))
      .sort()
      .map((name) => this.describeRule(bus.name, name));
  }

  /** The rule's target as ListTargetsByRule shows it. */
  /** The rule's target as ListTargetsByRule describes it, with its retry policy and DLQ. */
  ruleTarget(eventBusName: string, name: string): RuleTargetDescription {
    this.describeRule(eventBusName, name);
    const rule = this.#bus(eventBusName).rules.get(name) as Rule;
    return {
      Id: rule.target.id,
      Arn: rule.targetArn,
      ...(rule.retryPolicy
        ? {
            RetryPolicy: {
              MaximumRetryAttempts: rule.retryPolicy.maximumRetryAttempts,
              MaximumEventAgeInSeconds: rule.retryPolicy.maximumEventAgeSeconds,
            },
          }
        : {}),
      ...(rule.deadLetterArn ? { DeadLetterConfig: { Arn: rule.deadLetterArn } } : {}),
    };
  }

  deleteRule(eventBusName: string, name: string): void {
    this.#bus(eventBusName).rules.delete(name);
  }

  // --- events ----------------------------------------------------------------------------

  /**
   * AWS's PutEvents: the call fails only for a malformed request (not 1–10 entries); each
   * entry is otherwise accepted or refused on its own. Deliveries start after it returns.
   */
  putEvents(entries: readonly PutEventsRequestEntry[]): PutEventsResult {
    if (!Array.isArray(entries) || entries.length < 1 || entries.length > 10) {
      throw new BusApiError(
        'ValidationException',
        `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and 10`,
      );
    }
    const results = entries.map((entry) => this.#acceptEntry(entry));
    return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
  }

  #acceptEntry(entry: PutEventsRequestEntry): PutEventsResultEntry {
    const invalid = (field: string): PutEventsResultEntry => ({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.`,
    });
    if (!entry || typeof entry !== 'object')
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Entry is not an object.' };
    if (typeof entry.Source !== 'string' || entry.Source === '') return invalid('Source');
    if (typeof entry.DetailType !== 'string' || entry.DetailType === '') return invalid('DetailType');
    if (typeof entry.Detail !== 'string' || entry.Detail === '') return invalid('Detail');
    const busName = this.#busName(entry.EventBusName ?? 'default');
    const bus = this.#buses.get(busName);
    if (!bus)
      return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${busName} does not exist.` };
    if (entrySize(entry) > maxEntrySizeBytes) {
      return {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: `Event entry size is over the ${maxEntrySizeBytes} bytes limit.`,
      };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail);
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    const time = entry.Time === undefined ? this.clock.now() : new Date(entry.Time);
    if (Number.isNaN(time.getTime()))
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Time is not valid.' };
    const event: BusEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: this.accountId,
      // EventBridge writes the time to the second, without milliseconds.
      time: `${time.toISOString().slice(0, 19)}Z`,
      region: this.region,
      resources: [...(entry.Resources ?? [])],
      detail: detail as Record<string, unknown>,
    };
    this.#dispatch(bus, event);
    return { EventId: event.id };
  }

  #dispatch(bus: Bus, event: BusEvent): void {
    for (const rule of bus.rules.values()) {
      if (rule.state === 'ENABLED' && matches(rule.pattern, event)) {
        this.#inFlight.track(this.#deliver(rule, event));
      }
    }
    for (const subscription of bus.subscriptions) {
      if (!matches(subscription.pattern, event)) continue;
      const notify = async () => {
        try {
          await subscription.listener(event);
        } catch (error) {
          this.#onError(`subscriber on ${bus.name} threw`, error);
        }
      };
      this.#inFlight.track(Promise.resolve().then(notify));
    }
  }

  async #deliver(rule: Rule, event: BusEvent): Promise<void> {
    // Yield first: PutEvents has returned before any target sees the event.
    await Promise.resolve();
    const { target } = rule;
    const attempt =
      target.kind === 'function' ? () => target.invoke(event) : () => target.send(JSON.stringify(event));
    await deliverWithRetry({
      attempt,
      retryPolicy: rule.retryPolicy ?? defaultRetryPolicy,
      backoff: this.#backoff,
      onFailure: async (failure) => {
        const info: DeadLetterInfo = {
          ...failure,
          ruleArn: rule.arn,
          targetArn: rule.targetArn,
          attributes: {
            ERROR_CODE: failure.errorCode,
            ERROR_MESSAGE: failure.errorMessage,
            EXHAUSTED_RETRY_CONDITION: failure.exhaustedRetryCondition,
            RETRY_ATTEMPTS: String(failure.retryAttempts),
            RULE_ARN: rule.arn,
            TARGET_ARN: rule.targetArn,
          },
        };
        if (rule.deadLetter) {
          await rule.deadLetter(event, info);
        } else {
          this.#onError(`dropped event ${event.id} for rule ${rule.arn}: ${failure.errorMessage}`);
        }
      },
      onDeadLetterError: (error) => this.#onError(`dead-letter callback of rule ${rule.arn} failed`, error),
    });
  }

  /** Calls `listener` for every event on the bus that matches `pattern`; returns an unsubscribe. */
  subscribe(eventBusName: string, pattern: EventPattern, listener: (event: BusEvent) => unknown): () => void {
    validatePattern(pattern);
    const bus = this.#bus(eventBusName);
    const subscription: Subscription = { pattern, listener };
    bus.subscriptions.add(subscription);
    return () => {
      bus.subscriptions.delete(subscription);
    };
  }

  /** Deliveries (with their retries) and subscriber calls still running. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Resolves once every delivery started so far, and any they caused, has settled. */
  drain(options: { readonly timeoutMs?: number } = {}): Promise<void> {
    return withTimeout(this.#inFlight.settle(), options.timeoutMs, 'bus.drain()');
  }

  // --- helpers ---------------------------------------------------------------------------

  #busName(nameOrArn: string): string {
    const arnMatch = /^arn:aws[\w-]*:events:[^:]*:[^:]*:event-bus\/(.+)$/.exec(nameOrArn);
    return arnMatch ? (arnMatch[1] as string) : nameOrArn;
  }

  #bus(nameOrArn: string): Bus {
    const name = this.#busName(nameOrArn);
    const bus = this.#buses.get(name);
    if (!bus) throw new BusApiError('ResourceNotFoundException', `Event bus ${name} does not exist.`);
    return bus;
  }
}

/** The entry size as AWS documents it: Time (14 bytes), Source, DetailType, Detail, Resources. */
export const entrySize = (entry: PutEventsRequestEntry): number => {
  const bytes = (s: string | undefined) => (s === undefined ? 0 : Buffer.byteLength(s, 'utf8'));
  return (
    (entry.Time === undefined ? 0 : 14) +
    bytes(entry.Source) +
    bytes(entry.DetailType) +
    bytes(entry.Detail) +
    (entry.Resources ?? []).reduce((sum, r) => sum + bytes(r), 0)
  );
};
