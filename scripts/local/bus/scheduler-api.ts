// The EventBridge Scheduler API of the local scheduler as @aws-sdk/client-scheduler speaks
// it: REST-JSON (`POST /schedules/{Name}`, `GET /schedules?ScheduleGroup=…`,
// `POST /schedule-groups/{Name}` …), timestamps as epoch seconds, errors as the HTTP status
// of the exception with `X-Amzn-ErrorType: <Exception>` and `{ "Message" }`.
// A target ARN of an event bus (`arn:aws:events:…:event-bus/<name>`) puts events on the
// local bus and needs EventBridgeParameters, as in AWS; a Lambda ARN calls the function the
// scheduler's `resolveFunction` option returns for it, looked up when the schedule fires.
import type { RetryPolicy } from './delivery.ts';
import { TargetError } from './delivery.ts';
import { BusApiError } from './event-bus.ts';
import type { JsonResponse } from './eventbridge-api.ts';
import type {
  ActionAfterCompletion,
  FlexibleTimeWindow,
  LocalScheduler,
  Schedule,
  ScheduleDefinition,
  ScheduleGroup,
  ScheduleState,
  ScheduleTarget,
} from './scheduler.ts';

type Input = Record<string, unknown>;

const validation = (message: string) => new BusApiError('ValidationException', message);

const epochSeconds = (date: Date): number => date.getTime() / 1000;

const obj = (value: unknown): Input | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Input) : undefined;

const optionalString = (input: Input, field: string): string | undefined => {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validation(`${field} must be a string.`);
  return value;
};

const requiredString = (input: Input, field: string): string => {
  const value = optionalString(input, field);
  if (value === undefined || value === '') throw validation(`${field} is required.`);
  return value;
};

const timestamp = (input: Input, field: string): Date | undefined => {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  const date =
    typeof value === 'number'
      ? new Date(value * 1000)
      : typeof value === 'string'
        ? new Date(value)
        : undefined;
  if (!date || Number.isNaN(date.getTime())) throw validation(`${field} is not a valid timestamp.`);
  return date;
};

const oneOf = <T extends string>(input: Input, field: string, allowed: readonly T[]): T | undefined => {
  const value = optionalString(input, field);
  if (value !== undefined && !allowed.includes(value as T)) {
    throw validation(`${field} must be one of ${allowed.join(', ')}.`);
  }
  return value as T | undefined;
};

const integerIn = (input: Input, field: string, min: number, max: number): number | undefined => {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw validation(`${field} must be an integer from ${min} to ${max}.`);
  }
  return value;
};

const parseFlexibleTimeWindow = (raw: unknown): FlexibleTimeWindow => {
  const input = obj(raw);
  if (!input) throw validation('FlexibleTimeWindow is required.');
  const mode = oneOf(input, 'Mode', ['OFF', 'FLEXIBLE'] as const);
  if (mode === undefined) throw validation('FlexibleTimeWindow.Mode is required.');
  if (mode === 'OFF') return { mode };
  const maximumWindowInMinutes = integerIn(input, 'MaximumWindowInMinutes', 1, 1440);
  if (maximumWindowInMinutes === undefined) {
    throw validation('FlexibleTimeWindow.MaximumWindowInMinutes is required when Mode is FLEXIBLE.');
  }
  return { mode, maximumWindowInMinutes };
};

const parseRetryPolicy = (raw: unknown): RetryPolicy | undefined => {
  const input = obj(raw);
  if (!input) return undefined;
  return {
    maximumRetryAttempts: integerIn(input, 'MaximumRetryAttempts', 0, 185) ?? 185,
    maximumEventAgeSeconds: integerIn(input, 'MaximumEventAgeInSeconds', 60, 86_400) ?? 86_400,
  };
};

const busArnPattern = /^arn:aws[\w-]*:events:[^:]*:[^:]*:event-bus\/(.+)$/;
const lambdaArnPattern = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([^:]+)(:.+)?$/;

