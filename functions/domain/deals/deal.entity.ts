// A deal (Сделка): a sale in progress with a company, moving through the stages of one
// pipeline until it is won or lost. Its value is integer minor units with an ISO 4217 code;
// other currencies than the tenant's are converted at the stored rate for totals and reports.
// Every stage it enters is kept in `stageHistory` with when it entered and left.
import { z } from 'zod';
import type { Versioned } from '../mutations.ts';
import { lineTotals, type PricedLine, toLineView } from '../quotes/line-math.ts';
import { leadSources } from '../records/value-lists.ts';

export const dealKey = (id: string) => ({ pk: `DEAL#${id}`, sk: 'DEAL' }) as const;

export const dealStatuses = ['open', 'won', 'lost'] as const;
export type DealStatus = (typeof dealStatuses)[number];

export const contactRoles = [
  'decision-maker',
  'influencer',
  'user',
  'technical',
  'financial',
  'other',
] as const;

/** Why a deal was lost: a fixed list the reports group by, plus free text. */
export const lostReasons = [
  'price',
  'competitor',
  'no-budget',
  'no-decision',
  'timing',
  'product-fit',
  'other',
] as const;

/** A board column: the open deals of one stage, by when they entered it (gsi1). */
export const stageColumn = (pipelineId: string, stageId: string) => `DEALS#${pipelineId}#${stageId}`;
/** Closed deals of a pipeline, newest first (gsi1). */
export const closedColumn = (pipelineId: string, status: 'won' | 'lost') => `DEALS#${pipelineId}#:${status}`;
/** An owner's deals by expected close date (gsi2). */
export const ownerDeals = (ownerId: string) => `OWNER#${ownerId}#DEAL`;
/** Every deal by creation time (gsi4). */
export const allDeals = 'DEAL';

/**
 * A company's or a contact's deals, and a campaign's (the deals whose lead source it is): link
 * items in the record's or the campaign's partition.
 */
export const dealLinkKey = (
  record: { type: 'company' | 'contact' | 'campaign'; id: string },
  dealId: string,
) => ({
  pk: `${record.type.toUpperCase()}#${record.id}`,
  sk: `DEAL#${dealId}`,
});
export const dealLinkPrefix = 'DEAL#';

export const moneySchema = z
  .object({
    /** Minor units (kopecks, cents). */
    amount: z.number().int('must be whole minor units (kopecks, cents)').min(0).max(1e15),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as RUB'),
  })
  .strict();
export type Money = z.infer<typeof moneySchema>;

const dateOnly = z.iso.date({ error: 'must be a date, YYYY-MM-DD' });
const dealContact = z
  .object({ contactId: z.string().min(1).max(40), role: z.enum(contactRoles).default('other') })
  .strict();

const dealFields = {
  title: z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters'),
  companyId: z.string().min(1, 'must name a company').max(40),
  contacts: z.array(dealContact).max(20, 'at most 20').default([]),
  value: moneySchema,
  expectedCloseDate: dateOnly.optional(),
  ownerId: z.string().min(1).max(100).optional(),
  pipelineId: z.string().min(1).max(40).optional(),
  stageId: z.string().min(1).max(40).optional(),
  source: z.enum(leadSources).optional(),
  /** The campaign the deal came from; only with source `campaign` (which it implies). */
  campaignId: z.string().min(1).max(40).optional(),
  description: z.string().trim().max(5000).optional(),
};

export const createDealSchema = z.object(dealFields).strict();
export type CreateDeal = z.infer<typeof createDealSchema>;

export const updateDealSchema = z
  .object({
    expectedVersion: z.number().int().positive(),
    title: dealFields.title.optional(),
    companyId: dealFields.companyId.optional(),
    contacts: z.array(dealContact).max(20).optional(),
    value: moneySchema.optional(),
    expectedCloseDate: dateOnly.nullable().optional(),
    ownerId: z.string().min(1).max(100).optional(),
    source: z.enum(leadSources).nullable().optional(),
    campaignId: z.string().min(1).max(40).nullable().optional(),
    description: z.string().trim().max(5000).nullable().optional(),
  })
  .strict();

export const moveDealSchema = z
  .object({
    expectedVersion: z.number().int().positive(),
    stageId: z.string().min(1).max(40),
    /** Another pipeline of the tenant; the deal's own when left out. */
    pipelineId: z.string().min(1).max(40).optional(),
  })
  .strict();

export const closeDealSchema = z.discriminatedUnion('status', [
  z.object({ expectedVersion: z.number().int().positive(), status: z.literal('won') }).strict(),
  z
    .object({
      expectedVersion: z.number().int().positive(),
      status: z.literal('lost'),
      lostReason: z.enum(lostReasons),
      lostNote: z.string().trim().max(1000).optional(),
    })
    .strict(),
]);

export type StageVisit = {
  /** The pipeline of the stage (a deal may move to another pipeline). */
  readonly pipelineId?: string;
  readonly stageId: string;
  readonly stageName: string;
  readonly enteredAt: string;
  readonly leftAt?: string;
};

export type DealAttributes = {
  readonly id: string;
  readonly title: string;
  readonly companyId: string;
  readonly companyName: string;
  readonly contacts: readonly { contactId: string; role: (typeof contactRoles)[number] }[];
  readonly value: Money;
  readonly expectedCloseDate?: string;
  readonly ownerId: string;
  readonly pipelineId: string;
  readonly stageId: string;
  readonly stageEnteredAt: string;
  readonly stageHistory: readonly StageVisit[];
  readonly status: DealStatus;
  readonly source?: string;
  /** With source `campaign`: the campaign (launched, so its name no longer changes). */
  readonly campaignId?: string;
  readonly campaignName?: string;
  readonly description?: string;
  readonly lostReason?: (typeof lostReasons)[number];
  readonly lostNote?: string;
  readonly closedAt?: string;
  /** Product lines priced from one price list (docs/quotes.md); `value` is then their total. */
  readonly lines?: readonly PricedLine[];
  readonly priceListId?: string;
};

