// One HTTP server, on 127.0.0.1, for the local bus, the local scheduler and the clock, so
// that the SDK clients and the CLI reach all three at one endpoint:
//   - EventBridge (@aws-sdk/client-eventbridge): POST / with `X-Amz-Target: AWSEvents.*`
//   - EventBridge Scheduler (@aws-sdk/client-scheduler): REST paths /schedules…, /schedule-groups…
//   - GET /_local/clock → { now, offsetMs }; POST /_local/clock with { "advanceMs": n } or
//     { "set": "<ISO date>" } moves the clock forward (firing due schedules) and answers the same.
//   - GET /_local/health → { ok: true }
// API: `const server = await startBusServer({ bus, scheduler?, clock?, port? })`;
// `server.url`, `server.port`, `await server.stop()`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../clock.ts';
import type { LocalEventBridge } from './event-bus.ts';
import { handleEventBridgeCall, type JsonResponse } from './eventbridge-api.ts';
import type { LocalScheduler } from './scheduler.ts';
import { handleSchedulerCall, isSchedulerPath } from './scheduler-api.ts';

export type BusServerOptions = {
  readonly bus: LocalEventBridge;
  readonly scheduler?: LocalScheduler;
  /** Defaults to the bus's clock. */
  readonly clock?: Clock;
  /** 0 (the default) lets the OS choose a free port. */
  readonly port?: number;
  readonly host?: string;
};

export type BusServer = {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
};

const maxBodyBytes = 2 * 1024 * 1024;

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};

const send = (response: ServerResponse, result: JsonResponse, contentType = 'application/json'): void => {
  const text = JSON.stringify(result.body);
  response.writeHead(result.status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    ...result.headers,
  });
  response.end(text);
};

const clockView = (clock: Clock) => ({ now: clock.now().toISOString(), offsetMs: clock.offsetMs });

const handleClock = (clock: Clock, method: string, body: unknown): JsonResponse => {
  if (method === 'GET') return { status: 200, body: clockView(clock) };
  if (method !== 'POST') return { status: 405, body: { message: 'GET or POST' } };
  const input = (typeof body === 'object' && body !== null ? body : {}) as {
    advanceMs?: unknown;
    set?: unknown;
  };
  try {
    if (typeof input.advanceMs === 'number') clock.advance(input.advanceMs);
    else if (typeof input.set === 'string') clock.set(new Date(input.set));
    else
      return {
        status: 400,
        body: {
          __type: 'ValidationException',
          message: 'Send { "advanceMs": n } or { "set": "<ISO date>" }.',
        },
      };
  } catch (error) {
    return { status: 400, body: { __type: 'ValidationException', message: (error as Error).message } };
  }
  return { status: 200, body: clockView(clock) };
};

export const startBusServer = async (options: BusServerOptions): Promise<BusServer> => {
  const { bus, scheduler } = options;
  const clock = options.clock ?? bus.clock;
  const host = options.host ?? '127.0.0.1';

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://localhost');
    const raw = await readBody(request);
    let body: unknown;
    if (raw.trim() !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        send(response, {
          status: 400,
          body: { __type: 'SerializationException', message: 'The request body is not JSON.' },
        });
        return;
      }
    }
    const target = request.headers['x-amz-target'];
    if (typeof target === 'string' && target.startsWith('AWSEvents.')) {
      send(response, handleEventBridgeCall(bus, target, body), 'application/x-amz-json-1.1');
    } else if (url.pathname === '/_local/clock') {
      send(response, handleClock(clock, method, body));
    } else if (url.pathname === '/_local/health') {
      send(response, { status: 200, body: { ok: true } });
    } else if (scheduler && isSchedulerPath(url.pathname)) {
      send(response, handleSchedulerCall(scheduler, method, url, body));
    } else {
      send(response, {
        status: 404,
        headers: { 'x-amzn-errortype': 'UnknownOperationException' },
        body: { __type: 'UnknownOperationException', message: `No operation for ${method} ${url.pathname}` },
      });
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        send(response, {
          status: 500,
          body: { __type: 'InternalFailure', message: (error as Error).message },
        });
      } else {
        response.destroy();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};
