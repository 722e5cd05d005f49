// Profiles: read (creating it on first sign-in from the Cognito account) and change.
import { AdminGetUserCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../lib/dynamo.ts';
import type { Principal } from '../../lib/principal.ts';
import { createVersioned, updateVersioned } from '../mutations.ts';
import {
  type Locale,
  locales,
  type ProfileChange,
  type UserAttributes,
  type UserItem,
  userKey,
  userListKeys,
} from './user.entity.ts';

export const readProfile = async (userId: string): Promise<UserItem | undefined> =>
  (await db.send(new GetCommand({ TableName: tableName, Key: userKey(userId) }))).Item as
    | UserItem
    | undefined;

/**
 * A user as merge fields name them (a contact owner's name, e-mail, signature): the CRM profile,
 * or, for a user who has never signed in and so has none yet, their account in the tenant's user
 * pool (ListUsers by `sub`). Undefined when neither exists.
 */
export const readProfileOrAccount = async (
  userId: string,
): Promise<Pick<UserItem, 'name' | 'email' | 'signature'> | undefined> => {
  const profile = await readProfile(userId);
  if (profile) return profile;
  if (!/^[\w-]+$/.test(userId)) return undefined;
  const { cognito, userPoolId } = await import('../../lib/user-pool.ts');
  const { Users } = await cognito.send(
    new ListUsersCommand({ UserPoolId: userPoolId, Filter: `sub = "${userId}"`, Limit: 1 }),
  );
  const account = Users?.[0];
  if (!account) return undefined;
  const attrs = Object.fromEntries((account.Attributes ?? []).map((a) => [a.Name, a.Value ?? '']));
  const email = attrs.email ?? '';
  const name =
    attrs.name || [attrs.given_name, attrs.family_name].filter(Boolean).join(' ') || email.split('@')[0];
  return { name: name || userId, email };
};

export type AccountLookup = (username: string) => Promise<{ email: string; name?: string; locale?: string }>;

/** Reads the account's attributes from the tenant's Cognito user pool. */
export const cognitoAccountLookup: AccountLookup = async (username) => {
  const { cognito, userPoolId } = await import('../../lib/user-pool.ts');
  const account = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
  const attrs = Object.fromEntries((account.UserAttributes ?? []).map((a) => [a.Name, a.Value ?? '']));
  const fullName = attrs.name || [attrs.given_name, attrs.family_name].filter(Boolean).join(' ');
  return { email: attrs.email ?? '', name: fullName || undefined, locale: attrs.locale || undefined };
};

export const getOrCreateProfile = async (
  principal: Principal,
  defaultLocale: Locale,
  lookup: AccountLookup = cognitoAccountLookup,
): Promise<UserItem> => {
  const existing = await readProfile(principal.userId);
  if (existing) return existing;
  const account = await lookup(principal.username);
  const name = account.name ?? account.email.split('@')[0] ?? principal.username;
  const locale = (locales as readonly string[]).includes(account.locale ?? '')
    ? (account.locale as Locale)
    : defaultLocale;
  const attributes: UserAttributes & ReturnType<typeof userListKeys> = {
    userId: principal.userId,
    email: account.email,
    name,
    locale,
    emailNotifications: true,
    ...userListKeys(name, principal.userId),
  };
  const { created, item } = await createVersioned(
    { entity: 'user', id: principal.userId },
    userKey(principal.userId),
    attributes,
    principal.userId,
    {
      auditedFields: ['email', 'name', 'locale', 'emailNotifications'],
    },
  );
  if (created) return item as UserItem;
  // Two first requests raced; the other one created it.
  const raced = await readProfile(principal.userId);
  if (!raced) throw new Error(`profile of ${principal.userId} neither created nor found`);
  return raced;
};

export const updateProfile = async (principal: Principal, change: ProfileChange): Promise<UserItem> => {
  const { expectedVersion, ...fields } = change;
  const changes: Record<string, unknown> = { ...fields };
  if (fields.signature !== undefined) changes.signature = fields.signature || undefined;
  if (fields.name !== undefined) Object.assign(changes, userListKeys(fields.name, principal.userId));
  return updateVersioned<UserItem>(
    { entity: 'user', id: principal.userId },
    userKey(principal.userId),
    expectedVersion,
    changes,
    principal.userId,
  );
};
