// Builds the CDK app of one tenant. infra/bin/crm.ts, the ops CLI and the tests all go
// through buildTenantApp(), so what is tested and checked by cdk-nag is what is deployed.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stackName } from '../functions/lib/resource-names.ts';
import { TenantStack } from './stacks/tenant-stack.ts';
import type { Tenant } from './tenants.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where `npm run build:web` writes the SPA. */
export const defaultWebAssetPath = join(repoRoot, 'web', 'dist');

export class MissingWebAssets extends Error {}

/**
 * The directory of the built SPA: `-c webAssetPath=…`, else $CRM_WEB_ASSET_PATH, else web/dist.
 * It must hold an index.html; the message says how to get one.
 */
export const resolveWebAssetPath = (
  fromContext?: unknown,
  {
    env = process.env,
    defaultPath = defaultWebAssetPath,
  }: { env?: NodeJS.ProcessEnv; defaultPath?: string } = {},
): string => {
  const given = typeof fromContext === 'string' && fromContext !== '' ? fromContext : env.CRM_WEB_ASSET_PATH;
  const path = resolve(given || defaultPath);
  if (!existsSync(join(path, 'index.html'))) {
    throw new MissingWebAssets(
      `The built web app is missing: no index.html in ${path}. ` +
        (given
          ? 'Point webAssetPath (-c webAssetPath=<dir> or CRM_WEB_ASSET_PATH) at a built SPA.'
          : 'Build it first with `npm run build:web`, or pass another directory with -c webAssetPath=<dir>.'),
    );
  }
  return path;
};

/** `-c deleteData=true` (context values from the command line arrive as strings). */
export const contextFlag = (value: unknown): boolean => value === true || value === 'true';

// The project's CDK feature flags: aws-cdk-lib 2.276's recommended set (what `cdk init`
// writes into cdk.json), pinned in a file so that upgrading aws-cdk-lib changes no template
// until someone adopts a new flag on purpose. Given to the App itself so that an in-memory
// App (tests, ops CLI) synthesizes exactly what `cdk` does; cdk.json and `-c` still win.
const featureFlags: Record<string, unknown> = JSON.parse(
  readFileSync(join(repoRoot, 'infra', 'feature-flags.json'), 'utf8'),
);

export type CrmAppOptions = {
  /** Passed to the App; tests use it to set an outdir or skip bundling of other stacks. */
  readonly context?: Record<string, unknown>;
  readonly outdir?: string;
};

/** An App with the project's feature flags and cdk-nag's AwsSolutions checks run at synthesis. */
export const createCrmApp = (options: CrmAppOptions = {}): App => {
  const app = new App({
    context: { ...featureFlags, ...options.context },
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
  // cdk-nag 3 is a policy-validation plugin: an unacknowledged error stops the synthesis.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return app;
};

export type TenantAppOptions = {
  readonly webAssetPath: string;
  readonly deleteData: boolean;
  /** An app made by createCrmApp(); a new one by default. */
  readonly app?: App;
};

export const buildTenantApp = (
  tenant: Tenant,
  options: TenantAppOptions,
): { app: App; stack: TenantStack } => {
  const app = options.app ?? createCrmApp();
  const stack = new TenantStack(app, stackName(tenant.id), {
    tenant,
    webAssetPath: options.webAssetPath,
    deleteData: options.deleteData,
  });
  return { app, stack };
};
