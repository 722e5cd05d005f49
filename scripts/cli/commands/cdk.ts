// `crm synth|diff|deploy|destroy|bootstrap <id>`: the tenant's stack through the pinned
// aws-cdk CLI. Everything that talks to AWS checks credentials before starting the CDK.
import { join } from 'node:path';
import type { Command } from 'commander';
import { stackName, tableName } from '../../../functions/lib/resource-names.ts';
import { type Tenant, tenantsDir } from '../../../infra/tenants.ts';
import { type CdkRun, runCdk } from '../lib/cdk.ts';
import { requireAwsCredentials } from '../lib/credentials.ts';
import { CliError } from '../lib/errors.ts';
import { displayPath } from '../lib/paths.ts';
import { ask } from '../lib/prompt.ts';
import { requireTenant } from '../lib/tenants.ts';
import { buildWeb, webBuildReason } from '../lib/web-build.ts';

const passThroughHelp = 'Arguments after -- go to cdk unchanged.';

const run = async (cdk: CdkRun): Promise<void> => {
  process.exitCode = await runCdk(cdk);
};

const explainDestroy = (tenant: Tenant, deleteData: boolean): string =>
  [
    `This destroys the stack ${stackName(tenant.id)} of tenant "${tenant.id}" in ${tenant.region}:`,
    'its API, functions, queues, event bus, schedules and web app.',
    deleteData
      ? `--delete-data: the table ${tableName(tenant.id)} with ALL of the tenant's data, the user pool with every account, and the access logs are deleted too. This cannot be undone.`
      : `The table ${tableName(tenant.id)}, the user pool and the access logs are retained with all their data; pass --delete-data to delete them as well.`,
    `The definition ${displayPath(join(tenantsDir(), `${tenant.id}.json`))} stays; remove it by hand if the tenant is gone for good.`,
  ].join('\n');

const destroy = async (
  id: string,
  passThrough: string[],
  options: { deleteData?: boolean; yes?: boolean; webBuild: boolean },
): Promise<void> => {
  const tenant = requireTenant(id);
  await requireAwsCredentials(tenant, 'destroy');
  const deleteData = options.deleteData === true;
  process.stderr.write(`${explainDestroy(tenant, deleteData)}\n`);
  if (!options.yes) {
    const answer = await ask(`Type the tenant id (${tenant.id}) to confirm: `);
    if (answer !== tenant.id) {
      throw new CliError(
        `aborted: ${answer ? `"${answer}" is not "${tenant.id}"` : 'no answer'}; nothing was changed`,
      );
    }
  }
  if (deleteData) {
    // CloudFormation deletes by the policies already deployed: the retained table, user pool
    // and logs must first be redeployed as deletable (and unprotected), then destroyed.
    process.stderr.write('Step 1 of 2: redeploying with the data marked deletable…\n');
    await ensureWebBuild(options);
    const code = await runCdk({
      command: 'deploy',
      tenant,
      flags: ['--all', '--require-approval', 'never'],
      context: { deleteData: 'true' },
      passThrough: [],
    });
    if (code !== 0) {
      throw new CliError('the redeploy failed, so nothing was destroyed; see the cdk output above', {
        exitCode: code,
      });
    }
    process.stderr.write('Step 2 of 2: destroying the stack…\n');
  }
  await run({
    command: 'destroy',
    tenant,
    flags: ['--all', '--force'],
    context: deleteData ? { deleteData: 'true' } : {},
    passThrough,
  });
};

type WebBuildOption = { webBuild: boolean };

/** The stack holds the SPA as an asset: synth, diff and deploy need a current web/dist. */
const ensureWebBuild = async (options: WebBuildOption): Promise<void> => {
  const reason = options.webBuild ? webBuildReason() : undefined;
  if (!reason) return;
  process.stderr.write(`Building the web app first: ${reason}.\n`);
  await buildWeb();
};

const webBuildFlag = '--no-web-build';
const webBuildFlagHelp = 'use web/dist as it is, even if web/src is newer';

const synth = async (id: string, passThrough: string[], options: WebBuildOption): Promise<void> => {
  const tenant = requireTenant(id);
  await ensureWebBuild(options);
  await run({ command: 'synth', tenant, passThrough });
};

