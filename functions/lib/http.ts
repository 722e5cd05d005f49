// The middleware stack of every HTTP handler, applied here once (STYLE.md #2, #5):
// Powertools context + correlation id on every log line, JSON body parsing (malformed JSON
// is a 400), the caller's principal from the JWT claims, and one error mapper that turns
// domain errors into 400/401/403/404/409 with details and anything else into a 500 that
// shows only the correlation id.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { DomainError, MalformedRequest, Unauthorized } from './errors.ts';
import { logger } from './logger.ts';
import { type Principal, principalFromClaims } from './principal.ts';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

export type HttpRequest = {
  readonly event: HttpEvent;
  /** The parsed JSON body, or undefined when the request has none. */
  readonly body: unknown;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly correlationId: string;
  /** The body as sent (decoded from base64), for routes that take a form rather than JSON. */
  readonly rawBody?: string;
};

export type HttpResponse = {
  readonly status: number;
  readonly body?: unknown;
  /** A body sent as it is, not as JSON (a calendar feed); `headers` name its content type. */
  readonly text?: string;
  readonly headers?: Readonly<Record<string, string>>;
};

export const ok = (body: unknown): HttpResponse => ({ status: 200, body });
export const created = (body: unknown): HttpResponse => ({ status: 201, body });

type Handler = middy.MiddyfiedHandler<HttpEvent, APIGatewayProxyStructuredResultV2, Error, Context>;

const correlationIdOf = (event: HttpEvent): string => event.requestContext?.requestId ?? 'unknown';

const respond = (correlationId: string, status: number, body: unknown, headers = {}, text?: string) => ({
  statusCode: status,
  headers: {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-correlation-id': correlationId,
    ...headers,
  },
  body: text ?? (body === undefined ? '' : JSON.stringify(body)),
});

const parseBody = (event: HttpEvent): unknown => {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const contentType = event.headers?.['content-type'] ?? '';
  if (contentType !== '' && !/^application\/(.+\+)?json\b/i.test(contentType)) {
    throw new MalformedRequest(
      `Send the body as JSON with Content-Type: application/json, not ${contentType}.`,
    );
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MalformedRequest(`The body is not valid JSON: ${(error as Error).message}`);
  }
};

const errorMapper = (): middy.MiddlewareObj<HttpEvent, APIGatewayProxyStructuredResultV2> => ({
  onError: async (request) => {
    const error = request.error;
    const correlationId = correlationIdOf(request.event);
    if (error instanceof DomainError) {
      logger.info('request refused', { status: error.status, code: error.code, reason: error.message });
      request.response = respond(correlationId, error.status, {
        error: { code: error.code, message: error.message, ...error.details() },
      });
      return;
    }
    logger.error('request failed', error as Error);
    request.response = respond(correlationId, 500, {
      error: {
        code: 'Internal',
        message: 'Something went wrong on our side. Give this id to support: they can find what happened.',
        correlationId,
      },
    });
  },
});

/** `form`: the body is not parsed as JSON but handed over as text (`rawBody`). */
type RouteOptions = { readonly body?: 'json' | 'form' };

const rawBodyOf = (event: HttpEvent): string =>
  event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';

const route = (run: (request: HttpRequest) => Promise<HttpResponse>, options: RouteOptions = {}): Handler =>
  middy<HttpEvent, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(errorMapper())
    .handler(async (event) => {
      const correlationId = correlationIdOf(event);
      logger.setCorrelationId(correlationId);
      logger.appendKeys({ route: event.routeKey });
      const response = await run({
        event,
        body: options.body === 'form' ? undefined : parseBody(event),
        ...(options.body === 'form' ? { rawBody: rawBodyOf(event) } : {}),
        params: (event.pathParameters ?? {}) as Record<string, string>,
        query: (event.queryStringParameters ?? {}) as Record<string, string>,
        correlationId,
      });
      return respond(correlationId, response.status, response.body, response.headers, response.text);
    });

/** A route anyone may call (no authorizer in front of it). */
export const publicRoute = (
  run: (request: HttpRequest) => Promise<HttpResponse>,
  options: RouteOptions = {},
): Handler => route(run, options);

/** A route behind the JWT authorizer: the handler gets the caller's principal. */
export const userRoute = (
  run: (request: HttpRequest, principal: Principal) => Promise<HttpResponse>,
): Handler =>
  route(async (request) => {
    const claims = request.event.requestContext?.authorizer?.jwt?.claims;
    if (claims === undefined) throw new Unauthorized('Sign in to use the CRM.');
    return run(request, principalFromClaims(claims));
  });

export type UserRouteHandler = (request: HttpRequest, principal: Principal) => Promise<HttpResponse>;

/**
 * One function serving several routes of a resource (functions/catalog.ts lists them):
 * each route key (`GET /api/companies/{id}`) maps to its own thin handler.
 */
export const userRoutes = (handlers: Readonly<Record<string, UserRouteHandler>>): Handler =>
  userRoute(async (request, principal) => {
    const handle = handlers[request.event.routeKey];
    if (!handle) throw new Error(`no handler for route ${request.event.routeKey}`);
    return handle(request, principal);
  });
