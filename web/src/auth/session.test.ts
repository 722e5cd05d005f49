// The token lifecycle: storing tokens per tenant, refreshing before expiry and after a 401, signing out.
import { describe, expect, it } from 'vitest';
import { CognitoError } from './cognito.ts';
import { createSession, type SessionEvent } from './session.ts';
import { authResult, manualTimers, memoryStorage, scriptedCognito } from './test-doubles.ts';
import { createTokenStore, type Tokens, tokenStorageKey } from './tokens.ts';

const T0 = Date.parse('2026-11-24T11:00:00Z');

const setup = (script: Parameters<typeof scriptedCognito>[0], stored?: Tokens) => {
  const storage = memoryStorage();
  const store = createTokenStore(storage, 'demo');
  if (stored) store.write(stored);
  const cognito = scriptedCognito(script);
  const timers = manualTimers();
  let now = T0;
  const session = createSession({ store, cognito, timers, now: () => now, refreshMarginMs: 60_000 });
  const events: SessionEvent[] = [];
  session.subscribe((event) => events.push(event));
  return { storage, store, cognito, timers, session, events, advance: (ms: number) => (now += ms) };
};

const stored = (overrides: Partial<Tokens> = {}): Tokens => ({
  accessToken: 'access-0',
  idToken: 'id-0',
  refreshToken: 'refresh-0',
  expiresAt: T0 + 3_600_000,
  ...overrides,
});

describe('token store', () => {
  it('keeps tokens under a key that names the tenant', () => {
    const storage = memoryStorage();
    createTokenStore(storage, 'demo').write(stored());
    expect(tokenStorageKey('demo')).toBe('crm:demo:auth');
    expect([...storage.data.keys()]).toEqual(['crm:demo:auth']);
    expect(createTokenStore(storage, 'other').read()).toBeNull();
  });

  it('drops a corrupted entry instead of failing', () => {
    const storage = memoryStorage();
    storage.setItem('crm:demo:auth', '{"accessToken": 1');
    expect(createTokenStore(storage, 'demo').read()).toBeNull();
    expect(storage.data.has('crm:demo:auth')).toBe(false);
  });
});

