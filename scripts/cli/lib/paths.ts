// Where things live. Every path the CLI uses is derived from the repository root, never from
// the caller's working directory or PATH, so `crm` behaves the same from any folder.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The pinned aws-cdk CLI; CRM_CDK_BIN swaps in another (tests use a recording fake). */
export const cdkEntry = (): string =>
  process.env.CRM_CDK_BIN ?? join(repoRoot, 'node_modules', '.bin', 'cdk');

export const webDir = join(repoRoot, 'web');

export const defaultDataDir = join(repoRoot, '.data');

export const packageVersion = (): string => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
};

/** A path relative to the repository root when it is inside it, for shorter messages. */
export const displayPath = (path: string): string => {
  const absolute = resolve(path);
  return absolute.startsWith(`${repoRoot}/`) ? absolute.slice(repoRoot.length + 1) : absolute;
};
