// The tenant's staff for owner pickers and filters: the accounts of the tenant's user pool
// (ListUsers), their roles (ListUsersInGroup per role group), merged with the CRM profiles
// (the name a user chose). Every account is listed, signed in yet or not.
import {
  ListUsersCommand,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../lib/dynamo.ts';
import type { Principal } from '../../lib/principal.ts';
import { type Role, roles } from '../../lib/roles.ts';
import { cognito, userPoolId } from '../../lib/user-pool.ts';
import { requireRecordReader } from '../records/access.ts';
import { type UserItem, userKey } from './user.entity.ts';

export type StaffMember = {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly Role[];
  readonly enabled: boolean;
};

const allUsers = async (): Promise<UserType[]> => {
  const users: UserType[] = [];
  let PaginationToken: string | undefined;
  do {
    const page = await cognito.send(
      new ListUsersCommand({ UserPoolId: userPoolId, Limit: 60, PaginationToken }),
    );
    users.push(...(page.Users ?? []));
    PaginationToken = page.PaginationToken;
  } while (PaginationToken);
  return users;
};

const membersOf = async (role: Role): Promise<string[]> => {
  const names: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await cognito
      .send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: role, Limit: 60, NextToken }))
      .catch((error: { name?: string }) => {
        // A pool without this role's group simply has nobody in that role.
        if (error.name === 'ResourceNotFoundException') return { Users: [], NextToken: undefined };
        throw error;
      });
    names.push(...(page.Users ?? []).map((u) => u.Username ?? ''));
    NextToken = page.NextToken;
  } while (NextToken);
  return names;
};

const profilesOf = async (userIds: readonly string[]): Promise<Map<string, UserItem>> => {
  const found = new Map<string, UserItem>();
  for (let i = 0; i < userIds.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = userIds.slice(i, i + 100).map(userKey);
    for (let attempt = 0; keys && keys.length > 0 && attempt < 6; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const result: BatchGetCommandOutput = await db.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }),
      );
      for (const item of (result.Responses?.[tableName] ?? []) as UserItem[]) found.set(item.userId, item);
      keys = result.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return found;
};

const attribute = (user: UserType, name: string): string | undefined =>
  user.Attributes?.find((a) => a.Name === name)?.Value;

export const listStaff = async (principal: Principal): Promise<StaffMember[]> => {
  requireRecordReader(principal);
  const [users, ...groups] = await Promise.all([allUsers(), ...roles.map(membersOf)]);
  const rolesOf = (username: string): Role[] => roles.filter((_, i) => groups[i]?.includes(username));
  const ids = users.map((u) => attribute(u, 'sub') ?? u.Username ?? '');
  const profiles = await profilesOf(ids.filter(Boolean));
  return users
    .map((user, i) => {
      const id = ids[i] ?? '';
      const email = attribute(user, 'email') ?? '';
      const accountName =
        attribute(user, 'name') ||
        [attribute(user, 'given_name'), attribute(user, 'family_name')].filter(Boolean).join(' ');
      return {
        id,
        name: profiles.get(id)?.name ?? (accountName || email.split('@')[0] || id),
        email,
        roles: rolesOf(user.Username ?? ''),
        enabled: user.Enabled !== false,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
};
