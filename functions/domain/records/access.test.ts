import { describe, expect, it } from 'vitest';
import type { Principal } from '../../lib/principal.ts';
import type { Role } from '../../lib/roles.ts';
import {
  canAssignTaskTo,
  canCreateRecord,
  canEditRecord,
  canEmptyTrash,
  canLogActivities,
  canLogActivity,
  canManageActivity,
  canReadRecords,
  canReassign,
  canSeeTask,
  canWriteRecords,
} from './access.ts';

const as = (...roles: Role[]): Principal => ({ userId: 'me', username: 'me', roles });
const mine = { ownerId: 'me' };
const theirs = { ownerId: 'someone' };

describe('record access', () => {
  it('lets sales edit what they own and only read the rest', () => {
    expect(canEditRecord(as('sales'), mine)).toBe(true);
    expect(canEditRecord(as('sales'), theirs)).toBe(false);
    expect(canCreateRecord(as('sales'), 'me')).toBe(true);
    expect(canCreateRecord(as('sales'), 'someone')).toBe(false);
    expect(canReassign(as('sales'), mine, 'someone')).toBe(false);
  });

  it('lets managers and admins edit and reassign everything', () => {
    for (const role of ['sales-manager', 'admin'] as const) {
      expect(canEditRecord(as(role), theirs)).toBe(true);
      expect(canReassign(as(role), theirs, 'me')).toBe(true);
    }
  });

  it('lets marketing and support read; support may log activities', () => {
    expect(canEditRecord(as('marketing'), mine)).toBe(false);
    expect(canEditRecord(as('support'), mine)).toBe(false);
    expect(canLogActivity(as('support'), theirs)).toBe(true);
    expect(canLogActivity(as('marketing'), theirs)).toBe(false);
    expect(canReadRecords(as('marketing'))).toBe(true);
    expect(canReadRecords(as())).toBe(false);
  });

  it('lets authors and managers change notes and files; only writers write, only admins purge', () => {
    expect(canManageActivity(as('support'), { authorId: 'me' })).toBe(true);
    expect(canManageActivity(as('sales'), { authorId: 'someone' })).toBe(false);
    expect(canManageActivity(as('sales-manager'), { authorId: 'someone' })).toBe(true);
    expect(canManageActivity(as('marketing'), { authorId: 'me' })).toBe(false);
    expect(canManageActivity(as(), { authorId: 'me' })).toBe(false);
    expect(canLogActivities(as('marketing'))).toBe(false);
    expect(canWriteRecords(as('support'))).toBe(false);
    expect(canWriteRecords(as('sales'))).toBe(true);
    expect(canEmptyTrash(as('sales-manager'))).toBe(false);
    expect(canEmptyTrash(as('admin'))).toBe(true);
  });
});

describe('task access', () => {
  const task = (assigneeId: string, createdBy: string) => ({ assigneeId, createdBy });

  it('lets everyone with a role see the tasks assigned to them and the tasks they created', () => {
    for (const role of ['sales', 'marketing', 'support'] as const) {
      expect(canSeeTask(as(role), task('me', 'someone'))).toBe(true);
      expect(canSeeTask(as(role), task('someone', 'me'))).toBe(true);
      expect(canSeeTask(as(role), task('someone', 'someone-else'))).toBe(false);
    }
    expect(canSeeTask(as(), task('me', 'me'))).toBe(false);
  });

  it('lets managers and admins see and assign anyone’s; others assign to themselves only', () => {
    for (const role of ['sales-manager', 'admin'] as const) {
      expect(canSeeTask(as(role), task('someone', 'someone-else'))).toBe(true);
      expect(canAssignTaskTo(as(role), 'someone')).toBe(true);
    }
    expect(canAssignTaskTo(as('sales'), 'me')).toBe(true);
    expect(canAssignTaskTo(as('sales'), 'someone')).toBe(false);
    expect(canAssignTaskTo(as(), 'me')).toBe(false);
  });
});
