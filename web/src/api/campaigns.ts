// /api/campaigns (docs/campaigns.md, "Campaigns", "Report"): a campaign is a segment, a template, a
// sender name, a schedule (now, at an instant, recurring in the organisation's time zone) and an optional
// send-rate limit; its state moves draft → scheduled → sending → completed, paused ⇄ sending, cancelled.
// Every write carries `expectedVersion` (a stale one is an ApiError 409). The report has totals, hourly
// series, clicks per link and the deals attributed to the campaign per currency
// (functions/domain/campaigns/campaign-report.ts). The types are this client's own, mirroring
// campaign.entity.ts's view, and the report is read defensively (missing counters are zeros) while
// that API settles.
import type { HttpClient } from './http-client.ts';

export const campaignStates = ['draft', 'scheduled', 'sending', 'paused', 'completed', 'cancelled'] as const;
export type CampaignState = (typeof campaignStates)[number];

export type CampaignSchedule =
  | { kind: 'now' }
  | { kind: 'at'; at: string }
  /** EventBridge Scheduler's six-field cron in the organisation's time zone: `0 9 ? * MON *`. */
  | { kind: 'recurring'; cron: string };

export const campaignMetrics = [
  'sent',
  'delivered',
  'bounced',
  'complained',
  'unsubscribed',
  'opened',
  'clicked',
] as const;
export type CampaignMetric = (typeof campaignMetrics)[number];
export type CampaignCounts = Partial<Record<CampaignMetric | 'skipped' | 'failed', number>>;

export type Campaign = {
  id: string;
  name: string;
  state: CampaignState;
  segmentId: string;
  segmentName?: string;
  templateId: string;
  templateName?: string;
  fromName: string;
  schedule: CampaignSchedule;
  rateLimitPerSecond?: number;
  /** Set when fan-out has walked the whole segment. */
  audienceCount?: number;
  /** Counters, when the campaign answer carries them (otherwise the report's totals are used). */
  totals?: CampaignCounts;
  runId?: string;
  fanOut?: { state: 'running' | 'done'; pages: number; enqueued: number; excluded: Record<string, number> };
  pausedReason?: string;
  nextRunAt?: string;
  launchedAt?: string;
  completedAt?: string;
  cancelledAt?: string;
  version: number;
  createdAt: string;
};

export type CampaignInput = {
  name: string;
  segmentId: string;
  templateId: string;
  fromName: string;
  schedule: CampaignSchedule;
  rateLimitPerSecond?: number | null;
};

export type CampaignAction = 'launch' | 'pause' | 'resume' | 'cancel';

export type CampaignReport = {
  totals: CampaignCounts;
  audienceCount?: number;
  /** Hourly (UTC hour `YYYY-MM-DDTHH`) counts. */
  series: (CampaignCounts & { hour: string })[];
  links: { url: string; clicks: number; uniqueClicks: number }[];
  /**
   * Deals from the campaign and their amounts (minor units) per currency: all of them, each once;
   * those whose lead source names it; those created after the first send at its recipients.
   */
  attribution: DealSums & { sourced: DealSums; reached: DealSums };
};

export type DealSums = {
  deals: number;
  byCurrency: { currency: string; amount: number; wonAmount: number }[];
};

/** The tenant's sending cap (null: none of its own) and SES's quota beside it. */
export type SendingSettings = { sendRatePerSecond: number | null; sesMaxSendRate?: number; version: number };

/** A launched campaign a deal may name as its lead source. */
export type CampaignSource = { id: string; name: string; state: CampaignState };

export type CampaignsApi = {
  list: (cursor?: string) => Promise<{ items: Campaign[]; nextCursor?: string }>;
  get: (id: string) => Promise<Campaign>;
  create: (input: CampaignInput) => Promise<Campaign>;
  update: (id: string, expectedVersion: number, changes: Partial<CampaignInput>) => Promise<Campaign>;
  act: (id: string, action: CampaignAction, expectedVersion: number) => Promise<Campaign>;
  report: (id: string) => Promise<CampaignReport>;
  /** Launched campaigns, newest first: what a deal may name as its source (every role reads it). */
  sources: () => Promise<CampaignSource[]>;
  sendingSettings: () => Promise<SendingSettings>;
  saveSendingSettings: (
    expectedVersion: number,
    sendRatePerSecond: number | null,
  ) => Promise<SendingSettings>;
};

