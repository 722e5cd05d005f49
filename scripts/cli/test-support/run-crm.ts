// Test helpers: run the CLI as a child process, the way operators do, with the project's
// Node (vitest runs on it), no AWS_* variables, an empty HOME (no ~/.aws) and a temporary
// tenants folder.
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../lib/paths.ts';

export type CrmResult = { code: number | null; stdout: string; stderr: string; ms: number };

export type Sandbox = { dir: string; tenantsDir: string; home: string; env: NodeJS.ProcessEnv };

/** A temporary folder with an empty HOME and a tenants folder holding a copy of the demo tenant. */
export const createSandbox = (options: { withDemo?: boolean } = {}): Sandbox => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-cli-'));
  const tenantsDir = join(dir, 'tenants');
  const home = join(dir, 'home');
  mkdirSync(tenantsDir);
  mkdirSync(home);
  if (options.withDemo !== false)
    copyFileSync(join(repoRoot, 'tenants', 'demo.json'), join(tenantsDir, 'demo.json'));
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_') && !key.startsWith('CRM_')),
  );
  return { dir, tenantsDir, home, env: { ...env, HOME: home, CRM_TENANTS_DIR: tenantsDir } };
};

export const runCrm = (
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {},
): Promise<CrmResult> =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'cli', 'crm.ts'), ...args], {
      cwd: repoRoot,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
    child.stdin.end(options.input ?? '');
  });

/**
 * A stand-in for the aws-cdk CLI (passed as CRM_CDK_BIN): records its arguments and the
 * AWS_REGION it saw in `calls.jsonl`, and exits with FAKE_CDK_EXIT (default 0).
 */
export const createFakeCdk = (dir: string): { bin: string; log: string } => {
  const bin = join(dir, 'fake-cdk.mjs');
  const log = join(dir, 'calls.jsonl');
  writeFileSync(
    bin,
    `import { appendFileSync } from 'node:fs';
appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args: process.argv.slice(2), region: process.env.AWS_REGION }) + '\\n');
console.log('fake cdk ran');
process.exit(Number(process.env.FAKE_CDK_EXIT ?? 0));
`,
  );
  chmodSync(bin, 0o755);
  return { bin, log };
};

/** Environment variables that make the SDK's default chain find (fake) credentials offline. */
export const fakeCredentials = {
  AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE',
  AWS_SECRET_ACCESS_KEY: 'fake-secret',
};
