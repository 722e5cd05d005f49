// The few Cognito Identity Provider calls the SPA needs, spoken as the JSON API over fetch:
// no AWS SDK in the browser, and these operations need no SigV4 signature.
import type { AuthenticationResult } from './tokens.ts';

export type CognitoClientConfig = { endpoint: string; clientId: string };

export class CognitoError extends Error {
  override name = 'CognitoError';
  /** The exception name without its namespace, e.g. NotAuthorizedException; NetworkError when unreachable. */
  readonly type: string;
  readonly status: number;

  constructor(type: string, message: string, status: number) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

export type SignInOutcome =
  | { kind: 'signedIn'; result: AuthenticationResult }
  | { kind: 'newPasswordRequired'; session: string; username: string };

type CognitoResponse = {
  AuthenticationResult?: AuthenticationResult;
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
};

// "com.amazonaws.cognito.identity.idp.model#NotAuthorizedException" → "NotAuthorizedException"
export const parseCognitoError = (status: number, body: unknown): CognitoError => {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const rawType = typeof record.__type === 'string' ? record.__type : 'UnknownError';
  const type = rawType.slice(rawType.lastIndexOf('#') + 1).split(':')[0] ?? rawType;
  const message =
    typeof record.message === 'string'
      ? record.message
      : typeof record.Message === 'string'
        ? record.Message
        : '';
  return new CognitoError(type, message || `Cognito answered HTTP ${status}`, status);
};

export type CognitoClient = {
  signIn: (username: string, password: string) => Promise<SignInOutcome>;
  completeNewPassword: (username: string, newPassword: string, session: string) => Promise<SignInOutcome>;
  refresh: (refreshToken: string) => Promise<AuthenticationResult>;
  revoke: (refreshToken: string) => Promise<void>;
};

export const createCognitoClient = (
  { endpoint, clientId }: CognitoClientConfig,
  fetchFn: typeof fetch = (...args) => fetch(...args),
): CognitoClient => {
  const call = async (operation: string, body: Record<string, unknown>): Promise<CognitoResponse> => {
    let response: Response;
    try {
      response = await fetchFn(endpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-amz-json-1.1',
          'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
        },
        body: JSON.stringify(body),
      });
    } catch (cause) {
      throw new CognitoError('NetworkError', cause instanceof Error ? cause.message : String(cause), 0);
    }
    const text = await response.text();
    let parsed: unknown = {};
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = { message: text };
    }
    if (!response.ok) throw parseCognitoError(response.status, parsed);
    return parsed as CognitoResponse;
  };

  const outcome = (response: CognitoResponse, username: string): SignInOutcome => {
    if (response.AuthenticationResult) return { kind: 'signedIn', result: response.AuthenticationResult };
    if (response.ChallengeName === 'NEW_PASSWORD_REQUIRED' && response.Session) {
      // Cognito names the user by its internal username in the challenge; answer with that one.
      const challengeUser = response.ChallengeParameters?.USER_ID_FOR_SRP ?? username;
      return { kind: 'newPasswordRequired', session: response.Session, username: challengeUser };
    }
    throw new CognitoError(
      'UnsupportedChallenge',
      `Unsupported sign-in challenge: ${response.ChallengeName ?? 'none'}`,
      200,
    );
  };

  return {
    signIn: async (username, password) =>
      outcome(
        await call('InitiateAuth', {
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: clientId,
          AuthParameters: { USERNAME: username, PASSWORD: password },
        }),
        username,
      ),
    completeNewPassword: async (username, newPassword, session) =>
      outcome(
        await call('RespondToAuthChallenge', {
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          ClientId: clientId,
          Session: session,
          ChallengeResponses: { USERNAME: username, NEW_PASSWORD: newPassword },
        }),
        username,
      ),
    refresh: async (refreshToken) => {
      const response = await call('InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: clientId,
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      });
      if (!response.AuthenticationResult) {
        throw new CognitoError('NotAuthorizedException', 'Refresh returned no tokens', 200);
      }
      return response.AuthenticationResult;
    },
    revoke: async (refreshToken) => {
      await call('RevokeToken', { Token: refreshToken, ClientId: clientId });
    },
  };
};
