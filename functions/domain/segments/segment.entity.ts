// A marketing segment (docs/campaigns.md, "Segments"): a named, saved filter over contacts and
// their companies. Campaigns send to the contacts it matches at send time, minus those who may
// not get marketing e-mail. Segments are listed by name (gsi1 `SEGMENTS`), versioned and audited.
import { z } from 'zod';
import type { Versioned } from '../mutations.ts';
import { normalizeText } from '../normalize/text.ts';
import { type SegmentFilter, segmentFilterSchema } from './segment-filter.ts';

export const segmentKey = (id: string) => ({ pk: `SEGMENT#${id}`, sk: 'SEGMENT' }) as const;

/** gsi1: every segment by name. */
export const segmentList = { indexName: 'gsi1', pk: 'SEGMENTS' } as const;

export const segmentSortName = (name: string): string => normalizeText(name).slice(0, 200);

export const segmentListKeys = (s: Pick<SegmentAttributes, 'id' | 'name'>) => ({
  gsi1pk: segmentList.pk,
  gsi1sk: `${segmentSortName(s.name)}#${s.id}`,
});

export type SegmentAttributes = {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly filter: SegmentFilter;
};

export type SegmentItem = Versioned & SegmentAttributes & ReturnType<typeof segmentListKeys>;

const fields = {
  name: z.string().trim().min(1, 'must not be empty').max(120, 'at most 120 characters'),
  description: z.string().trim().max(1000, 'at most 1000 characters'),
};

export const createSegmentSchema = z
  .object({ name: fields.name, description: fields.description.optional(), filter: segmentFilterSchema })
  .strict();

export const updateSegmentSchema = z
  .object({
    expectedVersion: z.number({ error: 'must be the version you last read' }).int().positive(),
    name: fields.name.optional(),
    /** `null` removes it. */
    description: fields.description.nullable().optional(),
    filter: segmentFilterSchema.optional(),
  })
  .strict();

export const previewSegmentSchema = z.object({ filter: segmentFilterSchema }).strict();

export const auditedSegmentFields = ['name', 'description', 'filter'] as const;

export const toSegmentView = (s: SegmentItem) => ({
  id: s.id,
  name: s.name,
  ...(s.description ? { description: s.description } : {}),
  filter: s.filter,
  version: s.version,
  createdAt: s.createdAt,
  createdBy: s.createdBy,
  updatedAt: s.updatedAt,
  updatedBy: s.updatedBy,
});
export type SegmentView = ReturnType<typeof toSegmentView>;

export const createMockSegment = (overrides: Partial<SegmentItem> = {}): SegmentItem => {
  const base: SegmentAttributes = {
    id: overrides.id ?? '01JSEGMENT0000000000000001',
    name: 'Клиенты из Казани',
    filter: { lifecycleStages: ['customer'], cities: ['Казань'] },
    ...overrides,
  };
  return {
    ...segmentKey(base.id),
    ...segmentListKeys(base),
    entity: 'segment',
    version: 1,
    createdAt: '2026-11-24T09:00:00.000Z',
    createdBy: 'user-maria',
    updatedAt: '2026-11-24T09:00:00.000Z',
    updatedBy: 'user-maria',
    ...base,
    ...overrides,
  } as SegmentItem;
};