const diff = async (id: string, passThrough: string[], options: WebBuildOption): Promise<void> => {
  const tenant = requireTenant(id);
  await requireAwsCredentials(tenant, 'diff');
  await ensureWebBuild(options);
  await run({ command: 'diff', tenant, passThrough });
};

const deploy = async (id: string, passThrough: string[], options: WebBuildOption): Promise<void> => {
  const tenant = requireTenant(id);
  await requireAwsCredentials(tenant, 'deploy');
  await ensureWebBuild(options);
  await run({ command: 'deploy', tenant, flags: ['--all'], passThrough });
};

export const registerCdkCommands = (program: Command): void => {
  program
    .command('synth')
    .description("synthesize the tenant's CloudFormation template into cdk.out (no AWS credentials needed)")
    .argument('<id>', 'tenant id')
    .argument('[cdk-args...]', 'extra arguments for `cdk synth`, after --')
    .option(webBuildFlag, webBuildFlagHelp)
    .addHelpText(
      'after',
      `
Builds the web app first (npm run build:web) when web/dist is missing or older than web/src.
${passThroughHelp}

Examples:
  $ npm run crm -- synth demo
  $ npm run crm -- synth demo -- --quiet`,
    )
    .action(synth);

  program
    .command('diff')
    .description("compare the tenant's deployed stack with what a deploy would change")
    .argument('<id>', 'tenant id')
    .argument('[cdk-args...]', 'extra arguments for `cdk diff`, after --')
    .option(webBuildFlag, webBuildFlagHelp)
    .addHelpText(
      'after',
      `
Needs AWS credentials (AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).
Builds the web app first when web/dist is missing or older than web/src.
${passThroughHelp}

Examples:
  $ AWS_PROFILE=prod npm run crm -- diff acme
  $ npm run crm -- diff acme -- --fail`,
    )
    .action(diff);

  program
    .command('deploy')
    .description("deploy (create or update) the tenant's stack; builds the web app first when needed")
    .argument('<id>', 'tenant id')
    .argument('[cdk-args...]', 'extra arguments for `cdk deploy`, after --')
    .option(webBuildFlag, webBuildFlagHelp)
    .addHelpText(
      'after',
      `
Runs \`npm run build:web\` first when web/dist is missing or older than web/src.
Needs AWS credentials (AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), and the
account and region bootstrapped once (crm bootstrap <id>).
${passThroughHelp}

Examples:
  $ AWS_PROFILE=prod npm run crm -- deploy acme
  $ npm run crm -- deploy acme -- --require-approval never`,
    )
    .action(deploy);

  program
    .command('destroy')
    .description("delete the tenant's stack; its table is retained unless --delete-data")
    .argument('<id>', 'tenant id')
    .argument('[cdk-args...]', 'extra arguments for `cdk destroy`, after --')
    .option('--delete-data', "delete the tenant's table and all its data too (irreversible)")
    .option('-y, --yes', 'do not ask to type the tenant id to confirm')
    .option(webBuildFlag, `with --delete-data: ${webBuildFlagHelp}`)
    .addHelpText(
      'after',
      `
Asks you to type the tenant id unless --yes; any other answer changes nothing.
With --delete-data it first redeploys the stack with the data marked deletable (CloudFormation
deletes by the policies already deployed), then destroys it.
Needs AWS credentials (AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).

Examples:
  $ AWS_PROFILE=test npm run crm -- destroy acme
  $ npm run crm -- destroy acme --delete-data --yes`,
    )
    .action(destroy);

  program
    .command('bootstrap')
    .description("prepare the tenant's AWS account and region for CDK deployments (once per account/region)")
    .argument('<id>', 'tenant id')
    .argument('[cdk-args...]', 'extra arguments for `cdk bootstrap`, after --')
    .addHelpText(
      'after',
      `
Needs AWS credentials (AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).
${passThroughHelp}

Example:
  $ AWS_PROFILE=prod npm run crm -- bootstrap acme`,
    )
    .action(async (id: string, passThrough: string[]) => {
      const tenant = requireTenant(id);
      await requireAwsCredentials(tenant, 'bootstrap');
      await run({ command: 'bootstrap', tenant, passThrough });
    });
};
