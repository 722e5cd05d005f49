// The whole CRM on one machine: the emulators (DynamoDB Local, fauxqs, aws-ses-v2-local,
// cognito-local), the project's own EventBridge bus and scheduler, and for each tenant its
// resources, its functions in worker threads, a gateway serving its API and SPA, its queue
// consumers and its stream publisher — all derived from the same definitions the CDK stack
// is built from (functions/catalog.ts, events/*, functions/domain/table.ts).
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { DynamoDBStreamEvent, SQSEvent } from 'aws-lambda';
import { retryPolicy, rules } from '../../events/rules.ts';
import { schedules } from '../../events/schedules.ts';
import { type FunctionDefinition, type FunctionName, functions } from '../../functions/catalog.ts';
import { functionEnvironment } from '../../functions/lib/function-environment.ts';
import * as names from '../../functions/lib/resource-names.ts';
import { loadTenant, type Tenant } from '../../infra/tenants.ts';
import { webConfig } from '../../infra/web-config.ts';
import { type CompiledRoute, compileRoute } from './api-gateway-event.ts';
import { type Endpoints, emulatorEnvironment, localClients } from './aws-clients.ts';
import { LocalEventBridge } from './bus/event-bus.ts';
import { LocalScheduler } from './bus/scheduler.ts';
import { startBusServer } from './bus/server.ts';
import { Clock } from './clock.ts';
import { startCognitoLocal } from './emulators/cognito.ts';
import { startDynamoDbLocal } from './emulators/dynamodb.ts';
import { startFauxqsEmulator } from './emulators/fauxqs.ts';
import { startSesEmulator } from './emulators/ses.ts';
import { FunctionHost } from './function-host.ts';
import { type Gateway, startGateway } from './gateway.ts';
import { createJwtAuthorizer } from './jwt-authorizer.ts';
import { assertPortFree, freePort } from './ports.ts';
import {
  type Login,
  provisionFilesBucket,
  provisionQueues,
  provisionTable,
  provisionUnsubscribeKey,
  provisionUserPool,
} from './provision.ts';
import { startSqsPoller } from './sqs-poller.ts';
import { startStreamPoller } from './stream-poller.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export type LocalRuntimeOptions = {
  readonly tenantIds: readonly string[];
  /** Where data lives across restarts; a temporary folder (deleted on stop) when undefined. */
  readonly dataDir?: string;
  /** Gateways on basePort, basePort+1, …; emulators on basePort+100…+104. Random ports when 0/undefined. */
  readonly basePort?: number;
  /** The built SPA; defaults to web/dist. */
  readonly webRoot?: string;
  readonly onProgress?: (line: string) => void;
  /** Each line a function logs; by default they go to <dataDir>/logs/functions.log. */
  readonly onFunctionLog?: (entry: { tenantId: string; functionName: string; line: string }) => void;
  /** Each API request the gateways served. */
  readonly onRequest?: (entry: {
    tenantId: string;
    method: string;
    path: string;
    status: number;
    ms: number;
  }) => void;
  /** Local-only: failed SQS messages reappear after this many seconds instead of the queue's visibility timeout. */
  readonly retryVisibilitySeconds?: number;
  /** Base delay of the bus's retries to a failing target (EventBridge backs off for minutes). */
  readonly busRetryBaseDelayMs?: number;
  readonly functionConcurrency?: number;
  /**
   * Local-only, for tests: variables added to a function's environment, by catalog name (the
   * campaign reliability test switches on its fault injector with CRM_LOCAL_FAULTS).
   */
  readonly extraFunctionEnvironment?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * False: no stream consumers (publisher, counters). For bulk benchmarks only: DynamoDB Local
   * reads its stream in time that grows with the stream's length.
   */
  readonly streamConsumers?: boolean;
};

