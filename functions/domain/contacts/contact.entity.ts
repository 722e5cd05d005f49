// A contact (Контакт, контактное лицо): a person, usually at a company. Like a company, its
// item carries every key it is listed and found by: last name (gsi7) and first name (gsi8)
// are its search words, the middle name and further phones and e-mails get token items. A
// link item in its current company's partition lets a company card list its contacts.
import { z } from 'zod';
import { phoneIndexDigits, type RecordList, type RecordLookup } from '../companies/company.entity.ts';
import type { Versioned } from '../mutations.ts';
import { normalizeText, sortableName } from '../normalize/text.ts';
import {
  type Email,
  emailsSchema,
  type LeadSource,
  leadSources,
  type Messenger,
  messengerSchema,
  ownerIdSchema,
  type Phone,
  phonesSchema,
  tagsSchema,
} from '../records/record-fields.ts';
import { consentMethods, consentStatuses } from '../records/value-lists.ts';

export { consentMethods, consentStatuses };

export const contactKey = (id: string) => ({ pk: `CONTACT#${id}`, sk: 'CONTACT' }) as const;
export const contactPartition = (id: string) => `CONTACT#${id}`;

/** The link of a contact from its company's partition: the company card reads these. */
export const companyContactLinkKey = (companyId: string, contactId: string) =>
  ({ pk: `COMPANY#${companyId}`, sk: `CONTACT#${contactId}` }) as const;
export const companyContactLinkPrefix = 'CONTACT#';

/** A contact who used to work at the company: a merge of the company re-points their history. */
export const companyPastContactLinkKey = (companyId: string, contactId: string) =>
  ({ pk: `COMPANY#${companyId}`, sk: `PAST-CONTACT#${contactId}` }) as const;
export const companyPastContactLinkPrefix = 'PAST-CONTACT#';

export const contactTrashPartition = 'TRASH#CONTACT';

/** `lastActivityAt` and its sort key (gsi6), as a new note, call or meeting moves them. */
export const contactActivityKeys = (id: string, at: string) => ({
  lastActivityAt: at,
  gsi6sk: `${at}#${id}`,
});

/** Consent to marketing e-mail: whether, since when, and how it was given (or withdrawn). */
export const consentSchema = z.object({
  status: z.enum(consentStatuses),
  at: z.iso.datetime().optional(),
  method: z.enum(consentMethods).optional(),
  note: z.string().trim().max(500).optional(),
});
export type MarketingConsent = z.infer<typeof consentSchema>;

export type PastCompany = { readonly companyId: string; readonly jobTitle?: string; readonly until?: string };

export type ContactAttributes = {
  readonly id: string;
  readonly firstName: string;
  readonly lastName?: string;
  readonly middleName?: string;
  readonly jobTitle?: string;
  readonly phones: readonly Phone[];
  readonly emails: readonly Email[];
  readonly messengers: readonly Messenger[];
  /** YYYY-MM-DD, or --MM-DD when the year is not known. */
  readonly birthday?: string;
  readonly companyId?: string;
  /** Denormalized for lists and search; kept current when the company is renamed. */
  readonly companyName?: string;
  readonly pastCompanies: readonly PastCompany[];
  readonly ownerId: string;
  readonly tags: readonly string[];
  readonly leadSource?: LeadSource;
  readonly marketingConsent: MarketingConsent;
  readonly customFields: Readonly<Record<string, unknown>>;
  readonly lastActivityAt: string;
  readonly deletedAt?: string;
  readonly deletedBy?: string;
  readonly mergedInto?: string;
  readonly importJobId?: string;
  /**
   * When the contact unsubscribed from marketing e-mail (docs/campaigns.md, "Unsubscribe"). Set
   * by the unsubscribe endpoint only: the contacts API does not take it.
   */
  readonly marketingUnsubscribedAt?: string;
  /** The address bounced or drew a complaint: no marketing e-mail. Set from SES events only. */
  readonly emailSuppressed?: EmailSuppression;
};

export const emailSuppressionReasons = ['bounce', 'complaint'] as const;
export type EmailSuppression = {
  readonly reason: (typeof emailSuppressionReasons)[number];
  readonly at: string;
};

export type ContactItem = Versioned & ContactAttributes & Partial<Record<string, unknown>>;

const birthday = z
  .string()
  .regex(
    /^(\d{4}|-)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
    'must be YYYY-MM-DD, or --MM-DD without a year',
  );

const contactFields = {
  firstName: z.string().trim().min(1, 'must not be empty').max(100),
  lastName: z.string().trim().max(100).optional(),
  middleName: z.string().trim().max(100).optional(),
  jobTitle: z.string().trim().max(150).optional(),
  phones: phonesSchema.default([]),
  emails: emailsSchema.default([]),
  messengers: z.array(messengerSchema).max(10).default([]),
  birthday: birthday.optional(),
  companyId: z.string().min(1).max(100).optional(),
  ownerId: ownerIdSchema.optional(),
  tags: tagsSchema.default([]),
  leadSource: z.enum(leadSources).optional(),
  marketingConsent: consentSchema.default({ status: 'unknown' }),
  customFields: z.record(z.string(), z.unknown()).default({}),
};

