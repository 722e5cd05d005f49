// A saved view (Сохранённый фильтр): a list's filters, sort and columns under a name, private
// to its owner or shared with the team. One item per view; gsi1 lists the team's views of a
// record type and each user's private ones, by name, so a user reads exactly the two partitions
// they may see. The record type a view lists is stored as `recordType` (the item's own `entity`
// says it is a view).
import { z } from 'zod';
import type { Versioned } from '../mutations.ts';
import { normalizeText } from '../normalize/text.ts';

export const viewEntities = ['company', 'contact'] as const;
export type ViewEntity = (typeof viewEntities)[number];
export const viewVisibilities = ['private', 'team'] as const;
export type ViewVisibility = (typeof viewVisibilities)[number];
export const viewSorts = ['name', 'created', 'updated', 'activity'] as const;

export const viewKey = (id: string) => ({ pk: `VIEW#${id}`, sk: 'VIEW' }) as const;

/** The partitions of gsi1 a user reads views from: the team's, and their own private ones. */
export const viewLists = {
  team: (entity: ViewEntity) => ({ indexName: 'gsi1', pk: `VIEWS#${entity}#TEAM` }),
  privateOf: (entity: ViewEntity, ownerId: string) => ({
    indexName: 'gsi1',
    pk: `VIEWS#${entity}#USER#${ownerId}`,
  }),
} as const;

export const viewListKeys = (
  v: Pick<ViewAttributes, 'id' | 'recordType' | 'visibility' | 'ownerId' | 'name'>,
) => ({
  gsi1pk: (v.visibility === 'team'
    ? viewLists.team(v.recordType)
    : viewLists.privateOf(v.recordType, v.ownerId)
  ).pk,
  gsi1sk: `${normalizeText(v.name)}#${v.id}`,
});

export type ViewAttributes = {
  readonly id: string;
  readonly recordType: ViewEntity;
  readonly name: string;
  /** List filters as the list API takes them (owner, stage, tag, …, cf.<key>). */
  readonly filters: Readonly<Record<string, string>>;
  readonly sort: (typeof viewSorts)[number];
  readonly order: 'asc' | 'desc';
  readonly columns: readonly string[];
  readonly visibility: ViewVisibility;
  readonly ownerId: string;
};

export type ViewItem = Versioned & ViewAttributes & ReturnType<typeof viewListKeys>;

const fields = {
  name: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
  filters: z
    .record(z.string().max(60), z.string().max(200))
    .refine((f) => Object.keys(f).length <= 30, 'at most 30 filters'),
  sort: z.enum(viewSorts, { error: `must be one of ${viewSorts.join(', ')}` }),
  order: z.enum(['asc', 'desc'], { error: 'must be asc or desc' }),
  columns: z.array(z.string().trim().min(1).max(60)).max(50, 'at most 50 columns'),
  visibility: z.enum(viewVisibilities, { error: 'must be private or team' }),
};

/** POST /api/views */
export const createViewSchema = z
  .object({
    entity: z.enum(viewEntities, { error: 'must be company or contact' }),
    name: fields.name,
    filters: fields.filters.default({}),
    sort: fields.sort.default('name'),
    order: fields.order.default('asc'),
    columns: fields.columns.default([]),
    visibility: fields.visibility.default('private'),
  })
  .strict();
export type CreateView = z.infer<typeof createViewSchema>;

/** PATCH /api/views/{id}: any subset, at the version last read. */
export const updateViewSchema = z
  .object({
    expectedVersion: z.number().int().positive(),
    name: fields.name.optional(),
    filters: fields.filters.optional(),
    sort: fields.sort.optional(),
    order: fields.order.optional(),
    columns: fields.columns.optional(),
    visibility: fields.visibility.optional(),
  })
  .strict();
export type UpdateView = z.infer<typeof updateViewSchema>;

export const auditedViewFields = [
  'name',
  'filters',
  'sort',
  'order',
  'columns',
  'visibility',
  'ownerId',
] as const;

export type ViewView = {
  readonly id: string;
  readonly entity: ViewEntity;
  readonly name: string;
  readonly filters: Readonly<Record<string, string>>;
  readonly sort: ViewAttributes['sort'];
  readonly order: ViewAttributes['order'];
  readonly columns: readonly string[];
  readonly visibility: ViewVisibility;
  readonly ownerId: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
};

export const toViewView = (item: ViewItem): ViewView => ({
  id: item.id,
  entity: item.recordType,
  name: item.name,
  filters: item.filters,
  sort: item.sort,
  order: item.order,
  columns: item.columns,
  visibility: item.visibility,
  ownerId: item.ownerId,
  version: item.version,
  createdAt: item.createdAt,
  updatedAt: item.updatedAt,
});

export const createMockView = (overrides: Partial<ViewItem> = {}): ViewItem => {
  const id = overrides.id ?? '01JVIEW0000000000000000001';
  const base: ViewAttributes = {
    id,
    recordType: 'company',
    name: 'Мои клиенты',
    filters: { stage: 'customer' },
    sort: 'name',
    order: 'asc',
    columns: ['name', 'inn', 'city'],
    visibility: 'private',
    ownerId: 'user-anna',
    ...overrides,
  };
  return {
    ...viewKey(id),
    ...viewListKeys(base),
    entity: 'view',
    version: 1,
    createdAt: '2026-11-24T09:00:00.000Z',
    createdBy: base.ownerId,
    updatedAt: '2026-11-24T09:00:00.000Z',
    updatedBy: base.ownerId,
    ...base,
    ...overrides,
  } as ViewItem;
};
