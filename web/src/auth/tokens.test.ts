import { describe, expect, it } from 'vitest';
import { jwtExpiry, tokensFromAuthResult } from './tokens.ts';

const jwt = (payload: object) => `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2ln`;

describe('tokensFromAuthResult', () => {
  it('takes the expiry from ExpiresIn when Cognito sends it', () => {
    const tokens = tokensFromAuthResult(
      { AccessToken: jwt({ exp: 10 }), IdToken: 'id', RefreshToken: 'r', ExpiresIn: 3600 },
      1_000_000,
    );
    expect(tokens.expiresAt).toBe(1_000_000 + 3_600_000);
  });

  it("falls back to the access token's exp when ExpiresIn is missing (cognito-local)", () => {
    const tokens = tokensFromAuthResult(
      { AccessToken: jwt({ exp: 1_795_000_000 }), IdToken: 'id', RefreshToken: 'r' },
      0,
    );
    expect(tokens.expiresAt).toBe(1_795_000_000_000);
  });

  it('keeps the previous refresh token on a refresh, and refuses a token without any expiry', () => {
    expect(
      tokensFromAuthResult({ AccessToken: 'a', IdToken: 'i', ExpiresIn: 60 }, 0, 'old').refreshToken,
    ).toBe('old');
    expect(() =>
      tokensFromAuthResult({ AccessToken: 'not-a-jwt', IdToken: 'i', RefreshToken: 'r' }, 0),
    ).toThrow(/expiry/);
  });
});

describe('jwtExpiry', () => {
  it('reads exp in milliseconds, or nothing from garbage', () => {
    expect(jwtExpiry(jwt({ exp: 5 }))).toBe(5000);
    expect(jwtExpiry('x.y.z')).toBeUndefined();
  });
});