export const createContactSchema = z.object(contactFields).strict();
export type CreateContact = z.infer<typeof createContactSchema>;

export const updateContactSchema = z
  .object({
    expectedVersion: z.number().int().positive(),
    firstName: contactFields.firstName.optional(),
    lastName: contactFields.lastName.nullable(),
    middleName: contactFields.middleName.nullable(),
    jobTitle: contactFields.jobTitle.nullable(),
    phones: phonesSchema.optional(),
    emails: emailsSchema.optional(),
    messengers: z.array(messengerSchema).max(10).optional(),
    birthday: birthday.nullable().optional(),
    /** Moving to another company (or none) keeps the old one in pastCompanies. */
    companyId: z.string().min(1).max(100).nullable().optional(),
    ownerId: ownerIdSchema.optional(),
    tags: tagsSchema.optional(),
    leadSource: contactFields.leadSource.nullable(),
    marketingConsent: consentSchema.optional(),
    customFields: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type UpdateContact = z.infer<typeof updateContactSchema>;

/** Last name first, as Russian lists sort people: Иванов Иван Иванович. */
export const fullName = (c: Pick<ContactAttributes, 'firstName' | 'lastName' | 'middleName'>): string =>
  [c.lastName, c.firstName, c.middleName].filter(Boolean).join(' ');

export const contactSearchAttributes = (c: ContactAttributes) => ({
  entity: 'contact',
  id: c.id,
  name: fullName(c),
  normalizedName: normalizeText(fullName(c)),
  ...(c.phones[0] ? { primaryPhone: c.phones[0].value } : {}),
  ...(c.emails[0] ? { primaryEmail: c.emails[0].value } : {}),
  ...(c.companyId ? { companyId: c.companyId } : {}),
  ...(c.companyName ? { companyName: c.companyName } : {}),
  ...(c.jobTitle ? { jobTitle: c.jobTitle } : {}),
  ownerId: c.ownerId,
});

const word = (s: string | undefined): string | undefined => (s ? normalizeText(s).split(' ')[0] : undefined);

/** The word a contact is first found by (gsi7): the last name, or the first name without one. */
export const contactFirstWord = (c: Pick<ContactAttributes, 'firstName' | 'lastName'>): string | undefined =>
  word(c.lastName) ?? word(c.firstName);

/** Where contacts with the same phone, e-mail or first search word are found. */
export const contactLookups = {
  phone: (e164: string): RecordLookup => ({
    indexName: 'gsi10',
    pk: 'PHONE',
    skPrefix: `${phoneIndexDigits(e164)}#CONTACT#`,
  }),
  email: (email: string): RecordLookup => ({
    indexName: 'gsi11',
    pk: 'EMAIL',
    skPrefix: `${email}#CONTACT#`,
  }),
  word: (w: string): RecordLookup => ({ indexName: 'gsi7', pk: 'WORD', skPrefix: `${w}#CONTACT#` }),
};

/** The lists of contacts, as companyLists: each order, and one owner's contacts by name. */
export const contactLists = {
  name: { indexName: 'gsi1', pk: 'CONTACT' },
  created: { indexName: 'gsi4', pk: 'CONTACT' },
  updated: { indexName: 'gsi5', pk: 'CONTACT' },
  activity: { indexName: 'gsi6', pk: 'CONTACT' },
  byOwner: (ownerId: string): RecordList => ({ indexName: 'gsi2', pk: `OWNER#${ownerId}#CONTACT` }),
  activityBefore: (at: string): string => at,
  partitionPrefix: 'CONTACT#',
} as const;

export const contactIndexKeys = (
  c: ContactAttributes & { createdAt: string; updatedAt: string },
): Record<string, string> => {
  if (c.deletedAt) return { gsi3pk: contactTrashPartition, gsi3sk: `${c.deletedAt}#${c.id}` };
  const byName = `${sortableName(fullName(c))}#${c.id}`;
  const first = contactFirstWord(c);
  const second = c.lastName ? word(c.firstName) : undefined;
  const phone = c.phones[0];
  const email = c.emails[0];
  return {
    // What a search hit shows (the search indexes project it), as on the token items.
    ...contactSearchAttributes(c),
    gsi1pk: 'CONTACT',
    gsi1sk: byName,
    gsi2pk: `OWNER#${c.ownerId}#CONTACT`,
    gsi2sk: byName,
    gsi4pk: 'CONTACT',
    gsi4sk: `${c.createdAt}#${c.id}`,
    gsi5pk: 'CONTACT',
    gsi5sk: `${c.updatedAt}#${c.id}`,
    gsi6pk: 'CONTACT',
    gsi6sk: `${c.lastActivityAt}#${c.id}`,
    ...(first ? { gsi7pk: 'WORD', gsi7sk: `${first}#CONTACT#${c.id}` } : {}),
    ...(second ? { gsi8pk: 'WORD', gsi8sk: `${second}#CONTACT#${c.id}` } : {}),
    ...(phone ? { gsi10pk: 'PHONE', gsi10sk: `${phoneIndexDigits(phone.value)}#CONTACT#${c.id}` } : {}),
    ...(email ? { gsi11pk: 'EMAIL', gsi11sk: `${email.value}#CONTACT#${c.id}` } : {}),
  };
};

export const contactTokenItems = (c: ContactAttributes) => {
  if (c.deletedAt) return [];
  const base = {
    pk: contactPartition(c.id),
    ...contactSearchAttributes(c),
    entity: 'search-token',
    of: 'contact',
  };
  const middle = word(c.middleName);
  return [
    ...(middle
      ? [{ ...base, sk: `TOKEN#word#${middle}`, gsi7pk: 'WORD', gsi7sk: `${middle}#CONTACT#${c.id}` }]
      : []),
    ...c.phones.slice(1).map((p) => {
      const digits = phoneIndexDigits(p.value);
      return { ...base, sk: `TOKEN#phone#${digits}`, gsi10pk: 'PHONE', gsi10sk: `${digits}#CONTACT#${c.id}` };
    }),
    ...c.emails.slice(1).map((e) => ({
      ...base,
      sk: `TOKEN#email#${e.value}`,
      gsi11pk: 'EMAIL',
      gsi11sk: `${e.value}#CONTACT#${c.id}`,
    })),
  ];
};

/** The link item in the company's partition, with what the company card shows. */
export const companyContactLink = (c: ContactAttributes) =>
  c.companyId && !c.deletedAt
    ? {
        ...companyContactLinkKey(c.companyId, c.id),
        entity: 'company-contact',
        contactId: c.id,
        name: fullName(c),
        ...(c.jobTitle ? { jobTitle: c.jobTitle } : {}),
        ...(c.phones[0] ? { primaryPhone: c.phones[0].value } : {}),
        ...(c.emails[0] ? { primaryEmail: c.emails[0].value } : {}),
      }
    : undefined;

/** Links from the partitions of the companies a contact left: a merge of one re-points them. */
export const pastCompanyLinks = (c: ContactAttributes) =>
  c.deletedAt
    ? []
    : [...new Set(c.pastCompanies.map((p) => p.companyId))]
        .filter((companyId) => companyId !== c.companyId)
        .map((companyId) => ({
          ...companyPastContactLinkKey(companyId, c.id),
          entity: 'company-past-contact',
          contactId: c.id,
          name: fullName(c),
        }));

export type ContactView = Omit<ContactAttributes, 'deletedBy'> & {
  readonly name: string;
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
};

export const toContactView = (item: ContactItem): ContactView => {
  const view: Record<string, unknown> = { ...item, name: fullName(item) };
  for (const key of Object.keys(view)) {
    if (
      /^gsi\d+(pk|sk)$/.test(key) ||
      ['pk', 'sk', 'entity', 'deletedBy', 'normalizedName'].includes(key) ||
      key.startsWith('primary')
    ) {
      delete view[key];
    }
  }
  return view as ContactView;
};

export const auditedContactFields = [
  'firstName',
  'lastName',
  'middleName',
  'jobTitle',
  'phones',
  'emails',
  'messengers',
  'birthday',
  'companyId',
  'pastCompanies',
  'ownerId',
  'tags',
  'leadSource',
  'marketingConsent',
  'customFields',
  // Written by the unsubscribe endpoint and the SES events handler (docs/campaigns.md).
  'marketingUnsubscribedAt',
  'emailSuppressed',
] as const;

export const createMockContact = (
  overrides: Partial<ContactAttributes> = {},
): ContactAttributes & Versioned => {
  const id = overrides.id ?? '01JCONTACT0000000000000001';
  const at = '2026-11-24T09:00:00.000Z';
  return {
    ...contactKey(id),
    entity: 'contact',
    id,
    firstName: 'Иван',
    lastName: 'Петров',
    middleName: 'Сергеевич',
    jobTitle: 'Директор',
    phones: [{ value: '+79161234567', kind: 'mobile' }],
    emails: [{ value: 'petrov@romashka.example', kind: 'work' }],
    messengers: [],
    companyId: '01JCOMPANY0000000000000001',
    companyName: 'ООО «Ромашка»',
    pastCompanies: [],
    ownerId: 'user-anna',
    tags: [],
    marketingConsent: { status: 'granted', at, method: 'web-form' },
    customFields: {},
    lastActivityAt: at,
    version: 1,
    createdAt: at,
    createdBy: 'user-anna',
    updatedAt: at,
    updatedBy: 'user-anna',
    ...overrides,
  };
};
