// campaign.launched.v1 / campaign.resumed.v1 → the fan-out of the run (page by page, resumable);
// campaign.launch-due.v1 (the launch schedule fired) → a new run of the scheduled campaign,
// whose launched event comes back here through the stream.
import {
  campaignLaunchDueV1,
  campaignLaunchedV1,
  campaignResumedV1,
} from '../../events/schemas/campaigns.ts';
import { startScheduledRun } from '../domain/campaigns/campaign-runs.ts';
import { fanOutCampaign } from '../domain/campaigns/fan-out.ts';
import { logger } from '../lib/logger.ts';
import { eventTargets, on } from '../lib/triggers.ts';

export const handler = eventTargets(
  on(campaignLaunchedV1, async ({ detail }) => {
    const result = await fanOutCampaign(detail.campaignId, detail.runId);
    logger.info('fan-out', { campaignId: detail.campaignId, runId: detail.runId, result });
  }),
  on(campaignResumedV1, async ({ detail }) => {
    const result = await fanOutCampaign(detail.campaignId, detail.runId, { resume: true });
    logger.info('fan-out after resume', { campaignId: detail.campaignId, runId: detail.runId, result });
  }),
  on(campaignLaunchDueV1, async ({ detail }) => {
    const started = await startScheduledRun(detail.campaignId);
    logger.info('scheduled launch', { campaignId: detail.campaignId, started });
  }),
);
