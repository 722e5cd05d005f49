// The tenant's table for commands that work on its data directly (import, export): locally the
// running runtime's DynamoDB Local (its endpoint from <dataDir>/runtime.json), in AWS the
// deployed table with the operator's credentials (--aws). The domain code reads its table and
// endpoint from the environment, as a Lambda function does, so this sets that environment
// before the domain modules are loaded.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { tableName } from '../../../functions/lib/resource-names.ts';
import type { Tenant } from '../../../infra/tenants.ts';
import { requireAwsCredentials } from './credentials.ts';
import { CliError } from './errors.ts';
import { resolveDataDir, runtimeStateFile } from './local-runtime-state.ts';
import { displayPath } from './paths.ts';

export type TableTarget = { readonly aws?: boolean; readonly dataDir?: string };

export type TenantTable = {
  readonly tableName: string;
  readonly client: DynamoDBClient;
  /** Where it is, for messages: "DynamoDB Local at http://…" or "AWS eu-central-1". */
  readonly where: string;
};

const localState = z.object({ endpoints: z.object({ dynamodb: z.string().url() }).loose() }).loose();

const notRunning = (why: string) =>
  new CliError(`the local runtime is not running (${why})`, {
    hint: ['Start it with: npm start (or run against AWS with --aws)'],
  });

/** The local DynamoDB endpoint the running runtime wrote into its data folder. */
export const localDynamoDbEndpoint = (dataDir: string): string => {
  const file = join(dataDir, runtimeStateFile);
  if (!existsSync(file)) throw notRunning(`no ${displayPath(file)}`);
  const parsed = localState.safeParse(
    (() => {
      try {
        return JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        return undefined;
      }
    })(),
  );
  if (!parsed.success) throw notRunning(`${displayPath(file)} names no DynamoDB endpoint`);
  return parsed.data.endpoints.dynamodb;
};

/**
 * Points this process at the tenant's table (environment for the domain modules, and a client
 * for the command itself) and checks that the table answers.
 */
export const openTenantTable = async (
  tenant: Tenant,
  target: TableTarget,
  action: string,
): Promise<TenantTable> => {
  const name = tableName(tenant.id);
  process.env.TABLE_NAME = name;
  process.env.AWS_REGION = tenant.region;
  let where: string;
  if (target.aws) {
    await requireAwsCredentials(tenant, action);
    where = `AWS ${tenant.region}`;
  } else {
    const endpoint = localDynamoDbEndpoint(resolveDataDir(target.dataDir));
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_SESSION_TOKEN;
    where = `DynamoDB Local at ${endpoint}`;
  }
  const client = new DynamoDBClient({ maxAttempts: 8 });
  try {
    await client.send(new DescribeTableCommand({ TableName: name }));
  } catch (error) {
    const e = error as { name?: string; code?: string; cause?: { code?: string } };
    if (e.name === 'ResourceNotFoundException')
      throw new CliError(`tenant "${tenant.id}" has no table ${name} in ${where}`, {
        hint: target.aws
          ? [`Deploy it first: npm run crm -- deploy ${tenant.id}`]
          : [`Run it locally: npm run crm -- dev ${tenant.id}`],
      });
    if (!target.aws) throw notRunning(`nothing answers at ${process.env.AWS_ENDPOINT_URL_DYNAMODB}`);
    throw error;
  }
  return { tableName: name, client, where };
};
