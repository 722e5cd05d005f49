// The fan-out of a campaign run (docs/campaigns.md "The sending path", step 1): walks the
// launch's snapshot of the segment page by page from the saved cursor; for each page writes the
// recipients (`attribute_not_exists`, or adopting one left queued by an earlier run), enqueues
// them to `campaign-sends`, then saves the cursor. A crash or a duplicate event re-runs at most
// one page: its recipients are enqueued again, which the sender's send records make harmless.
// A resume first re-enqueues the recipients left queued when the campaign was paused.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailed, tableName } from '../../lib/dynamo.ts';
import { logger } from '../../lib/logger.ts';
import { walkSegment } from '../segments/evaluate.ts';
import { recipientKey } from './campaign.entity.ts';
import {
  completeRunIfDone,
  countRunRecipients,
  enqueueRecipients,
  queuedRecipients,
  readCampaign,
  savePage,
} from './campaign-runs.ts';

const pool = async <T>(items: readonly T[], size: number, run: (item: T) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) await run(items[next++] as T);
    }),
  );
};

/** Writes a recipient of the run; false when the contact already is one in another state or run. */
const writeRecipient = async (
  campaignId: string,
  runId: string,
  contactId: string,
  email: string,
  companyId: string | undefined,
) => {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...recipientKey(campaignId, contactId),
          entity: 'campaign-recipient',
          campaignId,
          contactId,
          runId,
          email,
          ...(companyId ? { companyId } : {}),
          state: 'queued',
        },
        // New, or left queued by an earlier run (cancelled): it joins this run.
        ConditionExpression: 'attribute_not_exists(pk) OR (#state = :queued AND runId <> :run)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':queued': 'queued', ':run': runId },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
};

export type FanOutResult = 'done' | 'stopped' | 'not-current';

export const fanOutCampaign = async (
  campaignId: string,
  runId: string,
  options: { readonly resume?: boolean; readonly pageSize?: number } = {},
): Promise<FanOutResult> => {
  let campaign = await readCampaign(campaignId);
  if (!campaign || campaign.runId !== runId || campaign.state !== 'sending' || !campaign.filter)
    return 'not-current';
  if (options.resume) {
    const queued = await queuedRecipients(campaignId, runId);
    await enqueueRecipients(campaignId, runId, queued);
    logger.info('resume: queued recipients enqueued again', { campaignId, runId, count: queued.length });
  }
  if (campaign.fanOut?.state === 'done') {
    await completeRunIfDone(campaignId, runId);
    return 'done';
  }
  let previousCursor = campaign.fanOut?.cursor;
  for await (const page of walkSegment(campaign.filter, {
    ...(previousCursor ? { cursor: previousCursor } : {}),
    pageSize: options.pageSize ?? 500,
  })) {
    const enqueue: string[] = [];
    await pool(page.eligible, 16, async (e) => {
      const contactId = e.contact.id;
      // Already a recipient of this run (a re-run page) is enqueued again too; one of another
      // run that was sent or skipped stays out (a recurring campaign reaches newcomers).
      await writeRecipient(campaignId, runId, contactId, e.email, e.contact.companyId as string | undefined);
      enqueue.push(contactId);
    });
    await enqueueRecipients(campaignId, runId, enqueue);
    const last = !page.cursor;
    const saved = await savePage(campaignId, runId, {
      ...(previousCursor ? { previousCursor } : {}),
      ...(page.cursor ? { cursor: page.cursor } : {}),
      enqueued: enqueue.length,
      excluded: page.excluded,
      ...(last ? { audienceCount: await countRunRecipients(campaignId, runId) } : {}),
    });
    if (!saved) {
      logger.info('fan-out: another fan-out of the run is ahead, or the run changed', { campaignId, runId });
      return 'stopped';
    }
    if (last) break;
    previousCursor = page.cursor;
    campaign = await readCampaign(campaignId);
    if (!campaign || campaign.runId !== runId || campaign.state !== 'sending') {
      logger.info('fan-out stops: the campaign is no longer sending', { campaignId, state: campaign?.state });
      return 'stopped';
    }
  }
  await completeRunIfDone(campaignId, runId);
  return 'done';
};
