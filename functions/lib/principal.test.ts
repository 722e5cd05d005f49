import { describe, expect, it } from 'vitest';
import { Unauthorized } from './errors.ts';
import { parseListClaim, principalFromClaims } from './principal.ts';

describe('parseListClaim', () => {
  it('reads API Gateway’s "[a b]" form, lists, commas and single values', () => {
    expect(parseListClaim('[admin sales]')).toEqual(['admin', 'sales']);
    expect(parseListClaim(['admin', 'sales'])).toEqual(['admin', 'sales']);
    expect(parseListClaim('admin,sales')).toEqual(['admin', 'sales']);
    expect(parseListClaim('support')).toEqual(['support']);
    expect(parseListClaim('[]')).toEqual([]);
    expect(parseListClaim(undefined)).toEqual([]);
  });
});

describe('principalFromClaims', () => {
  it('takes the user id, username and known roles', () => {
    const p = principalFromClaims({
      sub: 'u-1',
      username: 'anna',
      'cognito:groups': '[sales unknown-group marketing]',
    });
    expect(p).toEqual({ userId: 'u-1', username: 'anna', roles: ['sales', 'marketing'] });
  });

  it('refuses claims without a subject', () => {
    expect(() => principalFromClaims({ username: 'anna' })).toThrow(Unauthorized);
    expect(() => principalFromClaims(undefined)).toThrow(Unauthorized);
  });
});