export type LocalTenant = {
  readonly id: string;
  readonly tenant: Tenant;
  readonly appUrl: string;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly issuer: string;
  readonly logins: readonly Login[];
  readonly tableName: string;
  readonly busName: string;
  readonly queueUrls: Readonly<Record<string, string>>;
  readonly filesBucket: string;
  readonly gateway: Gateway;
  /** The routes the gateway serves, from functions/catalog.ts. */
  readonly routes: readonly CompiledRoute[];
  /** The queue and stream consumers running for the tenant, as event source mappings. */
  readonly eventSources: readonly LocalEventSource[];
  /** Invokes one of the tenant's functions directly, as `aws lambda invoke` would. */
  invoke(functionName: FunctionName, event: unknown): Promise<unknown>;
};

export type LocalEventSource = {
  readonly function: string;
  readonly source: { readonly kind: 'queue' | 'table-stream'; readonly name: string };
  readonly batchSize: number;
};

export type LocalRuntime = {
  readonly tenants: readonly LocalTenant[];
  readonly endpoints: Endpoints;
  readonly mailViewerUrl: string;
  readonly dataDir: string;
  readonly clock: Clock;
  readonly bus: LocalEventBridge;
  readonly scheduler: LocalScheduler;
  tenant(id: string): LocalTenant;
  stop(): Promise<void>;
};

const ports = async (basePort: number | undefined, tenantCount: number) => {
  if (!basePort) {
    const gateways = await Promise.all(Array.from({ length: tenantCount }, () => freePort()));
    const [dynamodb, sqs, ses, cognito, bus] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    return { gateways, dynamodb, sqs, ses, cognito, bus } as {
      gateways: number[];
      dynamodb: number;
      sqs: number;
      ses: number;
      cognito: number;
      bus: number;
    };
  }
  const chosen = {
    gateways: Array.from({ length: tenantCount }, (_, i) => basePort + i),
    dynamodb: basePort + 100,
    sqs: basePort + 101,
    ses: basePort + 102,
    cognito: basePort + 103,
    bus: basePort + 104,
  };
  await Promise.all([
    ...chosen.gateways.map((p, i) => assertPortFree(p, `the web app of tenant ${i + 1}`)),
    assertPortFree(chosen.dynamodb, 'DynamoDB Local'),
    assertPortFree(chosen.sqs, 'fauxqs'),
    assertPortFree(chosen.ses, 'the SES emulator'),
    assertPortFree(chosen.cognito, 'cognito-local'),
    assertPortFree(chosen.bus, 'the local EventBridge'),
  ]);
  return chosen;
};

