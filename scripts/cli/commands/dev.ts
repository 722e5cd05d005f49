// `crm dev [<id>…]`: the whole CRM on this machine, on local emulators, until Ctrl-C.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { runDevSession } from '../lib/dev-session.ts';
import { CliError, usageError } from '../lib/errors.ts';
import { resolveDataDir } from '../lib/local-runtime-state.ts';
import { repoRoot } from '../lib/paths.ts';
import { requireTenant } from '../lib/tenants.ts';

const runtimeModule = join(repoRoot, 'scripts', 'local', 'runtime.ts');

export const parsePort = (text: string): number => {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw usageError(`--port: "${text}" is not a port number (1-65535)`);
  }
  return port;
};

const dev = async (ids: string[], options: { dataDir?: string; port: string }): Promise<void> => {
  const tenantIds = ids.length > 0 ? [...new Set(ids)] : ['demo'];
  const tenantNames = Object.fromEntries(tenantIds.map((id) => [id, requireTenant(id).name]));
  const basePort = parsePort(options.port);
  // Loaded here rather than at the top: only `dev` needs the emulator stack.
  const { startLocalRuntime, seedEmptyDemoTenant } = await import('../lib/start-local-runtime.ts').catch(
    (error: unknown) => {
      const { code, url } = error as { code?: string; url?: string };
      if (code === 'ERR_MODULE_NOT_FOUND' && url === pathToFileURL(runtimeModule).href) {
        throw new CliError('the local runtime (scripts/local/runtime.ts) is not in this checkout');
      }
      throw error;
    },
  );
  const print = (text: string) => console.log(text);
  await runDevSession({
    // A first start fills an empty demo tenant with demo data (scripts/seed/seed-on-start.ts).
    start: async (options) => {
      const runtime = await startLocalRuntime(options);
      await seedEmptyDemoTenant(runtime, print).catch((error: Error) =>
        print(`demo data not added: ${error.message}`),
      );
      return runtime;
    },
    tenantIds,
    tenantNames,
    dataDir: resolveDataDir(options.dataDir),
    basePort,
    print,
    signals: process,
    exit: (code) => process.exit(code),
  });
};

export const registerDevCommand = (program: Command): void => {
  program
    .command('dev')
    .description('run the CRM locally on emulators for the given tenants (default: demo)')
    .argument('[ids...]', 'tenant ids (default: demo)')
    .option('--data-dir <dir>', 'folder for local data (default: .data in the repository)')
    .option('--port <port>', 'first port to use; services take the ports after it', '3000')
    .addHelpText(
      'after',
      `
Prints each tenant's app URL and demo logins, the mail viewer URL and the data folder.
Ctrl-C stops everything (twice to exit at once). \`npm start\` builds the web app and runs this.

Examples:
  $ npm start
  $ npm run crm -- dev demo acme --port 4000`,
    )
    .action(dev);
};
