// The demo tenant's stack, synthesized with the real esbuild bundling of every function,
// checked against the shared definitions it is built from (catalog, table, queues, rules,
// schedules, resource names) and against cdk-nag's AwsSolutions pack.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadLetterRetentionDays, workQueues } from '../../events/queues.ts';
import { retryPolicy, rules } from '../../events/rules.ts';
import { schedules } from '../../events/schedules.ts';
import { type FunctionDefinition, functions } from '../../functions/catalog.ts';
import { table as tableDefinition } from '../../functions/domain/table.ts';
import { functionEnvironment } from '../../functions/lib/function-environment.ts';
import {
  busName,
  deadLetterQueueName,
  functionName,
  queueName,
  ruleName,
  scheduleGroupName,
  scheduleName,
  sesConfigurationSetName,
  tableName,
  userPoolClientName,
  userPoolName,
} from '../../functions/lib/resource-names.ts';
import { roles } from '../../functions/lib/roles.ts';
import { runtimeEnvironment } from '../constructs/crm-function.ts';
import { spaRoutingCode } from '../constructs/web-app.ts';
import { type Synthesized, synthTenant } from '../test-support.ts';
import { apiThrottle, outputKeys } from './tenant-stack.ts';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation template JSON is untyped
type Json = any;
type Resource = { Type: string; Properties: Json; DeletionPolicy?: string; UpdateReplacePolicy?: string };

let s: Synthesized;
beforeAll(() => {
  s = synthTenant();
}, 180_000);
afterAll(() => s?.cleanup());

const catalog = Object.entries(functions) as [keyof typeof functions, FunctionDefinition][];
const resourcesOf = (type: string): [string, Resource][] =>
  Object.entries(s.template.findResources(type)) as [string, Resource][];
const one = (type: string, property: string, value: unknown): [string, Resource] => {
  const found = resourcesOf(type).filter(([, r]) => r.Properties?.[property] === value);
  expect(found, `${type} with ${property} = ${String(value)}`).toHaveLength(1);
  return found[0] as [string, Resource];
};
const arnOf = (id: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [id, attribute] });
const queueId = (name: string): string => one('AWS::SQS::Queue', 'QueueName', name)[0];
const functionId = (name: string): string =>
  one('AWS::Lambda::Function', 'FunctionName', functionName(s.tenant.id, name))[0];
const tableId = (): string => one('AWS::DynamoDB::Table', 'TableName', tableName(s.tenant.id))[0];
const busId = (): string => one('AWS::Events::EventBus', 'Name', busName(s.tenant.id))[0];

/** Every Allow statement of every identity policy, with the role(s) it is attached to. */
const allowStatements = (): { roles: string[]; actions: string[]; statement: Json }[] => {
  const out: { roles: string[]; actions: string[]; statement: Json }[] = [];
  const push = (roleIds: string[], document: Json) => {
    for (const statement of document?.Statement ?? []) {
      if (statement.Effect !== 'Allow') continue;
      out.push({ roles: roleIds, actions: [statement.Action].flat(), statement });
    }
  };
  for (const [, policy] of resourcesOf('AWS::IAM::Policy')) {
    push(
      (policy.Properties.Roles ?? []).map((r: Json) => r.Ref),
      policy.Properties.PolicyDocument,
    );
  }
  for (const [id, role] of resourcesOf('AWS::IAM::Role')) {
    for (const inline of role.Properties.Policies ?? []) push([id], inline.PolicyDocument);
  }
  return out;
};

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged error or warning', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(s.app);
    const findings = report.violations.map(
      (v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
  });

  it('would report a finding: the check is not vacuous', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'crm-infra-cdk-out-'));
    const app = new App({ outdir });
    new Queue(new Stack(app, 'Bare'), 'Plain', { enforceSSL: false });
    const report = new AwsSolutionsChecks(undefined).validateScope(app);
    rmSync(outdir, { recursive: true, force: true });
    expect(report.violations.map((v) => v.ruleName)).toEqual(expect.arrayContaining(['AwsSolutions-SQS4']));
  });

  it('acknowledges on resources only, each with a reason of its own', () => {
    const acknowledged: { path: string; id: string; reason: string }[] = [];
    const visit = (node: IConstruct) => {
      for (const entry of node.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          acknowledged.push({ path: node.node.path, id, reason });
        }
      }
      for (const child of node.node.children) visit(child);
    };
    visit(s.app);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const a of acknowledged) {
      expect(a.path, `${a.id} is acknowledged stack-wide`).not.toBe(s.stack.node.path);
      expect(a.reason.length, `${a.id} at ${a.path} needs a real reason`).toBeGreaterThan(60);
    }
    // Each reason is written for its finding, not pasted everywhere.
    const reasons = new Map<string, Set<string>>();
    for (const a of acknowledged) reasons.set(a.reason, (reasons.get(a.reason) ?? new Set()).add(a.id));
    for (const [reason, ids] of reasons) {
      expect(new Set([...ids].map((id) => id.replace(/\[.*$/, ''))).size, reason).toBe(1);
    }
  });
});

