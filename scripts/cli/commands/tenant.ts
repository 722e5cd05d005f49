// `crm tenant add|list|show`: tenant definitions in tenants/<id>.json (or $CRM_TENANTS_DIR).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { busName, stackName, tableName, userPoolName } from '../../../functions/lib/resource-names.ts';
import {
  addTenant,
  InvalidTenant,
  loadTenant,
  parseTenant,
  type Tenant,
  type TenantInput,
  tenantsDir,
} from '../../../infra/tenants.ts';
import { CliError, usageError } from '../lib/errors.ts';
import { formatFields, formatTable } from '../lib/output.ts';
import { displayPath } from '../lib/paths.ts';
import { requireTenant, tenantError } from '../lib/tenants.ts';

type AddOptions = {
  name?: string;
  adminEmail?: string;
  region?: string;
  timezone?: string;
  currency?: string;
  locale?: string;
  mailFrom?: string;
};

/** Schema field → what the operator typed, so problems are reported in their terms. */
const optionForField: Record<string, string> = {
  id: '<id>',
  name: '--name',
  adminEmail: '--admin-email',
  region: '--region',
  timezone: '--timezone',
  currency: '--currency',
  locale: '--locale',
  mailFrom: '--mail-from',
};

const fieldOrder = (field: string): number => {
  const index = Object.keys(optionForField).indexOf(field);
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
};

const requiredOptions = ['name', 'adminEmail', 'region', 'timezone', 'currency'] as const;

const resourceNames = (id: string) => ({
  stack: stackName(id),
  table: tableName(id),
  bus: busName(id),
  userPool: userPoolName(id),
});

const add = (id: string, options: AddOptions): void => {
  const input = {
    id,
    name: options.name ?? '',
    adminEmail: options.adminEmail ?? '',
    region: options.region ?? '',
    timezone: options.timezone ?? '',
    currency: options.currency?.toUpperCase() ?? '',
    locale: (options.locale ?? 'ru') as TenantInput['locale'],
    mailFrom: options.mailFrom ?? options.adminEmail ?? '',
  };
  // Validate everything first so that every problem is reported at once, and write nothing
  // unless the whole definition is valid.
  const problems = new Map<string, string>(
    requiredOptions.filter((key) => options[key] === undefined).map((key) => [key, 'is required']),
  );
  try {
    parseTenant({ ...input, createdAt: new Date().toISOString() }, 'tenant');
  } catch (error) {
    if (!(error instanceof InvalidTenant)) throw error;
    for (const { field, message } of error.issues) {
      // A defaulted --mail-from repeats the --admin-email problem; don't report it twice.
      if (problems.has(field) || (field === 'mailFrom' && options.mailFrom === undefined)) continue;
      problems.set(field, field === 'locale' ? 'must be ru or en' : message);
    }
  }
  const report = (hint: readonly string[] = []): CliError =>
    usageError(`tenant "${id}" was not added:`, [
      ...[...problems]
        .sort(([a], [b]) => fieldOrder(a) - fieldOrder(b))
        .map(([field, reason]) => `  ${optionForField[field] ?? field}: ${reason}`),
      ...hint,
    ]);
  if (problems.size > 0) throw report();
  let tenant: Tenant;
  try {
    tenant = addTenant(input);
  } catch (error) {
    if (!(error instanceof InvalidTenant)) throw error;
    for (const issue of error.issues) problems.set(issue.field, issue.message);
    throw report([`See it with: npm run crm -- tenant show ${id}`]);
  }
  console.log(`Added tenant ${tenant.id} (${displayPath(join(tenantsDir(), `${tenant.id}.json`))}).`);
  console.log('Next:');
  console.log(`  npm run crm -- bootstrap ${tenant.id}   once per AWS account and region (${tenant.region})`);
  console.log(`  npm run crm -- deploy ${tenant.id}`);
};

