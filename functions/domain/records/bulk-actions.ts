// The bulk actions on companies and contacts and what each does to one record (pure;
// bulk.ts reads, checks permissions and writes): delete, restore, reassign, add or remove
// tags, set the lifecycle stage (companies).
import { z } from 'zod';
import { lifecycleStages } from '../companies/company.entity.ts';
import { recordAttributes } from './record-changes.ts';
import { ownerIdSchema, tagsSchema } from './record-fields.ts';
import { listLimits, type RecordItem } from './record-kinds.ts';

const ids = z
  .array(z.string().min(1).max(100))
  .min(1, 'name at least one record')
  .max(100, 'at most 100 records at a time')
  .transform((list) => [...new Set(list)]);
const tags = tagsSchema.refine((t) => t.length > 0, 'name at least one tag');

export const bulkSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('delete'), ids }).strict(),
  z.object({ action: z.literal('restore'), ids }).strict(),
  z.object({ action: z.literal('reassign'), ids, ownerId: ownerIdSchema }).strict(),
  z.object({ action: z.literal('add-tags'), ids, tags }).strict(),
  z.object({ action: z.literal('remove-tags'), ids, tags }).strict(),
  z.object({ action: z.literal('set-stage'), ids, lifecycleStage: z.enum(lifecycleStages) }).strict(),
]);
export type BulkInput = z.infer<typeof bulkSchema>;

export type BulkResult = {
  readonly id: string;
  readonly status: 'ok' | 'not-found' | 'merged' | 'conflict' | 'invalid';
  readonly version?: number;
  readonly survivorId?: string;
  readonly message?: string;
};

/** The new attributes of a record under a field action, or a reason it cannot take it. */
export const applyBulkAction = (
  record: RecordItem,
  input: BulkInput,
): { attributes: Record<string, unknown> } | { invalid: string } => {
  const attributes = recordAttributes(record);
  const current = (record.tags as string[] | undefined) ?? [];
  switch (input.action) {
    case 'reassign':
      return { attributes: { ...attributes, ownerId: input.ownerId } };
    case 'set-stage':
      return { attributes: { ...attributes, lifecycleStage: input.lifecycleStage } };
    case 'add-tags': {
      const next = [...new Set([...current, ...input.tags])];
      const limit = listLimits.tags ?? 30;
      return next.length > limit
        ? { invalid: `would have ${next.length} tags, at most ${limit}` }
        : { attributes: { ...attributes, tags: next } };
    }
    case 'remove-tags':
      return { attributes: { ...attributes, tags: current.filter((t) => !input.tags.includes(t)) } };
    default:
      return { attributes };
  }
};