export type DealItem = Versioned & DealAttributes;

export const auditedDealFields = [
  'title',
  'companyId',
  'contacts',
  'value',
  'expectedCloseDate',
  'ownerId',
  'pipelineId',
  'stageId',
  'status',
  'source',
  'campaignId',
  'description',
  'lostReason',
  'lostNote',
  'closedAt',
  'lines',
  'priceListId',
] as const;

/** The index keys of a deal in its state: its board column, its owner's list, all deals. */
export const dealIndexKeys = (d: DealAttributes & { createdAt: string }) => ({
  gsi1pk: d.status === 'open' ? stageColumn(d.pipelineId, d.stageId) : closedColumn(d.pipelineId, d.status),
  gsi1sk: `${d.status === 'open' ? d.stageEnteredAt : (d.closedAt ?? d.stageEnteredAt)}#${d.id}`,
  gsi2pk: ownerDeals(d.ownerId),
  gsi2sk: `${d.expectedCloseDate ?? '9999-12-31'}#${d.id}`,
  gsi4pk: allDeals,
  gsi4sk: `${d.createdAt}#${d.id}`,
});

/** What a company's or contact's card, or a campaign's report, reads of a deal (its link item). */
export const dealLinkItems = (d: DealAttributes) =>
  [
    { type: 'company' as const, id: d.companyId },
    ...d.contacts.map((c) => ({ type: 'contact' as const, id: c.contactId })),
    ...(d.campaignId ? [{ type: 'campaign' as const, id: d.campaignId }] : []),
  ].map((record) => ({
    ...dealLinkKey(record, d.id),
    entity: 'deal-link',
    dealId: d.id,
    title: d.title,
    value: d.value,
    status: d.status,
    pipelineId: d.pipelineId,
    stageId: d.stageId,
    ownerId: d.ownerId,
    expectedCloseDate: d.expectedCloseDate,
  }));

/** Whole days between two instants (a stage entered at `from`, now `to`). */
export const daysBetween = (from: string, to: Date): number =>
  Math.floor((to.getTime() - Date.parse(from)) / 86_400_000);

export const toDealView = (
  d: DealItem,
  now: Date,
  stage?: { maxDaysInStage?: number; probability: number },
) => {
  const daysInStage = daysBetween(d.stageEnteredAt, now);
  return {
    id: d.id,
    title: d.title,
    companyId: d.companyId,
    companyName: d.companyName,
    contacts: d.contacts.map((c) => ({ ...c })),
    value: { ...d.value },
    ...(d.expectedCloseDate ? { expectedCloseDate: d.expectedCloseDate } : {}),
    ownerId: d.ownerId,
    pipelineId: d.pipelineId,
    stageId: d.stageId,
    stageEnteredAt: d.stageEnteredAt,
    daysInStage,
    probability: d.status === 'won' ? 100 : d.status === 'lost' ? 0 : (stage?.probability ?? 0),
    stalled: d.status === 'open' && stage?.maxDaysInStage !== undefined && daysInStage > stage.maxDaysInStage,
    stageHistory: d.stageHistory.map((v) => ({
      ...v,
      days: daysBetween(v.enteredAt, v.leftAt ? new Date(v.leftAt) : now),
    })),
    status: d.status,
    ...(d.source ? { source: d.source } : {}),
    ...(d.campaignId ? { campaignId: d.campaignId, campaignName: d.campaignName ?? '' } : {}),
    ...(d.description ? { description: d.description } : {}),
    ...(d.lostReason ? { lostReason: d.lostReason } : {}),
    ...(d.lostNote ? { lostNote: d.lostNote } : {}),
    ...(d.closedAt ? { closedAt: d.closedAt } : {}),
    ...(d.lines?.length && d.priceListId
      ? {
          priceListId: d.priceListId,
          lines: d.lines.map(toLineView),
          linesTotals: lineTotals(d.lines, d.value.currency),
        }
      : {}),
    version: d.version,
    createdAt: d.createdAt,
    createdBy: d.createdBy,
    updatedAt: d.updatedAt,
  };
};
export type DealView = ReturnType<typeof toDealView>;

export const createMockDeal = (overrides: Partial<DealItem> = {}): DealItem => {
  const id = overrides.id ?? '01JDEAL0000000000000000001';
  return {
    ...dealKey(id),
    entity: 'deal',
    id,
    title: 'Поставка оборудования',
    companyId: '01JCOMPANY0000000000000001',
    companyName: 'ООО «Ромашка»',
    contacts: [],
    value: { amount: 1_250_000_00, currency: 'RUB' },
    ownerId: 'user-anna',
    pipelineId: 'default',
    stageId: 'meeting',
    stageEnteredAt: '2026-11-20T08:00:00.000Z',
    stageHistory: [{ stageId: 'meeting', stageName: 'Встреча', enteredAt: '2026-11-20T08:00:00.000Z' }],
    status: 'open',
    version: 3,
    createdAt: '2026-11-10T08:00:00.000Z',
    createdBy: 'user-anna',
    updatedAt: '2026-11-20T08:00:00.000Z',
    updatedBy: 'user-anna',
    ...overrides,
  };
};
