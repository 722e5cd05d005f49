// Creates a tenant's local resources from the same definitions as the CDK stack — the
// table (with its indexes, stream and TTL), the queues with their dead-letter queues, the
// user pool with its groups, app client and users — idempotently: on an existing data
// folder it only adds what is missing, so `npm start` just works again.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { deadLetterRetentionDays, failureQueues, workQueues } from '../../events/queues.ts';
import { table } from '../../functions/domain/table.ts';
import * as names from '../../functions/lib/resource-names.ts';
import { type Role, roles } from '../../functions/lib/roles.ts';
import type { Tenant } from '../../infra/tenants.ts';
import type { LocalClients } from './aws-clients.ts';

const day = 24 * 3600;

export const provisionTable = async (clients: LocalClients, tenantId: string): Promise<string> => {
  const TableName = names.tableName(tenantId);
  const attributeNames = [
    table.partitionKey,
    table.sortKey,
    ...table.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  const indexSpec = (i: (typeof table.globalSecondaryIndexes)[number]) => ({
    IndexName: i.indexName,
    KeySchema: [
      { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: i.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection:
      i.projection === 'ALL'
        ? { ProjectionType: 'ALL' as const }
        : { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...i.projection] },
  });
  const existing = await clients.dynamodb.send(new DescribeTableCommand({ TableName })).catch((error) => {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  });
  if (!existing) {
    await clients.dynamodb.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...new Set(attributeNames)].map((AttributeName) => ({
          AttributeName,
          AttributeType: 'S',
        })),
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: 'HASH' },
          { AttributeName: table.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: table.globalSecondaryIndexes.map(indexSpec),
        StreamSpecification: { StreamEnabled: true, StreamViewType: table.streamView },
      }),
    );
  } else {
    // A later version of the CRM may add an index: add what the table lacks, one at a time.
    const present = new Set((existing.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
    for (const index of table.globalSecondaryIndexes.filter((i) => !present.has(i.indexName))) {
      await clients.dynamodb.send(
        new UpdateTableCommand({
          TableName,
          AttributeDefinitions: [index.partitionKey, index.sortKey].map((AttributeName) => ({
            AttributeName,
            AttributeType: 'S',
          })),
          GlobalSecondaryIndexUpdates: [{ Create: indexSpec(index) }],
        }),
      );
    }
  }
  const ttl = await clients.dynamodb.send(new DescribeTimeToLiveCommand({ TableName }));
  if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
    await clients.dynamodb.send(
      new UpdateTimeToLiveCommand({
        TableName,
        TimeToLiveSpecification: { Enabled: true, AttributeName: table.timeToLiveAttribute },
      }),
    );
  }
  return TableName;
};

/** Creates every queue; returns their URLs by short name (as functionEnvironment() wants). */
export const provisionQueues = async (
  clients: LocalClients,
  tenantId: string,
): Promise<Record<string, string>> => {
  const urls: Record<string, string> = {};
  const create = async (shortName: string, physicalName: string, attributes: Record<string, string>) => {
    const { QueueUrl } = await clients.sqs.send(
      new CreateQueueCommand({ QueueName: physicalName, Attributes: attributes }),
    );
    if (!QueueUrl) throw new Error(`no URL for queue ${physicalName}`);
    urls[shortName] = QueueUrl;
    return QueueUrl;
  };
  const deadLetterAttributes = { MessageRetentionPeriod: String(deadLetterRetentionDays * day) };
  for (const q of failureQueues)
    await create(q.name, names.queueName(tenantId, q.name), deadLetterAttributes);
  for (const q of workQueues) {
    const dlqUrl = await create(
      `${q.name}-dlq`,
      names.deadLetterQueueName(tenantId, q.name),
      deadLetterAttributes,
    );
    const { Attributes } = await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }),
    );
    await create(q.name, names.queueName(tenantId, q.name), {
      VisibilityTimeout: String(q.visibilityTimeoutSeconds),
      MessageRetentionPeriod: String(q.retentionDays * day),
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: Attributes?.QueueArn,
        maxReceiveCount: q.maxReceiveCount,
      }),
    });
  }
  return urls;
};

/** The files bucket (attachments, import uploads, exports), in fauxqs. */
export const provisionFilesBucket = async (clients: LocalClients, tenantId: string): Promise<string> => {
  const Bucket = names.filesBucketName(tenantId);
  const exists = await clients.s3.send(new HeadBucketCommand({ Bucket })).then(
    () => true,
    () => false,
  );
  if (!exists) await clients.s3.send(new CreateBucketCommand({ Bucket }));
  return Bucket;
};

export type Login = {
  readonly email: string;
  readonly password: string;
  readonly name: string;
  readonly roles: readonly Role[];
};

export type UserPool = {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly logins: readonly Login[];
};

