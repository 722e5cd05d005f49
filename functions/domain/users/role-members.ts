// The users who hold a role (a group of the tenant's user pool), by their ids (the Cognito `sub`,
// which `ownerId`, notifications and profiles use): whom an escalation goes to. Disabled
// accounts are left out; a pool without the role's group has nobody in it.
import { ListUsersInGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Role } from '../../lib/roles.ts';
import { cognito, userPoolId } from '../../lib/user-pool.ts';

export type RoleMember = { readonly id: string; readonly email?: string };

export const usersInRole = async (role: Role): Promise<RoleMember[]> => {
  const members: RoleMember[] = [];
  let NextToken: string | undefined;
  do {
    const page = await cognito
      .send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: role, Limit: 60, NextToken }))
      .catch((error: { name?: string }) => {
        if (error.name === 'ResourceNotFoundException') return { Users: [], NextToken: undefined };
        throw error;
      });
    for (const user of page.Users ?? []) {
      if (user.Enabled === false) continue;
      const id = user.Attributes?.find((a) => a.Name === 'sub')?.Value ?? user.Username;
      const email = user.Attributes?.find((a) => a.Name === 'email')?.Value;
      if (id) members.push({ id, ...(email ? { email } : {}) });
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return members;
};
