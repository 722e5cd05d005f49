// What the interface offers to whom, mirroring the API's rules (functions/domain/records/access.ts):
// sales edit and delete what they own; sales managers and admins edit everything and reassign; marketing
// and support read; support adds notes; only admins define custom fields and empty the trash. The API
// stays the authority: a refusal there is still shown as an error.
import type { Role } from '../../api/me.ts';

export type Actor = { userId: string; roles: readonly Role[] };

const has = (actor: Actor, ...roles: Role[]): boolean => actor.roles.some((role) => roles.includes(role));

export const canReadRecords = (actor: Actor): boolean => actor.roles.length > 0;

export const isManager = (actor: Actor): boolean => has(actor, 'admin', 'sales-manager');

export const canCreateRecord = (actor: Actor): boolean => has(actor, 'admin', 'sales-manager', 'sales');

export const canEditRecord = (actor: Actor, record: { ownerId: string }): boolean =>
  isManager(actor) || (has(actor, 'sales') && record.ownerId === actor.userId);

export const canReassign = (actor: Actor): boolean => isManager(actor);

export const canAddNote = (actor: Actor, record: { ownerId: string }): boolean =>
  canEditRecord(actor, record) || has(actor, 'support', 'sales', 'sales-manager', 'admin');

export const canImport = (actor: Actor): boolean =>
  has(actor, 'admin', 'sales-manager', 'sales', 'marketing');

export const canExport = (actor: Actor): boolean => canReadRecords(actor);

export const canManageCustomFields = (actor: Actor): boolean => has(actor, 'admin');

export const canShareViews = (actor: Actor): boolean => canReadRecords(actor);

export const canEditView = (actor: Actor, view: { ownerId: string; visibility: string }): boolean =>
  view.ownerId === actor.userId || (view.visibility === 'team' && isManager(actor));

/** Restoring from the trash: whoever could edit it; the trash does not show the owner, so the API decides for sales. */
export const canRestore = (actor: Actor): boolean => has(actor, 'admin', 'sales-manager', 'sales');

/** Bulk actions: managers on anything; sales on their own records (the API reports the rest as refused). */
export const canBulkEdit = (actor: Actor): boolean => has(actor, 'admin', 'sales-manager', 'sales');
