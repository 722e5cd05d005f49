// The EventBridge API of the local bus as @aws-sdk/client-eventbridge speaks it: AWS JSON
// 1.1, `POST /` with the operation in `X-Amz-Target: AWSEvents.<Operation>`. Timestamps
// travel as epoch seconds. Errors are HTTP 400 with `{ "__type": "<Exception>", "message" }`.
// Rules can only be created in-process (their targets are callbacks), so over HTTP there is
// no PutRule/PutTargets; the read side, PutEvents, TestEventPattern and bus management are.
import { BusApiError, type LocalEventBridge, type PutEventsRequestEntry } from './event-bus.ts';
import { InvalidEventPatternError, matches, validatePattern } from './event-pattern.ts';

export type JsonResponse = {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
};

type Input = Record<string, unknown>;

const epochSeconds = (date: Date): number => date.getTime() / 1000;

const str = (input: Input, field: string): string | undefined => {
  const value = input[field];
  return typeof value === 'string' ? value : undefined;
};

const required = (input: Input, field: string): string => {
  const value = str(input, field);
  if (value === undefined || value === '') {
    throw new BusApiError(
      'ValidationException',
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
};

/** Applies Limit/NextToken to a list; the token is the offset of the next page. */
const page = <T>(items: readonly T[], input: Input): { items: T[]; nextToken?: string } => {
  const offset = Number(str(input, 'NextToken') ?? 0) || 0;
  const limit = typeof input.Limit === 'number' && input.Limit > 0 ? input.Limit : 100;
  const slice = items.slice(offset, offset + limit);
  return offset + limit < items.length
    ? { items: slice, nextToken: String(offset + limit) }
    : { items: slice };
};

const toEntry = (raw: unknown): PutEventsRequestEntry => {
  if (typeof raw !== 'object' || raw === null) return {};
  const entry = raw as Input & PutEventsRequestEntry;
  // The SDK sends Time as epoch seconds.
  return typeof entry.Time === 'number' ? { ...entry, Time: new Date(entry.Time * 1000) } : entry;
};

const operations: Readonly<Record<string, (bus: LocalEventBridge, input: Input) => unknown>> = {
  PutEvents: (bus, input) => {
    const entries = Array.isArray(input.Entries) ? input.Entries.map(toEntry) : [];
    return bus.putEvents(entries);
  },
  CreateEventBus: (bus, input) => {
    const name = required(input, 'Name');
    if (bus.hasEventBus(name))
      throw new BusApiError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`);
    return { EventBusArn: bus.createEventBus(name).Arn };
  },
  DeleteEventBus: (bus, input) => {
    bus.deleteEventBus(required(input, 'Name'));
    return {};
  },
  DescribeEventBus: (bus, input) => {
    const d = bus.describeEventBus(str(input, 'Name') ?? 'default');
    return {
      Name: d.Name,
      Arn: d.Arn,
      CreationTime: epochSeconds(d.CreationTime),
      LastModifiedTime: epochSeconds(d.LastModifiedTime),
    };
  },
  ListEventBuses: (bus, input) => {
    const { items, nextToken } = page(bus.listEventBuses(str(input, 'NamePrefix')), input);
    return {
      EventBuses: items.map((d) => ({
        Name: d.Name,
        Arn: d.Arn,
        CreationTime: epochSeconds(d.CreationTime),
        LastModifiedTime: epochSeconds(d.LastModifiedTime),
      })),
      ...(nextToken ? { NextToken: nextToken } : {}),
    };
  },
  ListRules: (bus, input) => {
    const { items, nextToken } = page(
      bus.listRules(str(input, 'EventBusName') ?? 'default', str(input, 'NamePrefix')),
      input,
    );
    return { Rules: items, ...(nextToken ? { NextToken: nextToken } : {}) };
  },
  DescribeRule: (bus, input) =>
    bus.describeRule(str(input, 'EventBusName') ?? 'default', required(input, 'Name')),
  DeleteRule: (bus, input) => {
    bus.deleteRule(str(input, 'EventBusName') ?? 'default', required(input, 'Name'));
    return {};
  },
  ListTargetsByRule: (bus, input) => ({
    Targets: [bus.ruleTarget(str(input, 'EventBusName') ?? 'default', required(input, 'Rule'))],
  }),
  TestEventPattern: (_bus, input) => {
    const pattern = validatePattern(required(input, 'EventPattern'));
    let event: unknown;
    try {
      event = JSON.parse(required(input, 'Event'));
    } catch {
      throw new BusApiError('InvalidEventPatternException', 'Event is not valid JSON.');
    }
    return { Result: matches(pattern, event) };
  },
};

export const eventBridgeOperations = Object.keys(operations);

/** Handles one AWS JSON 1.1 call; `target` is the X-Amz-Target header. */
export const handleEventBridgeCall = (bus: LocalEventBridge, target: string, body: unknown): JsonResponse => {
  const operation = operations[target.replace(/^AWSEvents\./, '')];
  try {
    if (!operation) throw new BusApiError('UnknownOperationException', `Unknown operation ${target}`);
    const input = typeof body === 'object' && body !== null ? (body as Input) : {};
    return { status: 200, body: operation(bus, input) };
  } catch (error) {
    if (error instanceof BusApiError) {
      return { status: 400, body: { __type: error.type, message: error.message } };
    }
    if (error instanceof InvalidEventPatternError) {
      return { status: 400, body: { __type: 'InvalidEventPatternException', message: error.message } };
    }
    return { status: 500, body: { __type: 'InternalException', message: (error as Error).message } };
  }
};