const parseTarget = (
  scheduler: LocalScheduler,
  raw: unknown,
): { target: ScheduleTarget; roleArn: string; retryPolicy?: RetryPolicy; deadLetterArn?: string } => {
  const input = obj(raw);
  if (!input) throw validation('Target is required.');
  const arn = requiredString(input, 'Arn');
  const roleArn = requiredString(input, 'RoleArn');
  const targetInput = optionalString(input, 'Input');
  const retryPolicy = parseRetryPolicy(input.RetryPolicy);
  const deadLetterArn = obj(input.DeadLetterConfig)
    ? optionalString(obj(input.DeadLetterConfig) as Input, 'Arn')
    : undefined;
  const extras = {
    roleArn,
    ...(retryPolicy ? { retryPolicy } : {}),
    ...(deadLetterArn ? { deadLetterArn } : {}),
  };
  const busMatch = busArnPattern.exec(arn);
  if (busMatch) {
    const parameters = obj(input.EventBridgeParameters);
    if (!parameters)
      throw validation('EventBridgeParameters are required for an EventBridge PutEvents target.');
    return {
      target: {
        kind: 'put-events',
        eventBusName: busMatch[1] as string,
        source: requiredString(parameters, 'Source'),
        detailType: requiredString(parameters, 'DetailType'),
        ...(targetInput === undefined ? {} : { input: targetInput }),
      },
      ...extras,
    };
  }
  const lambdaMatch = lambdaArnPattern.exec(arn);
  if (lambdaMatch) {
    return {
      target: {
        kind: 'function',
        id: lambdaMatch[1] as string,
        arn,
        ...(targetInput === undefined ? {} : { input: targetInput }),
        invoke: async (payload, invocation) => {
          const fn = scheduler.resolveFunction(arn);
          if (!fn) throw new TargetError('ResourceNotFoundException', `Function not found: ${arn}`);
          await fn(payload, invocation);
        },
      },
      ...extras,
    };
  }
  throw validation(`The local scheduler supports event-bus and Lambda targets only, not ${arn}.`);
};

