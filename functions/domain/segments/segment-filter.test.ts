// The segment filter's rules without I/O: what the schema accepts (every problem named by its
// path), each criterion on the contact, its company or either, the deal sets, and the
// exclusions every segment applies, each counted under one reason.
import { describe, expect, it } from 'vitest';
import { createMockCompany } from '../companies/company.entity.ts';
import { createMockContact } from '../contacts/contact.entity.ts';
import {
  type DealSets,
  exclusionOf,
  matchesSegment,
  needsCompany,
  type SegmentFilter,
  segmentFilterSchema,
} from './segment-filter.ts';

const now = new Date('2026-12-01T12:00:00.000Z');
const company = createMockCompany({
  id: 'co1',
  lifecycleStage: 'customer',
  industry: 'Строительство',
  city: 'Казань',
  tags: ['vip'],
  leadSource: 'event',
  ownerId: 'user-igor',
  customFields: { region: 'Татарстан' },
});
const contact = createMockContact({
  id: 'ct1',
  companyId: 'co1',
  ownerId: 'user-anna',
  tags: ['newsletter', 'ит'],
  leadSource: 'site',
  customFields: {
    seats: 25,
    interests: ['кабель', 'свет'],
    partner: true,
    budget: { amount: 5000, currency: 'RUB' },
  },
  lastActivityAt: '2026-11-20T12:00:00.000Z',
});
const none: DealSets = {};

const parse = (filter: unknown) => segmentFilterSchema.parse(filter);
/** `null`: the contact has no company (undefined would take the default). */
const matches = (filter: unknown, c = contact, co: typeof company | null = company, deals = none) =>
  matchesSegment(parse(filter), c, co ?? undefined, deals, now);

describe('the filter schema', () => {
  it('takes an empty filter (every contact who may be e-mailed) and fills defaults', () => {
    expect(parse({})).toEqual({});
    expect(parse({ tags: { values: [' VIP '] } })).toEqual({
      tags: { match: 'any', values: ['vip'], on: 'contact' },
    });
  });

  it('names every problem by its path', () => {
    const result = segmentFilterSchema.safeParse({
      lifecycleStages: ['customer', 'alien'],
      cities: [],
      activity: { kind: 'active-within', days: 0 },
      customFields: [{ on: 'contact', key: 'Seats', op: 'equals' }],
      owners: { in: ['u1'], on: 'team' },
      colour: 'red',
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual([
      '',
      'activity.days',
      'cities',
      'customFields.0.key',
      'customFields.0.value',
      'lifecycleStages.1',
      'owners.on',
    ]);
  });

  it('refuses a value with set / not-set', () => {
    const r = segmentFilterSchema.safeParse({
      customFields: [{ on: 'company', key: 'region', op: 'set', value: 'x' }],
    });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['customFields.0.value', 'is not used with set'],
    ]);
  });
});

describe('criteria on the company', () => {
  it('lifecycle stage, industry and city match any of the values, case and ё ignored', () => {
    expect(matches({ lifecycleStages: ['prospect', 'customer'] })).toBe(true);
    expect(matches({ lifecycleStages: ['lead'] })).toBe(false);
    expect(matches({ industries: ['СТРОИТЕЛЬСТВО'] })).toBe(true);
    expect(matches({ industries: ['Торговля'] })).toBe(false);
    expect(matches({ cities: ['казань', 'Самара'] })).toBe(true);
    expect(matches({ cities: ['Самара'] })).toBe(false);
  });

  it('never match a contact without a company', () => {
    const alone = createMockContact({ id: 'ct2', companyId: undefined });
    expect(matches({ lifecycleStages: ['customer'] }, alone, null)).toBe(false);
    expect(matches({ cities: ['Казань'] }, alone, null)).toBe(false);
  });
});

