// What a list request asks for and how it is read (no I/O): the query-string parameters of
// GET /api/companies and /api/contacts checked into a ListRequest, and the plan that answers it —
// which index and partition (and range) to Query, in which direction, with which FilterExpression,
// which counter gives its total, and the scope its cursors are bound to (docs/customer-base.md
// "Lists, search, saved views").
//
// Index choice: the sort's own index (gsi1 name, gsi4 created, gsi5 updated, gsi6 activity),
// except that an owner's list by name reads that owner's partition of gsi2, and "no activity for
// N days" sorted by activity is a range on gsi6. A contacts list of one company reads the
// company's link items instead of an index (a handful of contacts among hundreds of thousands).
// Every other filter is a FilterExpression.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type FieldError, ValidationFailed } from '../../lib/errors.ts';
import { companyLists, lifecycleStages, type RecordList } from '../companies/company.entity.ts';
import { contactLists } from '../contacts/contact.entity.ts';
import { leadSources } from '../records/record-fields.ts';
import { table } from '../table.ts';

export type ListType = 'company' | 'contact';
export const listSorts = ['name', 'created', 'updated', 'activity'] as const;
export type ListSort = (typeof listSorts)[number];
export type ListOrder = 'asc' | 'desc';

export type ListFilters = {
  readonly owner?: string;
  readonly stage?: string;
  readonly tag?: string;
  readonly source?: string;
  readonly industry?: string;
  readonly city?: string;
  readonly company?: string;
  readonly inactiveDays?: number;
  /** Custom fields: key → the value as typed in the query string. */
  readonly cf: Readonly<Record<string, string>>;
};

export type ListRequest = {
  readonly type: ListType;
  readonly sort: ListSort;
  readonly order: ListOrder;
  readonly limit: number;
  readonly cursor?: string;
  readonly filters: ListFilters;
};

export const maxListLimit = 200;
export const defaultListLimit = 50;

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

