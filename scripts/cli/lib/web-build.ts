// Builds the web app before synth/diff/deploy when its bundle (web/dist) is missing or older
// than any of its sources: the stack holds web/dist as an asset, so a stale bundle would be
// shipped (or diffed) silently.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from './errors.ts';
import { webDir } from './paths.ts';
import { childEnv, runProcess } from './run-process.ts';

const newestMtime = (path: string): number => {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
};

/** Why the bundle needs a build, or undefined when it is up to date. */
export const webBuildReason = (dir = webDir): string | undefined => {
  const dist = join(dir, 'dist');
  const built = newestMtime(dist);
  if (built === 0) return `${join('web', 'dist')} is missing`;
  const sources = Math.max(
    newestMtime(join(dir, 'src')),
    newestMtime(join(dir, 'public')),
    newestMtime(join(dir, 'index.html')),
    newestMtime(join(dir, 'vite.config.ts')),
  );
  return sources > built ? 'web/src changed since the last build' : undefined;
};

/** Runs `npm run build:web` with the npm that started the CLI when there is one. */
export const buildWeb = async (): Promise<void> => {
  const npmCli = process.env.npm_execpath;
  const code = npmCli
    ? await runProcess(process.execPath, [npmCli, 'run', 'build:web'], { env: childEnv() })
    : await runProcess('npm', ['run', 'build:web'], { env: childEnv() });
  if (code !== 0) throw new CliError(`building the web app failed (npm run build:web exited with ${code})`);
};
