// What a synthesized tenant template serves, by physical name: HTTP routes, table indexes,
// queues, EventBridge rules, schedules and event source mappings. A pure function of the
// template JSON, so a test can compare a deployed (or synthesized) tenant with what the
// local runtime serves. Names come from functions/lib/resource-names.ts and are literal in
// the template; a `Ref`/`Fn::GetAtt` to a resource is resolved to that resource's name.

type CfnResource = { readonly Type: string; readonly Properties?: Record<string, unknown> };

export type RouteEntry = {
  /** `GET /api/health` */
  readonly routeKey: string;
  readonly authorizationType: string;
  /** True when the route has a JWT authorizer. */
  readonly hasAuthorizer: boolean;
  /** The function behind the route's Lambda integration. */
  readonly function: string;
};

export type TableEntry = {
  readonly name: string;
  readonly globalSecondaryIndexes: readonly string[];
};

export type QueueEntry = {
  readonly name: string;
  /** The queue this one redrives to after `maxReceiveCount` receives, if any. */
  readonly deadLetterQueue?: string;
  readonly maxReceiveCount?: number;
};

export type TargetKind = 'function' | 'queue' | 'bus';

export type RuleTargetEntry = {
  readonly kind: TargetKind;
  readonly name: string;
  readonly deadLetterQueue?: string;
  readonly retryPolicy?: { readonly maximumRetryAttempts?: number; readonly maximumEventAgeSeconds?: number };
};

export type RuleEntry = {
  readonly name: string;
  /** The bus the rule listens on: the tenant's bus, or `default` for the SES forwarder. */
  readonly eventBus: string;
  readonly pattern: unknown;
  readonly targets: readonly RuleTargetEntry[];
};

export type ScheduleEntry = {
  readonly name: string;
  readonly group: string;
  readonly expression: string;
  readonly timezone?: string;
  readonly target: RuleTargetEntry & {
    readonly source?: string;
    readonly detailType?: string;
    readonly input?: unknown;
  };
};

export type EventSourceMappingEntry = {
  readonly function: string;
  readonly source:
    | { readonly kind: 'queue'; readonly name: string }
    | { readonly kind: 'table-stream'; readonly name: string };
  readonly batchSize?: number;
};

export type Inventory = {
  readonly routes: readonly RouteEntry[];
  readonly tables: readonly TableEntry[];
  readonly queues: readonly QueueEntry[];
  readonly rules: readonly RuleEntry[];
  readonly schedules: readonly ScheduleEntry[];
  readonly eventSourceMappings: readonly EventSourceMappingEntry[];
};

// The property holding each named resource's physical name.
const nameProperty: Readonly<Record<string, string>> = {
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::Events::EventBus': 'Name',
  'AWS::Events::Rule': 'Name',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Scheduler::ScheduleGroup': 'Name',
  'AWS::Scheduler::Schedule': 'Name',
};