const toDefinition = (scheduler: LocalScheduler, name: string, body: Input): ScheduleDefinition => {
  const { target, roleArn, retryPolicy, deadLetterArn } = parseTarget(scheduler, body.Target);
  const startDate = timestamp(body, 'StartDate');
  const endDate = timestamp(body, 'EndDate');
  const timezone = optionalString(body, 'ScheduleExpressionTimezone');
  const state = oneOf<ScheduleState>(body, 'State', ['ENABLED', 'DISABLED']);
  const description = optionalString(body, 'Description');
  const actionAfterCompletion = oneOf<ActionAfterCompletion>(body, 'ActionAfterCompletion', [
    'NONE',
    'DELETE',
  ]);
  return {
    name,
    groupName: optionalString(body, 'GroupName') ?? 'default',
    expression: requiredString(body, 'ScheduleExpression'),
    flexibleTimeWindow: parseFlexibleTimeWindow(body.FlexibleTimeWindow),
    target,
    roleArn,
    ...(retryPolicy ? { retryPolicy } : {}),
    ...(deadLetterArn ? { deadLetterArn } : {}),
    ...(startDate ? { startDate } : {}),
    ...(endDate ? { endDate } : {}),
    ...(timezone ? { timezone } : {}),
    ...(state ? { state } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(actionAfterCompletion ? { actionAfterCompletion } : {}),
  };
};

const targetView = (scheduler: LocalScheduler, s: Schedule): Input => {
  const { target } = s;
  const input =
    target.input ??
    (target.kind === 'put-events' && target.detail ? JSON.stringify(target.detail) : undefined);
  const policy = s.retryPolicy;
  return {
    Arn: s.targetArn,
    RoleArn: s.roleArn ?? `arn:aws:iam::${scheduler.accountId}:role/local-scheduler`,
    ...(input === undefined ? {} : { Input: input }),
    ...(policy
      ? {
          RetryPolicy: {
            MaximumRetryAttempts: policy.maximumRetryAttempts,
            MaximumEventAgeInSeconds: policy.maximumEventAgeSeconds,
          },
        }
      : {}),
    ...(s.deadLetterArn ? { DeadLetterConfig: { Arn: s.deadLetterArn } } : {}),
    ...(target.kind === 'put-events'
      ? { EventBridgeParameters: { DetailType: target.detailType, Source: target.source } }
      : {}),
  };
};

const scheduleView = (scheduler: LocalScheduler, s: Schedule): Input => ({
  Arn: s.arn,
  GroupName: s.groupName,
  Name: s.name,
  ScheduleExpression: s.expression,
  ScheduleExpressionTimezone: s.timezone,
  State: s.state,
  CreationDate: epochSeconds(s.creationDate),
  LastModificationDate: epochSeconds(s.lastModificationDate),
  ActionAfterCompletion: s.actionAfterCompletion,
  FlexibleTimeWindow:
    s.flexibleTimeWindow.mode === 'OFF'
      ? { Mode: 'OFF' }
      : { Mode: 'FLEXIBLE', MaximumWindowInMinutes: s.flexibleTimeWindow.maximumWindowInMinutes },
  Target: targetView(scheduler, s),
  ...(s.startDate ? { StartDate: epochSeconds(s.startDate) } : {}),
  ...(s.endDate ? { EndDate: epochSeconds(s.endDate) } : {}),
  ...(s.description !== undefined ? { Description: s.description } : {}),
});

const groupView = (g: ScheduleGroup): Input => ({
  Arn: g.arn,
  Name: g.name,
  State: g.state,
  CreationDate: epochSeconds(g.creationDate),
  LastModificationDate: epochSeconds(g.lastModificationDate),
});

const page = <T>(items: readonly T[], query: URLSearchParams): { items: T[]; next?: string } => {
  const offset = Number(query.get('NextToken') ?? 0) || 0;
  const max = Number(query.get('MaxResults') ?? 0) || 100;
  const slice = items.slice(offset, offset + max);
  return offset + max < items.length ? { items: slice, next: String(offset + max) } : { items: slice };
};

const route = (scheduler: LocalScheduler, method: string, url: URL, body: Input): unknown => {
  const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [collection, name] = segments;
  const query = url.searchParams;
  if (segments.length > 2) return undefined;
  if (collection === 'schedules') {
    if (name === undefined) {
      if (method !== 'GET') return undefined;
      const state = query.get('State');
      const all = scheduler.listSchedules({
        ...(query.get('ScheduleGroup') ? { groupName: query.get('ScheduleGroup') as string } : {}),
        ...(query.get('NamePrefix') ? { namePrefix: query.get('NamePrefix') as string } : {}),
        ...(state === 'ENABLED' || state === 'DISABLED' ? { state } : {}),
      });
      const { items, next } = page(all, query);
      return {
        Schedules: items.map((s) => ({
          Arn: s.arn,
          Name: s.name,
          GroupName: s.groupName,
          State: s.state,
          CreationDate: epochSeconds(s.creationDate),
          LastModificationDate: epochSeconds(s.lastModificationDate),
          Target: { Arn: s.targetArn },
        })),
        ...(next ? { NextToken: next } : {}),
      };
    }
    switch (method) {
      case 'POST':
        return { ScheduleArn: scheduler.createSchedule(toDefinition(scheduler, name, body)).arn };
      case 'PUT':
        return { ScheduleArn: scheduler.updateSchedule(toDefinition(scheduler, name, body)).arn };
      case 'GET':
        return scheduleView(scheduler, scheduler.getSchedule(query.get('groupName') ?? undefined, name));
      case 'DELETE':
        scheduler.deleteSchedule(query.get('groupName') ?? undefined, name);
        return {};
      default:
        return undefined;
    }
  }
  if (collection === 'schedule-groups') {
    if (name === undefined) {
      if (method !== 'GET') return undefined;
      const { items, next } = page(scheduler.listScheduleGroups(query.get('NamePrefix') ?? ''), query);
      return { ScheduleGroups: items.map(groupView), ...(next ? { NextToken: next } : {}) };
    }
    switch (method) {
      case 'POST':
        return { ScheduleGroupArn: scheduler.createScheduleGroup(name).arn };
      case 'GET':
        return groupView(scheduler.getScheduleGroup(name));
      case 'DELETE':
        scheduler.deleteScheduleGroup(name);
        return {};
      default:
        return undefined;
    }
  }
  return undefined;
};

/** True if the path belongs to the Scheduler API. */
export const isSchedulerPath = (pathname: string): boolean =>
  pathname === '/schedules' ||
  pathname.startsWith('/schedules/') ||
  pathname === '/schedule-groups' ||
  pathname.startsWith('/schedule-groups/');

export const handleSchedulerCall = (
  scheduler: LocalScheduler,
  method: string,
  url: URL,
  body: unknown,
): JsonResponse => {
  const error = (status: number, type: string, message: string): JsonResponse => ({
    status,
    headers: { 'x-amzn-errortype': type },
    body: { Message: message },
  });
  try {
    const result = route(scheduler, method, url, obj(body) ?? {});
    if (result === undefined)
      return error(404, 'UnknownOperationException', `No operation for ${method} ${url.pathname}`);
    return { status: 200, body: result };
  } catch (thrown) {
    if (thrown instanceof BusApiError) {
      const status = thrown.type === 'ValidationException' ? 400 : thrown.status;
      return error(status, thrown.type, thrown.message);
    }
    return error(500, 'InternalServerException', (thrown as Error).message);
  }
};
