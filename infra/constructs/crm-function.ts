// The one construct that wires a Lambda function of the tenant (STYLE.md #4): Node 24 on
// arm64, esbuild bundling with source maps, the tenant's shared log group, its own role, the environment
// functionEnvironment() derives from the catalog entry, and bind* methods that grant
// exactly the access the entry's `access` asks for. No wildcard action on data anywhere.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import {
  type AddToPrincipalPolicyResult,
  type IRole,
  PolicyDocument,
  PolicyStatement,
  Role,
  type RoleProps,
  ServicePrincipal,
} from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Access, FunctionDefinition } from '../../functions/catalog.ts';
import { functionEnvironment, type TenantResources } from '../../functions/lib/function-environment.ts';
import { functionName } from '../../functions/lib/resource-names.ts';
import { acknowledge, wildcardResource } from './nag.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Added to what functionEnvironment() gives: stack traces mapped through the bundle's source map. */
export const runtimeEnvironment = { NODE_OPTIONS: '--enable-source-maps' } as const;

const defaultMemoryMb = 512;
const defaultTimeoutSeconds = 10;

// Narrower than grantReadData/grantReadWriteData: no Scan (every list is a Query on a key or
// an index, DESIGN.md) and no stream actions (only the publisher reads the stream, through
// its event source mapping). TransactWriteItems is authorised per item by these same actions.
const tableReadActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
const tableWriteActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

export type CrmFunctionProps = {
  readonly tenantId: string;
  /** The function's key in functions/catalog.ts. */
  readonly name: string;
  readonly definition: FunctionDefinition;
  readonly resources: TenantResources;
  /** The tenant's one log group of functions: Lambda names each stream after its function. */
  readonly logGroup: ILogGroup;
};

/** What `bindAccess` can grant on: the tenant's own resources, nothing else. */
export type AccessTargets = {
  readonly table: ITable;
  readonly bus: IEventBus;
  /** Every queue of the tenant by short name (work queues, their DLQs, failure queues). */
  readonly queues: ReadonlyMap<string, IQueue>;
  readonly userPoolArn: string;
  readonly filesBucket: IBucket;
  readonly sesConfigurationSetName: string;
  readonly mailFrom: string;
  /** The tenant's schedule group and the role its schedules run with (functions/lib/scheduler.ts). */
  readonly scheduleGroupName: string;
  readonly schedulerRole: IRole;
  /** The tenant's unsubscribe key (infra/constructs/unsubscribe-key.ts). */
  readonly unsubscribeKey: ISecret;
};