describe('session', () => {
  it('signs in, stores the tokens with their expiry and announces it', async () => {
    const { session, store, events, cognito } = setup({
      signIn: async () => ({ kind: 'signedIn', result: authResult(1) }),
    });
    expect(session.isSignedIn()).toBe(false);

    await expect(session.signIn(' anna@demo.ru ', 'secret')).resolves.toEqual({ kind: 'signedIn' });

    expect(cognito.calls.signIn).toEqual([['anna@demo.ru', 'secret']]);
    expect(store.read()).toEqual({
      accessToken: 'access-1',
      idToken: 'id-1',
      refreshToken: 'refresh-1',
      expiresAt: T0 + 3_600_000,
    });
    expect(session.isSignedIn()).toBe(true);
    expect(events).toEqual([{ status: 'signedIn' }]);
  });

  it('stores nothing until the new-password challenge is answered', async () => {
    const { session, store, cognito } = setup({
      signIn: async () => ({ kind: 'newPasswordRequired', session: 'challenge-1', username: 'user-123' }),
      completeNewPassword: async () => ({ kind: 'signedIn', result: authResult(2) }),
    });

    const step = await session.signIn('anna@demo.ru', 'Temp#1234');
    expect(step).toEqual({
      kind: 'newPasswordRequired',
      challenge: { username: 'user-123', session: 'challenge-1' },
    });
    expect(store.read()).toBeNull();
    if (step.kind !== 'newPasswordRequired') throw new Error('expected a challenge');

    await session.completeNewPassword(step.challenge, 'N3w#Password');
    expect(cognito.calls.completeNewPassword).toEqual([['user-123', 'N3w#Password', 'challenge-1']]);
    expect(store.read()?.accessToken).toBe('access-2');
  });

  it('returns the stored access token while it is fresh, without calling Cognito', async () => {
    const { session, cognito } = setup({}, stored());
    await expect(session.getAccessToken()).resolves.toBe('access-0');
    expect(cognito.calls.refresh).toEqual([]);
  });

  it('refreshes inside the margin before expiry and keeps the refresh token Cognito does not resend', async () => {
    const { session, store, cognito, advance } = setup(
      { refresh: async () => authResult(3, false) },
      stored(),
    );
    advance(3_600_000 - 30_000); // 30 s before expiry, inside the 60 s margin

    await expect(session.getAccessToken()).resolves.toBe('access-3');

    expect(cognito.calls.refresh).toEqual(['refresh-0']);
    expect(store.read()?.refreshToken).toBe('refresh-0');
    expect(store.read()?.expiresAt).toBe(T0 + 3_600_000 - 30_000 + 3_600_000);
  });

  it('shares one refresh between concurrent callers', async () => {
    let release: (value: ReturnType<typeof authResult>) => void = () => undefined;
    const { session, cognito } = setup(
      { refresh: () => new Promise((resolve) => (release = resolve)) },
      stored({ expiresAt: T0 + 10_000 }),
    );
    const all = Promise.all([session.getAccessToken(), session.refresh(), session.getAccessToken()]);
    release(authResult(4));
    await expect(all).resolves.toEqual(['access-4', 'access-4', 'access-4']);
    expect(cognito.calls.refresh).toHaveLength(1);
  });

  it('ends the session as expired when Cognito rejects the refresh token', async () => {
    const { session, store, events } = setup(
      {
        refresh: async () => {
          throw new CognitoError('NotAuthorizedException', 'Refresh Token has expired', 400);
        },
      },
      stored(),
    );
    await expect(session.refresh()).resolves.toBeNull();
    expect(store.read()).toBeNull();
    expect(session.isSignedIn()).toBe(false);
    expect(events).toEqual([{ status: 'signedOut', reason: 'expired' }]);
  });

  it('keeps the session and the still-valid token when the refresh fails for lack of network', async () => {
    const { session, store, events, advance } = setup(
      {
        refresh: async () => {
          throw new CognitoError('NetworkError', 'Failed to fetch', 0);
        },
      },
      stored(),
    );
    advance(3_600_000 - 30_000);
    await expect(session.getAccessToken()).resolves.toBe('access-0');
    advance(60_000); // now past expiry
    await expect(session.getAccessToken()).rejects.toMatchObject({ type: 'NetworkError' });
    expect(store.read()).not.toBeNull();
    expect(events).toEqual([]);
  });

  it('schedules the refresh one margin before expiry and reschedules after it', async () => {
    const { session, timers, cognito } = setup({
      signIn: async () => ({ kind: 'signedIn', result: authResult(1) }),
      refresh: async () => authResult(5),
    });
    await session.signIn('anna@demo.ru', 'secret');
    expect(timers.pending.map((timer) => timer.delayMs)).toEqual([3_600_000 - 60_000]);

    timers.fire();
    await Promise.resolve();
    await Promise.resolve();
    expect(cognito.calls.refresh).toEqual(['refresh-1']);
    expect(timers.pending.map((timer) => timer.delayMs)).toEqual([3_600_000 - 60_000]);
  });

  it('signs out at once and revokes the refresh token, ignoring a failed revoke', async () => {
    const { session, store, events, cognito, timers } = setup(
      {
        revoke: async () => {
          throw new CognitoError('NetworkError', 'offline', 0);
        },
      },
      stored(),
    );
    await expect(session.signOut()).resolves.toBeUndefined();
    expect(store.read()).toBeNull();
    expect(cognito.calls.revoke).toEqual(['refresh-0']);
    expect(events).toEqual([{ status: 'signedOut', reason: 'signOut' }]);
    expect(timers.pending).toEqual([]);
  });

  it('follows another tab signing out', () => {
    const { session, storage, events } = setup({}, stored());
    storage.removeItem('crm:demo:auth');
    session.syncFromStorage();
    expect(session.isSignedIn()).toBe(false);
    expect(events).toEqual([{ status: 'signedOut', reason: 'signOut' }]);
  });
});
