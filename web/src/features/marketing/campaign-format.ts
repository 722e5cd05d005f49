// How campaigns read on screen: the state's badge tone, the actions each state allows, the progress of
// a send (sent and skipped of the audience), and the hourly series as chart columns.
import type {
  Campaign,
  CampaignAction,
  CampaignMetric,
  CampaignReport,
  CampaignState,
} from '../../api/campaigns.ts';
import type { BadgeTone } from '../../ui/panel.tsx';

export const campaignStateTone: Record<CampaignState, BadgeTone> = {
  draft: 'neutral',
  scheduled: 'accent',
  sending: 'accent',
  paused: 'warning',
  completed: 'success',
  cancelled: 'danger',
};

/** What may be done in each state (docs/campaigns.md, "Campaigns"). */
export const actionsFor = (state: CampaignState): CampaignAction[] => {
  switch (state) {
    case 'draft':
      return ['launch', 'cancel'];
    case 'scheduled':
      return ['cancel'];
    case 'sending':
      return ['pause', 'cancel'];
    case 'paused':
      return ['resume', 'cancel'];
    default:
      return [];
  }
};

/** Only a draft can be changed (the API refuses the rest with a 409): a launch snapshots it. */
export const editable = (state: CampaignState): boolean => state === 'draft';

/** States in which the figures still move, so the page polls. */
export const isLive = (state: CampaignState): boolean => state === 'sending' || state === 'scheduled';

export type Progress = {
  done: number;
  sent: number;
  skipped: number;
  total: number | undefined;
  percent: number | undefined;
};

/** Sent and skipped of the audience, from the campaign's counters or else the report's totals. */
export const progressOf = (
  campaign: Pick<Campaign, 'totals' | 'audienceCount' | 'state'>,
  reportTotals?: CampaignReport['totals'],
): Progress => {
  const totals = campaign.totals ?? reportTotals ?? {};
  const sent = totals.sent ?? 0;
  const skipped = (totals.skipped ?? 0) + (totals.failed ?? 0);
  const total = campaign.audienceCount;
  const done = sent + skipped;
  const percent =
    total === undefined
      ? campaign.state === 'completed'
        ? 100
        : undefined
      : total === 0
        ? 100
        : (done / total) * 100;
  return { done, sent, skipped, total, percent };
};

/** The hours of the report, oldest first, with one metric's count each. */
export const seriesOf = (report: CampaignReport, metric: CampaignMetric) =>
  [...report.series]
    .sort((a, b) => a.hour.localeCompare(b.hour))
    .map((point) => ({ hour: point.hour, value: point[metric] ?? 0 }));

/** `2026-11-24T14` (a UTC hour) as an instant. */
export const hourInstant = (hour: string): Date => new Date(`${hour.slice(0, 13)}:00:00Z`);
