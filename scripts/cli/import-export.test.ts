// `crm import` and `crm export` before they touch any table: usage errors (exit 2) that say
// what to give, a missing runtime (exit 1) that says how to start it, AWS without credentials.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSandbox, runCrm } from './test-support/run-crm.ts';

describe('crm import', () => {
  it('explains itself in --help, with examples', async () => {
    const { env } = createSandbox();
    const result = await runCrm(['import', '--help'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--mode <mode>');
    expect(result.stdout).toContain('--resume <jobId>');
    expect(result.stdout).toContain('npm run crm -- import demo companies.csv --entity company --dry-run');
  });

  it('refuses a file that does not exist, an unknown mode and a missing --entity', async () => {
    const { env, dir } = createSandbox();
    const path = join(dir, 'a.csv');
    writeFileSync(path, 'Название\nАльфа\n');
    const missing = await runCrm(['import', 'demo', join(dir, 'nope.csv'), '--entity', 'company'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no file');
    const mode = await runCrm(['import', 'demo', path, '--entity', 'company', '--mode', 'merge'], { env });
    expect(mode.code).toBe(2);
    expect(mode.stderr).toContain("'merge' is invalid");
    const entity = await runCrm(['import', 'demo', path], { env });
    expect(entity.code).toBe(2);
    expect(entity.stderr).toContain('--entity company or --entity contact');
  });

  it('says the local runtime is not running, and how to start it', async () => {
    const { env, dir } = createSandbox();
    const path = join(dir, 'a.csv');
    writeFileSync(path, 'Название\nАльфа\n');
    const result = await runCrm(['import', 'demo', path, '--entity', 'company', '--data-dir', dir], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the local runtime is not running');
    expect(result.stderr).toContain('npm start');
  });

  it('with --aws and no credentials, stops at once and says what to set', async () => {
    const { env, dir } = createSandbox();
    const path = join(dir, 'a.csv');
    writeFileSync(path, 'Название\nАльфа\n');
    const result = await runCrm(['import', 'demo', path, '--entity', 'company', '--aws'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no AWS credentials found');
    expect(result.stderr).toContain('AWS_PROFILE');
  });
});

describe('crm export', () => {
  it('needs --out, and a running runtime', async () => {
    const { env, dir } = createSandbox();
    const noOut = await runCrm(['export', 'demo'], { env });
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out <file.jsonl>');
    const notRunning = await runCrm(['export', 'demo', '--out', join(dir, 'x.jsonl'), '--data-dir', dir], {
      env,
    });
    expect(notRunning.code).toBe(1);
    expect(notRunning.stderr).toContain('the local runtime is not running');
  });
});
