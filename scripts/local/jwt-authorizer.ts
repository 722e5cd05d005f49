// The local twin of API Gateway's JWT authorizer: the token from the Authorization header
// (with or without "Bearer "), its signature checked against the issuer's JWKS, the
// issuer, expiry and not-before, and an `aud` or `client_id` among the audiences. A failure
// gives what API Gateway gives: 401 {"message":"Unauthorized"} with a WWW-Authenticate header.
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';

export type JwtAuthorizerConfig = { readonly issuer: string; readonly audience: readonly string[] };

export type AuthorizerResult =
  | { readonly ok: true; readonly claims: Record<string, unknown> }
  | { readonly ok: false; readonly description: string };

export const createJwtAuthorizer = (config: JwtAuthorizerConfig) => {
  const jwks = createRemoteJWKSet(new URL(`${config.issuer}/.well-known/jwks.json`), {
    cooldownDuration: 1000,
  });
  return async (authorization: string | undefined): Promise<AuthorizerResult> => {
    if (!authorization) return { ok: false, description: 'the request has no Authorization header' };
    const token = authorization.replace(/^Bearer\s+/i, '').trim();
    try {
      const { payload } = await jwtVerify(token, jwks, { issuer: config.issuer, algorithms: ['RS256'] });
      const audiences = [payload.aud, payload.client_id]
        .flat()
        .filter((a): a is string => typeof a === 'string');
      if (!audiences.some((a) => config.audience.includes(a))) {
        return { ok: false, description: 'the token is not for this API (audience)' };
      }
      return { ok: true, claims: payload as Record<string, unknown> };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, description: 'the token has expired' };
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iss') {
        return { ok: false, description: 'the token was issued by another user pool' };
      }
      return { ok: false, description: `the token is invalid (${(error as Error).message})` };
    }
  };
};

export type JwtAuthorizer = ReturnType<typeof createJwtAuthorizer>;