/** The demo tenant's staff: one person in each role, as the seed data refers to them. */
const demoStaff: readonly Omit<Login, 'password'>[] = [
  { email: 'admin@demo.example', name: 'Ольга Кузнецова', roles: ['admin'] },
  { email: 'igor.petrov@demo.example', name: 'Игорь Петров', roles: ['sales-manager'] },
  { email: 'anna.smirnova@demo.example', name: 'Анна Смирнова', roles: ['sales'] },
  { email: 'maria.volkova@demo.example', name: 'Мария Волкова', roles: ['marketing'] },
  { email: 'dmitry.sokolov@demo.example', name: 'Дмитрий Соколов', roles: ['support'] },
];

export const staffFor = (tenant: Tenant): readonly Omit<Login, 'password'>[] =>
  tenant.id === 'demo'
    ? demoStaff
    : [{ email: tenant.adminEmail, name: tenant.adminEmail.split('@')[0] ?? 'admin', roles: ['admin'] }];

/** A password that satisfies the pool's policy: letters of both cases, digits, a symbol. */
const generatePassword = (): string => `Crm-${randomBytes(9).toString('base64url')}-7a`;

const ignoreIf = (name: string) => (error: unknown) => {
  if ((error as Error).name !== name) throw error;
};

/**
 * The tenant's user pool, app client, role groups and staff. Passwords are generated on
 * first start and kept in `credentialsFile` (git-ignored, owner-only), never in code.
 */
export const provisionUserPool = async (
  clients: LocalClients,
  tenant: Tenant,
  credentialsFile: string,
): Promise<UserPool> => {
  const poolName = names.userPoolName(tenant.id);
  const pools = await clients.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let userPoolId = pools.UserPools?.find((p) => p.Name === poolName)?.Id;
  if (!userPoolId) {
    const created = await clients.cognito.send(
      new CreateUserPoolCommand({
        PoolName: poolName,
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        Policies: {
          PasswordPolicy: {
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          },
        },
      }),
    );
    userPoolId = created.UserPool?.Id;
  }
  if (!userPoolId) throw new Error(`could not create the user pool ${poolName}`);

  const clientName = names.userPoolClientName(tenant.id);
  const appClients = await clients.cognito.send(
    new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }),
  );
  let clientId = appClients.UserPoolClients?.find((c) => c.ClientName === clientName)?.ClientId;
  if (!clientId) {
    const created = await clients.cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: clientName,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        AccessTokenValidity: 60,
        IdTokenValidity: 60,
        TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
        RefreshTokenValidity: 30,
      }),
    );
    clientId = created.UserPoolClient?.ClientId;
  }
  if (!clientId) throw new Error(`could not create the app client of ${poolName}`);

  // cognito-local's CreateGroup replaces an existing group with an empty one (it does not answer
  // GroupExistsException as Cognito does), which would drop every member's role on a restart:
  // only missing groups are created.
  const existingGroups = await clients.cognito.send(
    new ListGroupsCommand({ UserPoolId: userPoolId, Limit: 60 }),
  );
  const haveGroups = new Set((existingGroups.Groups ?? []).map((g) => g.GroupName));
  for (const role of roles) {
    if (haveGroups.has(role)) continue;
    await clients.cognito
      .send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: role }))
      .catch(ignoreIf('GroupExistsException'));
  }

  const saved: Record<string, string> = existsSync(credentialsFile)
    ? JSON.parse(readFileSync(credentialsFile, 'utf8'))
    : {};
  const logins: Login[] = [];
  for (const person of staffFor(tenant)) {
    let password = saved[person.email];
    if (password === undefined) {
      password = generatePassword();
      await clients.cognito
        .send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: person.email,
            MessageAction: 'SUPPRESS',
            UserAttributes: [
              { Name: 'email', Value: person.email },
              { Name: 'email_verified', Value: 'true' },
              { Name: 'name', Value: person.name },
              { Name: 'locale', Value: tenant.locale },
            ],
          }),
        )
        .catch(ignoreIf('UsernameExistsException'));
      await clients.cognito.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: userPoolId,
          Username: person.email,
          Password: password,
          Permanent: true,
        }),
      );
      saved[person.email] = password;
      writeFileSync(credentialsFile, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
    }
    // On every start (idempotent): data folders whose groups an earlier start emptied get their
    // staff's roles back.
    for (const role of person.roles) {
      await clients.cognito.send(
        new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: person.email, GroupName: role }),
      );
    }
    logins.push({ ...person, password });
  }
  return { userPoolId, clientId, logins };
};

/**
 * The tenant's unsubscribe key (docs/campaigns.md): generated once into the tenant's
 * git-ignored data folder and kept, so that links in e-mail already sent keep working across
 * restarts. In AWS it is a Secrets Manager secret instead; functions get it as UNSUBSCRIBE_KEY.
 */
export const provisionUnsubscribeKey = (keyFile: string): string => {
  if (existsSync(keyFile)) return readFileSync(keyFile, 'utf8').trim();
  const key = randomBytes(48).toString('base64url');
  writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
  return key;
};