export class CrmFunction extends Construct {
  readonly name: string;
  readonly definition: FunctionDefinition;
  readonly function: NodejsFunction;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: CrmFunctionProps) {
    super(scope, id);
    this.name = props.name;
    this.definition = props.definition;

    // An explicit role, so that no AWS managed policy (AWSLambdaBasicExecutionRole, logs on `*`)
    // is attached: the function may write to the tenant's function log group only.
    this.role = new InlinePolicyRole(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `crm ${props.name} (${props.tenantId})`,
    });
    props.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      functionName: functionName(props.tenantId, props.name),
      description: props.definition.description,
      entry: join(repoRoot, props.definition.entry),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.definition.memoryMb ?? defaultMemoryMb,
      timeout: Duration.seconds(props.definition.timeoutSeconds ?? defaultTimeoutSeconds),
      role: this.role,
      logGroup: props.logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: {
        ...functionEnvironment(props.name, props.definition, props.resources),
        ...runtimeEnvironment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        // The same SDK version the local runtime and the tests use, not the one the Lambda
        // runtime happens to ship.
        bundleAwsSDK: true,
        // CommonJS dependencies inside an ESM bundle still call require().
        banner:
          "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    });
  }

  /** Grants what the catalog entry's `access` asks for, and nothing more. */
  bindAccess(access: Access, targets: AccessTargets): void {
    if (access.table) this.bindTable(targets.table, access.table);
    if (access.putEvents) this.bindPutEvents(targets.bus);
    for (const name of access.sendTo ?? []) this.bindSendTo(queueOf(targets.queues, name));
    if (access.sendEmail) this.bindSendEmail(targets.sesConfigurationSetName, targets.mailFrom);
    if (access.userPool?.length) this.bindUserPool(targets.userPoolArn, access.userPool);
    if (access.healthChecks) this.bindHealthChecks(targets);
    else if (access.sendQuota) this.bindSendQuota();
    if (access.files) this.bindFiles(targets.filesBucket, access.files);
    if (access.schedules) this.bindSchedules(targets.scheduleGroupName, targets.schedulerRole);
    if (access.unsubscribeKey) this.bindUnsubscribeKey(targets.unsubscribeKey);
  }

  /** Reading the value of the unsubscribe key's secret, and no other secret or action. */
  bindUnsubscribeKey(secret: ISecret): void {
    this.role.addToPolicy(
      new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }),
    );
  }

  /**
   * One-off schedules in the tenant's group only (create, move, delete; no reading or listing),
   * and passing the scheduler's role to the Scheduler, which is all the role can be passed to.
   */
  bindSchedules(groupName: string, schedulerRole: IRole): void {
    const schedulesOfGroup = Stack.of(this).formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${groupName}/*`,
    });
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'],
        resources: [schedulesOfGroup],
      }),
    );
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    acknowledge(
      this.role,
      wildcardResource(this, schedulesOfGroup),
      'The wildcard is the schedules of this tenant’s own schedule group: reminders are one-off schedules named per task at run time.',
    );
  }

  /** Objects of the files bucket only: get (and put and delete for read-write), no bucket actions. */
  bindFiles(bucket: IBucket, mode: 'read' | 'read-write'): void {
    const actions = ['s3:GetObject', ...(mode === 'read-write' ? ['s3:PutObject', 's3:DeleteObject'] : [])];
    this.role.addToPolicy(new PolicyStatement({ actions, resources: [bucket.arnForObjects('*')] }));
    acknowledge(
      this.role,
      wildcardResource(this, bucket.arnForObjects('*')),
      'The wildcard is the objects of this tenant’s files bucket only; keys are generated per record and job.',
    );
  }

  bindTable(table: ITable, mode: 'read' | 'read-write'): void {
    table.grant(this.role, ...tableReadActions, ...(mode === 'read-write' ? tableWriteActions : []));
    acknowledge(
      this.role,
      wildcardResource(this, `${table.tableArn}/index/*`),
      'The wildcard is the set of global secondary indexes of this tenant table only (functions/domain/table.ts); queries address them by name.',
    );
  }

  bindPutEvents(bus: IEventBus): void {
    bus.grantPutEventsTo(this.role);
  }

  bindSendTo(queue: IQueue): void {
    queue.grant(this.role, 'sqs:SendMessage');
  }

  /** SES v2 SendEmail through the tenant's configuration set, from the tenant's sender only. */
  bindSendEmail(configurationSetName: string, mailFrom: string): void {
    const stack = Stack.of(this);
    const domain = mailFrom.slice(mailFrom.indexOf('@') + 1);
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        // SES authorises against the configuration set and the identity that covers the sender:
        // the address itself if it is verified, otherwise its domain.
        resources: [
          stack.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: configurationSetName,
          }),
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: mailFrom }),
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: domain }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': mailFrom } },
      }),
    );
  }

  bindUserPool(userPoolArn: string, actions: readonly string[]): void {
    this.role.addToPolicy(new PolicyStatement({ actions: [...actions], resources: [userPoolArn] }));
  }

  /** The read-only describe/get calls of functions/domain/system/health.ts, on the tenant's own resources. */
  bindHealthChecks(targets: AccessTargets): void {
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['sqs:GetQueueAttributes'],
        resources: [...targets.queues.values()].map((q) => q.queueArn),
      }),
    );
    this.role.addToPolicy(
      new PolicyStatement({ actions: ['events:DescribeEventBus'], resources: [targets.bus.eventBusArn] }),
    );
    this.role.addToPolicy(
      new PolicyStatement({ actions: ['cognito-idp:DescribeUserPool'], resources: [targets.userPoolArn] }),
    );
    this.role.addToPolicy(new PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] }));
    acknowledge(
      this.role,
      'IAM5[Resource::*]',
      'Only ses:GetAccount is granted on `*`: it reads the account-level sending status and has no resource type to scope it to.',
    );
  }

  /** The account's sending quota (health checks grant it too). */
  bindSendQuota(): void {
    this.role.addToPolicy(new PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] }));
    acknowledge(
      this.role,
      'IAM5[Resource::*]',
      'Only ses:GetAccount is granted on `*`: it reads the account-level sending quota and has no resource type to scope it to.',
    );
  }

  /** SQS event source with partial batch failures reported (the consumer returns the failed ids). */
  consumeQueue(queue: IQueue, options: { batchSize: number; maxBatchingWindowSeconds: number }): void {
    this.function.addEventSource(
      new SqsEventSource(queue, {
        batchSize: options.batchSize,
        maxBatchingWindow: Duration.seconds(options.maxBatchingWindowSeconds),
        reportBatchItemFailures: true,
      }),
    );
  }

  /** The table's stream, from its oldest record; a batch failing all retries goes to `deadLetters`. */
  consumeTableStream(
    table: ITable,
    deadLetters: IQueue,
    options: {
      batchSize: number;
      maxBatchingWindowSeconds: number;
      retryAttempts: number;
      tumblingWindowSeconds?: number;
    },
  ): void {
    this.function.addEventSource(
      new DynamoEventSource(table, {
        ...(options.tumblingWindowSeconds
          ? { tumblingWindow: Duration.seconds(options.tumblingWindowSeconds) }
          : {}),
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: options.batchSize,
        maxBatchingWindow: Duration.seconds(options.maxBatchingWindowSeconds),
        retryAttempts: options.retryAttempts,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(deadLetters),
      }),
    );
    acknowledge(
      this.role,
      'IAM5[Resource::*]',
      'Only dynamodb:ListStreams, which the stream event source needs and which has no resource-level permissions; ' +
        "the stream's records are read on this table's stream ARN only.",
    );
  }
}

/**
 * A role whose grants all go into one inline policy of the role itself instead of a separate
 * AWS::IAM::Policy resource (CDK's DefaultPolicy). The statements are the same; the stack has
 * one resource fewer per function, which keeps it under CloudFormation's 500. What waited for
 * the default policy (event source mappings) waits for the role, which carries the policy.
 */
class InlinePolicyRole extends Role {
  private readonly access: PolicyDocument;

  constructor(scope: Construct, id: string, props: RoleProps) {
    const access = new PolicyDocument();
    super(scope, id, { ...props, inlinePolicies: { ...props.inlinePolicies, access } });
    this.access = access;
  }

  override addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    this.access.addStatements(statement);
    return { statementAdded: true, policyDependable: this };
  }
}

const queueOf = (queues: ReadonlyMap<string, IQueue>, name: string): IQueue => {
  const queue = queues.get(name);
  if (!queue) throw new Error(`no queue "${name}" (events/queues.ts)`);
  return queue;
};