describe('table', () => {
  it('is the table of functions/domain/table.ts: on-demand, PITR, stream, TTL, protected and retained', () => {
    const [, t] = one('AWS::DynamoDB::Table', 'TableName', tableName(s.tenant.id));
    expect(t.Properties.KeySchema).toEqual([
      { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
    ]);
    expect(t.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(t.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(t.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(t.Properties.TimeToLiveSpecification).toEqual({
      AttributeName: tableDefinition.timeToLiveAttribute,
      Enabled: true,
    });
    expect(t.Properties.DeletionProtectionEnabled).toBe(true);
    expect(t.DeletionPolicy).toBe('Retain');
    expect(t.UpdateReplacePolicy).toBe('Retain');
  });

  it('has every GSI of table.ts, with its keys and its projection', () => {
    const [, t] = one('AWS::DynamoDB::Table', 'TableName', tableName(s.tenant.id));
    const gsis: Json[] = t.Properties.GlobalSecondaryIndexes;
    expect(gsis.map((g) => g.IndexName).sort()).toEqual(
      tableDefinition.globalSecondaryIndexes.map((g) => g.indexName).sort(),
    );
    for (const index of tableDefinition.globalSecondaryIndexes) {
      expect(gsis.find((g) => g.IndexName === index.indexName)).toEqual({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection:
          index.projection === 'ALL'
            ? { ProjectionType: 'ALL' }
            : { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection] },
      });
    }
  });
});

describe('queues', () => {
  it('redrives every work queue to its own -dlq after maxReceiveCount', () => {
    for (const q of workQueues) {
      const [, queue] = one('AWS::SQS::Queue', 'QueueName', queueName(s.tenant.id, q.name));
      expect(queue.Properties.RedrivePolicy).toEqual({
        deadLetterTargetArn: arnOf(queueId(deadLetterQueueName(s.tenant.id, q.name))),
        maxReceiveCount: q.maxReceiveCount,
      });
      expect(queue.Properties.VisibilityTimeout).toBe(q.visibilityTimeoutSeconds);
    }
  });

  it('gives every queue that is not a dead-letter queue a RedrivePolicy', () => {
    const queues = resourcesOf('AWS::SQS::Queue');
    expect(queues.length).toBe(workQueues.length * 2 + 2);
    for (const [, queue] of queues) {
      const name: string = queue.Properties.QueueName;
      if (name.endsWith('-dlq')) {
        expect(queue.Properties.RedrivePolicy, name).toBeUndefined();
        expect(queue.Properties.MessageRetentionPeriod, name).toBe(deadLetterRetentionDays * 86_400);
      } else {
        expect(queue.Properties.RedrivePolicy?.deadLetterTargetArn, name).toEqual(
          arnOf(queueId(`${name}-dlq`)),
        );
      }
    }
  });

  it('encrypts every queue with SQS-managed keys and refuses requests without TLS', () => {
    const policies = resourcesOf('AWS::SQS::QueuePolicy');
    for (const [id, queue] of resourcesOf('AWS::SQS::Queue')) {
      expect(queue.Properties.SqsManagedSseEnabled, id).toBe(true);
      const policy = policies.find(([, p]) => p.Properties.Queues.some((q: Json) => q.Ref === id));
      expect(policy?.[1].Properties.PolicyDocument.Statement, id).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });
});

describe('HTTP API', () => {
  const catalogRoutes = catalog.flatMap(([name, d]) => (d.routes ?? []).map((r) => ({ name, ...r })));

  it('has exactly the routes of the catalog, each integrated with its own function', () => {
    const routes = resourcesOf('AWS::ApiGatewayV2::Route');
    expect(routes.map(([, r]) => r.Properties.RouteKey).sort()).toEqual(
      catalogRoutes.map((r) => `${r.method} ${r.path}`).sort(),
    );
    const integrations = s.template.findResources('AWS::ApiGatewayV2::Integration');
    for (const route of catalogRoutes) {
      const [, r] = one('AWS::ApiGatewayV2::Route', 'RouteKey', `${route.method} ${route.path}`);
      const integrationId = r.Properties.Target['Fn::Join'][1][1].Ref;
      const integration: Json = integrations[integrationId];
      expect(integration.Properties.IntegrationUri).toEqual(arnOf(functionId(route.name)));
      expect(integration.Properties.PayloadFormatVersion).toBe('2.0');
    }
  });

  it('puts the JWT authorizer on every route except the public ones, which have none', () => {
    const [[authorizerId]] = resourcesOf('AWS::ApiGatewayV2::Authorizer') as [[string, Resource]];
    for (const route of catalogRoutes) {
      const [, r] = one('AWS::ApiGatewayV2::Route', 'RouteKey', `${route.method} ${route.path}`);
      if (route.public) {
        expect(r.Properties.AuthorizationType, route.path).toBe('NONE');
        expect(r.Properties.AuthorizerId, route.path).toBeUndefined();
      } else {
        expect(r.Properties.AuthorizationType, route.path).toBe('JWT');
        expect(r.Properties.AuthorizerId, route.path).toEqual({ Ref: authorizerId });
      }
    }
    expect(catalogRoutes.some((r) => r.public)).toBe(true);
    expect(catalogRoutes.some((r) => !r.public)).toBe(true);
  });

  it("checks tokens of the tenant's user pool issued to the SPA's client", () => {
    const [, authorizer] = resourcesOf('AWS::ApiGatewayV2::Authorizer')[0] as [string, Resource];
    const poolId = one('AWS::Cognito::UserPool', 'UserPoolName', userPoolName(s.tenant.id))[0];
    const clientId = one('AWS::Cognito::UserPoolClient', 'ClientName', userPoolClientName(s.tenant.id))[0];
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    expect(authorizer.Properties.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(authorizer.Properties.JwtConfiguration.Audience).toEqual([{ Ref: clientId }]);
    expect(s.stack.resolve(authorizer.Properties.JwtConfiguration.Issuer)).toEqual({
      'Fn::Join': [
        '',
        [`https://cognito-idp.${s.tenant.region}.`, { Ref: 'AWS::URLSuffix' }, '/', { Ref: poolId }],
      ],
    });
  });

  it('logs every request of the $default stage as JSON and throttles it', () => {
    const [, stage] = one('AWS::ApiGatewayV2::Stage', 'StageName', '$default');
    expect(stage.Properties.AutoDeploy).toBe(true);
    expect(stage.Properties.DefaultRouteSettings).toEqual({
      ThrottlingBurstLimit: apiThrottle.burstLimit,
      ThrottlingRateLimit: apiThrottle.rateLimit,
    });
    expect(JSON.parse(stage.Properties.AccessLogSettings.Format)).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
    });
    expect(stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][1]).toBe('Arn');
  });
});

describe('functions', () => {
  it("stays well under CloudFormation's 500 resources a stack", () => {
    // A route is one resource; a function its function, role (with its grants inline), one API
    // integration and one invoke permission. Nothing per function besides.
    const resources = Object.keys(s.template.toJSON().Resources);
    expect(resources.length).toBeLessThan(450);
    expect(resourcesOf('AWS::Logs::LogGroup').length).toBeLessThan(catalog.length);
    const rolesOfFunctions = new Set(
      catalog.map(([name]) => {
        const [, fn] = one('AWS::Lambda::Function', 'FunctionName', functionName(s.tenant.id, name));
        return fn.Properties.Role['Fn::GetAtt'][0];
      }),
    );
    const separatePolicies = resourcesOf('AWS::IAM::Policy').filter(([, p]) =>
      (p.Properties.Roles ?? []).some((r: Json) => rolesOfFunctions.has(r.Ref)),
    );
    expect(separatePolicies.map(([id]) => id)).toEqual([]);
  });

  it.each(catalog)('%s runs on nodejs24.x, arm64, with its catalog settings', (name, definition) => {
    const [, fn] = one('AWS::Lambda::Function', 'FunctionName', functionName(s.tenant.id, name));
    expect(fn.Properties.Runtime).toBe('nodejs24.x');
    expect(fn.Properties.Architectures).toEqual(['arm64']);
    expect(fn.Properties.Handler).toBe('index.handler');
    expect(fn.Properties.Description).toBe(definition.description);
    expect(fn.Properties.MemorySize).toBe(definition.memoryMb ?? 512);
    expect(fn.Properties.Timeout).toBe(definition.timeoutSeconds ?? 10);
    expect(fn.Properties.LoggingConfig.LogGroup.Ref).toMatch(/Logs/);
  });

  it.each(catalog)('%s gets exactly the environment functionEnvironment() gives it', (name, definition) => {
    const [, fn] = one('AWS::Lambda::Function', 'FunctionName', functionName(s.tenant.id, name));
    const expected = s.stack.resolve({
      ...functionEnvironment(name, definition, s.stack.resources),
      ...runtimeEnvironment,
    });
    expect(fn.Properties.Environment.Variables).toEqual(expected);
  });

  it('points APP_URL at the CloudFront distribution', () => {
    const [distributionId] = resourcesOf('AWS::CloudFront::Distribution')[0] as [string, Resource];
    const [, fn] = one('AWS::Lambda::Function', 'FunctionName', functionName(s.tenant.id, 'get-health'));
    expect(fn.Properties.Environment.Variables.APP_URL).toEqual({
      'Fn::Join': ['', ['https://', arnOf(distributionId, 'DomainName')]],
    });
  });

  it.each(catalog)(
    '%s is bundled by esbuild: an ESM index.mjs exporting `handler`, with its source map',
    (name) => {
      const [, fn] = one('AWS::Lambda::Function', 'FunctionName', functionName(s.tenant.id, name));
      const hash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
      const dir = join(s.assemblyDir, `asset.${hash}`);
      const bundle = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(bundle).toMatch(/export\s*\{[^}]*\bas handler\b/);
      expect(bundle).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map/);
      expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
    },
  );
});

describe('IAM', () => {
  const dataServices = [
    'dynamodb',
    'sqs',
    's3',
    'events',
    'ses',
    'sesv2',
    'cognito-idp',
    'scheduler',
    'logs',
    'lambda',
    'secretsmanager',
  ];

  it('has no policy statement allowing `*` or a whole data service (`dynamodb:*`, `sqs:*`, …)', () => {
    const statements = allowStatements();
    expect(statements.length).toBeGreaterThan(10);
    const offending = statements
      .flatMap((st) => st.actions)
      .filter((action) => action === '*' || dataServices.some((service) => action === `${service}:*`));
    expect(offending).toEqual([]);
  });

  // What each kind of access in the catalog turns into, and nothing else.
  const tableRead = [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:ConditionCheckItem',
  ];
  const tableWrite = [
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
  ];
  const expectedActions = (d: FunctionDefinition): string[] => {
    const a = d.access;
    return [
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      ...(a.table ? tableRead : []),
      ...(a.table === 'read-write' ? tableWrite : []),
      ...(a.putEvents ? ['events:PutEvents'] : []),
      ...(a.sendTo?.length ? ['sqs:SendMessage'] : []),
      ...(a.sendEmail ? ['ses:SendEmail', 'ses:SendRawEmail'] : []),
      ...(a.sendQuota && !a.healthChecks ? ['ses:GetAccount'] : []),
      ...(a.userPool ?? []),
      ...(a.files ? ['s3:GetObject'] : []),
      ...(a.files === 'read-write' ? ['s3:PutObject', 's3:DeleteObject'] : []),
      ...(a.schedules
        ? ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule', 'iam:PassRole']
        : []),
      ...(a.unsubscribeKey ? ['secretsmanager:GetSecretValue'] : []),
      ...(a.healthChecks
        ? [
            'sqs:GetQueueAttributes',
            'events:DescribeEventBus',
            'ses:GetAccount',
            'cognito-idp:DescribeUserPool',
          ]
        : []),
      ...(d.queue
        ? [
            'sqs:ReceiveMessage',
            'sqs:ChangeMessageVisibility',
            'sqs:GetQueueUrl',
            'sqs:DeleteMessage',
            'sqs:GetQueueAttributes',
          ]
        : []),
      ...(d.stream
        ? [
            'dynamodb:ListStreams',
            'dynamodb:DescribeStream',
            'dynamodb:GetRecords',
            'dynamodb:GetShardIterator',
            'sqs:SendMessage',
            'sqs:GetQueueAttributes',
            'sqs:GetQueueUrl',
          ]
        : []),
    ];
  };

  it.each(catalog)('%s is granted exactly the actions its catalog access asks for', (name, definition) => {
    const [, fn] = one('AWS::Lambda::Function', 'FunctionName', functionName(s.tenant.id, name));
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    const granted = allowStatements()
      .filter((st) => st.roles.includes(roleId))
      .flatMap((st) => st.actions);
    expect(new Set(granted)).toEqual(new Set(expectedActions(definition)));
    const [, role] = resourcesOf('AWS::IAM::Role').find(([id]) => id === roleId) as [string, Resource];
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('lets only the functions that sign or check unsubscribe links read the unsubscribe key, and only it', () => {
    const secrets = resourcesOf('AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(1);
    const [secretId, secret] = secrets[0] as [string, Resource];
    expect(secret.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64 });
    expect(secret.Properties.SecretString).toBeUndefined();
    const readers = allowStatements().filter((st) => st.actions.includes('secretsmanager:GetSecretValue'));
    expect(readers.length).toBe(catalog.filter(([, d]) => d.access.unsubscribeKey).length);
    for (const st of readers) {
      expect(st.actions).toEqual(['secretsmanager:GetSecretValue']);
      expect(st.statement.Resource).toEqual({ Ref: secretId });
    }
    const [, fn] = one('AWS::Lambda::Function', 'FunctionName', functionName(s.tenant.id, 'unsubscribe'));
    expect(fn.Properties.Environment.Variables.UNSUBSCRIBE_KEY_SECRET_ARN).toEqual({ Ref: secretId });
    expect(fn.Properties.Environment.Variables.UNSUBSCRIBE_KEY).toBeUndefined();
  });

  it("scopes data access to the tenant's own resources", () => {
    const table = tableId();
    const tableScoped = [arnOf(table), { 'Fn::Join': ['', [arnOf(table), '/index/*']] }];
    for (const st of allowStatements()) {
      const resources = [st.statement.Resource].flat();
      if (st.actions.some((a) => tableRead.includes(a) || tableWrite.includes(a))) {
        expect(resources).toEqual(tableScoped);
      }
      if (st.actions.includes('events:PutEvents')) expect(resources).toEqual([arnOf(busId())]);
      if (st.actions.includes('ses:SendEmail')) {
        expect(st.statement.Condition).toEqual({ StringEquals: { 'ses:FromAddress': s.tenant.mailFrom } });
        const configSetId = one(
          'AWS::SES::ConfigurationSet',
          'Name',
          sesConfigurationSetName(s.tenant.id),
        )[0];
        const text = JSON.stringify(resources);
        expect(text).toContain(`:configuration-set/",{"Ref":"${configSetId}"}`);
        expect(text).toContain(`:identity/${s.tenant.mailFrom}"`);
        expect(resources).toHaveLength(3);
      }
    }
  });
});

describe('schedules created at run time (task reminders)', () => {
  const schedulerRoleId = () =>
    (resourcesOf('AWS::IAM::Role').find(
      ([, r]) =>
        r.Properties.AssumeRolePolicyDocument.Statement[0].Principal?.Service === 'scheduler.amazonaws.com',
    ) ?? [''])[0];

  it('run with one scheduler role, assumable by the Scheduler for the tenant’s group only, that may put on the bus', () => {
    const roles = resourcesOf('AWS::IAM::Role').filter(([, r]) =>
      JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'),
    );
    expect(roles).toHaveLength(1);
    const [roleId, role] = roles[0] as [string, Resource];
    const [groupId] = one('AWS::Scheduler::ScheduleGroup', 'Name', scheduleGroupName(s.tenant.id));
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': expect.anything(), 'aws:SourceArn': arnOf(groupId) },
    });
    const granted = allowStatements().filter((st) => st.roles.includes(roleId));
    expect(granted.find((st) => st.actions.includes('events:PutEvents'))?.statement.Resource).toEqual(
      arnOf(busId()),
    );
    expect(granted.find((st) => st.actions.includes('sqs:SendMessage'))?.statement.Resource).toEqual(
      arnOf(queueId(queueName(s.tenant.id, 'bus-dlq'))),
    );
    // The recurring schedules run with the same role.
    for (const schedule of schedules) {
      const [, sc] = one('AWS::Scheduler::Schedule', 'Name', scheduleName(s.tenant.id, schedule.name));
      expect(sc.Properties.Target.RoleArn).toEqual(arnOf(roleId));
    }
  });

  it.each(catalog.filter(([, d]) => d.access.schedules))(
    '%s may change schedules of the tenant’s group only, and pass only the scheduler role, only to the Scheduler',
    (name) => {
      const [, fn] = one('AWS::Lambda::Function', 'FunctionName', functionName(s.tenant.id, name));
      const roleId = fn.Properties.Role['Fn::GetAtt'][0];
      const mine = allowStatements().filter((st) => st.roles.includes(roleId));
      const schedulesStatement = mine.find((st) => st.actions.includes('scheduler:CreateSchedule'));
      expect(JSON.stringify(schedulesStatement?.statement.Resource)).toMatch(
        new RegExp(`:schedule/${scheduleGroupName(s.tenant.id)}/\\*"`),
      );
      const pass = mine.find((st) => st.actions.includes('iam:PassRole'));
      expect(pass?.statement.Resource).toEqual(arnOf(schedulerRoleId()));
      expect(pass?.statement.Condition).toEqual({
        StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' },
      });
      expect(fn.Properties.Environment.Variables).toMatchObject({
        SCHEDULE_GROUP_NAME: scheduleGroupName(s.tenant.id),
        SCHEDULER_ROLE_ARN: arnOf(schedulerRoleId()),
        EVENT_BUS_ARN: arnOf(busId()),
        SCHEDULE_DLQ_ARN: arnOf(queueId(queueName(s.tenant.id, 'bus-dlq'))),
      });
    },
  );

  it('is a grant some function asks for', () => {
    expect(catalog.filter(([, d]) => d.access.schedules).length).toBeGreaterThan(0);
  });
});

describe('event sources', () => {
  it('feeds each queue consumer in batches, reporting partial failures', () => {
    for (const [name, definition] of catalog.filter(([, d]) => d.queue)) {
      const q = definition.queue as NonNullable<FunctionDefinition['queue']>;
      const [, mapping] = resourcesOf('AWS::Lambda::EventSourceMapping').find(
        ([, m]) => m.Properties.FunctionName.Ref === functionId(name),
      ) as [string, Resource];
      expect(mapping.Properties).toMatchObject({
        EventSourceArn: arnOf(queueId(queueName(s.tenant.id, q.name))),
        BatchSize: q.batchSize,
        MaximumBatchingWindowInSeconds: q.maxBatchingWindowSeconds,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    }
  });

  it('feeds the stream consumer from the oldest record, bisecting and sending failures to stream-dlq', () => {
    for (const [name, definition] of catalog.filter(([, d]) => d.stream)) {
      const st = definition.stream as NonNullable<FunctionDefinition['stream']>;
      const [, mapping] = resourcesOf('AWS::Lambda::EventSourceMapping').find(
        ([, m]) => m.Properties.FunctionName.Ref === functionId(name),
      ) as [string, Resource];
      expect(mapping.Properties).toMatchObject({
        EventSourceArn: arnOf(tableId(), 'StreamArn'),
        FunctionName: { Ref: functionId(name) },
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: st.batchSize,
        MaximumBatchingWindowInSeconds: st.maxBatchingWindowSeconds,
        MaximumRetryAttempts: st.retryAttempts,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ...(st.tumblingWindowSeconds ? { TumblingWindowInSeconds: st.tumblingWindowSeconds } : {}),
        DestinationConfig: {
          OnFailure: { Destination: arnOf(queueId(queueName(s.tenant.id, 'stream-dlq'))) },
        },
      });
    }
  });
});

describe('events', () => {
  it.each(rules.map((r) => [r.name, r] as const))(
    'rule %s matches, targets, retries and dead-letters as events/rules.ts says',
    (_, rule) => {
      const [ruleId, r] = one('AWS::Events::Rule', 'Name', ruleName(s.tenant.id, rule.name));
      expect(r.Properties.EventBusName).toEqual({ Ref: busId() });
      expect(r.Properties.EventPattern).toEqual(rule.pattern);
      const targetId =
        'function' in rule.target
          ? functionId(rule.target.function)
          : queueId(queueName(s.tenant.id, rule.target.queue));
      expect(r.Properties.Targets).toEqual([
        expect.objectContaining({
          Arn: arnOf(targetId),
          DeadLetterConfig: { Arn: arnOf(queueId(queueName(s.tenant.id, 'bus-dlq'))) },
          RetryPolicy: {
            MaximumRetryAttempts: retryPolicy.maximumRetryAttempts,
            MaximumEventAgeInSeconds: retryPolicy.maximumEventAgeSeconds,
          },
        }),
      ]);
      // The bus-dlq accepts this rule's undeliverable events, and a queue target accepts its events.
      const policyOf = (queue: string) =>
        resourcesOf('AWS::SQS::QueuePolicy').find(([, p]) => p.Properties.Queues[0].Ref === queue)?.[1]
          .Properties.PolicyDocument.Statement as Json[];
      const allowsRule = (statements: Json[]) =>
        statements.some(
          (st) =>
            st.Effect === 'Allow' &&
            st.Principal?.Service === 'events.amazonaws.com' &&
            [st.Action].flat().includes('sqs:SendMessage') &&
            JSON.stringify(st.Condition) ===
              JSON.stringify({ ArnEquals: { 'aws:SourceArn': arnOf(ruleId) } }),
        );
      expect(allowsRule(policyOf(queueId(queueName(s.tenant.id, 'bus-dlq'))))).toBe(true);
      if ('queue' in rule.target) expect(allowsRule(policyOf(targetId))).toBe(true);
    },
  );

  it.each(schedules.map((d) => [d.name, d] as const))(
    "schedule %s runs in the tenant's time zone and puts its event on the bus",
    (_, schedule) => {
      const [, sc] = one('AWS::Scheduler::Schedule', 'Name', scheduleName(s.tenant.id, schedule.name));
      expect(sc.Properties.GroupName).toBe(scheduleGroupName(s.tenant.id));
      expect(sc.Properties.ScheduleExpression).toBe(schedule.expression);
      expect(sc.Properties.ScheduleExpressionTimezone).toBe(s.tenant.timezone);
      expect(sc.Properties.Target).toMatchObject({
        Arn: arnOf(busId()),
        EventBridgeParameters: {
          DetailType: schedule.event.contract.detailType,
          Source: schedule.event.contract.source,
        },
        DeadLetterConfig: { Arn: arnOf(queueId(queueName(s.tenant.id, 'bus-dlq'))) },
        RetryPolicy: {
          MaximumRetryAttempts: retryPolicy.maximumRetryAttempts,
          MaximumEventAgeInSeconds: retryPolicy.maximumEventAgeSeconds,
        },
      });
      expect(JSON.parse(sc.Properties.Target.Input)).toEqual(schedule.event.detail);
      one('AWS::Scheduler::ScheduleGroup', 'Name', scheduleGroupName(s.tenant.id));
    },
  );

  it("forwards the SES configuration set's events from the default bus to the tenant bus", () => {
    const name = sesConfigurationSetName(s.tenant.id);
    const [configSetId] = one('AWS::SES::ConfigurationSet', 'Name', name);
    const [, destination] = resourcesOf('AWS::SES::ConfigurationSetEventDestination')[0] as [
      string,
      Resource,
    ];
    expect(destination.Properties.ConfigurationSetName).toEqual({ Ref: configSetId });
    expect(JSON.stringify(destination.Properties.EventDestination.EventBridgeDestination)).toContain(
      ':event-bus/default',
    );
    expect(destination.Properties.EventDestination.MatchingEventTypes).toEqual(
      expect.arrayContaining(['bounce', 'complaint', 'delivery', 'open', 'click', 'subscription']),
    );
    const [, forwarder] = one('AWS::Events::Rule', 'Name', ruleName(s.tenant.id, 'ses-events'));
    expect(forwarder.Properties.EventBusName).toBe('default');
    expect(forwarder.Properties.EventPattern).toEqual({
      source: ['aws.ses'],
      detail: { mail: { tags: { 'ses:configuration-set': [name] } } },
    });
    expect(forwarder.Properties.Targets).toEqual([
      expect.objectContaining({
        Arn: arnOf(busId()),
        DeadLetterConfig: { Arn: arnOf(queueId(queueName(s.tenant.id, 'bus-dlq'))) },
      }),
    ]);
  });
});

describe('users', () => {
  it('is a staff-only pool with e-mail as username, a strong password policy and threat protection', () => {
    const [, pool] = one('AWS::Cognito::UserPool', 'UserPoolName', userPoolName(s.tenant.id));
    expect(pool.Properties.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(pool.Properties.UsernameAttributes).toEqual(['email']);
    expect(pool.Properties.Policies.PasswordPolicy).toMatchObject({
      MinimumLength: 12,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
    expect(pool.Properties.UserPoolTier).toBe('PLUS');
    expect(pool.Properties.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    expect(pool.Properties.DeletionProtection).toBe('ACTIVE');
    expect(pool.DeletionPolicy).toBe('Retain');
  });

  it('has one group per role and an app client for the SPA without a secret', () => {
    expect(
      resourcesOf('AWS::Cognito::UserPoolGroup')
        .map(([, g]) => g.Properties.GroupName)
        .sort(),
    ).toEqual([...roles].sort());
    const [, client] = one('AWS::Cognito::UserPoolClient', 'ClientName', userPoolClientName(s.tenant.id));
    expect(client.Properties.GenerateSecret).toBe(false);
    expect(client.Properties.ExplicitAuthFlows).toEqual(
      expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
    );
    expect(client.Properties.PreventUserExistenceErrors).toBe('ENABLED');
    expect(client.Properties.AllowedOAuthFlowsUserPoolClient).toBe(false);
  });

  it("creates the tenant's admin in the admin group, invited by e-mail", () => {
    const [userId, user] = one('AWS::Cognito::UserPoolUser', 'Username', s.tenant.adminEmail);
    expect(user.Properties.DesiredDeliveryMediums).toEqual(['EMAIL']);
    expect(user.DeletionPolicy).toBe('Retain');
    const [, membership] = resourcesOf('AWS::Cognito::UserPoolUserToGroupAttachment')[0] as [
      string,
      Resource,
    ];
    expect(membership.Properties.GroupName).toEqual(expect.anything());
    expect(s.stack.resolve(membership.Properties.Username)).toEqual({ Ref: userId });
    const [groupId] = one('AWS::Cognito::UserPoolGroup', 'GroupName', 'admin');
    expect(membership.Properties.GroupName).toEqual({ Ref: groupId });
  });
});

describe('web app', () => {
  it('serves the private bucket through Origin Access Control and /api/* from the HTTP API, uncached', () => {
    const [, d] = resourcesOf('AWS::CloudFront::Distribution')[0] as [string, Resource];
    const config = d.Properties.DistributionConfig;
    expect(config.CustomErrorResponses).toBeUndefined();
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      expect.objectContaining({ EventType: 'viewer-request' }),
    ]);
    const api = config.CacheBehaviors.find((b: Json) => b.PathPattern === '/api/*');
    expect(api).toMatchObject({
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
      ViewerProtocolPolicy: 'https-only',
    });
    const apiOrigin = config.Origins.find((o: Json) => o.Id === api.TargetOriginId);
    const [apiId] = resourcesOf('AWS::ApiGatewayV2::Api')[0] as [string, Resource];
    expect(apiOrigin.DomainName).toEqual({
      'Fn::Select': [2, { 'Fn::Split': ['/', arnOf(apiId, 'ApiEndpoint')] }],
    });
    const s3Origin = config.Origins.find((o: Json) => o.Id === config.DefaultCacheBehavior.TargetOriginId);
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    expect(config.Logging.Prefix).toBe('cloudfront/');
  });

  it('rewrites client-side routes to /index.html and leaves assets alone', () => {
    const handler = new Function(`${spaRoutingCode}; return handler;`)() as (e: Json) => { uri: string };
    const route = (uri: string) => handler({ request: { uri } }).uri;
    expect(route('/')).toBe('/index.html');
    expect(route('/deals/01J9ZK')).toBe('/index.html');
    expect(route('/deals/')).toBe('/index.html');
    expect(route('/assets/app-1a2b.js')).toBe('/assets/app-1a2b.js');
    expect(route('/config.json')).toBe('/config.json');
  });

  it('keeps every bucket private, encrypted and TLS-only', () => {
    const policies = resourcesOf('AWS::S3::BucketPolicy');
    for (const [id, bucket] of resourcesOf('AWS::S3::Bucket')) {
      expect(bucket.Properties.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption, id).toBeDefined();
      const policy = policies.find(([, p]) => p.Properties.Bucket.Ref === id);
      expect(policy?.[1].Properties.PolicyDocument.Statement, id).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('uploads config.json with the pool, the client and the tenant', () => {
    const [, deployment] = resourcesOf('Custom::CDKBucketDeployment')[0] as [string, Resource];
    const configZip = deployment.Properties.SourceObjectKeys[1].replace(/\.zip$/, '');
    const raw = readFileSync(join(s.assemblyDir, `asset.${configZip}`, 'config.json'), 'utf8');
    const markers: Record<string, unknown> = deployment.Properties.SourceMarkers[1];
    const config = JSON.parse(raw, (_, value) =>
      typeof value === 'string' && value in markers ? markers[value] : value,
    );
    const poolId = one('AWS::Cognito::UserPool', 'UserPoolName', userPoolName(s.tenant.id))[0];
    const clientId = one('AWS::Cognito::UserPoolClient', 'ClientName', userPoolClientName(s.tenant.id))[0];
    expect(config).toEqual({
      region: s.tenant.region,
      userPoolId: { Ref: poolId },
      userPoolClientId: { Ref: clientId },
      cognitoEndpoint: `https://cognito-idp.${s.tenant.region}.amazonaws.com/`,
      tenant: {
        id: s.tenant.id,
        name: s.tenant.name,
        timezone: s.tenant.timezone,
        currency: s.tenant.currency,
        locale: s.tenant.locale,
      },
    });
    expect(deployment.Properties.DistributionPaths).toEqual(['/*']);
    const built = readdirSync(
      join(s.assemblyDir, `asset.${deployment.Properties.SourceObjectKeys[0].replace(/\.zip$/, '')}`),
    );
    expect(built).toContain('index.html');
  });
});

describe('files bucket', () => {
  it('is private, encrypted, TLS-only, logged, and lets only the web app origin upload and download', () => {
    const buckets = resourcesOf('AWS::S3::Bucket').filter(([, r]) => r.Properties.CorsConfiguration);
    expect(buckets).toHaveLength(1);
    const [id, bucket] = buckets[0] as [string, Resource];
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(
      bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault,
    ).toEqual({
      SSEAlgorithm: 'AES256',
    });
    expect(bucket.Properties.LoggingConfiguration.LogFilePrefix).toBe('files/');
    const [rule] = bucket.Properties.CorsConfiguration.CorsRules;
    expect(rule.AllowedMethods.sort()).toEqual(['GET', 'PUT']);
    expect(rule.AllowedOrigins).toHaveLength(1);
    expect(JSON.stringify(rule.AllowedOrigins[0])).toContain('DomainName');
    const policies = Object.values(s.template.findResources('AWS::S3::BucketPolicy')).filter(
      (p: Json) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: id }),
    );
    expect(JSON.stringify(policies)).toContain('"aws:SecureTransport":"false"');
    expect(bucket.DeletionPolicy).toBe('Retain');
  });
});

describe('stack', () => {
  it('is named by resource-names.ts, in the tenant region, with its outputs', () => {
    expect(s.stack.stackName).toBe(`Crm-${s.tenant.id}`);
    expect(s.stack.region).toBe(s.tenant.region);
    expect(Object.keys(s.template.findOutputs('*')).sort()).toEqual(Object.values(outputKeys).sort());
  });

  it('tags resources with the app and the tenant', () => {
    const [, t] = one('AWS::DynamoDB::Table', 'TableName', tableName(s.tenant.id));
    const [, fn] = one('AWS::Lambda::Function', 'FunctionName', functionName(s.tenant.id, 'get-me'));
    for (const tags of [t.Properties.Tags, fn.Properties.Tags]) {
      expect(tags).toEqual(
        expect.arrayContaining([
          { Key: 'app', Value: 'crm' },
          { Key: 'tenant', Value: s.tenant.id },
        ]),
      );
    }
  });
});