const common = {
  sort: z.enum(listSorts, { error: `must be one of ${listSorts.join(', ')}` }).optional(),
  order: z.enum(['asc', 'desc'], { error: 'must be asc or desc' }).optional(),
  limit: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(maxListLimit, `must be at most ${maxListLimit}`)
    .default(defaultListLimit),
  cursor: z.string().max(4096).optional(),
  owner: text(100).optional(),
  tag: text(50)
    .transform((t) => t.toLocaleLowerCase('ru'))
    .optional(),
  source: z.enum(leadSources, { error: `must be one of ${leadSources.join(', ')}` }).optional(),
  inactiveDays: z.coerce
    .number({ error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1')
    .max(3650, 'must be at most 3650')
    .optional(),
  deleted: z
    .literal('false', {
      error: 'deleted records are in the trash (GET /api/trash); only deleted=false is allowed here',
    })
    .optional(),
};

const companyParams = z.object({
  ...common,
  stage: z.enum(lifecycleStages, { error: `must be one of ${lifecycleStages.join(', ')}` }).optional(),
  industry: text(100).optional(),
  city: text(100).optional(),
});

const contactParams = z.object({ ...common, company: text(100).optional() });

const customFieldKey = /^[a-z][a-z0-9-]{1,39}$/;

/** Checks the query string of a list: every problem as a field error (400), unknown parameters too. */
export const parseListRequest = (
  type: ListType,
  query: Readonly<Record<string, string | undefined>>,
): ListRequest => {
  const schema = type === 'company' ? companyParams : contactParams;
  const known = new Set(Object.keys(schema.shape));
  const errors: FieldError[] = [];
  const cf: Record<string, string> = {};
  const plain: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (name.startsWith('cf.')) {
      const key = name.slice(3);
      if (!customFieldKey.test(key)) errors.push({ field: name, message: 'is not a custom field key' });
      else if (value.trim() === '' || value.length > 200)
        errors.push({ field: name, message: 'must be 1 to 200 characters' });
      else cf[key] = value.trim();
    } else if (known.has(name)) plain[name] = value;
    else
      errors.push({
        field: name,
        message: `is not a parameter of the ${type === 'company' ? 'companies' : 'contacts'} list`,
      });
  }
  const parsed = schema.safeParse(plain);
  if (!parsed.success)
    errors.push(
      ...parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(query)', message: i.message })),
    );
  if (errors.length > 0 || !parsed.success) throw new ValidationFailed(errors);
  const p = parsed.data as z.infer<typeof companyParams> & z.infer<typeof contactParams>;
  const sort: ListSort = p.sort ?? (p.inactiveDays !== undefined ? 'activity' : 'name');
  const order: ListOrder = p.order ?? (sort === 'name' || p.inactiveDays !== undefined ? 'asc' : 'desc');
  const filters: ListFilters = {
    ...(p.owner !== undefined ? { owner: p.owner } : {}),
    ...(p.stage !== undefined ? { stage: p.stage } : {}),
    ...(p.tag !== undefined ? { tag: p.tag } : {}),
    ...(p.source !== undefined ? { source: p.source } : {}),
    ...(p.industry !== undefined ? { industry: p.industry } : {}),
    ...(p.city !== undefined ? { city: p.city } : {}),
    ...(p.company !== undefined ? { company: p.company } : {}),
    ...(p.inactiveDays !== undefined ? { inactiveDays: p.inactiveDays } : {}),
    cf,
  };
  return { type, sort, order, limit: p.limit, ...(p.cursor ? { cursor: p.cursor } : {}), filters };
};

/** A FilterExpression with its names and values. */
export type Filter = {
  readonly expression: string;
  readonly names: Readonly<Record<string, string>>;
  readonly values: Readonly<Record<string, unknown>>;
};

/** Which counter gives the list's total, when one does. */
export type TotalSource =
  | { readonly kind: 'all' }
  | { readonly kind: 'owner'; readonly ownerId: string }
  | { readonly kind: 'stage'; readonly stage: string };

export type IndexPlan = {
  readonly kind: 'index';
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly pk: string;
  /** Only sort keys below this (exclusive): "no activity since". */
  readonly skBefore?: string;
  readonly forward: boolean;
  readonly filter?: Filter;
  /** The prefix every record item's `pk` of this type starts with (cursor checks). */
  readonly partitionPrefix: string;
};

export type CompanyContactsPlan = {
  readonly kind: 'company-contacts';
  readonly companyId: string;
  /** The attribute the index of the sort orders by; the items carry it. */
  readonly sortAttribute: string;
  readonly forward: boolean;
};

export type ListPlan = (IndexPlan | CompanyContactsPlan) & {
  /** What the list's cursors are bound to: a cursor of another list is refused. */
  readonly scope: string;
  readonly total?: TotalSource;
};

const listsOf = (type: ListType) => (type === 'company' ? companyLists : contactLists);

const indexKeys = (indexName: string) => {
  const index = table.globalSecondaryIndexes.find((i) => i.indexName === indexName);
  if (!index) throw new Error(`no index ${indexName} in functions/domain/table.ts`);
  return { partitionKey: index.partitionKey, sortKey: index.sortKey };
};

const day = 24 * 3600 * 1000;

/** The time before which "no activity for N days" means the last activity was. */
export const inactiveSince = (days: number, now: Date): string =>
  new Date(now.getTime() - days * day).toISOString();

/** The FilterExpression of every filter the key does not cover; undefined when none is left. */
export const filterOf = (
  filters: ListFilters,
  covered: { readonly owner: boolean; readonly inactive: boolean },
  now: Date,
): Filter | undefined => {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const equals = (attribute: string, value: string) => {
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = value;
    parts.push(`#${attribute} = :${attribute}`);
  };
  if (filters.owner !== undefined && !covered.owner) equals('ownerId', filters.owner);
  if (filters.stage !== undefined) equals('lifecycleStage', filters.stage);
  if (filters.source !== undefined) equals('leadSource', filters.source);
  if (filters.industry !== undefined) equals('industry', filters.industry);
  if (filters.city !== undefined) equals('city', filters.city);
  if (filters.company !== undefined) equals('companyId', filters.company);
  if (filters.tag !== undefined) {
    names['#tags'] = 'tags';
    values[':tag'] = filters.tag;
    parts.push('contains(#tags, :tag)');
  }
  if (filters.inactiveDays !== undefined && !covered.inactive) {
    names['#lastActivityAt'] = 'lastActivityAt';
    values[':inactiveSince'] = inactiveSince(filters.inactiveDays, now);
    parts.push('#lastActivityAt < :inactiveSince');
  }
  Object.entries(filters.cf)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .forEach(([key, value], i) => {
      // A value as typed matches a text, select or date field equal to it, a number or money
      // field of that amount, a checkbox of that truth, or a multi-select list that contains it.
      names['#cf'] = 'customFields';
      names[`#cf${i}`] = key;
      values[`:cf${i}`] = value;
      values[':list'] = 'L';
      const path = `#cf.#cf${i}`;
      const options = [
        `${path} = :cf${i}`,
        `(attribute_type(${path}, :list) AND contains(${path}, :cf${i}))`,
      ];
      const number = Number(value);
      if (value.trim() !== '' && Number.isFinite(number)) {
        names['#amount'] = 'amount';
        values[`:cfn${i}`] = number;
        options.push(`${path} = :cfn${i}`, `${path}.#amount = :cfn${i}`);
      }
      if (value === 'true' || value === 'false') {
        values[`:cfb${i}`] = value === 'true';
        options.push(`${path} = :cfb${i}`);
      }
      parts.push(`(${options.join(' OR ')})`);
    });
  return parts.length === 0 ? undefined : { expression: parts.join(' AND '), names, values };
};

/** The scope of a list's cursors: the list's identity without its page size. */
const scopeOf = (request: ListRequest, plan: { kind: string; indexName?: string }): string =>
  createHash('sha256')
    .update(
      JSON.stringify([
        request.type,
        plan.kind,
        plan.indexName ?? '',
        request.sort,
        request.order,
        Object.entries({ ...request.filters, cf: undefined })
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : 1)),
        Object.entries(request.filters.cf).sort(([a], [b]) => (a < b ? -1 : 1)),
      ]),
    )
    .digest('base64url');

