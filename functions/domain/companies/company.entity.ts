// A company (Компания / контрагент): the customer record. One item per company carries every
// key it is listed, sorted and found by (see functions/domain/table.ts); words of the name
// after the second, and phones and e-mails after the first, get small token items in the
// company's partition so that they are found too. Deleted companies keep their item for 30
// days (restorable) but lose their list and search keys.
import { z } from 'zod';
import type { Versioned } from '../mutations.ts';
import { checkInn, isKpp } from '../normalize/inn.ts';
import { phoneSearchDigits } from '../normalize/phone.ts';
import { nameWords, normalizeText, sortableName } from '../normalize/text.ts';
import {
  type Address,
  addressSchema,
  type Email,
  emailsSchema,
  type LeadSource,
  leadSources,
  ownerIdSchema,
  type Phone,
  phonesSchema,
  tagsSchema,
} from '../records/record-fields.ts';
import {
  type CompanySize,
  companySizes,
  type LifecycleStage,
  lifecycleStages,
} from '../records/value-lists.ts';

export { type CompanySize, companySizes, type LifecycleStage, lifecycleStages };

export const companyKey = (id: string) => ({ pk: `COMPANY#${id}`, sk: 'COMPANY' }) as const;
export const companyPartition = (id: string) => `COMPANY#${id}`;

/** The trash (gsi3) of deleted companies, newest deletion first. */
export const companyTrashPartition = 'TRASH#COMPANY';

/** `lastActivityAt` and its sort key (gsi6), as a new note, call or meeting moves them. */
export const companyActivityKeys = (id: string, at: string) => ({
  lastActivityAt: at,
  gsi6sk: `${at}#${id}`,
});

/** A lookup of the duplicate check: an index, its partition and a sort-key prefix. */
export type RecordLookup = { readonly indexName: string; readonly pk: string; readonly skPrefix: string };

/** Where companies with the same INN, phone, e-mail or first name word are found. */
export const companyLookups = {
  inn: (inn: string): RecordLookup => ({ indexName: 'gsi9', pk: 'INN', skPrefix: `${inn}#COMPANY#` }),
  phone: (e164: string): RecordLookup => ({
    indexName: 'gsi10',
    pk: 'PHONE',
    skPrefix: `${phoneIndexDigits(e164)}#COMPANY#`,
  }),
  email: (email: string): RecordLookup => ({
    indexName: 'gsi11',
    pk: 'EMAIL',
    skPrefix: `${email}#COMPANY#`,
  }),
  word: (word: string): RecordLookup => ({ indexName: 'gsi7', pk: 'WORD', skPrefix: `${word}#COMPANY#` }),
};

/** A sorted collection of records: an index and one of its partitions (lists, docs/customer-base.md). */
export type RecordList = { readonly indexName: string; readonly pk: string };

/**
 * The lists of companies: every live company in each order (name, creation, last change, last
 * activity), and one owner's companies by name. A range on `activity` below a time is "no activity
 * since then" (the sort key starts with `lastActivityAt`).
 */
export const companyLists = {
  name: { indexName: 'gsi1', pk: 'COMPANY' },
  created: { indexName: 'gsi4', pk: 'COMPANY' },
  updated: { indexName: 'gsi5', pk: 'COMPANY' },
  activity: { indexName: 'gsi6', pk: 'COMPANY' },
  byOwner: (ownerId: string): RecordList => ({ indexName: 'gsi2', pk: `OWNER#${ownerId}#COMPANY` }),
  /** The upper bound (exclusive) of activity sort keys before `at`. */
  activityBefore: (at: string): string => at,
  /** Every company item's partition starts with this. */
  partitionPrefix: 'COMPANY#',
} as const;

export type CompanyAttributes = {
  readonly id: string;
  readonly name: string;
  readonly legalName?: string;
  readonly inn?: string;
  readonly kpp?: string;
  readonly industry?: string;
  readonly size?: CompanySize;
  readonly website?: string;
  readonly phones: readonly Phone[];
  readonly emails: readonly Email[];
  readonly addresses: readonly Address[];
  readonly leadSource?: LeadSource;
  readonly ownerId: string;
  readonly tags: readonly string[];
  readonly customFields: Readonly<Record<string, unknown>>;
  readonly lifecycleStage: LifecycleStage;
  /** The city of the first address that names one: lists filter by it. */
  readonly city?: string;
  /** Last call, meeting, note, e-mail…; the creation time until the first one. */
  readonly lastActivityAt: string;
  readonly deletedAt?: string;
  readonly deletedBy?: string;
  /** Set when this company was merged into another: where its links went. */
  readonly mergedInto?: string;
  /** The import job that created it, if any. */
  readonly importJobId?: string;
};

