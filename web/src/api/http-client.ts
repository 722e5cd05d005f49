// JSON over fetch to the same-origin API. Adds the bearer token, retries once after refreshing the token
// when the API answers 401, and turns every failure into an ApiError.
import { ApiError, networkError, parseApiError } from './api-error.ts';

export type TokenSource = {
  getAccessToken: () => Promise<string | null>;
  /** Called after a 401; resolves to a new token, or null when the session has ended. */
  refresh: () => Promise<string | null>;
};

export type RequestOptions = {
  body?: unknown;
  query?: Readonly<Record<string, string | number | undefined>>;
  /** Public endpoints (health) are called without a token. */
  auth?: boolean;
  /** Non-2xx statuses whose body is still the answer (health reports "degraded" with 503). */
  acceptStatus?: readonly number[];
  signal?: AbortSignal;
  /** 'text': the body as it came (a quote's printable HTML), not parsed as JSON. */
  responseType?: 'json' | 'text';
};

export type HttpClient = {
  request: <T>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    path: string,
    options?: RequestOptions,
  ) => Promise<T>;
};

export type HttpClientOptions = {
  tokens: TokenSource;
  baseUrl?: string;
  fetchFn?: typeof fetch;
  /** A 401 that survived a token refresh: the session is no longer accepted (user disabled, pool changed). */
  onUnauthorized?: () => void;
};

const buildUrl = (baseUrl: string, path: string, query: RequestOptions['query']): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return `${baseUrl}${path}${search ? `?${search}` : ''}`;
};

const unauthorized = () =>
  new ApiError({ status: 401, code: 'Unauthorized', message: 'Not signed in or the session has expired' });

export const createHttpClient = ({
  tokens,
  baseUrl = '',
  fetchFn = (...args) => fetch(...args),
  onUnauthorized,
}: HttpClientOptions): HttpClient => {
  const send = async (method: string, url: string, options: RequestOptions, token: string | null) => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    try {
      return await fetchFn(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      throw networkError(cause);
    }
  };

  return {
    request: async <T>(method: string, path: string, options: RequestOptions = {}): Promise<T> => {
      const url = buildUrl(baseUrl, path, options.query);
      const needsAuth = options.auth !== false;
      let token = needsAuth ? await tokens.getAccessToken() : null;
      if (needsAuth && !token) throw unauthorized();

      let response = await send(method, url, options, token);
      if (response.status === 401 && needsAuth) {
        token = await tokens.refresh();
        if (!token) throw unauthorized();
        response = await send(method, url, options, token);
        if (response.status === 401) onUnauthorized?.();
      }

      const text = await response.text();
      if (!response.ok && !options.acceptStatus?.includes(response.status)) {
        throw parseApiError(response.status, text, response.headers.get('x-correlation-id'));
      }
      if (options.responseType === 'text') return text as T;
      if (!text) return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new ApiError({
          status: response.status,
          code: 'BadResponse',
          message: 'The API answered with non-JSON',
        });
      }
    },
  };
};
