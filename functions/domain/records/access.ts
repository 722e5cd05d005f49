// Who may do what with companies and contacts (docs/customer-base.md "Roles"). Handlers
// call these before any write; a refusal is a Forbidden (403) that changes nothing.
import { Forbidden } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import type { Role } from '../../lib/roles.ts';

const has = (p: Principal, ...roles: Role[]): boolean => p.roles.some((r) => roles.includes(r));

/** Any role at all: a signed-in user without one sees nothing but their profile. */
export const canReadRecords = (p: Principal): boolean => p.roles.length > 0;

/** Managers and admins edit everything; sales edit what they own. */
export const canEditRecord = (p: Principal, record: { ownerId: string }): boolean =>
  has(p, 'admin', 'sales-manager') || (has(p, 'sales') && record.ownerId === p.userId);

/** Creating: sales create records they own; managers and admins create for anyone. */
export const canCreateRecord = (p: Principal, ownerId: string): boolean =>
  has(p, 'admin', 'sales-manager') || (has(p, 'sales') && ownerId === p.userId);

/** Handing a record to another owner. */
export const canReassign = (p: Principal, record: { ownerId: string }, newOwnerId: string): boolean =>
  newOwnerId === record.ownerId || has(p, 'admin', 'sales-manager');

/** Notes and other activities: whoever may edit the record, and support staff. */
export const canLogActivity = (p: Principal, record: { ownerId: string }): boolean =>
  canEditRecord(p, record) || has(p, 'support', 'sales', 'sales-manager', 'admin');

/** Whether the role may change records at all (before asking which): refuses early, reading nothing. */
export const canWriteRecords = (p: Principal): boolean => has(p, 'admin', 'sales-manager', 'sales');

/** Whether the role may log activities at all (notes, files), before asking on which record. */
export const canLogActivities = (p: Principal): boolean =>
  has(p, 'admin', 'sales-manager', 'sales', 'support');

/** Changing or removing a note or a file: its author, a sales manager or an administrator. */
export const canManageActivity = (p: Principal, activity: { authorId: string }): boolean =>
  (canLogActivities(p) && activity.authorId === p.userId) || has(p, 'admin', 'sales-manager');

/**
 * Tasks (docs/activities-and-tasks.md "Roles"): everyone with a role keeps their own; sales
 * managers and administrators see, assign and change anyone's; others see and change the tasks
 * assigned to them and the tasks they created.
 */
export const canManageAnyTask = (p: Principal): boolean => has(p, 'admin', 'sales-manager');

export const canSeeTask = (p: Principal, task: { assigneeId: string; createdBy: string }): boolean =>
  canReadRecords(p) && (canManageAnyTask(p) || task.assigneeId === p.userId || task.createdBy === p.userId);

/** Whether the caller may give a task to `assigneeId`: themselves, or anyone for managers. */
export const canAssignTaskTo = (p: Principal, assigneeId: string): boolean =>
  canReadRecords(p) && (assigneeId === p.userId || canManageAnyTask(p));

/** Purging the trash for good (restoring is for whoever may edit the record). */
export const canEmptyTrash = (p: Principal): boolean => has(p, 'admin');

export const canImport = (p: Principal): boolean => has(p, 'admin', 'sales-manager', 'sales', 'marketing');

export const canManageCustomFields = (p: Principal): boolean => has(p, 'admin');

/** Marketing segments and e-mail templates (docs/campaigns.md): admins and marketing keep them. */
export const canEditMarketing = (p: Principal): boolean => has(p, 'admin', 'marketing');

/** Sales managers read segments and templates (and preview them) besides their editors. */
export const canReadMarketing = (p: Principal): boolean => has(p, 'admin', 'marketing', 'sales-manager');

export const canManageTeamViews = (p: Principal): boolean => has(p, 'admin', 'sales-manager');

export const requireRecordReader = (p: Principal): void => {
  if (!canReadRecords(p))
    throw new Forbidden('Your account has no role in this organisation yet; ask an administrator.');
};

export const requireEditor = (p: Principal, record: { ownerId: string }, what: string): void => {
  if (!canEditRecord(p, record)) {
    throw new Forbidden(
      has(p, 'sales')
        ? `Only the owner of this ${what}, a sales manager or an administrator may change it.`
        : `Your role may read this ${what} but not change it.`,
    );
  }
};

/** Refuses, before reading anything, a role that may not change records at all. */
export const requireRecordWriter = (principal: Principal, what: string): void => {
  requireRecordReader(principal);
  if (!canWriteRecords(principal)) throw new Forbidden(`Your role may read ${what} but not change them.`);
};

export const requireMarketingReader = (p: Principal, what: string): void => {
  if (!canReadMarketing(p))
    throw new Forbidden(`Only administrators, marketing and sales managers may see ${what}.`);
};

export const requireMarketingEditor = (p: Principal, what: string): void => {
  if (!canEditMarketing(p))
    throw new Forbidden(
      canReadMarketing(p)
        ? `Your role may read ${what} but not change them.`
        : `Only administrators and marketing may change ${what}.`,
    );
};
