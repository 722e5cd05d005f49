// The filter of a marketing segment (docs/campaigns.md, "Segments") and the pure rules that
// decide, for one contact with its company and the tenant's deals, whether it matches and
// whether it may be e-mailed. No I/O: evaluate.ts reads the items and the deal sets, this module
// judges them, so every criterion and exclusion is unit-tested without an emulator.
//
// Every criterion given must hold (AND); a list inside a criterion is "any of" (tags also "all
// of"). Criteria on fields that contacts and companies both have (owner, lead source, tags,
// custom fields) name the side: the contact's own value, its current company's, or either.
// Lifecycle stage, industry and city exist on companies only: a contact without a company
// does not match them.
import { z } from 'zod';
import { lifecycleStages } from '../companies/company.entity.ts';
import { normalizeText } from '../normalize/text.ts';
import { leadSources } from '../records/value-lists.ts';

export const filterSides = ['contact', 'company', 'either'] as const;
export type FilterSide = (typeof filterSides)[number];

const side = z.enum(filterSides, { error: `must be one of ${filterSides.join(', ')}` }).default('contact');
const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const anyOf = <S extends z.ZodType>(item: S, max: number) =>
  z.array(item).min(1, 'must name at least one value').max(max, `at most ${max} values`);
const days = z
  .number({ error: 'must be a whole number of days' })
  .int('must be a whole number of days')
  .min(1, 'must be at least 1')
  .max(3650, 'must be at most 3650');
const id = z.string().min(1, 'must not be empty').max(100, 'at most 100 characters');
const customFieldKey = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, 'is not a custom field key (lower-case letters, digits, dashes)');

export const customFieldOps = ['equals', 'set', 'not-set'] as const;

const customFieldCriterion = z
  .object({
    on: z.enum(['contact', 'company'], { error: 'must be contact or company' }),
    key: customFieldKey,
    op: z.enum(customFieldOps, { error: `must be one of ${customFieldOps.join(', ')}` }).default('equals'),
    /** For `equals`: text, select or date as typed; a number or money amount; a checkbox's truth. */
    value: z.union([z.string().trim().min(1).max(200), z.number(), z.boolean()]).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.op === 'equals' && c.value === undefined)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'is needed to compare with' });
    if (c.op !== 'equals' && c.value !== undefined)
      ctx.addIssue({ code: 'custom', path: ['value'], message: `is not used with ${c.op}` });
  });

export const segmentFilterSchema = z
  .object({
    /** The company's lifecycle stage is one of these. */
    lifecycleStages: anyOf(
      z.enum(lifecycleStages, { error: `must be one of ${lifecycleStages.join(', ')}` }),
      lifecycleStages.length,
    ).optional(),
    /** The company's industry is one of these (case and ё ignored). */
    industries: anyOf(text(100), 50).optional(),
    /** The company's city is one of these (case and ё ignored). */
    cities: anyOf(text(100), 50).optional(),
    leadSources: z
      .object({
        in: anyOf(z.enum(leadSources, { error: `must be one of ${leadSources.join(', ')}` }), 10),
        on: side,
      })
      .strict()
      .optional(),
    /** The owner (a user id) is one of these. */
    owners: z
      .object({ in: anyOf(id, 50), on: side })
      .strict()
      .optional(),
    tags: z
      .object({
        match: z.enum(['any', 'all'], { error: 'must be any or all' }).default('any'),
        values: anyOf(
          text(50).transform((t) => t.toLocaleLowerCase('ru')),
          30,
        ),
        on: side,
      })
      .strict()
      .optional(),
    customFields: z.array(customFieldCriterion).min(1).max(10, 'at most 10 conditions').optional(),
    /** The contact's last activity: within the last N days, or none for N days. */
    activity: z
      .object({
        kind: z.enum(['active-within', 'inactive-for'], { error: 'must be active-within or inactive-for' }),
        days,
      })
      .strict()
      .optional(),
    /** An open deal linked to the contact or its company: true = has one, false = has none. */
    openDeal: z.boolean({ error: 'must be true or false' }).optional(),
    /** A won deal linked to the contact or its company: true = has one, false = has none. */
    wonDeal: z.boolean({ error: 'must be true or false' }).optional(),
    /** Bought one of these products: a won deal linked to the contact or its company has a line of it. */
    boughtProducts: anyOf(id, 20).optional(),
  })
  .strict();