const list = (options: { json?: boolean }): void => {
  const dir = tenantsDir();
  const ids = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -'.json'.length))
        .sort()
    : [];
  const tenants: Tenant[] = [];
  const broken: string[] = [];
  for (const id of ids) {
    try {
      tenants.push(loadTenant(id));
    } catch (error) {
      const reported = tenantError(error);
      if (!(reported instanceof CliError)) throw reported;
      broken.push(reported.message, ...reported.hint);
    }
  }
  if (options.json) {
    console.log(JSON.stringify(tenants, null, 2));
  } else if (tenants.length === 0 && broken.length === 0) {
    console.log(`No tenants in ${displayPath(dir)}. Add one with: npm run crm -- tenant add <id> …`);
  } else {
    console.log(
      formatTable(
        ['ID', 'NAME', 'REGION', 'TIMEZONE', 'CURRENCY'],
        tenants.map((t) => [t.id, t.name, t.region, t.timezone, t.currency]),
      ),
    );
  }
  if (broken.length > 0) {
    process.stderr.write(`${broken.join('\n')}\n`);
    process.exitCode = 1;
  }
};

const show = (id: string, options: { json?: boolean }): void => {
  const tenant = requireTenant(id);
  const resources = resourceNames(tenant.id);
  const file = join(tenantsDir(), `${tenant.id}.json`);
  if (options.json) {
    console.log(JSON.stringify({ tenant, resources, file }, null, 2));
    return;
  }
  const labelWidth = 'admin e-mail'.length;
  console.log(`Tenant ${tenant.id}`);
  console.log(
    formatFields(
      [
        ['name', tenant.name],
        ['admin e-mail', tenant.adminEmail],
        ['region', tenant.region],
        ['time zone', tenant.timezone],
        ['currency', tenant.currency],
        ['locale', tenant.locale],
        ['mail from', tenant.mailFrom],
        ['created', tenant.createdAt],
        ['file', displayPath(file)],
      ],
      labelWidth,
    ),
  );
  console.log('\nResources');
  console.log(
    formatFields(
      [
        ['stack', resources.stack],
        ['table', resources.table],
        ['event bus', resources.bus],
        ['user pool', resources.userPool],
      ],
      labelWidth,
    ),
  );
};

export const registerTenantCommands = (program: Command): void => {
  const tenant = program
    .command('tenant')
    .description('add, list and inspect tenant definitions (tenants/<id>.json)')
    .addHelpText(
      'after',
      `
Definitions live in tenants/ (or $CRM_TENANTS_DIR); the CDK app and the local runtime read them.

Examples:
  $ npm run crm -- tenant list
  $ npm run crm -- tenant show demo`,
    );

  tenant
    .command('add')
    .description('validate and write a new tenant definition')
    .argument('<id>', 'tenant id: 3-32 lower-case letters, digits and dashes, starting with a letter')
    .option('--name <name>', 'display name of the organisation (required)')
    .option('--admin-email <email>', "e-mail of the tenant's first administrator (required)")
    .option('--region <region>', 'AWS region to deploy to, e.g. eu-central-1 (required)')
    .option('--timezone <zone>', 'IANA time zone for due dates and schedules, e.g. Europe/Moscow (required)')
    .option('--currency <code>', 'ISO 4217 currency code, e.g. RUB (required)')
    .option('--locale <locale>', 'language of the UI and e-mail: ru or en (default: ru)')
    .option(
      '--mail-from <email>',
      'sender address of outgoing e-mail, an SES identity (default: --admin-email)',
    )
    .addHelpText(
      'after',
      `
Every problem is reported at once; nothing is written unless all options are valid.

Example:
  $ npm run crm -- tenant add acme --name "Acme Ltd" --admin-email admin@acme.example \\
      --region eu-central-1 --timezone Europe/Berlin --currency EUR --locale en`,
    )
    .action(add);

  tenant
    .command('list')
    .description('list tenants: id, name, region, time zone, currency')
    .option('--json', 'print the definitions as JSON')
    .action(list);

  tenant
    .command('show')
    .description("show a tenant's definition and the names of its AWS resources")
    .argument('<id>', 'tenant id')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExample:\n  $ npm run crm -- tenant show demo')
    .action(show);
};
