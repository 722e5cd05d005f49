// The session's token lifecycle, free of UI code: sign in (with the new-password step), keep the access
// token fresh — refreshed shortly before it expires and, once, after the API answers 401 — and sign out.
// Concurrent callers share one refresh; a refresh token Cognito rejects ends the session as "expired".
import { type CognitoClient, CognitoError } from './cognito.ts';
import { type TokenStore, type Tokens, tokensFromAuthResult } from './tokens.ts';

export type SignedOutReason = 'signOut' | 'expired';

export type SessionEvent = { status: 'signedIn' } | { status: 'signedOut'; reason: SignedOutReason };

export type NewPasswordChallenge = { username: string; session: string };

export type SignInStep =
  | { kind: 'signedIn' }
  | { kind: 'newPasswordRequired'; challenge: NewPasswordChallenge };

export type Timers = {
  set: (callback: () => void, delayMs: number) => unknown;
  clear: (handle: unknown) => void;
};

export type SessionOptions = {
  store: TokenStore;
  cognito: CognitoClient;
  now?: () => number;
  timers?: Timers;
  /** Refresh this long before the access token expires. */
  refreshMarginMs?: number;
  /** After a failed background refresh (e.g. offline), try again after this delay. */
  retryDelayMs?: number;
};

export type Session = {
  isSignedIn: () => boolean;
  signIn: (email: string, password: string) => Promise<SignInStep>;
  completeNewPassword: (challenge: NewPasswordChallenge, newPassword: string) => Promise<SignInStep>;
  /** A valid access token, refreshed first if it is about to expire; null when signed out. */
  getAccessToken: () => Promise<string | null>;
  /** Refresh now (after a 401); null when the session could not be renewed and has ended. */
  refresh: () => Promise<string | null>;
  /** Clears the tokens at once; revoking the refresh token at Cognito is best effort. */
  signOut: () => Promise<void>;
  /** Ends the session because the API no longer accepts it (a 401 after a refresh). */
  expire: () => void;
  /** Re-reads the store after another tab signed in or out. */
  syncFromStorage: () => void;
  subscribe: (listener: (event: SessionEvent) => void) => () => void;
  dispose: () => void;
};

const defaultTimers: Timers = {
  set: (callback, delayMs) => setTimeout(callback, delayMs),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

// Only an answer from Cognito that the refresh token is no good ends the session; being offline does not.
const refreshTokenRejected = (error: unknown): boolean =>
  error instanceof CognitoError && error.type !== 'NetworkError' && error.status >= 400 && error.status < 500;

export const createSession = ({
  store,
  cognito,
  now = Date.now,
  timers = defaultTimers,
  refreshMarginMs = 60_000,
  retryDelayMs = 30_000,
}: SessionOptions): Session => {
  const listeners = new Set<(event: SessionEvent) => void>();
  let signedIn = store.read() !== null;
  let inFlight: Promise<string | null> | null = null;
  let timer: unknown;

  const emit = (event: SessionEvent) => {
    for (const listener of listeners) listener(event);
  };

  const cancelTimer = () => {
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
  };

  const schedule = (delayMs: number) => {
    cancelTimer();
    timer = timers.set(
      () => {
        timer = undefined;
        refresh().catch(() => {
          if (signedIn) schedule(retryDelayMs);
        });
      },
      Math.max(0, delayMs),
    );
  };

  const scheduleFor = (tokens: Tokens) => schedule(tokens.expiresAt - refreshMarginMs - now());

  const begin = (tokens: Tokens) => {
    store.write(tokens);
    scheduleFor(tokens);
    if (!signedIn) {
      signedIn = true;
      emit({ status: 'signedIn' });
    }
  };

  const end = (reason: SignedOutReason) => {
    cancelTimer();
    store.clear();
    if (signedIn) {
      signedIn = false;
      emit({ status: 'signedOut', reason });
    }
  };

  const refresh = (): Promise<string | null> => {
    if (inFlight) return inFlight;
    const current = store.read();
    if (!current) {
      end('expired');
      return Promise.resolve(null);
    }
    inFlight = cognito
      .refresh(current.refreshToken)
      .then((result) => {
        const tokens = tokensFromAuthResult(result, now(), current.refreshToken);
        begin(tokens);
        return tokens.accessToken;
      })
      .catch((error: unknown) => {
        if (refreshTokenRejected(error)) {
          end('expired');
          return null;
        }
        throw error;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };

  const step = async (outcome: Awaited<ReturnType<CognitoClient['signIn']>>): Promise<SignInStep> => {
    if (outcome.kind === 'newPasswordRequired') {
      return {
        kind: 'newPasswordRequired',
        challenge: { username: outcome.username, session: outcome.session },
      };
    }
    begin(tokensFromAuthResult(outcome.result, now()));
    return { kind: 'signedIn' };
  };

  const initial = store.read();
  if (initial) scheduleFor(initial);

  return {
    isSignedIn: () => signedIn,
    signIn: async (email, password) => step(await cognito.signIn(email.trim(), password)),
    completeNewPassword: async (challenge, newPassword) =>
      step(await cognito.completeNewPassword(challenge.username, newPassword, challenge.session)),
    getAccessToken: async () => {
      const tokens = store.read();
      if (!tokens) {
        if (signedIn) end('expired');
        return null;
      }
      if (now() < tokens.expiresAt - refreshMarginMs) return tokens.accessToken;
      try {
        return await refresh();
      } catch (error) {
        // Offline during the refresh window: the old token is still good until it actually expires.
        if (now() < tokens.expiresAt) return tokens.accessToken;
        throw error;
      }
    },
    refresh,
    signOut: async () => {
      const tokens = store.read();
      end('signOut');
      if (tokens) await cognito.revoke(tokens.refreshToken).catch(() => undefined);
    },
    expire: () => end('expired'),
    syncFromStorage: () => {
      const tokens = store.read();
      if (tokens && !signedIn) {
        signedIn = true;
        scheduleFor(tokens);
        emit({ status: 'signedIn' });
      } else if (!tokens && signedIn) {
        end('signOut');
      }
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: () => {
      cancelTimer();
      listeners.clear();
    },
  };
};
