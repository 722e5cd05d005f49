// Who may do what with invoices, mirroring docs/invoices.md "Roles": everyone but marketing reads them
// and the reports; administrators and sales managers write any, a salesperson those of the companies
// they own (the invoice's responsible manager is the company's owner unless changed); only
// administrators and sales managers reverse a payment or cancel; only administrators change the
// reminder settings. The API stays the authority: a refusal there is still shown as an error.
import type { Role } from '../../api/me.ts';
import type { Actor } from '../records/permissions.ts';

const has = (actor: Actor, ...roles: Role[]): boolean => actor.roles.some((role) => roles.includes(role));

/** The roles that read invoices and the receivables reports (the navigation shows «Счета» to them). */
export const invoiceReaderRoles: readonly Role[] = ['admin', 'sales-manager', 'sales', 'support'];

export const canReadInvoices = (actor: Actor): boolean => has(actor, ...invoiceReaderRoles);

/** Creating an invoice at all (for a salesperson, the API checks the company is theirs). */
export const canCreateInvoice = (actor: Actor): boolean => has(actor, 'admin', 'sales-manager', 'sales');

/** Edit a draft, issue, send, record a payment. */
export const canWriteInvoice = (actor: Actor, owner: { ownerId: string }): boolean =>
  has(actor, 'admin', 'sales-manager') || (has(actor, 'sales') && owner.ownerId === actor.userId);

/** Reverse a payment, cancel an invoice. */
export const canReverseOrCancel = (actor: Actor): boolean => has(actor, 'admin', 'sales-manager');

export const canManageReceivablesSettings = (actor: Actor): boolean => has(actor, 'admin');
