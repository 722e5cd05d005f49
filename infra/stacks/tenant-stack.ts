// One tenant's stack (silo isolation): everything the tenant uses, built from the shared
// definitions (functions/catalog.ts, functions/domain/table.ts, events/*, resource-names.ts)
// that the local runtime reads too, so that a deployed tenant and a local one match.
//
// Dependencies run one way, so there is no cycle: functions → CloudFront (APP_URL) →
// the HTTP API resource, while routes and integrations → functions. CloudFront only needs
// the API's endpoint (an attribute of AWS::ApiGatewayV2::Api), not its routes.
import { CfnOutput, RemovalPolicy, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import type { Construct } from 'constructs';
import { rules } from '../../events/rules.ts';
import { schedules } from '../../events/schedules.ts';
import { type FunctionDefinition, type FunctionName, functions } from '../../functions/catalog.ts';
import type { TenantResources } from '../../functions/lib/function-environment.ts';
import { scheduleGroupName, stackName } from '../../functions/lib/resource-names.ts';
import { CrmFunction } from '../constructs/crm-function.ts';
import { TenantApi } from '../constructs/tenant-api.ts';
import { TenantBus } from '../constructs/tenant-bus.ts';
import { TenantFiles } from '../constructs/tenant-files.ts';
import { TenantMail } from '../constructs/tenant-mail.ts';
import { TenantQueues } from '../constructs/tenant-queues.ts';
import { TenantTable } from '../constructs/tenant-table.ts';
import { TenantUsers } from '../constructs/tenant-users.ts';
import { UnsubscribeKey } from '../constructs/unsubscribe-key.ts';
import { WebApp } from '../constructs/web-app.ts';
import type { Tenant } from '../tenants.ts';
import { webConfig } from '../web-config.ts';

export const appName = 'crm';

/** Keys of the stack's outputs, which the ops CLI reads after a deployment. */
export const outputKeys = {
  appUrl: 'AppUrl',
  apiUrl: 'ApiUrl',
  userPoolId: 'UserPoolId',
  userPoolClientId: 'UserPoolClientId',
  tableName: 'TableName',
  eventBusName: 'EventBusName',
} as const;

/** Per-tenant throttling of the HTTP API's stage: ample for a CRM's staff, a brake on abuse. */
export const apiThrottle = { rateLimit: 50, burstLimit: 100 } as const;

const logRetention = RetentionDays.ONE_MONTH;

export type TenantStackProps = StackProps & {
  readonly tenant: Tenant;
  /** The built SPA (web/dist), uploaded with a generated config.json. */
  readonly webAssetPath: string;
  /** Deletes the table, the user pool and the access logs with the stack (`crm destroy --delete-data`). */
  readonly deleteData: boolean;
};

export class TenantStack extends Stack {
  readonly tenant: Tenant;
  readonly table: TenantTable;
  readonly queues: TenantQueues;
  readonly bus: TenantBus;
  readonly users: TenantUsers;
  readonly api: TenantApi;
  readonly web: WebApp;
  readonly mail: TenantMail;
  readonly files: TenantFiles;
  readonly unsubscribeKey: UnsubscribeKey;
  readonly functions: ReadonlyMap<FunctionName, CrmFunction>;
  readonly functionLogs: LogGroup;
  /** The values functionEnvironment() was given (CloudFormation tokens). */
  readonly resources: TenantResources;

  constructor(scope: Construct, id: string, props: TenantStackProps) {
    super(scope, id, {
      ...props,
      stackName: stackName(props.tenant.id),
      description: `CRM of tenant ${props.tenant.id} (${props.tenant.name})`,
      env: props.env ?? { account: process.env.CDK_DEFAULT_ACCOUNT, region: props.tenant.region },
    });
    const { tenant } = props;
    this.tenant = tenant;
    Tags.of(this).add('app', appName);
    Tags.of(this).add('tenant', tenant.id);

    // The tenant's data (table, users, access logs) outlives the stack unless asked otherwise.
    const dataRemoval = props.deleteData ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const protect = !props.deleteData;

    this.table = new TenantTable(this, 'Data', {
      tenantId: tenant.id,
      removalPolicy: dataRemoval,
      deletionProtection: protect,
    });
    this.queues = new TenantQueues(this, 'Queues', { tenantId: tenant.id });
    const busDeadLetters = this.queues.failureQueue('bus-dlq');
    this.bus = new TenantBus(this, 'Events', { tenantId: tenant.id, deadLetters: busDeadLetters });
    this.mail = new TenantMail(this, 'Mail', {
      tenantId: tenant.id,
      tenantBus: this.bus.bus,
      deadLetters: busDeadLetters,
    });
    this.api = new TenantApi(this, 'Http', {
      tenantId: tenant.id,
      throttle: apiThrottle,
      logRetention,
      logRemovalPolicy: dataRemoval,
    });
    this.web = new WebApp(this, 'Web', {
      apiEndpoint: this.api.endpoint,
      logsRemovalPolicy: dataRemoval,
      logRetention,
    });
    this.users = new TenantUsers(this, 'Users', {
      tenant,
      appUrl: this.web.url,
      removalPolicy: dataRemoval,
      deletionProtection: protect,
    });
    this.api.useJwtAuthorizer(this.users.issuerUrl, this.users.webClient.userPoolClientId);
    this.files = new TenantFiles(this, 'Files', {
      appOrigin: this.web.url,
      accessLogs: this.web.logsBucket,
      removalPolicy: dataRemoval,
      deleteData: props.deleteData,
    });
    this.unsubscribeKey = new UnsubscribeKey(this, 'UnsubscribeKey', {
      tenantId: tenant.id,
      removalPolicy: dataRemoval,
    });

    this.resources = {
      tenantId: tenant.id,
      tenantName: tenant.name,
      timezone: tenant.timezone,
      currency: tenant.currency,
      locale: tenant.locale,
      tableName: this.table.table.tableName,
      busName: this.bus.bus.eventBusName,
      queueUrls: Object.fromEntries([...this.queues.byName].map(([name, q]) => [name, q.queueUrl])),
      userPoolId: this.users.userPool.userPoolId,
      sesConfigurationSet: this.mail.configurationSet.configurationSetName,
      filesBucket: this.files.bucket.bucketName,
      mailFrom: tenant.mailFrom,
      appUrl: this.web.url,
      scheduleGroupName: scheduleGroupName(tenant.id),
      schedulerRoleArn: this.bus.schedulerRole.roleArn,
      busArn: this.bus.bus.eventBusArn,
      busDeadLetterArn: busDeadLetters.queueArn,
      unsubscribeKey: { secretArn: this.unsubscribeKey.secret.secretArn },
    };

    // One log group for every function (Lambda names each stream `date/<function>[version]…`), not
    // one each: a log group per function cost a resource per function, against CloudFormation's
    // 500. Named by CloudFormation, so a group retained after a destroy never collides with the
    // next deployment's.
    this.functionLogs = new LogGroup(this, 'FunctionLogs', {
      retention: logRetention,
      removalPolicy: dataRemoval,
    });
    const built = new Map<FunctionName, CrmFunction>();
    for (const [name, definition] of Object.entries(functions) as [FunctionName, FunctionDefinition][]) {
      const fn = new CrmFunction(this, `Fn-${name}`, {
        tenantId: tenant.id,
        name,
        definition,
        resources: this.resources,
        logGroup: this.functionLogs,
      });
      fn.bindAccess(definition.access, {
        table: this.table.table,
        bus: this.bus.bus,
        queues: this.queues.byName,
        userPoolArn: this.users.userPool.userPoolArn,
        filesBucket: this.files.bucket,
        sesConfigurationSetName: this.mail.configurationSet.configurationSetName,
        mailFrom: tenant.mailFrom,
        scheduleGroupName: scheduleGroupName(tenant.id),
        schedulerRole: this.bus.schedulerRole,
        unsubscribeKey: this.unsubscribeKey.secret,
      });
      for (const route of definition.routes ?? []) this.api.addRoute(route, fn.function);
      if (definition.queue) fn.consumeQueue(this.queues.workQueue(definition.queue.name), definition.queue);
      if (definition.stream) {
        fn.consumeTableStream(this.table.table, this.queues.failureQueue('stream-dlq'), definition.stream);
      }
      built.set(name, fn);
    }
    this.functions = built;

    this.bus.addRules(rules, {
      functions: new Map<string, IFunction>([...built].map(([name, fn]) => [name, fn.function])),
      queues: this.queues.byName,
      deadLetters: busDeadLetters,
    });
    this.bus.addSchedules(schedules, { timezone: tenant.timezone, deadLetters: busDeadLetters });

    this.web.deploy(
      props.webAssetPath,
      webConfig(tenant, {
        userPoolId: this.users.userPool.userPoolId,
        userPoolClientId: this.users.webClient.userPoolClientId,
        cognitoEndpoint: `https://cognito-idp.${tenant.region}.${RegionInfo.get(tenant.region).domainSuffix ?? 'amazonaws.com'}/`,
      }),
    );

    new CfnOutput(this, outputKeys.appUrl, { value: this.web.url, description: 'The web app' });
    new CfnOutput(this, outputKeys.apiUrl, { value: this.api.endpoint, description: 'The HTTP API, direct' });
    new CfnOutput(this, outputKeys.userPoolId, { value: this.users.userPool.userPoolId });
    new CfnOutput(this, outputKeys.userPoolClientId, { value: this.users.webClient.userPoolClientId });
    new CfnOutput(this, outputKeys.tableName, { value: this.table.table.tableName });
    new CfnOutput(this, outputKeys.eventBusName, { value: this.bus.bus.eventBusName });
  }
}
