// `npm run seed [-- --tenant demo] [--companies 300] [--data-dir .data] [--if-empty] [--force]`:
// demo data for a tenant of the running local runtime (`npm start`). It finds the runtime's
// emulators in `<data dir>/runtime.json`, the tenant's staff in its user pool, and writes the
// base through the domain code (demo-base.ts), as the staff, with the runtime's table, so the
// stream consumers (events, timelines, counters) see it as they see any write. A tenant that
// already has companies is left alone unless --force (then the new companies start after the
// existing fake-data indexes, so nothing is duplicated; deals are added only to a tenant without
// any, the catalogue only to one without a price list). `npm start` runs this with --if-empty,
// which on a tenant that has companies adds only the catalogue when it has none.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ListUserPoolsCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import * as names from '../../functions/lib/resource-names.ts';
import { isRole } from '../../functions/lib/roles.ts';
import { loadTenant } from '../../infra/tenants.ts';
import { defaultDataDir } from '../cli/lib/paths.ts';
import { emulatorEnvironment, localClients } from '../local/aws-clients.ts';
import { staffFor } from '../local/provision.ts';
import type { Staff } from './demo-base.ts';

const usage = `usage: npm run seed -- [--tenant demo] [--companies 300] [--data-dir <dir>] [--if-empty] [--force]

Writes a realistic base (companies with 1–3 contacts each, owners among the staff, tags,
lifecycle stages, custom fields, notes; 20 deals on the first pipeline, once; a product catalogue
with two price lists, once) into a tenant of the running local runtime. --if-empty leaves a tenant
that has companies alone, but for a catalogue it lacks.`;

const fail = (message: string): never => {
  console.error(`seed: ${message}`);
  process.exit(1);
};

const { values } = parseArgs({
  options: {
    tenant: { type: 'string', default: 'demo' },
    companies: { type: 'string', default: '300' },
    'data-dir': { type: 'string' },
    'if-empty': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const companies = Number(values.companies);
if (!Number.isInteger(companies) || companies < 1 || companies > 100_000)
  fail(`--companies: "${values.companies}" is not a whole number from 1 to 100000`);
const dataDir = values['data-dir'] ?? defaultDataDir;

// The running runtime: its emulators' endpoints, and a process that still answers.
const stateFile = join(dataDir, 'runtime.json');
if (!existsSync(stateFile))
  fail(`no local runtime uses ${dataDir} (no runtime.json). Start it with: npm start`);
const state = z
  .object({
    pid: z.number().int(),
    endpoints: z.object({ dynamodb: z.url(), sqs: z.url(), ses: z.url(), cognito: z.url(), bus: z.url() }),
  })
  .safeParse(JSON.parse(readFileSync(stateFile, 'utf8')));
if (!state.success) fail(`${stateFile} does not name the runtime's endpoints`);
const { pid, endpoints } = state.data as NonNullable<typeof state.data>;
try {
  process.kill(pid, 0);
  await fetch(endpoints.dynamodb, { signal: AbortSignal.timeout(3000) });
} catch {
  fail(`the local runtime of ${dataDir} is not running. Start it with: npm start`);
}

const tenant = (() => {
  try {
    return loadTenant(values.tenant);
  } catch (error) {
    return fail((error as Error).message);
  }
})();
const tableName = names.tableName(tenant.id);
const clients = localClients(endpoints, tenant.region);

const existingCompanies = async (): Promise<number> => {
  const { Count } = await clients.dynamodb.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: 'COMPANY' } },
      Select: 'COUNT',
    }),
  );
  return Count ?? 0;
};
const already = await existingCompanies().catch((error: Error) =>
  fail(`cannot read the table ${tableName} (${error.message}); is ${tenant.id} one of the running tenants?`),
);
if (already > 0 && !values.force && !values['if-empty'])
  fail(`${tenant.id} already has ${already} companies; --force adds ${companies} more`);
// --if-empty on a tenant that has its base: only what it lacks of the rest (the product catalogue).
const catalogueOnly = already > 0 && !values.force;

// The staff: ids from the user pool, roles as the runtime provisioned them.
const { UserPools } = await clients.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
const userPoolId = UserPools?.find((p) => p.Name === names.userPoolName(tenant.id))?.Id;
if (!userPoolId) fail(`no user pool of ${tenant.id} in the runtime`);
const { Users = [] } = await clients.cognito.send(new ListUsersCommand({ UserPoolId: userPoolId }));
const staff: Staff[] = staffFor(tenant).flatMap((person) => {
  const user = Users.find((u) => u.Attributes?.some((a) => a.Name === 'email' && a.Value === person.email));
  const sub = user?.Attributes?.find((a) => a.Name === 'sub')?.Value;
  return sub
    ? [
        {
          userId: sub,
          username: person.email,
          email: person.email,
          name: person.name,
          roles: person.roles.filter(isRole),
        },
      ]
    : [];
});

// The domain code reads its table and endpoints from the environment, as a function does.
Object.assign(process.env, {
  ...emulatorEnvironment(endpoints, tenant.region),
  TABLE_NAME: tableName,
  TENANT_ID: tenant.id,
  TENANT_NAME: tenant.name,
  TENANT_TIMEZONE: tenant.timezone,
  TENANT_CURRENCY: tenant.currency,
  TENANT_LOCALE: tenant.locale,
  APP_URL: 'http://127.0.0.1',
  POWERTOOLS_LOG_LEVEL: 'WARN',
});
const { seedDemoBase } = await import('./demo-base.ts');
const { seedDemoDeals } = await import('./demo-deals.ts');
const { seedDemoCatalogue } = await import('./demo-catalogue.ts');

if (catalogueOnly) {
  const catalogue = await seedDemoCatalogue({ staff });
  if (catalogue.products > 0)
    console.log(
      `seeded ${tenant.id}: a product catalogue of ${catalogue.products} products in ${catalogue.priceLists} price lists`,
    );
  process.exit(0);
}

const started = Date.now();
const tty = process.stdout.isTTY;
let lastLine = 0;
const result = await seedDemoBase({
  companies,
  seed: Number(values.seed) || 1,
  start: already,
  staff,
  onProgress: (done) => {
    const now = Date.now();
    if (now - lastLine < (tty ? 200 : 3000)) return;
    lastLine = now;
    const line = `seeding ${tenant.id}: ${done.companies}/${companies} companies, ${done.contacts} contacts, ${done.notes} notes`;
    if (tty) process.stdout.write(`\r${line}   `);
    else console.log(line);
  },
});
if (tty) process.stdout.write('\r\x1b[K');
// Deals on the first pipeline, once per tenant (none when it has any already).
const deals = await seedDemoDeals({ staff, seed: Number(values.seed) || 1 });
// The product catalogue and lines on a few of those deals, once per tenant.
const catalogue = await seedDemoCatalogue({ staff });
console.log(
  `seeded ${tenant.id}: ${result.companies} companies, ${result.contacts} contacts, ${result.notes} notes, ` +
    `${deals.deals} deals (${deals.won} won, ${deals.lost} lost), ` +
    `${catalogue.products} products in ${catalogue.priceLists} price lists (lines on ${catalogue.deals} deals), ` +
    `owned by ${result.owners.join(', ')}, ` +
    `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