const totalOf = (filters: ListFilters): TotalSource | undefined => {
  const { cf, ...rest } = filters;
  const used = Object.keys(rest);
  if (Object.keys(cf).length > 0) return undefined;
  if (used.length === 0) return { kind: 'all' };
  if (used.length === 1 && filters.owner !== undefined) return { kind: 'owner', ownerId: filters.owner };
  if (used.length === 1 && filters.stage !== undefined) return { kind: 'stage', stage: filters.stage };
  return undefined;
};

/** How a list request is read. */
export const planList = (request: ListRequest, now: Date): ListPlan => {
  const { type, sort, order, filters } = request;
  const lists = listsOf(type);
  const forward = order === 'asc';
  const total = totalOf(filters);
  if (type === 'contact' && filters.company !== undefined) {
    const plan = {
      kind: 'company-contacts' as const,
      companyId: filters.company,
      sortAttribute: indexKeys(lists[sort].indexName).sortKey,
      forward,
    };
    return { ...plan, scope: scopeOf(request, plan) };
  }
  const byOwner = filters.owner !== undefined && sort === 'name';
  const inactiveRange = filters.inactiveDays !== undefined && sort === 'activity';
  const list: RecordList = byOwner ? lists.byOwner(filters.owner as string) : lists[sort];
  const filter = filterOf(filters, { owner: byOwner, inactive: inactiveRange }, now);
  const plan: IndexPlan = {
    kind: 'index',
    indexName: list.indexName,
    ...indexKeys(list.indexName),
    pk: list.pk,
    ...(inactiveRange
      ? { skBefore: lists.activityBefore(inactiveSince(filters.inactiveDays as number, now)) }
      : {}),
    forward,
    ...(filter ? { filter } : {}),
    partitionPrefix: lists.partitionPrefix,
  };
  return { ...plan, scope: scopeOf(request, plan), ...(total ? { total } : {}) };
};

/** The Query of one page of an index plan (without its Limit and start key). */
export const queryOf = (plan: IndexPlan, tableName: string) => ({
  TableName: tableName,
  IndexName: plan.indexName,
  KeyConditionExpression: plan.skBefore === undefined ? '#pk = :pk' : '#pk = :pk AND #sk < :before',
  ExpressionAttributeNames: {
    '#pk': plan.partitionKey,
    ...(plan.skBefore === undefined ? {} : { '#sk': plan.sortKey }),
    ...plan.filter?.names,
  },
  ExpressionAttributeValues: {
    ':pk': plan.pk,
    ...(plan.skBefore === undefined ? {} : { ':before': plan.skBefore }),
    ...plan.filter?.values,
  },
  ...(plan.filter ? { FilterExpression: plan.filter.expression } : {}),
  ScanIndexForward: plan.forward,
});

/** The attributes of a start key on this index: the table's keys and the index's. */
export const startKeyAttributes = (plan: IndexPlan): string[] => [
  table.partitionKey,
  table.sortKey,
  plan.partitionKey,
  plan.sortKey,
];

/** Whether a start key can continue this plan's Query: its partition, type and range. */
export const isStartKeyOf = (plan: IndexPlan, key: Readonly<Record<string, string | number>>): boolean => {
  const pk = key[table.partitionKey];
  const sk = key[plan.sortKey];
  return (
    key[plan.partitionKey] === plan.pk &&
    typeof pk === 'string' &&
    pk.startsWith(plan.partitionPrefix) &&
    typeof sk === 'string' &&
    (plan.skBefore === undefined || sk < plan.skBefore)
  );
};

/** The same filters in memory, for records read by id (a company's contacts). */
export const matchesFilters = (
  item: Readonly<Record<string, unknown>>,
  filters: ListFilters,
  now: Date,
): boolean => {
  const eq = (attribute: string, value: string | undefined) =>
    value === undefined || item[attribute] === value;
  if (
    !eq('ownerId', filters.owner) ||
    !eq('lifecycleStage', filters.stage) ||
    !eq('leadSource', filters.source)
  )
    return false;
  if (!eq('industry', filters.industry) || !eq('city', filters.city) || !eq('companyId', filters.company))
    return false;
  if (filters.tag !== undefined && !(Array.isArray(item.tags) && item.tags.includes(filters.tag)))
    return false;
  if (filters.inactiveDays !== undefined) {
    const last = item.lastActivityAt;
    if (typeof last !== 'string' || last >= inactiveSince(filters.inactiveDays, now)) return false;
  }
  const custom = (item.customFields ?? {}) as Record<string, unknown>;
  return Object.entries(filters.cf).every(([key, value]) => {
    const v = custom[key];
    if (Array.isArray(v)) return v.includes(value);
    if (typeof v === 'number') return v === Number(value);
    if (typeof v === 'boolean') return String(v) === value;
    if (v && typeof v === 'object' && 'amount' in v)
      return (v as { amount: unknown }).amount === Number(value);
    return v === value;
  });
};
