// Runs a child process with the terminal attached (output streams as it comes) and resolves
// with its exit code. While it runs, Ctrl-C goes to the child, which decides how to stop; the
// CLI then exits with the child's code instead of dying first and leaving it orphaned.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { CliError } from './errors.ts';
import { repoRoot } from './paths.ts';

/**
 * The environment for child processes: the project's Node (the one running the CLI) and the
 * repository's tools first on PATH, so that `node infra/bin/crm.ts` in cdk.json and npm
 * scripts never pick up an older system Node.
 */
export const childEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  PATH: [dirname(process.execPath), join(repoRoot, 'node_modules', '.bin'), process.env.PATH ?? ''].join(
    delimiter,
  ),
  ...extra,
});

export const runProcess = (
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<number> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? repoRoot,
      env: options.env ?? childEnv(),
      stdio: 'inherit',
    });
    // Ctrl-C in a terminal reaches the child too (same process group): just outlive it.
    // SIGTERM is sent to this process alone (CI cancelling a job): pass it on.
    const onSigint = (): void => {};
    const onSigterm = (): void => {
      child.kill('SIGTERM');
    };
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
    const done = (): void => {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
    };
    child.once('error', (error) => {
      done();
      reject(new CliError(`could not start ${command}: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      done();
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