const campaignPath = (id: string, suffix = '') => `/api/campaigns/${encodeURIComponent(id)}${suffix}`;

/** The campaign of an answer, whether it comes as `{ campaign }` or as the campaign itself. */
export const unwrapCampaign = (body: unknown): Campaign => {
  const value = body as { campaign?: Campaign } | Campaign;
  return 'campaign' in value && value.campaign ? value.campaign : (value as Campaign);
};

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

const counts = (value: unknown): CampaignCounts => {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return Object.fromEntries(
    [...campaignMetrics, 'skipped', 'failed'].map((key) => [key, num(v[key])]),
  ) as CampaignCounts;
};

/** The report as the API answers it, with every figure present. */
export const parseReport = (body: unknown): CampaignReport => {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const series = Array.isArray(b.series) ? b.series : Array.isArray(b.hourly) ? b.hourly : [];
  const links = Array.isArray(b.links) ? b.links : Array.isArray(b.clicksPerLink) ? b.clicksPerLink : [];
  const attribution = (b.attribution ?? {}) as Record<string, unknown>;
  return {
    totals: counts(b.totals),
    ...(typeof b.audienceCount === 'number' ? { audienceCount: b.audienceCount } : {}),
    series: series.map((entry) => {
      const e = entry as Record<string, unknown>;
      return { hour: String(e.hour ?? e.at ?? ''), ...counts(e) };
    }),
    links: links.map((entry) => {
      const e = entry as Record<string, unknown>;
      return { url: String(e.url ?? ''), clicks: num(e.clicks), uniqueClicks: num(e.uniqueClicks) };
    }),
    attribution: {
      ...dealSums(attribution),
      sourced: dealSums(attribution.sourced),
      reached: dealSums(attribution.reached),
    },
  };
};

const dealSums = (value: unknown): DealSums => {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return {
    deals: num(v.count ?? v.deals),
    byCurrency: (Array.isArray(v.byCurrency) ? v.byCurrency : []).map((entry) => {
      const e = entry as Record<string, unknown>;
      return { currency: String(e.currency ?? ''), amount: num(e.amount), wonAmount: num(e.wonAmount) };
    }),
  };
};

export const campaignsApi = (http: HttpClient): CampaignsApi => ({
  list: async (cursor) => {
    const body = await http.request<{ items?: Campaign[]; nextCursor?: string }>('GET', '/api/campaigns', {
      query: { limit: 100, ...(cursor ? { cursor } : {}) },
    });
    return { items: body.items ?? [], ...(body.nextCursor ? { nextCursor: body.nextCursor } : {}) };
  },
  get: async (id) => unwrapCampaign(await http.request('GET', campaignPath(id))),
  create: async (input) => unwrapCampaign(await http.request('POST', '/api/campaigns', { body: input })),
  update: async (id, expectedVersion, changes) =>
    unwrapCampaign(await http.request('PATCH', campaignPath(id), { body: { expectedVersion, ...changes } })),
  act: async (id, action, expectedVersion) =>
    unwrapCampaign(await http.request('POST', campaignPath(id, `/${action}`), { body: { expectedVersion } })),
  report: async (id) => parseReport(await http.request('GET', campaignPath(id, '/report'))),
  sources: async () =>
    (await http.request<{ items?: CampaignSource[] }>('GET', '/api/campaign-sources')).items ?? [],
  sendingSettings: () => http.request<SendingSettings>('GET', '/api/settings/campaigns'),
  saveSendingSettings: (expectedVersion, sendRatePerSecond) =>
    http.request<SendingSettings>('PUT', '/api/settings/campaigns', {
      body: { expectedVersion, sendRatePerSecond },
    }),
});