export type SegmentFilter = z.infer<typeof segmentFilterSchema>;
/** A filter as given (defaults not yet filled in). */
export type SegmentFilterInput = z.input<typeof segmentFilterSchema>;

/** What a contact looks like to the predicate (the stored item has more). */
export type SegmentContact = {
  readonly id: string;
  readonly companyId?: string;
  readonly ownerId: string;
  readonly tags?: readonly string[];
  readonly leadSource?: string;
  readonly customFields?: Readonly<Record<string, unknown>>;
  readonly lastActivityAt: string;
  readonly emails?: readonly { readonly value: string }[];
  readonly marketingConsent?: { readonly status: string };
  readonly marketingUnsubscribedAt?: string;
  readonly emailSuppressed?: { readonly reason: string; readonly at: string };
  readonly deletedAt?: string;
  readonly mergedInto?: string;
};

export type SegmentCompany = {
  readonly id: string;
  readonly ownerId: string;
  readonly lifecycleStage?: string;
  readonly industry?: string;
  readonly city?: string;
  readonly tags?: readonly string[];
  readonly leadSource?: string;
  readonly customFields?: Readonly<Record<string, unknown>>;
};

/** Contact and company ids linked to deals, read once per evaluation (evaluate.ts). */
export type DealLinks = {
  readonly contactIds: ReadonlySet<string>;
  readonly companyIds: ReadonlySet<string>;
};

export type DealSets = {
  readonly open?: DealLinks;
  readonly won?: DealLinks;
  /** Linked to a won deal with a line of one of the filter's products. */
  readonly boughtProducts?: DealLinks;
};

/** Which deal sets a filter needs (the others are not read). */
export const dealSetsNeeded = (filter: SegmentFilter) => ({
  open: filter.openDeal !== undefined,
  won: filter.wonDeal !== undefined,
  boughtProducts: filter.boughtProducts !== undefined,
});

/** Whether a filter looks at the contact's company at all (otherwise companies are not read). */
export const needsCompany = (filter: SegmentFilter): boolean =>
  filter.lifecycleStages !== undefined ||
  filter.industries !== undefined ||
  filter.cities !== undefined ||
  [filter.leadSources?.on, filter.owners?.on, filter.tags?.on].some(
    (s) => s === 'company' || s === 'either',
  ) ||
  (filter.customFields ?? []).some((c) => c.on === 'company');

const day = 24 * 3600 * 1000;

/** A stored custom field value compared with a value as the builder gives it. */
export const customFieldEquals = (stored: unknown, wanted: string | number | boolean): boolean => {
  if (stored === undefined || stored === null) return false;
  if (Array.isArray(stored)) return stored.some((v) => String(v) === String(wanted));
  if (typeof stored === 'number') return stored === Number(wanted);
  if (typeof stored === 'boolean') return String(stored) === String(wanted);
  if (typeof stored === 'object' && 'amount' in stored)
    return (stored as { amount: unknown }).amount === Number(wanted);
  return typeof stored === 'string' && normalizeText(stored) === normalizeText(String(wanted));
};

const isSet = (v: unknown): boolean =>
  v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

const linked = (links: DealLinks | undefined, contact: SegmentContact): boolean => {
  if (!links) throw new Error('deal set not read for a filter that needs it');
  return (
    links.contactIds.has(contact.id) ||
    (contact.companyId !== undefined && links.companyIds.has(contact.companyId))
  );
};

/** Values of one side, or of both for `either`. */
const onSide = <T>(
  on: FilterSide,
  contact: SegmentContact,
  company: SegmentCompany | undefined,
  read: (r: SegmentContact | SegmentCompany) => T | undefined,
): (T | undefined)[] =>
  on === 'contact'
    ? [read(contact)]
    : on === 'company'
      ? [company ? read(company) : undefined]
      : [read(contact), company ? read(company) : undefined];

const tagsMatch = (tags: readonly string[] | undefined, wanted: readonly string[], match: 'any' | 'all') => {
  const own = new Set(tags ?? []);
  return match === 'any' ? wanted.some((t) => own.has(t)) : wanted.every((t) => own.has(t));
};

