// Events of marketing campaigns (docs/campaigns.md "Campaigns"): state changes of a campaign,
// published from the table's stream when its item changes state, and the launch a Scheduler
// schedule puts on the bus for a campaign scheduled at an instant or on a recurring cron.
import { z } from 'zod';
import { defineEvent } from '../contract.ts';

const source = 'crm.campaigns';

const run = {
  campaignId: z.string().min(1),
  /** The run the change belongs to (a recurring campaign has one per occurrence). */
  runId: z.string().min(1),
  actorId: z.string().min(1),
  at: z.iso.datetime(),
};

export const campaignLaunchedV1 = defineEvent({
  detailType: 'campaign.launched.v1',
  source,
  description: 'A campaign run started sending (launched now, or its schedule came): the fan-out starts.',
  schema: z.object(run),
});

export const campaignResumedV1 = defineEvent({
  detailType: 'campaign.resumed.v1',
  source,
  description: 'A paused campaign sends again: the fan-out re-enqueues the recipients still queued.',
  schema: z.object(run),
});

export const campaignPausedV1 = defineEvent({
  detailType: 'campaign.paused.v1',
  source,
  description: 'A sending campaign was paused (by a user, or by the bounce/complaint rate check).',
  schema: z.object({ ...run, reason: z.string().optional() }),
});

export const campaignCancelledV1 = defineEvent({
  detailType: 'campaign.cancelled.v1',
  source,
  description: 'A campaign was cancelled before it completed; nothing more is sent.',
  schema: z.object({ ...run, runId: z.string().min(1).optional() }),
});

export const campaignCompletedV1 = defineEvent({
  detailType: 'campaign.completed.v1',
  source,
  description: 'Every recipient of a campaign run was sent or skipped.',
  schema: z.object({ ...run, sent: z.number().int().min(0), skipped: z.number().int().min(0) }),
});

export const campaignLaunchDueV1 = defineEvent({
  detailType: 'campaign.launch-due.v1',
  source,
  description:
    'The schedule of a scheduled or recurring campaign fired (Scheduler `campaign-<id>`): a new run starts.',
  schema: z.object({ campaignId: z.string().min(1), scheduledFor: z.string().min(1).optional() }),
});
