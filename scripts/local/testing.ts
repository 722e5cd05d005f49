// Helpers for integration and end-to-end tests: a whole local runtime on random ports with
// its data in a temporary folder, sign-in against the tenant's user pool, a small API
// client, and `eventually` for what happens asynchronously (streams, buses, queues).
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { localCredentials } from './aws-clients.ts';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from './runtime.ts';

const repoTenants = join(import.meta.dirname, '..', '..', 'tenants');

/** Starts the runtime for `demo` plus test tenants (defined on the fly) in a temporary folder. */
export const startTestRuntime = async (
  tenantIds: readonly string[] = ['demo'],
  options: Partial<LocalRuntimeOptions> = {},
): Promise<LocalRuntime> => {
  const tenantsDir = mkdtempSync(join(tmpdir(), 'crm-tenants-'));
  for (const id of tenantIds) {
    if (id === 'demo') copyFileSync(join(repoTenants, 'demo.json'), join(tenantsDir, 'demo.json'));
    else {
      writeFileSync(
        join(tenantsDir, `${id}.json`),
        JSON.stringify({
          id,
          name: `Test ${id}`,
          adminEmail: `admin@${id}.example`,
          region: 'eu-central-1',
          timezone: 'Europe/Moscow',
          currency: 'RUB',
          locale: 'en',
          mailFrom: `crm@${id}.example`,
          createdAt: '2026-11-24T00:00:00.000Z',
        }),
      );
    }
  }
  process.env.CRM_TENANTS_DIR = tenantsDir;
  const start = () =>
    startLocalRuntime({
      tenantIds,
      basePort: 0,
      retryVisibilitySeconds: 1,
      busRetryBaseDelayMs: 50,
      ...options,
    });
  // Random ports are found free, then bound a moment later: another test running in parallel
  // can take one in between. A failed start stops what it had started, so try new ports.
  let runtime: LocalRuntime | undefined;
  for (let attempt = 1; !runtime; attempt++) {
    try {
      runtime = await start();
    } catch (error) {
      const inUse = /EADDRINUSE/.test(String((error as Error).message ?? error));
      if (!inUse || attempt >= 3 || options.basePort) throw error;
    }
  }
  return {
    ...runtime,
    stop: async () => {
      await runtime.stop();
      rmSync(tenantsDir, { recursive: true, force: true });
    },
  };
};

export type Tokens = { accessToken: string; idToken: string; refreshToken: string };

export const signIn = async (runtime: LocalRuntime, tenantId: string, email?: string): Promise<Tokens> => {
  const tenant = runtime.tenant(tenantId);
  const login = email ? tenant.logins.find((l) => l.email === email) : tenant.logins[0];
  if (!login) throw new Error(`no login ${email} in tenant ${tenantId}`);
  const cognito = new CognitoIdentityProviderClient({
    region: tenant.tenant.region,
    endpoint: runtime.endpoints.cognito,
    credentials: localCredentials,
  });
  const { AuthenticationResult: r } = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: tenant.clientId,
      AuthParameters: { USERNAME: login.email, PASSWORD: login.password },
    }),
  );
  if (!r?.AccessToken || !r.IdToken || !r.RefreshToken)
    throw new Error(`sign-in of ${login.email} returned no tokens`);
  return { accessToken: r.AccessToken, idToken: r.IdToken, refreshToken: r.RefreshToken };
};

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies of every shape.
export type ApiResponse = { status: number; body: any; headers: Headers };

/** Calls the tenant's API through its local gateway, as the SPA does. */
export const api =
  (baseUrl: string, token?: string) =>
  async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };

/** Retries `check` until it returns something other than undefined/false, or times out. */
export const eventually = async <T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const result = await check();
      if (result !== undefined && result !== false) return result;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
};

/** The e-mails the SES emulator has captured, newest last. */
export type SentEmail = {
  readonly messageId: string;
  readonly from: string;
  readonly destination: { readonly to: string[]; readonly cc: string[]; readonly bcc: string[] };
  readonly subject: string;
  readonly body: { readonly html?: string; readonly text?: string };
  readonly headers?: { readonly name: string; readonly value: string }[];
  readonly at: number;
};

export const sentEmails = async (runtime: LocalRuntime): Promise<SentEmail[]> => {
  const response = await fetch(`${runtime.mailViewerUrl}/store`);
  const store = (await response.json()) as { emails?: SentEmail[] };
  return store.emails ?? [];
};
