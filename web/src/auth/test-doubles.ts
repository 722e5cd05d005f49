// Test doubles for the session: in-memory storage, a scripted Cognito, and timers the test fires by hand.
import type { CognitoClient } from './cognito.ts';
import type { Timers } from './session.ts';
import type { AuthenticationResult, KeyValueStorage } from './tokens.ts';

export const memoryStorage = (): KeyValueStorage & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => {
      data.set(key, value);
    },
    removeItem: (key) => {
      data.delete(key);
    },
  };
};

export const manualTimers = (): Timers & {
  pending: { callback: () => void; delayMs: number }[];
  fire: () => void;
} => {
  const pending: { callback: () => void; delayMs: number; id: number }[] = [];
  let next = 1;
  return {
    pending,
    set: (callback, delayMs) => {
      const id = next++;
      pending.push({ callback, delayMs, id });
      return id;
    },
    clear: (handle) => {
      const index = pending.findIndex((timer) => timer.id === handle);
      if (index >= 0) pending.splice(index, 1);
    },
    fire: () => {
      const timer = pending.shift();
      timer?.callback();
    },
  };
};

export const authResult = (n: number, withRefresh = true): AuthenticationResult => ({
  AccessToken: `access-${n}`,
  IdToken: `id-${n}`,
  ...(withRefresh ? { RefreshToken: `refresh-${n}` } : {}),
  ExpiresIn: 3600,
  TokenType: 'Bearer',
});

type Calls = { signIn: unknown[][]; completeNewPassword: unknown[][]; refresh: string[]; revoke: string[] };

export const scriptedCognito = (
  script: Partial<{ [K in keyof CognitoClient]: (...args: never[]) => Promise<unknown> }>,
): CognitoClient & { calls: Calls } => {
  const calls: Calls = { signIn: [], completeNewPassword: [], refresh: [], revoke: [] };
  const missing = (name: string) => () => Promise.reject(new Error(`unexpected Cognito call: ${name}`));
  const run = <T>(name: keyof CognitoClient, args: unknown[]): Promise<T> =>
    ((script[name] as ((...a: unknown[]) => Promise<T>) | undefined) ?? missing(name))(...args);
  return {
    calls,
    signIn: (username, password) => {
      calls.signIn.push([username, password]);
      return run('signIn', [username, password]);
    },
    completeNewPassword: (username, newPassword, session) => {
      calls.completeNewPassword.push([username, newPassword, session]);
      return run('completeNewPassword', [username, newPassword, session]);
    },
    refresh: (refreshToken) => {
      calls.refresh.push(refreshToken);
      return run('refresh', [refreshToken]);
    },
    revoke: (refreshToken) => {
      calls.revoke.push(refreshToken);
      return run('revoke', [refreshToken]);
    },
  };
};
