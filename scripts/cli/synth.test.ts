// `crm synth` with the real aws-cdk CLI and CDK app (slow: it bundles every Lambda). Proves
// the tenant reaches the app from CRM_TENANTS_DIR through `-c tenant=<id>`, without AWS
// credentials. Uses a stand-in SPA and writes the cloud assembly to a temporary folder, so
// it touches neither web/dist nor the shared cdk.out.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSandbox, runCrm } from './test-support/run-crm.ts';

describe('synth (real CDK)', () => {
  it('synthesizes the stack of a tenant added with the CLI', { timeout: 120_000 }, async () => {
    const { env, dir } = createSandbox();
    const added = await runCrm(
      [
        'tenant',
        'add',
        'acme',
        '--name',
        'Acme Ltd',
        '--admin-email',
        'admin@acme.example',
        '--region',
        'eu-west-1',
        '--timezone',
        'Europe/Dublin',
        '--currency',
        'EUR',
        '--locale',
        'en',
      ],
      { env },
    );
    expect(added.code, added.stderr).toBe(0);
    const out = join(dir, 'cdk.out');
    const spa = join(dir, 'spa');
    mkdirSync(spa);
    writeFileSync(join(spa, 'index.html'), '<!doctype html><title>CRM</title>');

    const result = await runCrm(
      [
        'synth',
        'acme',
        '--no-web-build',
        '--',
        '-c',
        `webAssetPath=${spa}`,
        '--quiet',
        '--no-notices',
        '--output',
        out,
      ],
      { env, timeoutMs: 110_000 },
    );

    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('> cdk synth -c tenant=acme');
    const template = JSON.parse(readFileSync(join(out, 'Crm-acme.template.json'), 'utf8'));
    const tables = Object.values(template.Resources as Record<string, { Type: string; Properties: unknown }>)
      .filter(
        (resource) =>
          resource.Type === 'AWS::DynamoDB::Table' || resource.Type === 'AWS::DynamoDB::GlobalTable',
      )
      .map((resource) => resource.Properties);
    expect(tables).toContainEqual(expect.objectContaining({ TableName: 'crm-acme' }));
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.artifacts['Crm-acme'].environment).toMatch(/\/eu-west-1$/);
  });
});