/**
 * Whether a contact (with its current company, if any) matches every criterion of the filter.
 * Exclusions (consent, unsubscribe, suppression, e-mail) are not looked at here: see exclusionOf.
 */
export const matchesSegment = (
  filter: SegmentFilter,
  contact: SegmentContact,
  company: SegmentCompany | undefined,
  deals: DealSets,
  now: Date,
): boolean => {
  if (filter.lifecycleStages) {
    const wanted: readonly string[] = filter.lifecycleStages;
    if (!company?.lifecycleStage || !wanted.includes(company.lifecycleStage)) return false;
  }
  if (filter.industries) {
    const wanted = new Set(filter.industries.map(normalizeText));
    if (!company?.industry || !wanted.has(normalizeText(company.industry))) return false;
  }
  if (filter.cities) {
    const wanted = new Set(filter.cities.map(normalizeText));
    if (!company?.city || !wanted.has(normalizeText(company.city))) return false;
  }
  if (filter.leadSources) {
    const wanted = filter.leadSources.in as readonly string[];
    const values = onSide(filter.leadSources.on, contact, company, (r) => r.leadSource);
    if (!values.some((v) => v !== undefined && wanted.includes(v))) return false;
  }
  if (filter.owners) {
    const wanted = filter.owners.in;
    const values = onSide(filter.owners.on, contact, company, (r) => r.ownerId);
    if (!values.some((v) => v !== undefined && wanted.includes(v))) return false;
  }
  if (filter.tags) {
    const { match, values: wanted, on } = filter.tags;
    if (on === 'either') {
      // "All of" across both: a tag may be on the contact or on its company.
      const both = [...(contact.tags ?? []), ...(company?.tags ?? [])];
      if (!tagsMatch(both, wanted, match)) return false;
    } else if (!tagsMatch(onSide(on, contact, company, (r) => r.tags)[0], wanted, match)) return false;
  }
  for (const c of filter.customFields ?? []) {
    const record = c.on === 'contact' ? contact : company;
    const stored = record?.customFields?.[c.key];
    const holds =
      c.op === 'set'
        ? isSet(stored)
        : c.op === 'not-set'
          ? !isSet(stored)
          : c.value !== undefined && customFieldEquals(stored, c.value);
    if (!holds) return false;
  }
  if (filter.activity) {
    const since = new Date(now.getTime() - filter.activity.days * day).toISOString();
    const active = contact.lastActivityAt >= since;
    if (active !== (filter.activity.kind === 'active-within')) return false;
  }
  if (filter.openDeal !== undefined && linked(deals.open, contact) !== filter.openDeal) return false;
  if (filter.wonDeal !== undefined && linked(deals.won, contact) !== filter.wonDeal) return false;
  if (filter.boughtProducts && !linked(deals.boughtProducts, contact)) return false;
  return true;
};

/** Why a matching contact is not e-mailed, in the order a contact is counted (once, first reason). */
export const exclusionReasons = ['noConsent', 'unsubscribed', 'suppressed', 'noEmail'] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];
export type ExclusionCounts = Record<ExclusionReason, number>;

export const noExclusions = (): ExclusionCounts => ({
  noConsent: 0,
  unsubscribed: 0,
  suppressed: 0,
  noEmail: 0,
});

/**
 * Why a contact must not get marketing e-mail, or undefined when it may: consent not granted
 * (unknown or withdrawn), unsubscribed, its address suppressed after a bounce or complaint, or
 * no e-mail address at all. These apply to every segment, whatever its filter.
 */
export const exclusionOf = (contact: SegmentContact): ExclusionReason | undefined => {
  if (contact.marketingConsent?.status !== 'granted') return 'noConsent';
  if (contact.marketingUnsubscribedAt) return 'unsubscribed';
  if (contact.emailSuppressed) return 'suppressed';
  if (!contact.emails?.[0]?.value) return 'noEmail';
  return undefined;
};

/** The address marketing e-mail goes to: the contact's first (primary) e-mail. */
export const marketingAddressOf = (contact: SegmentContact): string | undefined => contact.emails?.[0]?.value;
