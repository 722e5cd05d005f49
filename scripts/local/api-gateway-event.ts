// Pure translation between HTTP and the API Gateway HTTP API (payload format 2.0) Lambda
// contract: the route table's path matching, the event a handler receives, and how its
// result becomes a response, following AWS's documentation of the format.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import type { HttpMethod, RouteDefinition } from '../../functions/catalog.ts';

export type CompiledRoute = {
  readonly routeKey: string;
  readonly functionName: string;
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly params: readonly string[];
};

/** `/api/notifications/{id}/read` → a pattern capturing `id`; `{proxy+}` captures the rest. */
export const compileRoute = (functionName: string, route: RouteDefinition): CompiledRoute => {
  const params: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const greedy = /^\{(\w+)\+\}$/.exec(segment);
      if (greedy?.[1]) {
        params.push(greedy[1]);
        return '(.+)';
      }
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param?.[1]) {
        params.push(param[1]);
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return {
    routeKey: `${route.method} ${route.path}`,
    functionName,
    route,
    pattern: new RegExp(`^${source}$`),
    params,
  };
};

/** API Gateway prefers the most specific route: literal segments win over parameters. */
const specificity = (r: CompiledRoute): number =>
  r.route.path.split('/').filter((s) => s !== '' && !s.startsWith('{')).length;

export const matchRoute = (
  routes: readonly CompiledRoute[],
  method: string,
  path: string,
): { route: CompiledRoute; pathParameters: Record<string, string> } | undefined => {
  const candidates = routes
    .filter((r) => r.route.method === (method as HttpMethod))
    .map((r) => ({ r, m: r.pattern.exec(path) }))
    .filter((x): x is { r: CompiledRoute; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => specificity(b.r) - specificity(a.r));
  const best = candidates[0];
  if (!best) return undefined;
  const pathParameters = Object.fromEntries(
    best.r.params.map((name, i) => [name, decodeURIComponent(best.m[i + 1] ?? '')]),
  );
  return { route: best.r, pathParameters };
};

/** API Gateway hands every claim to the handler as a string, arrays as "[a b c]". */
export const stringifyClaims = (claims: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(claims).map(([k, v]) => [
      k,
      Array.isArray(v)
        ? `[${v.join(' ')}]`
        : typeof v === 'object' && v !== null
          ? JSON.stringify(v)
          : String(v),
    ]),
  );

const textTypes = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|.*\+json|.*\+xml)/i;

const clfTime = (d: Date): string => {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
};

export type IncomingRequest = {
  readonly method: string;
  readonly url: URL;
  /** Header names lower-cased; repeated headers as arrays. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: Buffer;
  readonly sourceIp: string;
};

export const toApiGatewayEvent = (
  request: IncomingRequest,
  match: { route: CompiledRoute; pathParameters: Record<string, string> },
  claims: Record<string, string> | undefined,
  context: { apiId: string; accountId: string; domainName: string; now: Date; requestId?: string },
): APIGatewayProxyEventV2WithJWTAuthorizer => {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (name === 'cookie') {
      cookies = (Array.isArray(value) ? value : [value])
        .flatMap((c: string) => c.split(/;\s*/))
        .filter(Boolean);
      continue;
    }
    headers[name] = Array.isArray(value) ? value.join(',') : (value as string);
  }
  const query: Record<string, string> = {};
  for (const key of new Set(request.url.searchParams.keys()))
    query[key] = request.url.searchParams.getAll(key).join(',');
  const contentType = headers['content-type'] ?? '';
  const isText = request.body.length === 0 || contentType === '' || textTypes.test(contentType);
  const requestId = context.requestId ?? randomUUID();
  return {
    version: '2.0',
    routeKey: match.route.routeKey,
    rawPath: request.url.pathname,
    rawQueryString: request.url.search.replace(/^\?/, ''),
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(match.pathParameters).length ? { pathParameters: match.pathParameters } : {}),
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claims ?? {}, scopes: [] } },
      domainName: context.domainName,
      domainPrefix: context.domainName.split('.')[0] ?? context.domainName,
      http: {
        method: request.method,
        path: request.url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: match.route.routeKey,
      stage: '$default',
      time: clfTime(context.now),
      timeEpoch: context.now.getTime(),
    },
    ...(request.body.length > 0
      ? {
          body: isText ? request.body.toString('utf8') : request.body.toString('base64'),
          isBase64Encoded: !isText,
        }
      : { isBase64Encoded: false }),
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
};

export type OutgoingResponse = {
  status: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
};

/** Payload 2.0: a result without statusCode is JSON of whatever was returned, with 200. */
export const fromLambdaResult = (result: APIGatewayProxyResultV2 | unknown): OutgoingResponse => {
  if (typeof result === 'object' && result !== null && 'statusCode' in result) {
    const r = result as {
      statusCode: number;
      headers?: Record<string, string | number | boolean>;
      cookies?: string[];
      body?: string;
      isBase64Encoded?: boolean;
    };
    const body =
      r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body, r.isBase64Encoded ? 'base64' : 'utf8');
    const headers = Object.fromEntries(
      Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    return { status: r.statusCode, headers, cookies: r.cookies ?? [], body };
  }
  const body = Buffer.from(typeof result === 'string' ? result : JSON.stringify(result ?? null), 'utf8');
  return { status: 200, headers: { 'content-type': 'application/json' }, cookies: [], body };
};
