// Who may do what with invoices (docs/invoices.md "Roles"): admins, sales managers, sales and
// support read them (marketing does not); admins and sales managers make, issue, send them and
// record payments for every company, sales for the companies they own; only admins and sales
// managers reverse payments and cancel. A refusal is a Forbidden (403) raised before any write.
import { Forbidden } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import type { Role } from '../../lib/roles.ts';
import { requireRecordReader } from '../records/access.ts';
import { companyKind, type RecordItem } from '../records/record-kinds.ts';
import { readRecord } from '../records/records.ts';

const has = (p: Principal, ...roles: Role[]): boolean => p.roles.some((r) => roles.includes(r));

export const canReadInvoices = (p: Principal): boolean =>
  has(p, 'admin', 'sales-manager', 'sales', 'support');

export const requireInvoiceReader = (p: Principal): void => {
  requireRecordReader(p);
  if (!canReadInvoices(p)) throw new Forbidden('Your role does not give access to invoices.');
};

/** Refuses, before reading anything, a role that may not change invoices at all. */
export const requireInvoiceWriter = (p: Principal): void => {
  requireInvoiceReader(p);
  if (!has(p, 'admin', 'sales-manager', 'sales'))
    throw new Forbidden('Your role may read invoices but not change them.');
};

/** Reversing payments and cancelling: admins and sales managers. */
export const requireInvoiceManager = (p: Principal, what: string): void => {
  requireInvoiceReader(p);
  if (!has(p, 'admin', 'sales-manager'))
    throw new Forbidden(`Only a sales manager or an administrator may ${what}.`);
};

/** Sales act on the invoices of the companies they own (the company's current owner). */
export const requireCompanyEditor = async (
  p: Principal,
  companyId: string,
  company?: RecordItem,
): Promise<void> => {
  if (has(p, 'admin', 'sales-manager')) return;
  const record =
    company ?? (await readRecord(companyKind, companyId, { includeDeleted: true }).catch(() => undefined));
  if (!record || record.ownerId !== p.userId)
    throw new Forbidden('Only the owner of the company, a sales manager or an administrator may do this.');
};