const kindOfType: Readonly<Record<string, TargetKind>> = {
  'AWS::Lambda::Function': 'function',
  'AWS::SQS::Queue': 'queue',
  'AWS::Events::EventBus': 'bus',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const byName = <T extends { name: string }>(a: T, b: T): number => a.name.localeCompare(b.name);

export const inventory = (template: Record<string, unknown>): Inventory => {
  const resources = (isRecord(template.Resources) ? template.Resources : {}) as Record<string, CfnResource>;
  const ofType = (type: string): [string, Record<string, unknown>][] =>
    Object.entries(resources)
      .filter(([, r]) => r.Type === type)
      .map(([id, r]) => [id, r.Properties ?? {}]);

  /** The logical id a `Ref` or `Fn::GetAtt` points at. */
  const referenced = (value: unknown): string | undefined => {
    if (!isRecord(value)) return undefined;
    if (typeof value.Ref === 'string') return value.Ref;
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
    if (typeof getAtt === 'string') return getAtt.split('.')[0];
    return undefined;
  };

  const resourceAt = (id: string, where: string): CfnResource => {
    const resource = resources[id];
    if (!resource) throw new Error(`${where}: no resource "${id}" in the template`);
    return resource;
  };

  const physicalName = (id: string, where: string): string => {
    const resource = resourceAt(id, where);
    const property = nameProperty[resource.Type];
    const name = property ? resource.Properties?.[property] : undefined;
    if (typeof name !== 'string') {
      throw new Error(
        `${where}: ${resource.Type} "${id}" has no literal name (resource-names.ts should set it)`,
      );
    }
    return name;
  };

  /** A name given as a literal or as a reference to the named resource. */
  const nameOf = (value: unknown, where: string): string => {
    if (typeof value === 'string') return value;
    const id = referenced(value);
    if (id === undefined) throw new Error(`${where}: cannot resolve ${JSON.stringify(value)} to a name`);
    return physicalName(id, where);
  };

  /** A target given by ARN (a reference), as kind + name. */
  const targetOf = (value: unknown, where: string): { kind: TargetKind; name: string } => {
    const id = referenced(value);
    if (id === undefined)
      throw new Error(`${where}: target ${JSON.stringify(value)} is not a resource of this template`);
    const kind = kindOfType[resourceAt(id, where).Type];
    if (!kind) throw new Error(`${where}: target "${id}" is a ${resourceAt(id, where).Type}`);
    return { kind, name: physicalName(id, where) };
  };

  const deliveryOf = (target: Record<string, unknown>, where: string) => {
    const dlq = isRecord(target.DeadLetterConfig) ? target.DeadLetterConfig.Arn : undefined;
    const retry = isRecord(target.RetryPolicy) ? target.RetryPolicy : undefined;
    return {
      ...(dlq === undefined ? {} : { deadLetterQueue: nameOf(dlq, `${where} dead-letter queue`) }),
      ...(retry === undefined
        ? {}
        : {
            retryPolicy: {
              maximumRetryAttempts: retry.MaximumRetryAttempts as number | undefined,
              maximumEventAgeSeconds: retry.MaximumEventAgeInSeconds as number | undefined,
            },
          }),
    };
  };

  const functionOfIntegration = (target: unknown, where: string): string => {
    // Target: { "Fn::Join": ["", ["integrations/", { "Ref": "<Integration>" }]] }
    const parts =
      isRecord(target) && Array.isArray(target['Fn::Join']) ? (target['Fn::Join'][1] as unknown[]) : [];
    const integrationId = parts.map(referenced).find((id) => id !== undefined);
    if (!integrationId) throw new Error(`${where}: no integration`);
    const uri = resourceAt(integrationId, where).Properties?.IntegrationUri;
    return nameOf(uri, `${where} integration`);
  };

  const routes = ofType('AWS::ApiGatewayV2::Route')
    .map(([id, p]): RouteEntry => {
      const authorizationType = typeof p.AuthorizationType === 'string' ? p.AuthorizationType : 'NONE';
      return {
        routeKey: String(p.RouteKey),
        authorizationType,
        hasAuthorizer: authorizationType === 'JWT' && p.AuthorizerId !== undefined,
        function: functionOfIntegration(p.Target, `route ${id}`),
      };
    })
    .sort((a, b) => a.routeKey.localeCompare(b.routeKey));

  const tables = ofType('AWS::DynamoDB::Table')
    .map(
      ([id, p]): TableEntry => ({
        name: nameOf(p.TableName, `table ${id}`),
        globalSecondaryIndexes: (Array.isArray(p.GlobalSecondaryIndexes) ? p.GlobalSecondaryIndexes : [])
          .map((gsi) => String((gsi as Record<string, unknown>).IndexName))
          .sort(),
      }),
    )
    .sort(byName);

  const queues = ofType('AWS::SQS::Queue')
    .map(([id, p]): QueueEntry => {
      const redrive = isRecord(p.RedrivePolicy) ? p.RedrivePolicy : undefined;
      return {
        name: nameOf(p.QueueName, `queue ${id}`),
        ...(redrive
          ? {
              deadLetterQueue: nameOf(redrive.deadLetterTargetArn, `queue ${id} redrive`),
              maxReceiveCount: Number(redrive.maxReceiveCount),
            }
          : {}),
      };
    })
    .sort(byName);

  const rules = ofType('AWS::Events::Rule')
    .map(([id, p]): RuleEntry => {
      const where = `rule ${id}`;
      return {
        name: nameOf(p.Name, where),
        eventBus: p.EventBusName === undefined ? 'default' : nameOf(p.EventBusName, where),
        pattern: p.EventPattern,
        targets: (Array.isArray(p.Targets) ? (p.Targets as Record<string, unknown>[]) : []).map((t) => ({
          ...targetOf(t.Arn, where),
          ...deliveryOf(t, where),
        })),
      };
    })
    .sort(byName);

  const schedules = ofType('AWS::Scheduler::Schedule')
    .map(([id, p]): ScheduleEntry => {
      const where = `schedule ${id}`;
      const target = isRecord(p.Target) ? p.Target : {};
      const bridge = isRecord(target.EventBridgeParameters) ? target.EventBridgeParameters : undefined;
      return {
        name: nameOf(p.Name, where),
        group: p.GroupName === undefined ? 'default' : nameOf(p.GroupName, where),
        expression: String(p.ScheduleExpression),
        ...(typeof p.ScheduleExpressionTimezone === 'string'
          ? { timezone: p.ScheduleExpressionTimezone }
          : {}),
        target: {
          ...targetOf(target.Arn, where),
          ...deliveryOf(target, where),
          ...(bridge ? { source: bridge.Source as string, detailType: bridge.DetailType as string } : {}),
          ...(typeof target.Input === 'string' ? { input: JSON.parse(target.Input) } : {}),
        },
      };
    })
    .sort(byName);

  const eventSourceMappings = ofType('AWS::Lambda::EventSourceMapping')
    .map(([id, p]): EventSourceMappingEntry => {
      const where = `event source mapping ${id}`;
      const sourceId = referenced(p.EventSourceArn);
      if (!sourceId) throw new Error(`${where}: source is not a resource of this template`);
      const type = resourceAt(sourceId, where).Type;
      const source =
        type === 'AWS::SQS::Queue'
          ? { kind: 'queue' as const, name: physicalName(sourceId, where) }
          : type === 'AWS::DynamoDB::Table'
            ? { kind: 'table-stream' as const, name: physicalName(sourceId, where) }
            : undefined;
      if (!source) throw new Error(`${where}: unexpected source type ${type}`);
      return {
        function: nameOf(p.FunctionName, where),
        source,
        ...(typeof p.BatchSize === 'number' ? { batchSize: p.BatchSize } : {}),
      };
    })
    .sort((a, b) => a.function.localeCompare(b.function));

  return { routes, tables, queues, rules, schedules, eventSourceMappings };
};
