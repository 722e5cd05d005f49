// The app's entry points: where the SPA build comes from, what the bin says when an operator
// gets something wrong, and what `deleteData` changes in the stack.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tableName, userPoolName } from '../functions/lib/resource-names.ts';
import { contextFlag, MissingWebAssets, resolveWebAssetPath } from './tenant-app.ts';
import { makeWebFixture, synthTenant } from './test-support.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});
const track = (dir: string): string => {
  temporary.push(dir);
  return dir;
};
// A path that does not exist (its parent is an empty temp dir).
const missingDir = () => join(track(mkdtempSync(join(tmpdir(), 'crm-infra-empty-'))), 'dist');
const webFixture = () => track(makeWebFixture());

describe('resolveWebAssetPath', () => {
  it('takes the context value, then CRM_WEB_ASSET_PATH, then web/dist', () => {
    const fromContext = webFixture();
    const fromEnv = webFixture();
    const fallback = webFixture();
    const env = { CRM_WEB_ASSET_PATH: fromEnv };
    expect(resolveWebAssetPath(fromContext, { env, defaultPath: fallback })).toBe(fromContext);
    expect(resolveWebAssetPath(undefined, { env, defaultPath: fallback })).toBe(fromEnv);
    expect(resolveWebAssetPath(undefined, { env: {}, defaultPath: fallback })).toBe(fallback);
  });

  it('tells to run `npm run build:web` when web/dist is missing', () => {
    const defaultPath = missingDir();
    expect(() => resolveWebAssetPath(undefined, { env: {}, defaultPath })).toThrow(MissingWebAssets);
    expect(() => resolveWebAssetPath(undefined, { env: {}, defaultPath })).toThrow(/npm run build:web/);
  });

  it('names the given directory when it holds no index.html', () => {
    const given = missingDir();
    expect(() => resolveWebAssetPath(given, { env: {} })).toThrow(given);
    expect(() => resolveWebAssetPath(given, { env: {} })).toThrow(/webAssetPath/);
  });
});

describe('contextFlag', () => {
  it('is true only for true or "true"', () => {
    expect([true, 'true', false, 'false', undefined, '1', 'yes'].map(contextFlag)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('infra/bin/crm.ts', () => {
  // The CDK CLI hands context to the app in CDK_CONTEXT_JSON; the app fails before synthesis.
  const runBin = (context: Record<string, unknown>, env: Record<string, string> = {}) => {
    const outdir = mkdtempSync(join(tmpdir(), 'crm-infra-cdk-out-'));
    try {
      return spawnSync(process.execPath, [join(repoRoot, 'infra/bin/crm.ts')], {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: outdir, ...env },
      });
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  };

  it('asks for the tenant when -c tenant is missing', () => {
    const result = runBin({});
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('-c tenant=<id>');
  });

  it('says which tenant does not exist', () => {
    const result = runBin({ tenant: 'no-such-tenant' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no tenant "no-such-tenant"/);
  });

  it('tells to build the SPA when there is none, in one line and without a stack trace', () => {
    const result = runBin({ tenant: 'demo' }, { CRM_WEB_ASSET_PATH: missingDir() });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^crm: The built web app is missing: no index.html in /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('deleteData', () => {
  it('lets the table, the user pool and the access logs go with the stack', () => {
    const { template, cleanup } = synthTenant({ deleteData: true, bundle: false });
    cleanup();
    const table = Object.values(
      template.findResources('AWS::DynamoDB::Table', { Properties: { TableName: tableName('demo') } }),
    );
    expect(table).toHaveLength(1);
    expect(table[0]?.DeletionPolicy).toBe('Delete');
    expect(table[0]?.Properties.DeletionProtectionEnabled).toBe(false);
    const pool = Object.values(
      template.findResources('AWS::Cognito::UserPool', {
        Properties: { UserPoolName: userPoolName('demo') },
      }),
    );
    expect(pool[0]?.DeletionPolicy).toBe('Delete');
    expect(pool[0]?.Properties.DeletionProtection).toBe('INACTIVE');
    for (const group of Object.values(template.findResources('AWS::Cognito::UserPoolGroup'))) {
      expect(group.DeletionPolicy).toBe('Delete');
    }
    // The buckets (web app, access logs, files) are emptied by CDK's auto-delete handler before they are deleted.
    expect(Object.keys(template.findResources('Custom::S3AutoDeleteObjects'))).toHaveLength(3);
  });
});
