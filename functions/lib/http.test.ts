// The HTTP middleware stack: error mapping, body parsing, principal, structured logs.
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotFound, StaleVersion, ValidationFailed } from './errors.ts';
import { type HttpEvent, ok, publicRoute, userRoute } from './http.ts';

const context = {
  awsRequestId: 'lambda-req-1',
  functionName: 'crm-demo-test',
  getRemainingTimeInMillis: () => 1000,
} as unknown as Context;

const event = (overrides: Partial<HttpEvent> = {}): HttpEvent =>
  ({
    version: '2.0',
    routeKey: 'POST /api/things',
    rawPath: '/api/things',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    isBase64Encoded: false,
    requestContext: {
      requestId: 'corr-123',
      authorizer: {
        jwt: { claims: { sub: 'u-1', username: 'anna', 'cognito:groups': '[sales]' }, scopes: [] },
      },
    },
    ...overrides,
  }) as unknown as HttpEvent;

let logged: string[] = [];
beforeEach(() => {
  logged = [];
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    });
  }
});
afterEach(() => vi.restoreAllMocks());

const json = (r: unknown) => JSON.parse((r as { body: string }).body);

describe('http routes', () => {
  it('hand the parsed body and the principal to the handler', async () => {
    const handler = userRoute(async ({ body }, principal) => ok({ body, principal }));
    const response = await handler(event({ body: '{"name":"Анна"}' }), context);
    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual({
      body: { name: 'Анна' },
      principal: { userId: 'u-1', username: 'anna', roles: ['sales'] },
    });
    expect(response.headers?.['x-correlation-id']).toBe('corr-123');
  });

  it('send a text body as it is, with the content type the handler names', async () => {
    const handler = publicRoute(async () => ({
      status: 200,
      text: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
      headers: { 'content-type': 'text/calendar; charset=utf-8' },
    }));
    const response = await handler(event({ body: undefined }), context);
    expect(response.body).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    expect(response.headers?.['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers?.['x-correlation-id']).toBe('corr-123');
  });

  it('answer malformed JSON with a 400, not a 500', async () => {
    const handler = publicRoute(async () => ok({}));
    const response = await handler(event({ body: '{"name":' }), context);
    expect(response.statusCode).toBe(400);
    expect(json(response).error.code).toBe('MalformedRequest');
  });

  it('map domain errors to their status with details', async () => {
    const cases = [
      [
        new ValidationFailed([{ field: 'name', message: 'must not be empty' }]),
        400,
        { fields: [{ field: 'name', message: 'must not be empty' }] },
      ],
      [new NotFound('deal', 'd-1'), 404, {}],
      [new StaleVersion('deal', 'd-1', 3), 409, { currentVersion: 3 }],
    ] as const;
    for (const [error, status, details] of cases) {
      const response = await publicRoute(async () => {
        throw error;
      })(event(), context);
      expect(response.statusCode).toBe(status);
      expect(json(response).error).toMatchObject({ code: error.code, message: error.message, ...details });
    }
  });

  it('answer an unexpected error with a 500 that shows only the correlation id, and log it', async () => {
    const handler = publicRoute(async () => {
      throw new Error('connection string postgres://secret@db');
    });
    const response = await handler(event(), context);
    expect(response.statusCode).toBe(500);
    const body = json(response);
    expect(body.error.correlationId).toBe('corr-123');
    expect(JSON.stringify(body)).not.toContain('secret');
    const line = logged
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l))
      .find((l) => l.level === 'ERROR');
    expect(line).toMatchObject({
      message: 'request failed',
      correlation_id: 'corr-123',
      function_request_id: 'lambda-req-1',
    });
  });

  it('refuse a user route without claims with a 401', async () => {
    const handler = userRoute(async () => ok({}));
    const response = await handler(
      event({ requestContext: { requestId: 'r' } as HttpEvent['requestContext'] }),
      context,
    );
    expect(response.statusCode).toBe(401);
  });
});
