// A marketing campaign (docs/campaigns.md "Campaigns" and "Interfaces between the parts"):
// segment + template + sender name + schedule + optional rate limit, and the state of its
// current run. The segment's filter and the template's content are snapshotted at launch, so a
// run sends what was launched whatever is edited later. Listed newest first (gsi4 `CAMPAIGNS`).
// Beside it: recipients (16 shards per campaign), per-run counters and the rate governor's
// per-second counters.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Versioned } from '../mutations.ts';
import type { SegmentFilter } from '../segments/segment-filter.ts';

export const campaignStates = ['draft', 'scheduled', 'sending', 'paused', 'completed', 'cancelled'] as const;
export type CampaignState = (typeof campaignStates)[number];

export const campaignKey = (id: string) => ({ pk: `CAMPAIGN#${id}`, sk: 'CAMPAIGN' }) as const;

/** gsi4: every campaign by creation time. */
export const campaignList = { indexName: 'gsi4', pk: 'CAMPAIGNS' } as const;
export const campaignListKeys = (c: { id: string; createdAt: string }) => ({
  gsi4pk: campaignList.pk,
  gsi4sk: `${c.createdAt}#${c.id}`,
});

/** Recipients are spread over this many partitions per campaign. */
export const recipientShards = 16;
export const recipientShard = (contactId: string): string =>
  String((createHash('sha1').update(contactId).digest()[0] ?? 0) % recipientShards).padStart(2, '0');
export const recipientPartition = (campaignId: string, shard: string) => `CAMPAIGN#${campaignId}#R${shard}`;
export const recipientKey = (campaignId: string, contactId: string) =>
  ({ pk: recipientPartition(campaignId, recipientShard(contactId)), sk: `RCPT#${contactId}` }) as const;
export const allRecipientPartitions = (campaignId: string): string[] =>
  Array.from({ length: recipientShards }, (_, i) =>
    recipientPartition(campaignId, String(i).padStart(2, '0')),
  );

/** Counters of one run: what the completion check compares with the audience. */
export const runStatsKey = (campaignId: string, runId: string) =>
  ({ pk: `CAMPAIGN#${campaignId}`, sk: `RUN#${runId}` }) as const;

/** The rate governor's counter of one second, for the whole tenant. */
export const rateKey = (epochSecond: number) => ({ pk: `RATE#ses#${epochSecond}`, sk: 'RATE' }) as const;

/** The tenant's sending settings (optional item): a rate limit below SES's. */
export const campaignSettingsKey = { pk: 'SETTINGS#campaigns', sk: 'CAMPAIGNS' } as const;

/** The one-off or recurring Scheduler schedule that launches a scheduled campaign. */
export const launchScheduleName = (campaignId: string) => `campaign-${campaignId}`;

export type RecipientState = 'queued' | 'sent' | 'skipped';

export type RecipientItem = {
  readonly pk: string;
  readonly sk: string;
  readonly entity: 'campaign-recipient';
  readonly campaignId: string;
  readonly contactId: string;
  readonly runId: string;
  readonly email: string;
  readonly state: RecipientState;
  readonly reason?: string;
};

export const campaignScheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('now') }).strict(),
  z
    .object({
      kind: z.literal('at'),
      at: z.iso.datetime({ offset: true, error: 'must be an ISO date-time' }),
    })
    .strict(),
  z
    .object({
      kind: z.literal('recurring'),
      /** EventBridge Scheduler's six-field cron, in the tenant's time zone: `0 9 ? * MON *`. */
      cron: z
        .string()
        .trim()
        .regex(/^(\S+\s+){5}\S+$/, 'must be a six-field cron expression such as "0 9 ? * MON *"'),
    })
    .strict(),
]);
export type CampaignSchedule = z.infer<typeof campaignScheduleSchema>;

export type TemplateSnapshot = {
  readonly templateId: string;
  readonly version: number;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
};

export type FanOut = {
  readonly state: 'running' | 'done';
  readonly cursor?: string;
  readonly pages: number;
  readonly enqueued: number;
  readonly excluded: Record<string, number>;
};

export type CampaignAttributes = {
  readonly id: string;
  readonly name: string;
  readonly segmentId: string;
  readonly templateId: string;
  readonly fromName: string;
  readonly rateLimitPerSecond?: number;
  readonly schedule: CampaignSchedule;
  readonly state: CampaignState;
  readonly filter?: SegmentFilter;
  readonly template?: TemplateSnapshot;
  readonly runId?: string;
  readonly runs?: number;
  readonly fanOut?: FanOut;
  readonly audienceCount?: number;
  readonly pausedReason?: string;
  readonly launchedAt?: string;
  readonly firstSentAt?: string;
  readonly completedAt?: string;
  readonly cancelledAt?: string;
};

