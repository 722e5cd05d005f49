// The domain events of campaigns, by the changed item's `entity` (change-events.ts asks these
// mappers as it asks its own): a change of a campaign's state is its launch, pause, resume,
// cancellation or completion. Writes that leave the state alone (fan-out progress) publish nothing.
import {
  campaignCancelledV1,
  campaignCompletedV1,
  campaignLaunchedV1,
  campaignPausedV1,
  campaignResumedV1,
} from '../../events/schemas/campaigns.ts';
import type { CampaignItem } from '../domain/campaigns/campaign.entity.ts';
import type { Change, DomainEvent } from './change-events.ts';

type Mapper = (change: Change) => DomainEvent[];

const campaign: Mapper = ({ kind, newImage, oldImage, at }) => {
  if (kind !== 'MODIFY' || !newImage || !oldImage) return [];
  const after = newImage as CampaignItem & { lastRun?: { runId: string; sent: number; skipped: number } };
  const before = oldImage as CampaignItem;
  const runChanged = after.runId !== before.runId;
  if (after.state === before.state && !runChanged) return [];
  const base = { campaignId: after.id, actorId: after.updatedBy, at };
  if (after.state === 'sending' && after.runId && (before.state !== 'sending' || runChanged)) {
    return before.state === 'paused' && !runChanged
      ? [{ contract: campaignResumedV1, detail: { ...base, runId: after.runId } }]
      : [{ contract: campaignLaunchedV1, detail: { ...base, runId: after.runId } }];
  }
  if (after.state === 'paused' && before.state !== 'paused' && after.runId)
    return [
      {
        contract: campaignPausedV1,
        detail: {
          ...base,
          runId: after.runId,
          ...(after.pausedReason ? { reason: after.pausedReason } : {}),
        },
      },
    ];
  if (after.state === 'cancelled' && before.state !== 'cancelled')
    return [
      { contract: campaignCancelledV1, detail: { ...base, ...(after.runId ? { runId: after.runId } : {}) } },
    ];
  if (
    before.state === 'sending' &&
    (after.state === 'completed' || after.state === 'scheduled') &&
    after.lastRun
  )
    return [
      {
        contract: campaignCompletedV1,
        detail: {
          ...base,
          runId: after.lastRun.runId,
          sent: after.lastRun.sent,
          skipped: after.lastRun.skipped,
        },
      },
    ];
  return [];
};

export const campaignMappers: Readonly<Record<string, Mapper>> = { campaign };
