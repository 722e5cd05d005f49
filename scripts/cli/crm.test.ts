// The command tree as a whole: help on every command, --version, and exit 2 with a clear
// message for unknown commands and options and missing arguments.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './lib/paths.ts';
import { createSandbox, runCrm } from './test-support/run-crm.ts';

const { env } = createSandbox();

describe('help', () => {
  it.each([
    [['--help'], ['tenant', 'synth', 'diff', 'deploy', 'destroy', 'bootstrap', 'dev', 'reset', 'clock']],
    [
      ['tenant', '--help'],
      ['add', 'list', 'show'],
    ],
    [
      ['tenant', 'add', '--help'],
      ['<id>', '--name', '--admin-email', '--region', '--timezone', '--currency', '--locale', '--mail-from'],
    ],
    [['tenant', 'list', '--help'], ['--json']],
    [
      ['tenant', 'show', '--help'],
      ['<id>', '--json'],
    ],
    [
      ['synth', '--help'],
      ['<id>', 'Example'],
    ],
    [
      ['diff', '--help'],
      ['<id>', 'AWS_PROFILE'],
    ],
    [
      ['deploy', '--help'],
      ['<id>', '--no-web-build', 'build:web'],
    ],
    [
      ['destroy', '--help'],
      ['<id>', '--delete-data', '--yes'],
    ],
    [
      ['bootstrap', '--help'],
      ['<id>', 'AWS_PROFILE'],
    ],
    [
      ['dev', '--help'],
      ['[ids...]', '--data-dir', '--port', 'Ctrl-C'],
    ],
    [
      ['reset', '--help'],
      ['--data-dir', '--yes', '.crm-data'],
    ],
    [
      ['clock', '--help'],
      ['--advance', '--set', '--data-dir', '1d'],
    ],
    [['help', 'deploy'], ['--no-web-build']],
  ])('crm %j mentions %j and exits 0', async (args, mentions) => {
    const result = await runCrm(args, { env });

    expect(result.code, result.stderr).toBe(0);
    for (const text of mentions) expect(result.stdout).toContain(text);
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

    const result = await runCrm(['--version'], { env });

    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });
});

describe('usage errors exit 2 and say how to get help', () => {
  it('an unknown command, with a suggestion', async () => {
    const result = await runCrm(['deplyo', 'demo'], { env });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'deplyo'");
    expect(result.stderr).toContain('deploy');
    expect(result.stderr).toContain("run 'crm --help'");
  });

  it('an unknown subcommand', async () => {
    const result = await runCrm(['tenant', 'remove', 'demo'], { env });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'remove'");
    expect(result.stderr).toContain("run 'crm tenant --help'");
  });

  it('an unknown option, naming the command to ask for help', async () => {
    const result = await runCrm(['tenant', 'list', '--colour'], { env });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--colour'");
    expect(result.stderr).toContain("run 'crm tenant list --help'");
  });

  it('a missing argument', async () => {
    const result = await runCrm(['tenant', 'show'], { env });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("missing required argument 'id'");
  });

  it('an option without its value', async () => {
    const result = await runCrm(['dev', '--port'], { env });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("option '--port <port>' argument missing");
  });

  it('no command at all prints the help on stderr', async () => {
    const result = await runCrm([], { env });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: crm');
  });
});

describe('scripts/bin/crm.js', () => {
  const bin = join(repoRoot, 'scripts', 'bin', 'crm.js');

  it('is executable and starts with a node shebang', () => {
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('runs the CLI on Node 24+', () => {
    const result = spawnSync(process.execPath, [bin, 'tenant', 'list'], { env, encoding: 'utf8' });

    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ID\s+NAME/);
    expect(result.stdout).toContain('demo');
  });
});
