// `npm start`'s first run: when the demo tenant has no companies yet, fill it with demo data
// (seed.ts, in its own process, as `npm run seed` would) before the CLI says the CRM is ready.
// Later starts find companies and do nothing — but for a tenant without a price list (a data folder
// older than the catalogue), which gets the demo catalogue.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { localClients } from '../local/aws-clients.ts';
import type { LocalRuntime } from '../local/runtime.ts';

const seedScript = join(import.meta.dirname, 'seed.ts');

export const seedEmptyDemoTenant = async (
  runtime: LocalRuntime,
  print: (line: string) => void,
): Promise<void> => {
  const demo = runtime.tenants.find((t) => t.id === 'demo');
  if (!demo) return;
  const dynamodb = localClients(runtime.endpoints, demo.tenant.region).dynamodb;
  const any = async (partition: string): Promise<boolean> => {
    const { Count } = await dynamodb.send(
      new QueryCommand({
        TableName: demo.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: partition } },
        Select: 'COUNT',
        Limit: 1,
      }),
    );
    return (Count ?? 0) > 0;
  };
  const hasCompanies = await any('COMPANY');
  // A data folder made before the product catalogue existed gets the demo catalogue once.
  if (hasCompanies && (await any('PRICELISTS'))) return;
  print(
    hasCompanies
      ? 'the demo tenant has no product catalogue: adding the demo catalogue…'
      : 'the demo tenant is empty: adding demo data (first start only; npm run seed adds more)…',
  );
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(
      process.execPath,
      [seedScript, '--tenant', 'demo', '--data-dir', runtime.dataDir, '--if-empty'],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    child.on('error', () => resolve(null));
    child.on('exit', resolve);
  });
  if (code !== 0) print('adding demo data failed (see above); the CRM runs without it. Try: npm run seed');
};
