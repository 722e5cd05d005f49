// Runs the project's pinned aws-cdk CLI for one tenant. The tenant reaches the CDK app as
// context (`-c tenant=<id>`); the region comes from the tenant definition.
import { existsSync, realpathSync } from 'node:fs';
import type { Tenant } from '../../../infra/tenants.ts';
import { CliError } from './errors.ts';
import { cdkEntry, displayPath, repoRoot } from './paths.ts';
import { childEnv, runProcess } from './run-process.ts';

export type CdkCommand = 'synth' | 'diff' | 'deploy' | 'destroy' | 'bootstrap';

export type CdkRun = {
  command: CdkCommand;
  tenant: Tenant;
  /** Extra context values, e.g. `{ deleteData: 'true' }`. */
  context?: Record<string, string>;
  /** CDK flags added by the CLI (`--all`, `--force`). */
  flags?: readonly string[];
  /** Arguments the operator put after `--`, passed on unchanged. */
  passThrough?: readonly string[];
};

export const cdkArgs = ({
  command,
  tenant,
  context = {},
  flags = [],
  passThrough = [],
}: CdkRun): string[] => [
  command,
  ...flags,
  '-c',
  `tenant=${tenant.id}`,
  ...Object.entries(context).flatMap(([key, value]) => ['-c', `${key}=${value}`]),
  ...passThrough,
];

/** Streams the CDK CLI's output and resolves with its exit code. */
export const runCdk = async (run: CdkRun): Promise<number> => {
  const entry = cdkEntry();
  if (!existsSync(entry)) {
    throw new CliError(`the aws-cdk CLI is missing (${displayPath(entry)})`, {
      hint: [`Install the project's dependencies: cd ${repoRoot} && npm ci`],
    });
  }
  const args = cdkArgs(run);
  process.stderr.write(`> cdk ${args.join(' ')}\n`);
  // Run the CLI's script with this Node rather than through its `#!/usr/bin/env node` line.
  return runProcess(process.execPath, [realpathSync(entry), ...args], {
    env: childEnv({ AWS_REGION: run.tenant.region }),
  });
};
