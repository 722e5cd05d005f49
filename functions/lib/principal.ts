// Who is calling: built from the JWT claims that API Gateway's JWT authorizer (or the local
// gateway, which copies its behaviour) placed in requestContext.authorizer.jwt.claims.
// API Gateway hands every claim over as a string and an array claim as "[a b c]".
import { Unauthorized } from './errors.ts';
import { isRole, type Role } from './roles.ts';

export type Principal = {
  readonly userId: string;
  readonly username: string;
  readonly roles: readonly Role[];
};

type Claims = Readonly<Record<string, string | number | boolean | readonly string[]>>;

/** Parses an array claim in any of the forms it arrives in: a list, "[a b]", "a,b" or "a". */
export const parseListClaim = (value: Claims[string] | undefined): string[] => {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  const text = String(value).trim();
  const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return inner.split(/[\s,]+/).filter(Boolean);
};

export const principalFromClaims = (claims: Claims | undefined): Principal => {
  const userId = claims?.sub;
  if (claims === undefined || typeof userId !== 'string' || userId === '') {
    throw new Unauthorized('Sign in to use the CRM.');
  }
  const username = claims.username ?? claims['cognito:username'] ?? userId;
  return {
    userId,
    username: String(username),
    roles: parseListClaim(claims['cognito:groups']).filter(isRole),
  };
};
