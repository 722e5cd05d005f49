// Who works in Маркетинг, mirroring the API (functions/domain/records/access.ts): administrators and
// marketing write segments, templates and campaigns; sales managers read and preview them. The API
// stays the authority: a refusal there is still shown as an error.
import type { Role } from '../../api/me.ts';
import type { Actor } from '../records/permissions.ts';

/** The roles that see the «Маркетинг» section. */
export const marketingReaderRoles: readonly Role[] = ['admin', 'marketing', 'sales-manager'];

export const canReadMarketing = (actor: Actor): boolean =>
  actor.roles.some((role) => marketingReaderRoles.includes(role));

/** The tenant's sending cap (Настройки → Рассылки): administrators only, as the API. */
export const canManageSending = (actor: Actor): boolean => actor.roles.includes('admin');

export const canEditMarketing = (actor: Actor): boolean =>
  actor.roles.some((role) => role === 'admin' || role === 'marketing');