export type CompanyItem = Versioned & CompanyAttributes & Partial<Record<CompanyIndexAttribute, string>>;

const innField = z
  .string()
  .trim()
  .transform((v) => v.replace(/\s/g, ''))
  .superRefine((v, ctx) => {
    const check = checkInn(v);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason });
  });

const companyFields = {
  name: z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters'),
  legalName: z.string().trim().max(300).optional(),
  inn: innField.optional(),
  kpp: z
    .string()
    .trim()
    .refine(isKpp, 'must be 9 characters: 4 digits, 2 digits or capital letters, 3 digits')
    .optional(),
  industry: z.string().trim().max(100).optional(),
  size: z.enum(companySizes).optional(),
  website: z
    .url({ protocol: /^https?$/, error: 'must be a web address starting with http:// or https://' })
    .max(300)
    .optional(),
  phones: phonesSchema.default([]),
  emails: emailsSchema.default([]),
  addresses: z.array(addressSchema).max(10).default([]),
  leadSource: z.enum(leadSources).optional(),
  ownerId: ownerIdSchema.optional(),
  tags: tagsSchema.default([]),
  customFields: z.record(z.string(), z.unknown()).default({}),
  lifecycleStage: z.enum(lifecycleStages).default('lead'),
};

/** POST /api/companies. `ownerId` defaults to the caller. */
export const createCompanySchema = z.object(companyFields).strict();
export type CreateCompany = z.infer<typeof createCompanySchema>;

/** PATCH /api/companies/{id}: any subset, at the version last read; `null` clears an optional field. */
export const updateCompanySchema = z
  .object({
    expectedVersion: z.number().int().positive(),
    name: companyFields.name.optional(),
    legalName: companyFields.legalName.nullable(),
    inn: innField.nullable().optional(),
    kpp: companyFields.kpp.nullable(),
    industry: companyFields.industry.nullable(),
    size: companyFields.size.nullable(),
    website: companyFields.website.nullable(),
    phones: phonesSchema.optional(),
    emails: emailsSchema.optional(),
    addresses: z.array(addressSchema).max(10).optional(),
    leadSource: companyFields.leadSource.nullable(),
    ownerId: ownerIdSchema.optional(),
    tags: tagsSchema.optional(),
    customFields: z.record(z.string(), z.unknown()).optional(),
    lifecycleStage: z.enum(lifecycleStages).optional(),
  })
  .strict();
export type UpdateCompany = z.infer<typeof updateCompanySchema>;

/** The index key attributes a company item carries (functions/domain/table.ts). */
export type CompanyIndexAttribute =
  | 'gsi1pk'
  | 'gsi1sk'
  | 'gsi2pk'
  | 'gsi2sk'
  | 'gsi3pk'
  | 'gsi3sk'
  | 'gsi4pk'
  | 'gsi4sk'
  | 'gsi5pk'
  | 'gsi5sk'
  | 'gsi6pk'
  | 'gsi6sk'
  | 'gsi7pk'
  | 'gsi7sk'
  | 'gsi8pk'
  | 'gsi8sk'
  | 'gsi9pk'
  | 'gsi9sk'
  | 'gsi10pk'
  | 'gsi10sk'
  | 'gsi11pk'
  | 'gsi11sk';

/**
 * The phone digits a number is found by: the national number for Russian numbers (people
 * type 912…, 8912… or +7912…), all digits for the rest.
 */
export const phoneIndexDigits = (e164: string): string => {
  const digits = phoneSearchDigits(e164);
  return e164.startsWith('+7') ? digits.slice(1) : digits;
};

/** Search attributes copied onto the item (and its token items): what a search hit shows. */
export const companySearchAttributes = (c: CompanyAttributes) => ({
  entity: 'company',
  id: c.id,
  name: c.name,
  normalizedName: normalizeText(c.name),
  ...(c.inn ? { inn: c.inn } : {}),
  ...(c.phones[0] ? { primaryPhone: c.phones[0].value } : {}),
  ...(c.emails[0] ? { primaryEmail: c.emails[0].value } : {}),
  ownerId: c.ownerId,
  lifecycleStage: c.lifecycleStage,
});

/**
 * Every index key of a live company, with the search attributes the search indexes project
 * (a hit shows them without reading the item); a deleted one is only in the trash (gsi3).
 */
