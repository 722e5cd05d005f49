// The signed-in user's Cognito tokens, persisted in localStorage under a key that names the tenant,
// so two tenants opened on the same host never share a session.

export type Tokens = {
  accessToken: string;
  idToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
};

/** Cognito's AuthenticationResult (RefreshToken is absent from a REFRESH_TOKEN_AUTH answer). */
export type AuthenticationResult = {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  /** Seconds; real Cognito always sends it, cognito-local does not. */
  ExpiresIn?: number;
  TokenType?: string;
};

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type TokenStore = {
  readonly key: string;
  read: () => Tokens | null;
  write: (tokens: Tokens) => void;
  clear: () => void;
};

export const tokenStorageKey = (tenantId: string): string => `crm:${tenantId}:auth`;

/** The `exp` claim of a JWT, in epoch milliseconds (the payload is not verified here). */
export const jwtExpiry = (jwt: string): number | undefined => {
  try {
    const payload = JSON.parse(atob((jwt.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
};

export const tokensFromAuthResult = (
  result: AuthenticationResult,
  now: number,
  previousRefreshToken?: string,
): Tokens => {
  const refreshToken = result.RefreshToken ?? previousRefreshToken;
  if (!refreshToken) throw new Error('Cognito returned no refresh token');
  // ExpiresIn is relative, so a skewed browser clock does not matter; without it, the token's own exp.
  const expiresAt =
    result.ExpiresIn !== undefined && Number.isFinite(result.ExpiresIn)
      ? now + result.ExpiresIn * 1000
      : jwtExpiry(result.AccessToken);
  if (expiresAt === undefined) throw new Error('Cognito returned an access token without an expiry');
  return { accessToken: result.AccessToken, idToken: result.IdToken, refreshToken, expiresAt };
};

const isTokens = (value: unknown): value is Tokens => {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.accessToken === 'string' &&
    typeof candidate.idToken === 'string' &&
    typeof candidate.refreshToken === 'string' &&
    typeof candidate.expiresAt === 'number' &&
    Number.isFinite(candidate.expiresAt)
  );
};

export const createTokenStore = (storage: KeyValueStorage, tenantId: string): TokenStore => {
  const key = tokenStorageKey(tenantId);
  return {
    key,
    read: () => {
      const raw = storage.getItem(key);
      if (raw === null) return null;
      try {
        const parsed: unknown = JSON.parse(raw);
        if (isTokens(parsed)) return parsed;
      } catch {
        // fall through: a corrupted entry is as good as none
      }
      storage.removeItem(key);
      return null;
    },
    write: (tokens) => storage.setItem(key, JSON.stringify(tokens)),
    clear: () => storage.removeItem(key),
  };
};
