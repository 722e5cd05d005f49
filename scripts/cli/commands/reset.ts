// `crm reset`: deletes the local data folder, and refuses any folder that is not provably
// one, so a typo in --data-dir can never delete something else.
import { existsSync, lstatSync, rmSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Command } from 'commander';
import { CliError, usageError } from '../lib/errors.ts';
import { callClock, dataDirMarker, readRuntimeState, resolveDataDir } from '../lib/local-runtime-state.ts';
import { repoRoot } from '../lib/paths.ts';
import { confirm } from '../lib/prompt.ts';

/** Git-ignored data folders of the repository, deletable even before the runtime marked them. */
const knownDataDirs = ['.data', '.test-data'].map((name) => join(repoRoot, name));

const isInside = (path: string, dir: string): boolean => {
  const rel = relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
};

/** Why the folder must not be deleted, or undefined when it may be. */
export const refusalReason = (dir: string): string | undefined => {
  if (isInside(repoRoot, dir)) return 'it contains the repository';
  if (lstatSync(dir).isSymbolicLink()) return 'it is a symbolic link';
  if (!lstatSync(dir).isDirectory()) return 'it is not a folder';
  if (existsSync(join(dir, dataDirMarker))) return undefined;
  if (knownDataDirs.some((known) => isInside(dir, known))) return undefined;
  return `it has no ${dataDirMarker} marker, which the local runtime writes into every data folder it creates`;
};

const runtimeIsRunning = async (dir: string): Promise<boolean> => {
  try {
    await callClock(readRuntimeState(dir), undefined, 1_000);
    return true;
  } catch {
    return false;
  }
};

const reset = async (options: { dataDir?: string; yes?: boolean }): Promise<void> => {
  const dir = resolveDataDir(options.dataDir);
  if (!existsSync(dir)) {
    console.log(`Nothing to reset: ${dir} does not exist.`);
    return;
  }
  const refusal = refusalReason(dir);
  if (refusal) throw usageError(`refusing to delete ${dir}: ${refusal}`);
  if (await runtimeIsRunning(dir)) {
    throw new CliError(`the local runtime is using ${dir}`, {
      hint: ['Stop it (Ctrl-C in its terminal) first.'],
    });
  }
  if (
    !options.yes &&
    !(await confirm(`Delete ${dir} with all local data (tables, queues, mail, users of every tenant)?`))
  ) {
    throw new CliError('aborted; nothing was deleted');
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`Deleted ${dir}. The next \`npm start\` begins with fresh demo data.`);
};

export const registerResetCommand = (program: Command): void => {
  program
    .command('reset')
    .description('delete the local data folder (all local tenants’ data)')
    .option('--data-dir <dir>', 'the folder to delete (default: .data in the repository)')
    .option('-y, --yes', 'do not ask for confirmation')
    .addHelpText(
      'after',
      `
Only deletes a folder the local runtime created (it holds a ${dataDirMarker} marker) or the
repository's own .data/.test-data, and not while the runtime is using it.

Examples:
  $ npm run crm -- reset
  $ npm run crm -- reset --data-dir /tmp/crm-data --yes`,
    )
    .action(reset);
};
