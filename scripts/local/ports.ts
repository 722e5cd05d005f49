// Port helpers for the local runtime: find a free loopback port, and wait until a
// server answers on one.
import { createConnection, createServer } from 'node:net';

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

/** Resolves `port` when given, else a free one. */
export const portOr = async (port: number | undefined): Promise<number> => (port ? port : freePort());

export const assertPortFree = (port: number, what: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', () =>
      reject(
        new Error(`port ${port} (for ${what}) is in use: stop what uses it, or start with another --port`),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });

const connects = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

export const waitForPort = async (
  port: number,
  what: string,
  timeoutMs = 60_000,
  alive?: () => boolean,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await connects(port)) return;
    if (alive && !alive()) throw new Error(`${what} exited before it listened on port ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not listen on port ${port} within ${timeoutMs / 1000} s`);
};
