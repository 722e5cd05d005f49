// `crm reset` and `crm clock`: the local data folder and the local runtime's clock. A small
// HTTP server stands in for the runtime's clock endpoint.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, runCrm } from './test-support/run-crm.ts';

const dataDirWith = (root: string, files: Record<string, string>): string => {
  const dir = join(root, 'data');
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
};

describe('reset', () => {
  it('refuses a folder outside the repository without the .crm-data marker', async () => {
    const { env, dir } = createSandbox();
    const data = dataDirWith(dir, { 'precious.txt': 'keep me' });

    const result = await runCrm(['reset', '--data-dir', data, '--yes'], { env });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`refusing to delete ${data}`);
    expect(result.stderr).toContain('.crm-data');
    expect(existsSync(join(data, 'precious.txt'))).toBe(true);
  });

  it('refuses a folder that contains the repository, even with the marker', async () => {
    const { env } = createSandbox();

    const result = await runCrm(['reset', '--data-dir', '/', '--yes'], { env });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('it contains the repository');
  });

  it('deletes a marked folder with --yes', async () => {
    const { env, dir } = createSandbox();
    const data = dataDirWith(dir, { '.crm-data': '', 'table.db': 'x' });

    const result = await runCrm(['reset', '--data-dir', data, '--yes'], { env });

    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(data)).toBe(false);
  });

  it('asks first, and keeps the folder unless the answer is yes', async () => {
    const { env, dir } = createSandbox();
    const data = dataDirWith(dir, { '.crm-data': '' });

    const declined = await runCrm(['reset', '--data-dir', data], { env, input: 'n\n' });
    expect(declined.code).toBe(1);
    expect(declined.stderr).toContain('[y/N]');
    expect(existsSync(data)).toBe(true);

    const accepted = await runCrm(['reset', '--data-dir', data], { env, input: 'y\n' });
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(existsSync(data)).toBe(false);
  });

  it('refuses while the local runtime is using the folder', async () => {
    const { env, dir } = createSandbox();
    const clock = await startClock();
    const data = dataDirWith(dir, {
      '.crm-data': '',
      'runtime.json': JSON.stringify({ ports: { bus: clock.port } }),
    });

    const result = await runCrm(['reset', '--data-dir', data, '--yes'], { env });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the local runtime is using');
    expect(existsSync(data)).toBe(true);
  });

  it('has nothing to do when the folder does not exist', async () => {
    const { env, dir } = createSandbox();

    const result = await runCrm(['reset', '--data-dir', join(dir, 'nope'), '--yes'], { env });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nothing to reset');
  });
});

type ClockServer = { server: Server; port: number; requests: { method: string; body: unknown }[] };

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** Answers like the runtime's clock endpoint, starting at 2026-12-01T09:00:00Z. */
const startClock = async (): Promise<ClockServer> => {
  let now = Date.parse('2026-12-01T09:00:00.000Z');
  const requests: ClockServer['requests'] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : undefined;
      requests.push({ method: req.method ?? '', body });
      if (req.url !== '/_local/clock') {
        res.writeHead(404).end();
        return;
      }
      if (body?.advanceMs) now += body.advanceMs;
      if (body?.set) now = Date.parse(body.set);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ now: new Date(now) }));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, requests };
};

describe('clock', () => {
  it('says the runtime is not running and how to start it when there is no runtime.json', async () => {
    const { env, dir } = createSandbox();

    const result = await runCrm(['clock', '--data-dir', dir], { env });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the local runtime is not running');
    expect(result.stderr).toContain('npm start');
  });

  it('says the runtime is not running when runtime.json is left over', async () => {
    const { env, dir } = createSandbox();
    const clock = await startClock();
    const port = clock.port;
    await new Promise((resolve) => clock.server.close(resolve));
    const data = dataDirWith(dir, { 'runtime.json': JSON.stringify({ ports: { bus: port } }) });

    const result = await runCrm(['clock', '--advance', '1d', '--data-dir', data], { env });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`nothing answers on 127.0.0.1:${port}`);
    expect(result.stderr).toContain('npm start');
  });

  it('prints the current local time', async () => {
    const { env, dir } = createSandbox();
    const clock = await startClock();
    const data = dataDirWith(dir, { 'runtime.json': JSON.stringify({ ports: { bus: clock.port, api: 1 } }) });

    const result = await runCrm(['clock', '--data-dir', data], { env });

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Local time: 2026-12-01T09:00:00.000Z');
    expect(clock.requests).toEqual([{ method: 'GET', body: undefined }]);
  });

  it('--advance posts the duration in milliseconds and prints the new time', async () => {
    const { env, dir } = createSandbox();
    const clock = await startClock();
    const data = dataDirWith(dir, { 'runtime.json': JSON.stringify({ ports: { bus: clock.port } }) });

    const result = await runCrm(['clock', '--advance', '1d3h', '--data-dir', data], { env });

    expect(result.code, result.stderr).toBe(0);
    expect(clock.requests).toEqual([{ method: 'POST', body: { advanceMs: 27 * 3_600_000 } }]);
    expect(result.stdout).toContain('Local time: 2026-12-02T12:00:00.000Z');
  });

  it('--set posts the instant in UTC', async () => {
    const { env, dir } = createSandbox();
    const clock = await startClock();
    const data = dataDirWith(dir, { 'runtime.json': JSON.stringify({ ports: { bus: clock.port } }) });

    const result = await runCrm(['clock', '--set', '2026-12-31T23:00:00+03:00', '--data-dir', data], { env });

    expect(result.code, result.stderr).toBe(0);
    expect(clock.requests).toEqual([{ method: 'POST', body: { set: '2026-12-31T20:00:00.000Z' } }]);
    expect(result.stdout).toContain('Local time: 2026-12-31T20:00:00.000Z');
  });

  it.each([
    [['--advance', 'tomorrow'], '--advance: "tomorrow" is not a duration'],
    [['--set', 'next friday'], '--set: "next friday" is not an ISO 8601 date-time'],
    [
      ['--advance', '1d', '--set', '2026-12-01'],
      "option '--advance <duration>' cannot be used with option '--set <iso>'",
    ],
  ])('rejects %j with exit 2', async (args, message) => {
    const { env, dir } = createSandbox();

    const result = await runCrm(['clock', ...args, '--data-dir', dir], { env });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
