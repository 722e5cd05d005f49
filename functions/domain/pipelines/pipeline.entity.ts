// A sales pipeline (Воронка продаж): its ordered stages, each with a win probability and an
// optional limit of days a deal may stay in it before it counts as stalled. Several per
// tenant (new business, renewals…); admins edit them. Stages keep their ids when renamed or
// reordered, so deals and their stage history keep pointing at them.
import { z } from 'zod';
import type { Versioned } from '../mutations.ts';

export const pipelineKey = (id: string) => ({ pk: `PIPELINE#${id}`, sk: 'PIPELINE' }) as const;

/** All pipelines in their order (gsi1). */
export const pipelineList = { indexName: 'gsi1', pk: 'PIPELINES' } as const;
export const pipelineIndexKeys = (p: { id: string; order: number }) => ({
  gsi1pk: pipelineList.pk,
  gsi1sk: `${String(p.order).padStart(4, '0')}#${p.id}`,
});

/** The id every tenant's first pipeline has: created on first read, so it is created once. */
export const defaultPipelineId = 'default';

const stageId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'use 1-40 lower-case Latin letters, digits and dashes');

export const stageSchema = z
  .object({
    /** Left out for a new stage: derived from the name's position. */
    id: stageId.optional(),
    name: z.string().trim().min(1, 'must not be empty').max(60, 'at most 60 characters'),
    /** Win probability, 0–100 %. */
    probability: z.number().int('must be a whole percentage').min(0).max(100),
    /** Days a deal may stay in the stage before it is flagged as stalled. */
    maxDaysInStage: z.number().int().min(1).max(3650).optional(),
  })
  .strict();

const stagesSchema = z
  .array(stageSchema)
  .min(1, 'a pipeline needs at least one stage')
  .max(20, 'at most 20 stages')
  .superRefine((stages, ctx) => {
    const seen = new Set<string>();
    stages.forEach((s, i) => {
      if (s.id && seen.has(s.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'is used twice' });
      if (s.id) seen.add(s.id);
    });
  });

export const createPipelineSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(80, 'at most 80 characters'),
    stages: stagesSchema,
    order: z.number().int().min(0).max(9999).default(0),
  })
  .strict();

export const updatePipelineSchema = z
  .object({
    expectedVersion: z.number().int().positive(),
    name: z.string().trim().min(1, 'must not be empty').max(80).optional(),
    stages: stagesSchema.optional(),
    order: z.number().int().min(0).max(9999).optional(),
  })
  .strict();

export type Stage = {
  readonly id: string;
  readonly name: string;
  readonly probability: number;
  readonly maxDaysInStage?: number;
};

export type PipelineAttributes = {
  readonly id: string;
  readonly name: string;
  readonly order: number;
  readonly stages: readonly Stage[];
};

export type PipelineItem = Versioned & PipelineAttributes;

export const toPipelineView = (p: PipelineItem) => ({
  id: p.id,
  name: p.name,
  order: p.order,
  stages: p.stages.map((s) => ({ ...s })),
  version: p.version,
  updatedAt: p.updatedAt,
});
export type PipelineView = ReturnType<typeof toPipelineView>;

/** Gives new stages ids (`stage-2`, `stage-3`…) that no stage of the pipeline has used. */
export const withStageIds = (
  stages: readonly z.infer<typeof stageSchema>[],
  taken: readonly string[] = [],
): Stage[] => {
  const used = new Set([...taken, ...stages.flatMap((s) => (s.id ? [s.id] : []))]);
  let n = 1;
  return stages.map((s) => {
    if (s.id) return { ...s, id: s.id } as Stage;
    while (used.has(`stage-${n}`)) n++;
    const id = `stage-${n}`;
    used.add(id);
    return { ...s, id } as Stage;
  });
};

/** The first pipeline of a new tenant, in its language. */
export const defaultPipeline = (locale: 'ru' | 'en'): Omit<PipelineAttributes, 'id'> => {
  const names =
    locale === 'ru'
      ? ['Квалификация', 'Встреча', 'Коммерческое предложение', 'Переговоры', 'Согласование договора']
      : ['Qualification', 'Meeting', 'Proposal', 'Negotiation', 'Contract'];
  const probabilities = [10, 25, 50, 70, 90];
  const limits = [14, 14, 21, 21, 30];
  return {
    name: locale === 'ru' ? 'Новые продажи' : 'New business',
    order: 0,
    stages: names.map((name, i) => ({
      id: ['qualification', 'meeting', 'proposal', 'negotiation', 'contract'][i] as string,
      name,
      probability: probabilities[i] as number,
      maxDaysInStage: limits[i] as number,
    })),
  };
};