describe('criteria on either side', () => {
  it('owner and lead source look at the side named', () => {
    expect(matches({ owners: { in: ['user-anna'] } })).toBe(true);
    expect(matches({ owners: { in: ['user-igor'] } })).toBe(false);
    expect(matches({ owners: { in: ['user-igor'], on: 'company' } })).toBe(true);
    expect(matches({ owners: { in: ['user-igor'], on: 'either' } })).toBe(true);
    expect(matches({ leadSources: { in: ['event'] } })).toBe(false);
    expect(matches({ leadSources: { in: ['event'], on: 'company' } })).toBe(true);
    expect(matches({ leadSources: { in: ['site'], on: 'company' } })).toBe(false);
  });

  it('tags: any or all, on the contact, the company or the two together', () => {
    expect(matches({ tags: { values: ['ИТ', 'x'] } })).toBe(true);
    expect(matches({ tags: { match: 'all', values: ['ит', 'newsletter'] } })).toBe(true);
    expect(matches({ tags: { match: 'all', values: ['ит', 'vip'] } })).toBe(false);
    expect(matches({ tags: { match: 'all', values: ['ит', 'vip'], on: 'either' } })).toBe(true);
    expect(matches({ tags: { values: ['ит'], on: 'company' } })).toBe(false);
  });

  it('custom fields: text, number, multi-select, checkbox, money, set and not set', () => {
    const cf = (c: Record<string, unknown>) => matches({ customFields: [c] });
    expect(cf({ on: 'contact', key: 'seats', value: 25 })).toBe(true);
    expect(cf({ on: 'contact', key: 'seats', value: '25' })).toBe(true);
    expect(cf({ on: 'contact', key: 'seats', value: 26 })).toBe(false);
    expect(cf({ on: 'contact', key: 'interests', value: 'свет' })).toBe(true);
    expect(cf({ on: 'contact', key: 'partner', value: true })).toBe(true);
    expect(cf({ on: 'contact', key: 'budget', value: 5000 })).toBe(true);
    expect(cf({ on: 'company', key: 'region', value: 'татарстан' })).toBe(true);
    expect(cf({ on: 'contact', key: 'region', value: 'Татарстан' })).toBe(false);
    expect(cf({ on: 'contact', key: 'region', op: 'not-set' })).toBe(true);
    expect(cf({ on: 'company', key: 'region', op: 'set' })).toBe(true);
  });
});

describe('activity recency', () => {
  it('splits contacts at N days before now', () => {
    expect(matches({ activity: { kind: 'active-within', days: 30 } })).toBe(true);
    expect(matches({ activity: { kind: 'inactive-for', days: 30 } })).toBe(false);
    expect(matches({ activity: { kind: 'active-within', days: 5 } })).toBe(false);
    expect(matches({ activity: { kind: 'inactive-for', days: 5 } })).toBe(true);
  });
});

describe('deal criteria', () => {
  const links = (contactIds: string[], companyIds: string[]) => ({
    contactIds: new Set(contactIds),
    companyIds: new Set(companyIds),
  });

  it('see deals linked to the contact or to its company', () => {
    const deals: DealSets = {
      open: links(['ct1'], []),
      won: links([], ['co1']),
      boughtProducts: links([], []),
    };
    expect(matches({ openDeal: true }, contact, company, deals)).toBe(true);
    expect(matches({ openDeal: false }, contact, company, deals)).toBe(false);
    expect(matches({ wonDeal: true }, contact, company, deals)).toBe(true);
    expect(matches({ boughtProducts: ['p1'] }, contact, company, deals)).toBe(false);
    const other = createMockContact({ id: 'ct9', companyId: 'co9' });
    expect(matches({ openDeal: false, wonDeal: false }, other, null, deals)).toBe(true);
  });

  it('fail loudly when the evaluation did not read a set the filter needs', () => {
    expect(() => matches({ wonDeal: true })).toThrow(/deal set not read/);
  });
});

describe('combined criteria', () => {
  it('must all hold', () => {
    const filter: SegmentFilter = parse({
      lifecycleStages: ['customer'],
      tags: { values: ['newsletter'] },
      activity: { kind: 'active-within', days: 30 },
    });
    expect(matchesSegment(filter, contact, company, none, now)).toBe(true);
    expect(matchesSegment(filter, { ...contact, tags: [] }, company, none, now)).toBe(false);
    expect(matchesSegment(filter, contact, { ...company, lifecycleStage: 'lead' }, none, now)).toBe(false);
  });

  it('read the company only when a criterion looks at it', () => {
    expect(needsCompany(parse({ tags: { values: ['a'] }, owners: { in: ['u'] } }))).toBe(false);
    expect(needsCompany(parse({ tags: { values: ['a'], on: 'either' } }))).toBe(true);
    expect(needsCompany(parse({ cities: ['Казань'] }))).toBe(true);
    expect(needsCompany(parse({ customFields: [{ on: 'company', key: 'region', op: 'set' }] }))).toBe(true);
  });
});

describe('exclusions', () => {
  it('apply in order: consent, unsubscribe, suppression, e-mail', () => {
    expect(exclusionOf(contact)).toBeUndefined();
    const unknown = { ...contact, marketingConsent: { status: 'unknown' as const } };
    expect(exclusionOf(unknown)).toBe('noConsent');
    expect(exclusionOf({ ...contact, marketingConsent: { status: 'withdrawn' as const } })).toBe('noConsent');
    expect(exclusionOf({ ...unknown, marketingUnsubscribedAt: now.toISOString() })).toBe('noConsent');
    expect(exclusionOf({ ...contact, marketingUnsubscribedAt: now.toISOString() })).toBe('unsubscribed');
    const suppressed = { ...contact, emailSuppressed: { reason: 'bounce' as const, at: now.toISOString() } };
    expect(exclusionOf(suppressed)).toBe('suppressed');
    expect(exclusionOf({ ...suppressed, marketingUnsubscribedAt: now.toISOString() })).toBe('unsubscribed');
    expect(exclusionOf({ ...contact, emails: [] })).toBe('noEmail');
  });
});
