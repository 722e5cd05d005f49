// The two kinds of customer record, companies and contacts, described once for the code that
// treats them alike (read, change, delete and restore, merge, bulk actions, trash, timeline):
// their keys, index keys, derived items (search tokens, links in other partitions), audited
// fields, the records whose timelines show their changes, and which fields a merge may pick.
import { z } from 'zod';
import type { AuditRef } from '../audit/audit.entity.ts';
import {
  auditedCompanyFields,
  type CompanyItem,
  companyActivityKeys,
  companyIndexKeys,
  companyKey,
  companyPartition,
  companyTokenItems,
  companyTrashPartition,
  toCompanyView,
} from '../companies/company.entity.ts';
import {
  auditedContactFields,
  type ContactItem,
  companyContactLink,
  contactActivityKeys,
  contactIndexKeys,
  contactKey,
  contactPartition,
  contactTokenItems,
  contactTrashPartition,
  fullName,
  pastCompanyLinks,
  toContactView,
} from '../contacts/contact.entity.ts';
import type { ItemKey, Versioned } from '../mutations.ts';

export const recordTypes = ['company', 'contact'] as const;
export type RecordType = (typeof recordTypes)[number];

/** A company or contact item as stored: attributes, bookkeeping and index keys. */
export type RecordItem = Versioned & {
  readonly id: string;
  readonly ownerId: string;
  readonly lastActivityAt: string;
  readonly customFields: Readonly<Record<string, unknown>>;
  readonly deletedAt?: string;
  readonly deletedBy?: string;
  readonly mergedInto?: string;
  readonly companyId?: string;
  readonly companyName?: string;
} & Readonly<Record<string, unknown>>;

/** An item kept in step with a record (a search token, a link in a company's partition). */
export type DerivedItem = ItemKey & Readonly<Record<string, unknown>>;

/** How a merge combines a field: one side's value, or (lists and maps) both. */
export type MergeFieldShape = 'scalar' | 'list' | 'map';

export type RecordKind = {
  readonly type: RecordType;
  readonly key: (id: string) => ItemKey;
  readonly partition: (id: string) => string;
  readonly trashPartition: string;
  /** Index keys of the record in this state (a deleted one: only the trash). */
  readonly indexKeys: (r: RecordItem) => Record<string, string>;
  /** Items rewritten with the record: its search tokens and its links elsewhere. */
  readonly derivedItems: (r: RecordItem) => DerivedItem[];
  readonly auditedFields: readonly string[];
  readonly name: (r: RecordItem) => string;
  readonly activityKeys: (id: string, at: string) => Record<string, string>;
  /** Other records whose timelines show this record's changes (a contact's company). */
  readonly relatedTo: (r: RecordItem) => AuditRef[];
  readonly toView: (r: RecordItem) => Record<string, unknown>;
  /** The fields a merge may pick from either record, with how each combines. */
  readonly mergeFields: Readonly<Record<string, MergeFieldShape>>;
};

export const companyKind: RecordKind = {
  type: 'company',
  key: companyKey,
  partition: companyPartition,
  trashPartition: companyTrashPartition,
  indexKeys: (r) => companyIndexKeys(r as unknown as CompanyItem & { createdAt: string; updatedAt: string }),
  derivedItems: (r) => companyTokenItems(r as unknown as CompanyItem),
  auditedFields: [...auditedCompanyFields, 'mergedInto'],
  name: (r) => String(r.name ?? ''),
  activityKeys: companyActivityKeys,
  relatedTo: () => [],
  toView: (r) => toCompanyView(r as unknown as CompanyItem),
  mergeFields: {
    name: 'scalar',
    legalName: 'scalar',
    inn: 'scalar',
    kpp: 'scalar',
    industry: 'scalar',
    size: 'scalar',
    website: 'scalar',
    phones: 'list',
    emails: 'list',
    addresses: 'list',
    leadSource: 'scalar',
    ownerId: 'scalar',
    tags: 'list',
    customFields: 'map',
    lifecycleStage: 'scalar',
  },
};

export const contactKind: RecordKind = {
  type: 'contact',
  key: contactKey,
  partition: contactPartition,
  trashPartition: contactTrashPartition,
  indexKeys: (r) => contactIndexKeys(r as unknown as ContactItem & { createdAt: string; updatedAt: string }),
  derivedItems: (r) => {
    const c = r as unknown as ContactItem;
    const link = companyContactLink(c);
    return [...contactTokenItems(c), ...(link ? [link] : []), ...pastCompanyLinks(c)];
  },
  auditedFields: [...auditedContactFields, 'mergedInto'],
  name: (r) => fullName(r as unknown as ContactItem),
  activityKeys: contactActivityKeys,
  relatedTo: (r) => (r.companyId ? [{ type: 'company', id: r.companyId }] : []),
  toView: (r) => toContactView(r as unknown as ContactItem),
  mergeFields: {
    firstName: 'scalar',
    lastName: 'scalar',
    middleName: 'scalar',
    jobTitle: 'scalar',
    phones: 'list',
    emails: 'list',
    messengers: 'list',
    birthday: 'scalar',
    companyId: 'scalar',
    pastCompanies: 'list',
    ownerId: 'scalar',
    tags: 'list',
    leadSource: 'scalar',
    marketingConsent: 'scalar',
    customFields: 'map',
  },
};

export const recordKinds: Readonly<Record<RecordType, RecordKind>> = {
  company: companyKind,
  contact: contactKind,
};

/** The most of each list field a record may hold (the input schemas' limits). */
export const listLimits: Readonly<Record<string, number>> = {
  phones: 10,
  emails: 10,
  addresses: 10,
  messengers: 10,
  tags: 30,
  pastCompanies: 50,
};

/** A reference to a record: what notes, files and timeline entries are about. */
export const recordRefSchema = z.object({
  type: z.enum(recordTypes),
  id: z.string().min(1, 'must name a record').max(100),
});
export type RecordRef = z.infer<typeof recordRefSchema>;

export const sameRef = (a: { type: string; id: string }, b: { type: string; id: string }): boolean =>
  a.type === b.type && a.id === b.id;

/** Refs without repeats, in first-seen order. */
export const uniqueRefs = <R extends { type: string; id: string }>(refs: readonly R[]): R[] =>
  refs.filter((r, i) => refs.findIndex((s) => sameRef(r, s)) === i);
