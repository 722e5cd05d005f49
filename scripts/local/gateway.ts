// The local API Gateway of one tenant: serves the routes of functions/catalog.ts as API
// Gateway's HTTP API would (JWT authorizer on every non-public route, payload 2.0 events),
// and the built SPA with its /config.json from the same origin, as CloudFront does in AWS.
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type { WebConfig } from '../../infra/web-config.ts';
import {
  type CompiledRoute,
  fromLambdaResult,
  matchRoute,
  stringifyClaims,
  toApiGatewayEvent,
} from './api-gateway-event.ts';
import type { JwtAuthorizer } from './jwt-authorizer.ts';

export type GatewayOptions = {
  readonly tenantId: string;
  readonly port: number;
  readonly routes: readonly CompiledRoute[];
  readonly authorizer: JwtAuthorizer;
  readonly invoke: (functionName: string, event: unknown, requestId: string) => Promise<unknown>;
  /** The SPA build (web/dist). */
  readonly webRoot: string;
  /** fauxqs, which serves S3: /_s3/* is passed to it (CloudFront and S3 presigned URLs in AWS). */
  readonly s3Endpoint: string;
  /** What the SPA's /config.json says. */
  readonly webConfig: WebConfig;
  readonly onRequest?: (line: {
    method: string;
    path: string;
    status: number;
    ms: number;
    routeKey?: string;
  }) => void;
};

/** API Gateway refuses payloads over 10 MB. */
const maxBodyBytes = 10 * 1024 * 1024;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const readBody = (req: IncomingMessage): Promise<Buffer | undefined> =>
  new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    req.on('end', () => resolveBody(size > maxBodyBytes ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });

const sendJson = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

export type Gateway = { readonly url: string; readonly server: Server; stop(): Promise<void> };

export const startGateway = async (options: GatewayOptions): Promise<Gateway> => {
  const webRoot = resolve(options.webRoot);
  const apiId = `local-${options.tenantId}`;

  const serveApi = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<string | undefined> => {
    const match = matchRoute(options.routes, req.method ?? 'GET', url.pathname);
    if (!match) {
      sendJson(res, 404, { message: 'Not Found' });
      return undefined;
    }
    const body = await readBody(req);
    if (body === undefined) {
      sendJson(res, 413, { message: 'Request Entity Too Large' });
      return match.route.routeKey;
    }
    let claims: Record<string, string> | undefined;
    if (!match.route.route.public) {
      const authorization = req.headers.authorization;
      const result = await options.authorizer(authorization);
      if (!result.ok) {
        sendJson(
          res,
          401,
          { message: 'Unauthorized' },
          {
            'www-authenticate': `Bearer scope="" error="invalid_token" error_description="${result.description}"`,
          },
        );
        return match.route.routeKey;
      }
      claims = stringifyClaims(result.claims);
    }
    const requestId = randomUUID();
    const event = toApiGatewayEvent(
      {
        method: req.method ?? 'GET',
        url,
        headers: req.headers as Record<string, string | string[] | undefined>,
        body,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      },
      match,
      claims,
      {
        apiId,
        accountId: '000000000000',
        domainName: req.headers.host ?? 'localhost',
        now: new Date(),
        requestId,
      },
    );
    try {
      const out = fromLambdaResult(await options.invoke(match.route.functionName, event, requestId));
      res.writeHead(out.status, {
        ...out.headers,
        'apigw-requestid': requestId,
        ...(out.cookies.length ? { 'set-cookie': out.cookies } : {}),
      });
      res.end(out.body);
    } catch {
      // The function crashed or timed out: API Gateway answers 500 and shows nothing more.
      sendJson(res, 500, { message: 'Internal Server Error' }, { 'apigw-requestid': requestId });
    }
    return match.route.routeKey;
  };

  // The files bucket on the app's own origin, as presigned URLs address it locally: the
  // browser uploads and downloads without CORS, and the request reaches fauxqs unchanged.
  const proxyS3 = (req: IncomingMessage, res: ServerResponse, url: URL) =>
    new Promise<void>((resolveProxy) => {
      const target = new URL(`${url.pathname.slice('/_s3'.length) || '/'}${url.search}`, options.s3Endpoint);
      const upstream = httpRequest(
        target,
        { method: req.method, headers: { ...req.headers, host: target.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.once('end', () => resolveProxy());
        },
      );
      upstream.once('error', () => {
        if (!res.headersSent) sendJson(res, 502, { message: 'Bad Gateway' });
        resolveProxy();
      });
      req.pipe(upstream);
    });

  const serveStatic = (res: ServerResponse, url: URL) => {
    if (url.pathname === '/config.json') {
      sendJson(res, 200, options.webConfig, { 'cache-control': 'no-store' });
      return;
    }
    const index = join(webRoot, 'index.html');
    if (!existsSync(index)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The web app is not built yet: run `npm run build:web` (npm start does it for you).\n');
      return;
    }
    const requested = normalize(join(webRoot, decodeURIComponent(url.pathname)));
    const isFile = requested.startsWith(webRoot) && existsSync(requested) && statSync(requested).isFile();
    // The SPA's own routes (no file behind them) get index.html, as CloudFront's error page does.
    const file = isFile ? requested : index;
    const type = contentTypes[extname(file)] ?? 'application/octet-stream';
    const immutable = isFile && file.includes(`${join(webRoot, 'assets')}`);
    res.writeHead(200, {
      'content-type': type,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(file).pipe(res);
  };

  const server = createServer(async (req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    let routeKey: string | undefined;
    try {
      if (url.pathname === '/api' || url.pathname.startsWith('/api/'))
        routeKey = await serveApi(req, res, url);
      else if (url.pathname.startsWith('/_s3/')) await proxyS3(req, res, url);
      else if (req.method === 'GET' || req.method === 'HEAD') serveStatic(res, url);
      else sendJson(res, 405, { message: 'Method Not Allowed' }, { allow: 'GET, HEAD' });
    } catch (error) {
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
      else res.destroy(error as Error);
    }
    options.onRequest?.({
      method: req.method ?? 'GET',
      path: url.pathname,
      status: res.statusCode,
      ms: Math.round(performance.now() - started),
      ...(routeKey ? { routeKey } : {}),
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    stop: () =>
      new Promise<void>((resolveStop) => {
        server.closeAllConnections();
        server.close(() => resolveStop());
      }),
  };
};
