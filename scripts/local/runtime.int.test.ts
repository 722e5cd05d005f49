// The local runtime as a whole: data survives a restart, stop() leaves nothing listening,
// and the gateway's JWT authorizer refuses what API Gateway's would; a killed runtime leaves
// no emulator behind.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { api, eventually, signIn, startTestRuntime } from './testing.ts';

const listening = (url: string) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = createConnection({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const dataDir = mkdtempSync(join(tmpdir(), 'crm-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('local runtime', () => {
  it('keeps data across a restart and leaves nothing listening when stopped', async () => {
    const first = await startTestRuntime(['demo'], { dataDir });
    const demo = first.tenant('demo');
    const tokens = await signIn(first, 'demo', 'anna.smirnova@demo.example');
    const me = (await api(demo.appUrl, tokens.accessToken)('GET', '/api/me')).body.user;
    await eventually(async () => {
      const r = await api(demo.appUrl, tokens.accessToken)('GET', '/api/notifications');
      return r.body.items?.length === 1 ? true : undefined;
    }, 'the welcome notification');
    const urls = [demo.appUrl, ...Object.values(first.endpoints)];
    const password = demo.logins.find((l) => l.email === 'anna.smirnova@demo.example')?.password;
    await first.stop();
    for (const url of urls) expect(await listening(url), `${url} still listening`).toBe(false);

    const second = await startTestRuntime(['demo'], { dataDir });
    try {
      const again = second.tenant('demo');
      expect(again.logins.find((l) => l.email === 'anna.smirnova@demo.example')?.password).toBe(password);
      const tokens2 = await signIn(second, 'demo', 'anna.smirnova@demo.example');
      const call = api(again.appUrl, tokens2.accessToken);
      expect((await call('GET', '/api/me')).body.user).toEqual(me);
      // Roles too (cognito-local's CreateGroup used to empty the groups on every start).
      expect((await call('GET', '/api/companies?limit=1')).status).toBe(200);
      // The stream publisher resumed from its checkpoint: nothing was published twice.
      await new Promise((r) => setTimeout(r, 1500));
      expect((await call('GET', '/api/notifications')).body.items).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
});

describe('child processes', () => {
  it('exit when the runtime is killed outright, leaving nothing listening', async () => {
    const script = join(dataDir, 'start-and-hang.ts');
    writeFileSync(
      script,
      `import { startTestRuntime } from ${JSON.stringify(join(import.meta.dirname, 'testing.ts'))};
const runtime = await startTestRuntime(['demo'], { dataDir: ${JSON.stringify(join(dataDir, 'killed'))} });
console.log(JSON.stringify(runtime.endpoints));
setInterval(() => {}, 1000);
`,
    );
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const endpoints = await new Promise<Record<string, string>>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString())));
      child.once('exit', (code) => reject(new Error(`the runtime exited with ${code} before it was ready`)));
    });
    expect(await listening(endpoints.dynamodb as string)).toBe(true);
    expect(await listening(endpoints.cognito as string)).toBe(true);
    child.kill('SIGKILL');
    for (const url of [endpoints.dynamodb as string, endpoints.cognito as string]) {
      await eventually(
        async () => !(await listening(url)),
        `${url} to close after the runtime was killed`,
        15_000,
      );
    }
  });
});

describe('the local JWT authorizer', () => {
  it('refuses expired tokens and tokens for another app client, as API Gateway does', async () => {
    const runtime = await startTestRuntime(['demo']);
    try {
      const demo = runtime.tenant('demo');
      const keyFile = createRequire(import.meta.url).resolve(
        'cognito-local/lib/keys/cognitoLocal.private.json',
      );
      const key = await importJWK(JSON.parse(readFileSync(keyFile, 'utf8')).jwk, 'RS256');
      const token = (claims: Record<string, unknown>, expiresIn: string | number) =>
        new SignJWT({ sub: 'u-x', token_use: 'access', ...claims })
          .setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' })
          .setIssuer(demo.issuer)
          .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
          .setExpirationTime(expiresIn)
          .sign(key);

      const valid = await token({ client_id: demo.clientId }, '1h');
      const expired = await token({ client_id: demo.clientId }, Math.floor(Date.now() / 1000) - 60);
      const otherClient = await token({ client_id: 'some-other-client' }, '1h');

      const health = await api(demo.appUrl, valid)('GET', '/api/me');
      expect(health.status).not.toBe(401);
      const e = await api(demo.appUrl, expired)('GET', '/api/me');
      expect(e.status).toBe(401);
      expect(e.headers.get('www-authenticate')).toContain('expired');
      const o = await api(demo.appUrl, otherClient)('GET', '/api/me');
      expect(o.status).toBe(401);
      expect(o.headers.get('www-authenticate')).toContain('audience');
      // Public routes need no token; unknown routes are 404 like API Gateway's.
      expect((await api(demo.appUrl)('GET', '/api/health')).status).not.toBe(401);
      expect((await api(demo.appUrl, valid)('GET', '/api/nothing-here')).status).toBe(404);
    } finally {
      await runtime.stop();
    }
  });
});
