// When `crm deploy` rebuilds the web app: web/dist missing or older than its sources.
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { webBuildReason } from './web-build.ts';

const webFolder = (files: Record<string, number>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-web-'));
  for (const [path, mtimeSeconds] of Object.entries(files)) {
    const file = join(dir, path);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, '');
    utimesSync(file, mtimeSeconds, mtimeSeconds);
  }
  return dir;
};

describe('webBuildReason', () => {
  it('asks for a build when web/dist is missing', () => {
    expect(webBuildReason(webFolder({ 'src/main.tsx': 100 }))).toBe('web/dist is missing');
  });

  it('asks for a build when a source under web/src is newer than the bundle', () => {
    const dir = webFolder({ 'src/pages/deals/board.tsx': 300, 'src/main.tsx': 100, 'dist/index.html': 200 });

    expect(webBuildReason(dir)).toBe('web/src changed since the last build');
  });

  it('is satisfied when the bundle is newer than every source', () => {
    const dir = webFolder({ 'src/main.tsx': 100, 'index.html': 100, 'dist/assets/app.js': 200 });

    expect(webBuildReason(dir)).toBeUndefined();
  });
});
