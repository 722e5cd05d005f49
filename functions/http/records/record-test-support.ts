// Helpers for the customer base's integration tests: the demo tenant's staff signed in (one
// per role, plus a user without any role created on the fly), their user ids, an API client
// per person, and raw reads of the table to check what a call did or did not write.
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { localClients } from '../../../scripts/local/aws-clients.ts';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { type ApiResponse, api, signIn } from '../../../scripts/local/testing.ts';
import { innWithCheckDigit } from '../../domain/normalize/inn.ts';

export const staffEmails = {
  admin: 'admin@demo.example',
  manager: 'igor.petrov@demo.example',
  sales: 'anna.smirnova@demo.example',
  marketing: 'maria.volkova@demo.example',
  support: 'dmitry.sokolov@demo.example',
} as const;

export type Person = keyof typeof staffEmails | 'nobody';

export type Caller = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

export type DemoSession = {
  readonly as: Readonly<Record<Person, Caller>>;
  /** The Cognito `sub` of each person: what `ownerId` and `authorId` hold. */
  readonly ids: Readonly<Record<Person, string>>;
  /** Every item of a partition, as stored (consistent read). */
  readonly partition: (pk: string) => Promise<Record<string, unknown>[]>;
};

const noRoleEmail = 'no.role@demo.example';
const noRolePassword = 'Crm-no-role-Passw0rd!';

/** A user of the demo pool in no group: signs in, but has no role. */
const signInWithoutRole = async (runtime: LocalRuntime) => {
  const demo = runtime.tenant('demo');
  const { cognito } = localClients(runtime.endpoints, demo.tenant.region);
  await cognito
    .send(
      new AdminCreateUserCommand({
        UserPoolId: demo.userPoolId,
        Username: noRoleEmail,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: noRoleEmail },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: 'Без Роли' },
        ],
      }),
    )
    .catch((error: Error) => {
      if (error.name !== 'UsernameExistsException') throw error;
    });
  await cognito.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: demo.userPoolId,
      Username: noRoleEmail,
      Password: noRolePassword,
      Permanent: true,
    }),
  );
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: demo.clientId,
      AuthParameters: { USERNAME: noRoleEmail, PASSWORD: noRolePassword },
    }),
  );
  if (!AuthenticationResult?.AccessToken) throw new Error('the user without a role could not sign in');
  return AuthenticationResult.AccessToken;
};

const subOf = (token: string): string =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).sub as string;

export const demoSession = async (runtime: LocalRuntime): Promise<DemoSession> => {
  const demo = runtime.tenant('demo');
  const tokens: Record<string, string> = {};
  for (const [person, email] of Object.entries(staffEmails))
    tokens[person] = (await signIn(runtime, 'demo', email)).accessToken;
  tokens.nobody = await signInWithoutRole(runtime);
  const as = Object.fromEntries(
    Object.entries(tokens).map(([person, token]) => {
      const call = api(demo.appUrl, token);
      return [person, (method: string, path: string, body?: unknown) => call(method, path, body)];
    }),
  ) as Record<Person, Caller>;
  const ids = Object.fromEntries(Object.entries(tokens).map(([p, t]) => [p, subOf(t)])) as Record<
    Person,
    string
  >;
  const { dynamodb } = localClients(runtime.endpoints, demo.tenant.region);
  const partition = async (pk: string) => {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, never> | undefined;
    do {
      const page = await dynamodb.send(
        new QueryCommand({
          TableName: demo.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: pk } },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      items.push(...(page.Items ?? []).map((i) => unmarshall(i)));
      ExclusiveStartKey = page.LastEvaluatedKey as typeof ExclusiveStartKey;
    } while (ExclusiveStartKey);
    return items;
  };
  return { as, ids, partition };
};

let counter = 0;

/** A valid 10-digit INN that no other test uses. */
export const uniqueInn = (): string => {
  counter++;
  return innWithCheckDigit(
    String((Date.now() * 7 + counter * 7919 + Math.floor(Math.random() * 1e6)) % 1e9).padStart(9, '1'),
  );
};

/** A name no other record has: a random Latin word (names are compared by their first word). */
export const uniqueWord = (): string => {
  counter++;
  const letters = 'bcdfghjklmnpqrstvwxz';
  let word = '';
  let n = Date.now() * 31 + counter * 7 + Math.floor(Math.random() * 1e9);
  for (let i = 0; i < 10; i++) {
    word += letters[n % letters.length];
    n = Math.floor(n / letters.length) + i * 13;
  }
  return `Q${word}`;
};

/** A Russian mobile number no other test uses, as E.164. */
export const uniquePhone = (): string => {
  counter++;
  return `+7916${String((Date.now() + counter * 104729 + Math.floor(Math.random() * 1e7)) % 1e7).padStart(7, '0')}`;
};

/** Options for startTestRuntime: with CRM_TEST_LOGS=<regex of function names>, their log lines are printed. */
export const runtimeOptions = () => {
  const filter = process.env.CRM_TEST_LOGS;
  if (!filter) return {};
  const pattern = new RegExp(filter);
  return {
    onFunctionLog: (e: { functionName: string; line: string }) => {
      if (pattern.test(e.functionName)) console.log(e.functionName, e.line.slice(0, 1500));
    },
  };
};

/** Every item of the tenant's table whose content mentions `marker` (tests only: the functions never scan). */
export const itemsMentioning = async (
  runtime: LocalRuntime,
  marker: string,
): Promise<Record<string, unknown>[]> => {
  const demo = runtime.tenant('demo');
  const { dynamodb } = localClients(runtime.endpoints, demo.tenant.region);
  const found: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, never> | undefined;
  do {
    const page = await dynamodb.send(new ScanCommand({ TableName: demo.tableName, ExclusiveStartKey }));
    for (const raw of page.Items ?? []) {
      const item = unmarshall(raw);
      if (JSON.stringify(item).includes(marker)) found.push(item);
    }
    ExclusiveStartKey = page.LastEvaluatedKey as typeof ExclusiveStartKey;
  } while (ExclusiveStartKey);
  return found;
};