export const startLocalRuntime = async (options: LocalRuntimeOptions): Promise<LocalRuntime> => {
  const progress = options.onProgress ?? (() => undefined);
  const tenants = options.tenantIds.map((id) => loadTenant(id));
  if (tenants.length === 0) throw new Error('no tenant to run: name at least one');
  const temporary = options.dataDir === undefined;
  const dataDir = resolve(options.dataDir ?? mkdtempSync(join(tmpdir(), 'crm-local-')));
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  writeFileSync(
    join(dataDir, '.crm-data'),
    'Local data of the CRM (npm start). `npm run crm -- reset` deletes it.\n',
  );
  const region = tenants[0]?.region ?? 'eu-central-1';
  const port = await ports(options.basePort, tenants.length);

  // Stopping happens in two phases: first nothing new comes in (gateways, scheduler,
  // pollers) while the functions finish what the bus is still delivering; then the
  // functions, the bus server and the emulators stop, last started first.
  const quiesce: (() => Promise<void>)[] = [];
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const step of quiesce.splice(0)) await step().catch(() => undefined);
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    progress('starting DynamoDB Local, fauxqs, the SES emulator and cognito-local…');
    const clock = new Clock();
    // Each emulator's stop is registered as soon as it is up, and every start is awaited
    // before a failure is thrown, so a failed start never leaves another emulator running.
    const track = async <T extends { stop(): Promise<void> }>(starting: Promise<T>): Promise<T> => {
      const started = await starting;
      stops.push(started.stop);
      return started;
    };
    const starting = [
      track(
        startDynamoDbLocal({
          port: port.dynamodb,
          dataDir: temporary ? undefined : join(dataDir, 'dynamodb'),
          logFile: join(dataDir, 'logs', 'dynamodb-local.log'),
        }),
      ),
      track(
        startFauxqsEmulator({
          port: port.sqs,
          region,
          dataDir: temporary ? undefined : join(dataDir, 'fauxqs'),
        }),
      ),
      track(startSesEmulator({ port: port.ses })),
      track(
        startCognitoLocal({
          port: port.cognito,
          dataDir: join(dataDir, 'cognito'),
          logFile: join(dataDir, 'logs', 'cognito-local.log'),
        }),
      ),
    ] as const;
    await Promise.allSettled(starting);
    const [dynamodb, sqs, ses, cognito] = await Promise.all(starting);

    const bus = new LocalEventBridge({
      clock,
      region,
      accountId: '000000000000',
      retryBaseDelayMs: options.busRetryBaseDelayMs ?? 1000,
    });
    // Schedules that functions create over the API (task reminders) name their dead-letter
    // queue by ARN, as in AWS; each tenant registers how to reach its `bus-dlq`.
    const deadLetterQueues = new Map<
      string,
      (body: string, attributes: Readonly<Record<string, string>>) => Promise<void>
    >();
    const scheduler = new LocalScheduler({
      clock,
      bus,
      deadLetter: async (invocation, failure) => {
        const send = failure.deadLetterArn ? deadLetterQueues.get(failure.deadLetterArn) : undefined;
        if (send) await send(invocation.input ?? '', failure.attributes);
      },
    });
    const busServer = await startBusServer({ bus, scheduler, clock, port: port.bus });
    quiesce.push(async () => {
      scheduler.stop();
      await bus.drain({ timeoutMs: 15_000 });
    });
    stops.push(busServer.stop);

    const endpoints: Endpoints = {
      dynamodb: dynamodb.endpoint,
      sqs: sqs.endpoint,
      ses: ses.endpoint,
      cognito: cognito.endpoint,
      bus: busServer.url,
    };
    writeFileSync(
      join(dataDir, 'runtime.json'),
      `${JSON.stringify({ pid: process.pid, ports: port, endpoints }, null, 2)}\n`,
    );

    const functionLog = join(dataDir, 'logs', 'functions.log');
    const onFunctionLog =
      options.onFunctionLog ??
      ((e: { tenantId: string; functionName: string; line: string }) =>
        appendFileSync(functionLog, `${e.tenantId} ${e.functionName} ${e.line}\n`));

    const localTenants: LocalTenant[] = [];
    for (const [index, tenant] of tenants.entries()) {
      progress(`creating the resources of tenant ${tenant.id}…`);
      const clients = localClients(endpoints, tenant.region);
      const tenantDir = join(dataDir, 'tenants', tenant.id);
      mkdirSync(tenantDir, { recursive: true });
      const [tableName, queueUrls, pool, filesBucket] = await Promise.all([
        provisionTable(clients, tenant.id),
        provisionQueues(clients, tenant.id),
        provisionUserPool(clients, tenant, join(tenantDir, 'credentials.json')),
        provisionFilesBucket(clients, tenant.id),
      ]);
      const gatewayPort = port.gateways[index] ?? 0;
      const appUrl = `http://127.0.0.1:${gatewayPort}`;
      const busName = names.busName(tenant.id);
      const queueArn = async (shortName: string) => {
        const url = queueUrls[shortName];
        if (!url) throw new Error(`no queue ${shortName}`);
        const { Attributes } = await clients.sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
        );
        return Attributes?.QueueArn ?? '';
      };
      const busDlqArn = await queueArn('bus-dlq');
      const resources = {
        tenantId: tenant.id,
        tenantName: tenant.name,
        timezone: tenant.timezone,
        currency: tenant.currency,
        locale: tenant.locale,
        tableName,
        busName,
        queueUrls,
        userPoolId: pool.userPoolId,
        sesConfigurationSet: names.sesConfigurationSetName(tenant.id),
        filesBucket,
        mailFrom: tenant.mailFrom,
        appUrl,
        // Functions reach the local scheduler through AWS_ENDPOINT_URL_SCHEDULER (aws-clients.ts),
        // which, like the Scheduler, takes any role ARN: this one names what the stack creates.
        scheduleGroupName: names.scheduleGroupName(tenant.id),
        schedulerRoleArn: `arn:aws:iam::${bus.accountId}:role/crm-${tenant.id}-scheduler`,
        busArn: bus.busArn(busName),
        busDeadLetterArn: busDlqArn,
        unsubscribeKey: { value: provisionUnsubscribeKey(join(tenantDir, 'unsubscribe-key')) },
      };
      const hosts = new Map<string, FunctionHost>();
      for (const [name, definition] of Object.entries(functions) as [FunctionName, FunctionDefinition][]) {
        const functionName = names.functionName(tenant.id, name);
        hosts.set(
          name,
          new FunctionHost({
            functionName,
            definition,
            entryPath: join(repoRoot, definition.entry),
            environment: {
              ...emulatorEnvironment(endpoints, tenant.region),
              ...functionEnvironment(name, definition, resources),
              // S3 through the gateway's /_s3 proxy: presigned URLs then point at the app's origin.
              AWS_ENDPOINT_URL_S3: `${appUrl}/_s3`,
              S3_FORCE_PATH_STYLE: 'true',
              AWS_LAMBDA_FUNCTION_NAME: functionName,
              AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memoryMb ?? 512),
              NODE_OPTIONS: '--enable-source-maps',
              ...options.extraFunctionEnvironment?.[name],
            },
            region: tenant.region,
            maxConcurrency: options.functionConcurrency ?? 4,
            clockOffsetMs: () => clock.offsetMs,
            onOutput: (line) => onFunctionLog({ tenantId: tenant.id, functionName: name, line }),
          }),
        );
      }
      stops.push(async () => {
        await Promise.all([...hosts.values()].map((h) => h.stop()));
      });
      const invoke = (name: string, event: unknown, requestId?: string) => {
        const host = hosts.get(name);
        if (!host) throw new Error(`no function ${name} in functions/catalog.ts`);
        return host.invoke(event, requestId);
      };

      // The bus: the tenant's rules and schedules, from events/.
      bus.createEventBus(busName);
      const busDlqUrl = queueUrls['bus-dlq'] as string;
      // As EventBridge does: the undeliverable event (or schedule input) on the DLQ, with
      // ERROR_CODE, ERROR_MESSAGE, … as message attributes.
      const toBusDlq = async (body: string, attributes: Readonly<Record<string, string>>) => {
        await clients.sqs.send(
          new SendMessageCommand({
            QueueUrl: busDlqUrl,
            MessageBody: body,
            MessageAttributes: Object.fromEntries(
              Object.entries(attributes).map(([k, v]) => [
                k,
                { DataType: 'String', StringValue: v.slice(0, 1024) },
              ]),
            ),
          }),
        );
      };
      for (const rule of rules) {
        const target = rule.target;
        bus.putRule({
          eventBusName: busName,
          name: names.ruleName(tenant.id, rule.name),
          description: rule.description,
          pattern: rule.pattern,
          target:
            'function' in target
              ? {
                  kind: 'function',
                  id: names.functionName(tenant.id, target.function),
                  invoke: (event: unknown) => invoke(target.function, event).then(() => undefined),
                }
              : {
                  kind: 'queue',
                  id: names.queueName(tenant.id, target.queue),
                  send: async (body: string) => {
                    await clients.sqs.send(
                      new SendMessageCommand({ QueueUrl: queueUrls[target.queue], MessageBody: body }),
                    );
                  },
                },
          retryPolicy,
          deadLetterArn: busDlqArn,
          deadLetter: (event, failure) => toBusDlq(JSON.stringify(event), failure.attributes),
        });
      }
      scheduler.ensureScheduleGroup(names.scheduleGroupName(tenant.id));
      deadLetterQueues.set(busDlqArn, toBusDlq);
      for (const schedule of schedules) {
        scheduler.createSchedule({
          groupName: names.scheduleGroupName(tenant.id),
          name: names.scheduleName(tenant.id, schedule.name),
          expression: schedule.expression,
          timezone: tenant.timezone,
          target: {
            kind: 'put-events',
            eventBusName: busName,
            source: schedule.event.contract.source,
            detailType: schedule.event.contract.detailType,
            detail: schedule.event.detail,
          },
          retryPolicy,
          deadLetterArn: busDlqArn,
          deadLetter: (invocation, failure) => toBusDlq(invocation.input ?? '', failure.attributes),
        });
      }

      // Event sources: queue consumers and the stream publisher.
      const eventSources: LocalEventSource[] = [];
      for (const [name, definition] of Object.entries(functions) as [FunctionName, FunctionDefinition][]) {
        if (definition.queue) {
          const q = definition.queue;
          const poller = startSqsPoller({
            sqs: clients.sqs,
            queueUrl: queueUrls[q.name] as string,
            queueArn: await queueArn(q.name),
            region: tenant.region,
            batchSize: q.batchSize,
            maxBatchingWindowSeconds: q.maxBatchingWindowSeconds,
            invoke: (event: SQSEvent) => invoke(name, event),
            ...(options.retryVisibilitySeconds !== undefined
              ? { retryVisibilitySeconds: options.retryVisibilitySeconds }
              : {}),
            onError: (error) =>
              onFunctionLog({
                tenantId: tenant.id,
                functionName: name,
                line: `poller: ${(error as Error).message}`,
              }),
          });
          quiesce.unshift(poller.stop);
          eventSources.push({
            function: names.functionName(tenant.id, name),
            source: { kind: 'queue', name: names.queueName(tenant.id, q.name) },
            batchSize: q.batchSize,
          });
        }
        if (definition.stream && options.streamConsumers !== false) {
          const s = definition.stream;
          const poller = startStreamPoller({
            clients,
            tableName,
            region: tenant.region,
            batchSize: s.batchSize,
            retryAttempts: s.retryAttempts,
            ...(s.tumblingWindowSeconds ? { tumblingWindowSeconds: s.tumblingWindowSeconds } : {}),
            invoke: (event: DynamoDBStreamEvent) => invoke(name, event),
            onFailureQueueUrl: queueUrls['stream-dlq'] as string,
            checkpointFile: join(tenantDir, `stream-${name}.json`),
            onError: (error) =>
              onFunctionLog({
                tenantId: tenant.id,
                functionName: name,
                line: `stream: ${(error as Error).message}`,
              }),
          });
          quiesce.unshift(poller.stop);
          eventSources.push({
            function: names.functionName(tenant.id, name),
            source: { kind: 'table-stream', name: tableName },
            batchSize: s.batchSize,
          });
        }
      }

      const issuer = `${cognito.endpoint}/${pool.userPoolId}`;
      const routes = (Object.entries(functions) as [FunctionName, FunctionDefinition][]).flatMap(
        ([name, d]) => (d.routes ?? []).map((r) => compileRoute(name, r)),
      );
      const gateway = await startGateway({
        tenantId: tenant.id,
        port: gatewayPort,
        routes,
        authorizer: createJwtAuthorizer({ issuer, audience: [pool.clientId] }),
        invoke,
        webRoot: options.webRoot ?? join(repoRoot, 'web', 'dist'),
        s3Endpoint: endpoints.sqs,
        webConfig: webConfig(tenant, {
          userPoolId: pool.userPoolId,
          userPoolClientId: pool.clientId,
          cognitoEndpoint: `${cognito.endpoint}/`,
        }),
        onRequest: (r) => options.onRequest?.({ tenantId: tenant.id, ...r }),
      });
      quiesce.unshift(gateway.stop);
      localTenants.push({
        id: tenant.id,
        tenant,
        appUrl: gateway.url,
        userPoolId: pool.userPoolId,
        clientId: pool.clientId,
        issuer,
        logins: pool.logins,
        tableName,
        busName,
        queueUrls,
        filesBucket,
        gateway,
        routes,
        eventSources,
        invoke: (name, event) => invoke(name, event),
      });
    }
    return {
      tenants: localTenants,
      endpoints,
      mailViewerUrl: ses.endpoint,
      dataDir,
      clock,
      bus,
      scheduler,
      tenant: (id) => {
        const t = localTenants.find((x) => x.id === id);
        if (!t) throw new Error(`tenant ${id} is not running`);
        return t;
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
};

export const localDataMarker = (dataDir: string): boolean => existsSync(join(dataDir, '.crm-data'));
