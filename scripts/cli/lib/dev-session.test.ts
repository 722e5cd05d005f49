// `crm dev` without emulators: a fake runtime start function and an EventEmitter for signals.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { type LocalRuntime, runDevSession, type StartLocalRuntime } from './dev-session.ts';

const fakeRuntime = (stop: () => Promise<void> = async () => {}): LocalRuntime => ({
  tenants: [
    {
      id: 'demo',
      appUrl: 'http://localhost:3000/',
      logins: [
        { email: 'admin@demo.example', password: 'Admin-123', roles: ['admin'], name: 'Anna Admin' },
        { email: 'sales@demo.example', password: 'Sales-123', roles: ['sales', 'marketing'] },
      ],
    },
  ],
  mailViewerUrl: 'http://localhost:3005/',
  stop: vi.fn(stop),
});

const session = (start: StartLocalRuntime) => {
  const printed: string[] = [];
  const signals = new EventEmitter();
  const exit = vi.fn<(code: number) => void>();
  const run = runDevSession({
    start,
    tenantIds: ['demo'],
    tenantNames: { demo: 'ООО «Демо»' },
    dataDir: '/tmp/crm-data',
    basePort: 3000,
    print: (text) => printed.push(text),
    signals,
    exit,
  });
  return { run, printed, signals, exit, output: () => printed.join('\n') };
};

describe('runDevSession', () => {
  it('starts the runtime with the options and prints URLs, logins, data folder and how to stop', async () => {
    const runtime = fakeRuntime();
    const start = vi.fn<StartLocalRuntime>(async ({ onProgress }) => {
      onProgress('DynamoDB Local ready');
      return runtime;
    });
    const { run, output } = session(start);
    await run;

    expect(start).toHaveBeenCalledWith(
      expect.objectContaining({ tenantIds: ['demo'], dataDir: '/tmp/crm-data', basePort: 3000 }),
    );
    const text = output();
    expect(text).toContain('DynamoDB Local ready');
    expect(text).toContain('demo  ООО «Демо»');
    expect(text).toMatch(/app\s+http:\/\/localhost:3000\//);
    expect(text).toContain('admin@demo.example  Admin-123  (admin)             Anna Admin');
    expect(text).toContain('sales@demo.example  Sales-123  (sales, marketing)');
    expect(text).toMatch(/mail viewer\s+http:\/\/localhost:3005\//);
    expect(text).toMatch(/data folder\s+\/tmp\/crm-data/);
    expect(text).toMatch(/logs\s+\/tmp\/crm-data\/logs/);
    expect(text).toContain('Ctrl-C to stop');
  });

  it('stops the runtime once on SIGINT and exits 0', async () => {
    const runtime = fakeRuntime();
    const { run, signals, exit } = session(async () => runtime);
    await run;

    signals.emit('SIGINT');
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));

    expect(runtime.stop).toHaveBeenCalledTimes(1);
  });

  it('exits at once on a second signal while stopping', async () => {
    const runtime = fakeRuntime(() => new Promise(() => {}));
    const { run, signals, exit } = session(async () => runtime);
    await run;

    signals.emit('SIGTERM');
    signals.emit('SIGINT');

    expect(runtime.stop).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(130);
  });

  it('exits 1 when stopping fails', async () => {
    const runtime = fakeRuntime(async () => {
      throw new Error('port 3000 still in use');
    });
    const { run, signals, exit, output } = session(async () => runtime);
    await run;

    signals.emit('SIGINT');
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(1));

    expect(output()).toContain('port 3000 still in use');
  });

  it('stops right after start-up when Ctrl-C comes during it', async () => {
    const runtime = fakeRuntime();
    let finishStart: (r: LocalRuntime) => void = () => {};
    const { run, signals, exit, output } = session(() => new Promise((resolve) => (finishStart = resolve)));

    signals.emit('SIGINT');
    finishStart(runtime);
    await run;
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));

    expect(runtime.stop).toHaveBeenCalledTimes(1);
    expect(output()).not.toContain('Ctrl-C to stop');
  });
});