export type CampaignItem = Versioned & CampaignAttributes & ReturnType<typeof campaignListKeys>;

const fields = {
  name: z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters'),
  id: z.string().trim().min(1, 'must not be empty').max(64),
  fromName: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
  rate: z.number().int('must be a whole number').min(1, 'at least 1').max(10_000, 'at most 10000'),
};

export const createCampaignSchema = z
  .object({
    name: fields.name,
    segmentId: fields.id,
    templateId: fields.id,
    fromName: fields.fromName,
    rateLimitPerSecond: fields.rate.optional(),
    schedule: campaignScheduleSchema.default({ kind: 'now' }),
  })
  .strict();

export const updateCampaignSchema = z
  .object({
    expectedVersion: z.number({ error: 'must be the version you last read' }).int().positive(),
    name: fields.name.optional(),
    segmentId: fields.id.optional(),
    templateId: fields.id.optional(),
    fromName: fields.fromName.optional(),
    /** `null` removes it. */
    rateLimitPerSecond: fields.rate.nullable().optional(),
    schedule: campaignScheduleSchema.optional(),
  })
  .strict();

export const campaignActionSchema = z
  .object({ expectedVersion: z.number({ error: 'must be the version you last read' }).int().positive() })
  .strict();

export const auditedCampaignFields = [
  'name',
  'segmentId',
  'templateId',
  'fromName',
  'rateLimitPerSecond',
  'schedule',
  'state',
  'runId',
  'pausedReason',
] as const;

export const toCampaignView = (c: CampaignItem) => ({
  id: c.id,
  name: c.name,
  segmentId: c.segmentId,
  templateId: c.templateId,
  fromName: c.fromName,
  ...(c.rateLimitPerSecond ? { rateLimitPerSecond: c.rateLimitPerSecond } : {}),
  schedule: c.schedule,
  state: c.state,
  ...(c.runId ? { runId: c.runId } : {}),
  ...(c.template ? { template: { templateId: c.template.templateId, version: c.template.version } } : {}),
  ...(c.fanOut
    ? {
        fanOut: {
          state: c.fanOut.state,
          pages: c.fanOut.pages,
          enqueued: c.fanOut.enqueued,
          excluded: c.fanOut.excluded,
        },
      }
    : {}),
  ...(c.audienceCount !== undefined ? { audienceCount: c.audienceCount } : {}),
  ...(c.pausedReason ? { pausedReason: c.pausedReason } : {}),
  ...(c.launchedAt ? { launchedAt: c.launchedAt } : {}),
  ...(c.completedAt ? { completedAt: c.completedAt } : {}),
  ...(c.cancelledAt ? { cancelledAt: c.cancelledAt } : {}),
  version: c.version,
  createdAt: c.createdAt,
  createdBy: c.createdBy,
  updatedAt: c.updatedAt,
  updatedBy: c.updatedBy,
});
export type CampaignView = ReturnType<typeof toCampaignView>;

/** The body of a `campaign-sends` message: up to 50 recipients of one run. */
export const sendMessageSchema = z.object({
  campaignId: z.string().min(1),
  runId: z.string().min(1),
  contactIds: z.array(z.string().min(1)).min(1).max(50),
});
export type SendMessage = z.infer<typeof sendMessageSchema>;

export const createMockCampaign = (overrides: Partial<CampaignItem> = {}): CampaignItem => {
  const base: CampaignAttributes = {
    id: overrides.id ?? '01JCAMPAIGN000000000000001',
    name: 'Осенняя рассылка',
    segmentId: '01JSEGMENT0000000000000001',
    templateId: '01JTEMPLATE000000000000001',
    fromName: 'ООО «Демо»',
    schedule: { kind: 'now' },
    state: 'draft',
    ...overrides,
  };
  const createdAt = overrides.createdAt ?? '2026-11-24T09:00:00.000Z';
  return {
    ...campaignKey(base.id),
    ...campaignListKeys({ id: base.id, createdAt }),
    entity: 'campaign',
    version: 1,
    createdAt,
    createdBy: 'user-maria',
    updatedAt: createdAt,
    updatedBy: 'user-maria',
    ...base,
    ...overrides,
  } as CampaignItem;
};
