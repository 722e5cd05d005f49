// The API client: bearer token, one retry after refreshing on 401, public calls, failures as ApiError.
import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.ts';
import { healthApi } from './health.ts';
import { createHttpClient, type TokenSource } from './http-client.ts';
import { notificationsApi } from './notifications.ts';
import { quotesApi } from './quotes.ts';

type Call = { url: string; method: string; headers: Record<string, string>; body: unknown };

const respond = (answers: Array<[number, unknown] | Error>) => {
  const calls: Call[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    calls.push({
      url,
      method: String(init.method),
      headers: init.headers as Record<string, string>,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    });
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    if (answer instanceof Error) throw answer;
    const [status, body] = answer;
    return new Response(body === undefined ? '' : JSON.stringify(body), { status });
  }) as typeof fetch;
  return { calls, fetchFn };
};

const tokens = (initial: string | null, refreshed: string | null) => {
  const log = { refreshes: 0, gets: 0 };
  const source: TokenSource = {
    getAccessToken: async () => {
      log.gets += 1;
      return initial;
    },
    refresh: async () => {
      log.refreshes += 1;
      return refreshed;
    },
  };
  return { source, log };
};

describe('http client', () => {
  it('sends JSON with the bearer token and the query string', async () => {
    const { calls, fetchFn } = respond([[200, { items: [], unread: 0 }]]);
    const http = createHttpClient({ tokens: tokens('t-1', null).source, fetchFn });
    await notificationsApi(http).list({ limit: 20, cursor: 'abc=' });
    expect(calls[0]).toMatchObject({
      url: '/api/notifications?limit=20&cursor=abc%3D',
      method: 'GET',
      headers: { Accept: 'application/json', Authorization: 'Bearer t-1' },
    });
  });

  it('refreshes once after a 401 and retries with the new token', async () => {
    const { calls, fetchFn } = respond([
      [401, { error: { code: 'Unauthorized', message: 'expired' } }],
      [200, { user: { id: 'u1', version: 4 } }],
    ]);
    const { source, log } = tokens('old', 'new');
    const http = createHttpClient({ tokens: source, fetchFn });
    const result = await http.request<{ user: { version: number } }>('PATCH', '/api/me', {
      body: { expectedVersion: 3, name: 'Анна' },
    });
    expect(result.user.version).toBe(4);
    expect(log.refreshes).toBe(1);
    expect(calls.map((call) => call.headers.Authorization)).toEqual(['Bearer old', 'Bearer new']);
    expect(calls[1]?.body).toEqual({ expectedVersion: 3, name: 'Анна' });
    expect(calls[1]?.headers['Content-Type']).toBe('application/json');
  });

  it('gives up after the retry also answers 401 and reports the rejected session', async () => {
    const { calls, fetchFn } = respond([
      [401, {}],
      [401, { error: { code: 'Unauthorized', message: 'user disabled' } }],
    ]);
    const { source, log } = tokens('old', 'new');
    let rejected = 0;
    const http = createHttpClient({ tokens: source, fetchFn, onUnauthorized: () => (rejected += 1) });
    await expect(http.request('GET', '/api/me')).rejects.toMatchObject({ status: 401, code: 'Unauthorized' });
    expect(calls).toHaveLength(2);
    expect(log.refreshes).toBe(1);
    expect(rejected).toBe(1);
  });

  it('does not retry when the session cannot be refreshed', async () => {
    const { calls, fetchFn } = respond([[401, {}]]);
    const http = createHttpClient({ tokens: tokens('old', null).source, fetchFn });
    await expect(http.request('GET', '/api/me')).rejects.toMatchObject({ code: 'Unauthorized' });
    expect(calls).toHaveLength(1);
  });

  it('does not call the API at all when signed out', async () => {
    const { calls, fetchFn } = respond([]);
    const http = createHttpClient({ tokens: tokens(null, null).source, fetchFn });
    await expect(http.request('GET', '/api/me')).rejects.toBeInstanceOf(ApiError);
    expect(calls).toHaveLength(0);
  });

  it('calls public endpoints without a token and accepts a degraded 503 health answer', async () => {
    const degraded = {
      status: 'degraded',
      tenant: 'demo',
      checks: [{ name: 'bus', status: 'error', latencyMs: 3 }],
    };
    const { calls, fetchFn } = respond([[503, degraded]]);
    const { source, log } = tokens('t', null);
    const health = await healthApi(createHttpClient({ tokens: source, fetchFn })).get();
    expect(health).toEqual(degraded);
    expect(calls[0]?.headers.Authorization).toBeUndefined();
    expect(log.gets).toBe(0);
  });

  it('turns an error answer into an ApiError with the correlation id', async () => {
    const { fetchFn } = respond([
      [500, { error: { code: 'Internal', message: 'boom', correlationId: 'corr-1' } }],
    ]);
    const http = createHttpClient({ tokens: tokens('t', null).source, fetchFn });
    await expect(http.request('GET', '/api/me')).rejects.toMatchObject({
      status: 500,
      code: 'Internal',
      correlationId: 'corr-1',
    });
  });

  it('reports a dropped connection as NetworkError', async () => {
    const { fetchFn } = respond([new TypeError('Failed to fetch')]);
    const http = createHttpClient({ tokens: tokens('t', null).source, fetchFn });
    await expect(http.request('GET', '/api/me')).rejects.toMatchObject({ status: 0, code: 'NetworkError' });
  });

  it('answers a text body as it came when asked for text (a quote’s printable page), errors still parsed', async () => {
    const html = '<!doctype html><title>КП</title><p>1 234,50 ₽</p>';
    const fetchFn = (async () => new Response(html, { status: 200 })) as typeof fetch;
    const http = createHttpClient({ tokens: tokens('t', null).source, fetchFn });
    expect(await quotesApi(http).printHtml('q/1')).toBe(html);
    const { fetchFn: refused } = respond([[404, { error: { code: 'NotFound', message: 'no quote' } }]]);
    const failing = createHttpClient({ tokens: tokens('t', null).source, fetchFn: refused });
    await expect(quotesApi(failing).printHtml('q1')).rejects.toMatchObject({ status: 404, code: 'NotFound' });
  });

  it('encodes ids in paths', async () => {
    const { calls, fetchFn } = respond([[200, { notification: { id: 'a/b' } }]]);
    await notificationsApi(createHttpClient({ tokens: tokens('t', null).source, fetchFn })).markRead('a/b');
    expect(calls[0]).toMatchObject({ method: 'POST', url: '/api/notifications/a%2Fb/read' });
  });
});
