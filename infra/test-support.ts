// Shared by the infra tests: a tiny built-SPA fixture in a temp dir and a synthesized
// tenant app. Real NodejsFunction bundling (local esbuild) by default; tests that only
// read the template's shape may skip it to save a few seconds.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { TenantStack } from './stacks/tenant-stack.ts';
import { buildTenantApp, createCrmApp } from './tenant-app.ts';
import { loadTenant, type Tenant } from './tenants.ts';

/** A directory that looks like web/dist: an index.html and one hashed asset. */
export const makeWebFixture = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-infra-web-'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>CRM</title><script src="/assets/app-1a2b.js"></script>',
  );
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'console.log("crm");');
  return dir;
};

export type Synthesized = {
  readonly tenant: Tenant;
  readonly app: App;
  readonly stack: TenantStack;
  readonly template: Template;
  /** The cloud assembly directory (assets included, about 40 MB). */
  readonly assemblyDir: string;
  /** Removes the assembly and the web fixture; call it in afterAll. */
  readonly cleanup: () => void;
};

export const synthTenant = (
  options: { tenantId?: string; deleteData?: boolean; bundle?: boolean } = {},
): Synthesized => {
  const tenant = loadTenant(options.tenantId ?? 'demo');
  const outdir = mkdtempSync(join(tmpdir(), 'crm-infra-cdk-out-'));
  const webAssetPath = makeWebFixture();
  const cleanup = () => {
    rmSync(outdir, { recursive: true, force: true });
    rmSync(webAssetPath, { recursive: true, force: true });
  };
  // An empty list of bundling stacks makes NodejsFunction skip esbuild (CDK's own switch).
  const app = createCrmApp({
    outdir,
    context: options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {},
  });
  try {
    const { stack } = buildTenantApp(tenant, { app, webAssetPath, deleteData: options.deleteData ?? false });
    const assembly = app.synth();
    return {
      tenant,
      app,
      stack,
      template: Template.fromStack(stack),
      assemblyDir: assembly.directory,
      cleanup,
    };
  } catch (error) {
    cleanup();
    throw error;
  }
};
