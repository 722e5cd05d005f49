import { describe, expect, it } from 'vitest';
import {
  compileRoute,
  fromLambdaResult,
  matchRoute,
  stringifyClaims,
  toApiGatewayEvent,
} from './api-gateway-event.ts';

const routes = [
  compileRoute('get-item', { method: 'GET', path: '/api/items/{id}' }),
  compileRoute('get-mine', { method: 'GET', path: '/api/items/mine' }),
  compileRoute('read', { method: 'POST', path: '/api/items/{id}/read' }),
  compileRoute('files', { method: 'GET', path: '/api/files/{key+}' }),
];

describe('matchRoute', () => {
  it('captures path parameters, decoded', () => {
    expect(matchRoute(routes, 'POST', '/api/items/a%20b/read')).toMatchObject({
      route: { functionName: 'read' },
      pathParameters: { id: 'a b' },
    });
  });

  it('prefers a literal segment over a parameter, as API Gateway does', () => {
    expect(matchRoute(routes, 'GET', '/api/items/mine')?.route.functionName).toBe('get-mine');
  });

  it('matches greedy parameters over several segments', () => {
    expect(matchRoute(routes, 'GET', '/api/files/a/b/c.pdf')?.pathParameters).toEqual({ key: 'a/b/c.pdf' });
  });

  it('does not match another method or a longer path', () => {
    expect(matchRoute(routes, 'DELETE', '/api/items/1')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/api/items/1/extra')).toBeUndefined();
  });
});

describe('toApiGatewayEvent', () => {
  const match = matchRoute(routes, 'GET', '/api/items/7');
  if (!match) throw new Error('no match');
  const event = toApiGatewayEvent(
    {
      method: 'GET',
      url: new URL('http://127.0.0.1:3000/api/items/7?tag=a&tag=b&q=x'),
      headers: { 'content-type': 'application/json', cookie: 'a=1; b=2', 'x-multi': ['1', '2'] },
      body: Buffer.alloc(0),
      sourceIp: '127.0.0.1',
    },
    match,
    stringifyClaims({ sub: 'u-1', 'cognito:groups': ['admin', 'sales'], exp: 1732450000 }),
    {
      apiId: 'local-demo',
      accountId: '000000000000',
      domainName: '127.0.0.1:3000',
      now: new Date('2026-11-24T09:00:00Z'),
      requestId: 'r-1',
    },
  );

  it('has the payload 2.0 shape', () => {
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('GET /api/items/{id}');
    expect(event.rawPath).toBe('/api/items/7');
    expect(event.rawQueryString).toBe('tag=a&tag=b&q=x');
    expect(event.pathParameters).toEqual({ id: '7' });
    expect(event.requestContext.requestId).toBe('r-1');
    expect(event.requestContext.time).toBe('24/Nov/2026:09:00:00 +0000');
    expect(event.requestContext.http.method).toBe('GET');
  });

  it('joins repeated query parameters and headers with commas and moves cookies out', () => {
    expect(event.queryStringParameters).toEqual({ tag: 'a,b', q: 'x' });
    expect(event.headers['x-multi']).toBe('1,2');
    expect(event.cookies).toEqual(['a=1', 'b=2']);
    expect(event.headers.cookie).toBeUndefined();
  });

  it('hands claims over as strings, arrays as "[a b]"', () => {
    expect(event.requestContext.authorizer.jwt.claims).toEqual({
      sub: 'u-1',
      'cognito:groups': '[admin sales]',
      exp: '1732450000',
    });
  });
});

describe('fromLambdaResult', () => {
  it('uses a structured result as it is', () => {
    const out = fromLambdaResult({
      statusCode: 409,
      headers: { 'Content-Type': 'application/json' },
      body: '{"a":1}',
    });
    expect(out.status).toBe(409);
    expect(out.headers['content-type']).toBe('application/json');
    expect(out.body.toString()).toBe('{"a":1}');
  });

  it('turns anything else into a 200 JSON response, as payload 2.0 does', () => {
    const out = fromLambdaResult({ hello: 'world' });
    expect(out.status).toBe(200);
    expect(JSON.parse(out.body.toString())).toEqual({ hello: 'world' });
  });

  it('decodes base64 bodies', () => {
    expect(
      fromLambdaResult({
        statusCode: 200,
        body: Buffer.from('pdf').toString('base64'),
        isBase64Encoded: true,
      }).body.toString(),
    ).toBe('pdf');
  });
});