export const companyIndexKeys = (
  c: CompanyAttributes & { createdAt: string; updatedAt: string },
): Partial<Record<CompanyIndexAttribute, string>> & Record<string, string> => {
  if (c.deletedAt) return { gsi3pk: companyTrashPartition, gsi3sk: `${c.deletedAt}#${c.id}` };
  const byName = `${sortableName(c.name)}#${c.id}`;
  const [word1, word2] = nameWords(c.name);
  const phone = c.phones[0];
  const email = c.emails[0];
  return {
    ...companySearchAttributes(c),
    gsi1pk: 'COMPANY',
    gsi1sk: byName,
    gsi2pk: `OWNER#${c.ownerId}#COMPANY`,
    gsi2sk: byName,
    gsi4pk: 'COMPANY',
    gsi4sk: `${c.createdAt}#${c.id}`,
    gsi5pk: 'COMPANY',
    gsi5sk: `${c.updatedAt}#${c.id}`,
    gsi6pk: 'COMPANY',
    gsi6sk: `${c.lastActivityAt}#${c.id}`,
    ...(word1 ? { gsi7pk: 'WORD', gsi7sk: `${word1}#COMPANY#${c.id}` } : {}),
    ...(word2 ? { gsi8pk: 'WORD', gsi8sk: `${word2}#COMPANY#${c.id}` } : {}),
    ...(c.inn ? { gsi9pk: 'INN', gsi9sk: `${c.inn}#COMPANY#${c.id}` } : {}),
    ...(phone ? { gsi10pk: 'PHONE', gsi10sk: `${phoneIndexDigits(phone.value)}#COMPANY#${c.id}` } : {}),
    ...(email ? { gsi11pk: 'EMAIL', gsi11sk: `${email.value}#COMPANY#${c.id}` } : {}),
  };
};

/**
 * Token items: the words after the second, the phones and e-mails after the first. Each
 * sits in the company's partition and carries the search attributes, so a search finds it
 * in the same index as the first word, phone or e-mail of other companies.
 */
export const companyTokenItems = (c: CompanyAttributes) => {
  if (c.deletedAt) return [];
  const base = {
    pk: companyPartition(c.id),
    ...companySearchAttributes(c),
    entity: 'search-token',
    of: 'company',
  };
  return [
    ...nameWords(c.name)
      .slice(2)
      .map((word) => ({
        ...base,
        sk: `TOKEN#word#${word}`,
        gsi7pk: 'WORD',
        gsi7sk: `${word}#COMPANY#${c.id}`,
      })),
    ...c.phones.slice(1).map((p) => {
      const digits = phoneIndexDigits(p.value);
      return { ...base, sk: `TOKEN#phone#${digits}`, gsi10pk: 'PHONE', gsi10sk: `${digits}#COMPANY#${c.id}` };
    }),
    ...c.emails.slice(1).map((e) => ({
      ...base,
      sk: `TOKEN#email#${e.value}`,
      gsi11pk: 'EMAIL',
      gsi11sk: `${e.value}#COMPANY#${c.id}`,
    })),
  ];
};

export const cityOf = (addresses: readonly Address[]): string | undefined =>
  addresses.find((a) => a.city)?.city?.trim() || undefined;

/** What the API returns for a company. */
export type CompanyView = Omit<CompanyAttributes, 'deletedBy'> & {
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
};

export const toCompanyView = (item: CompanyItem): CompanyView => {
  const {
    pk: _pk,
    sk: _sk,
    entity: _entity,
    deletedBy: _deletedBy,
    ...rest
  } = item as CompanyItem & { entity: string };
  const view: Record<string, unknown> = { ...rest };
  for (const key of Object.keys(view))
    if (/^gsi\d+(pk|sk)$/.test(key) || key === 'normalizedName' || key.startsWith('primary'))
      delete view[key];
  return view as CompanyView;
};

/** The fields whose changes are audited (index keys and bookkeeping are not). */
export const auditedCompanyFields = [
  'name',
  'legalName',
  'inn',
  'kpp',
  'industry',
  'size',
  'website',
  'phones',
  'emails',
  'addresses',
  'leadSource',
  'ownerId',
  'tags',
  'customFields',
  'lifecycleStage',
] as const;

export const createMockCompany = (
  overrides: Partial<CompanyAttributes> = {},
): CompanyAttributes & Versioned => {
  const id = overrides.id ?? '01JCOMPANY0000000000000001';
  const at = '2026-11-24T09:00:00.000Z';
  return {
    ...companyKey(id),
    entity: 'company',
    id,
    name: 'ООО «Ромашка»',
    inn: '7707083893',
    phones: [{ value: '+79123456789', kind: 'work' }],
    emails: [{ value: 'info@romashka.example', kind: 'work' }],
    addresses: [{ kind: 'actual', line: 'ул. Ленина, 1', city: 'Москва', country: 'RU' }],
    city: 'Москва',
    ownerId: 'user-anna',
    tags: [],
    customFields: {},
    lifecycleStage: 'lead',
    lastActivityAt: at,
    version: 1,
    createdAt: at,
    createdBy: 'user-anna',
    updatedAt: at,
    updatedBy: 'user-anna',
    ...overrides,
  };
};
