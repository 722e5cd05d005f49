// Which values survive a merge (docs/customer-base.md "Merge"): the caller picks per field
// `survivor`, `duplicate` or — for lists and maps — `both`. Unpicked single values keep the
// survivor's, filled from the duplicate where the survivor has none; unpicked lists and maps
// keep both (nothing typed by anyone is lost). Pure: merge-records.ts writes the result.
import { z } from 'zod';
import type { FieldError } from '../../lib/errors.ts';
import { stableJson } from '../audit/audit.entity.ts';
import { listLimits, type MergeFieldShape, type RecordItem } from './record-kinds.ts';

export const mergePicks = ['survivor', 'duplicate', 'both'] as const;
export type MergePick = (typeof mergePicks)[number];

/** POST /api/{companies|contacts}/{survivorId}/merge */
export const mergeSchema = z
  .object({
    duplicateId: z.string().min(1).max(100),
    /** The survivor's version last read. */
    expectedVersion: z.number().int().positive(),
    /** The duplicate's version last read. */
    duplicateVersion: z.number().int().positive(),
    pick: z.record(z.string(), z.enum(mergePicks)).default({}),
  })
  .strict();
export type MergeInput = z.infer<typeof mergeSchema>;

const isEmpty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

/** Identity of a list element: phones and e-mails by value, the rest by content. */
const identity = (v: unknown): string =>
  typeof v === 'object' && v !== null && 'value' in v
    ? String((v as { value: unknown }).value)
    : typeof v === 'object' && v !== null && 'companyId' in v
      ? String((v as { companyId: unknown }).companyId)
      : stableJson(v);

const union = (a: unknown, b: unknown): unknown[] => {
  const seen = new Set<string>();
  return [...(Array.isArray(a) ? a : []), ...(Array.isArray(b) ? b : [])].filter((v) => {
    const id = identity(v);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
};

const combine = (shape: MergeFieldShape, pick: MergePick, survivor: unknown, duplicate: unknown): unknown => {
  if (shape === 'map') {
    const s = (survivor ?? {}) as Record<string, unknown>;
    const d = (duplicate ?? {}) as Record<string, unknown>;
    return pick === 'duplicate' ? { ...s, ...d } : { ...d, ...s };
  }
  if (pick === 'both') return union(survivor, duplicate);
  const [first, second] = pick === 'duplicate' ? [duplicate, survivor] : [survivor, duplicate];
  return isEmpty(first) ? second : first;
};

/**
 * The merged values of the mergeable fields, or the field errors of the picks: unknown
 * fields, `both` for a single value, a list grown past its limit.
 */
export const mergeAttributes = (
  fields: Readonly<Record<string, MergeFieldShape>>,
  survivor: RecordItem,
  duplicate: RecordItem,
  picks: Readonly<Record<string, MergePick>>,
): { values: Record<string, unknown>; errors: FieldError[] } => {
  const errors: FieldError[] = [];
  for (const [field, pick] of Object.entries(picks)) {
    const shape = fields[field];
    if (!shape) errors.push({ field: `pick.${field}`, message: 'is not a field a merge can take' });
    else if (shape === 'scalar' && pick === 'both')
      errors.push({ field: `pick.${field}`, message: 'holds one value: pick survivor or duplicate' });
  }
  const values: Record<string, unknown> = {};
  for (const [field, shape] of Object.entries(fields)) {
    const pick = picks[field] ?? (shape === 'scalar' ? 'survivor' : 'both');
    const value = combine(shape, pick, survivor[field], duplicate[field]);
    const limit = listLimits[field];
    if (Array.isArray(value) && limit !== undefined && value.length > limit)
      errors.push({
        field: `pick.${field}`,
        message: `both records together have ${value.length}, at most ${limit} fit: pick one side`,
      });
    values[field] = value;
  }
  return { values, errors };
};

export type MailStatus = {
  readonly emails?: readonly { readonly value: string }[];
  readonly marketingUnsubscribedAt?: string;
  readonly emailSuppressed?: { readonly reason: string; readonly at: string };
};

const primary = (r: MailStatus) => r.emails?.[0]?.value.trim().toLowerCase();

/**
 * The marketing status of a merged contact (docs/campaigns.md): a person who unsubscribed on
 * either record stays unsubscribed (the earlier time); an address that bounced or complained
 * stays suppressed while it is the merged contact's primary address, the one mail goes to.
 */
export const mergedMailStatus = (
  merged: MailStatus,
  survivor: MailStatus,
  duplicate: MailStatus,
): Pick<MailStatus, 'marketingUnsubscribedAt' | 'emailSuppressed'> => {
  const unsubscribed = [survivor.marketingUnsubscribedAt, duplicate.marketingUnsubscribedAt]
    .filter((at): at is string => Boolean(at))
    .sort()[0];
  const address = primary(merged);
  const suppressed = [survivor, duplicate].find(
    (r) => r.emailSuppressed && address !== undefined && primary(r) === address,
  )?.emailSuppressed;
  return {
    ...(unsubscribed ? { marketingUnsubscribedAt: unsubscribed } : {}),
    ...(suppressed ? { emailSuppressed: suppressed } : {}),
  };
};
