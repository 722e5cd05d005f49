// The system side of a campaign run (docs/campaigns.md "The sending path"): a scheduled launch
// starting a run, the fan-out's page-by-page progress, re-enqueueing queued recipients on
// resume, the audience count, and completion once every recipient is accounted for. Each step
// is a conditional write on the run it belongs to, so repeated or late events change nothing.
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { nowIso } from '../../lib/clock.ts';
import { conditionFailedAt, db, isConditionFailed, tableName } from '../../lib/dynamo.ts';
import { auditPut } from '../mutations.ts';
import {
  allRecipientPartitions,
  type CampaignItem,
  campaignKey,
  runStatsKey,
  type SendMessage,
} from './campaign.entity.ts';
import { localFaults } from './ses-client.ts';

export const senderActor = 'system:campaign-sender';

export const readCampaign = async (id: string): Promise<CampaignItem | undefined> =>
  (await db.send(new GetCommand({ TableName: tableName, Key: campaignKey(id), ConsistentRead: true })))
    .Item as CampaignItem | undefined;

export const newFanOut = () => ({
  state: 'running' as const,
  pages: 0,
  enqueued: 0,
  excluded: { noConsent: 0, unsubscribed: 0, suppressed: 0, noEmail: 0 },
});

/** scheduled → sending with a new run (the launch schedule fired); false when not scheduled. */
export const startScheduledRun = async (campaignId: string): Promise<boolean> => {
  const at = nowIso();
  const runId = ulid();
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: campaignKey(campaignId),
              UpdateExpression:
                'SET #state = :sending, runId = :run, fanOut = :fanOut, launchedAt = :at, updatedAt = :at, updatedBy = :by, #version = #version + :one, runs = if_not_exists(runs, :zero) + :one REMOVE audienceCount, pausedReason',
              ConditionExpression: '#state = :scheduled',
              ExpressionAttributeNames: { '#state': 'state', '#version': 'version' },
              ExpressionAttributeValues: {
                ':sending': 'sending',
                ':scheduled': 'scheduled',
                ':run': runId,
                ':fanOut': newFanOut(),
                ':at': at,
                ':by': senderActor,
                ':one': 1,
                ':zero': 0,
              },
            },
          },
          auditPut({
            subject: 'campaign',
            subjectId: campaignId,
            action: 'updated',
            actorId: senderActor,
            at,
            changes: [
              { field: 'state', from: 'scheduled', to: 'sending' },
              { field: 'runId', to: runId },
            ],
          }),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailedAt(error, 0)) return false;
    throw error;
  }
};

// ---------------------------------------------------------------------------------------------
// Enqueueing

const queueEnv = 'QUEUE_URL_CAMPAIGN_SENDS';
const sqsClient = async () => {
  const { sqs } = await import('../../lib/queues.ts');
  return sqs;
};

/** Up to 50 recipients per message, 10 messages per SendMessageBatch; failed entries retried. */
export const enqueueRecipients = async (campaignId: string, runId: string, contactIds: readonly string[]) => {
  if (contactIds.length === 0) return;
  const queueUrl = process.env[queueEnv];
  if (!queueUrl) throw new Error(`missing environment variable ${queueEnv}`);
  const sqs = await sqsClient();
  const faults = await localFaults();
  let entries: SendMessageBatchRequestEntry[] = [];
  for (let i = 0; i < contactIds.length; i += 50) {
    const body: SendMessage = { campaignId, runId, contactIds: contactIds.slice(i, i + 50) };
    entries.push({ Id: String(i / 50), MessageBody: JSON.stringify(body) });
  }
  if (faults) entries = faults.enqueueEntries(entries);
  for (let i = 0; i < entries.length; i += 10) {
    let batch = entries.slice(i, i + 10);
    for (let attempt = 0; batch.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 100 * 2 ** Math.min(attempt, 5)));
      if (attempt > 8) throw new Error('campaign-sends: entries left unsent after retries');
      const result = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch }));
      const failed = new Set((result.Failed ?? []).map((f) => f.Id));
      batch = batch.filter((e) => failed.has(e.Id));
    }
  }
};

/** The recipients of a run still queued (resume sends them; they were left when paused). */
export const queuedRecipients = async (campaignId: string, runId: string): Promise<string[]> => {
  const ids: string[] = [];
  await Promise.all(
    allRecipientPartitions(campaignId).map(async (pk) => {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            FilterExpression: '#state = :queued AND runId = :run',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':pk': pk, ':queued': 'queued', ':run': runId },
            ProjectionExpression: 'contactId',
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        for (const item of page.Items ?? []) ids.push(String(item.contactId));
        start = page.LastEvaluatedKey;
      } while (start);
    }),
  );
  return ids;
};

/** How many recipients the run has: its audience, fixed when the fan-out ends. */
export const countRunRecipients = async (campaignId: string, runId: string): Promise<number> => {
  const counts = await Promise.all(
    allRecipientPartitions(campaignId).map(async (pk) => {
      let n = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            FilterExpression: 'runId = :run',
            ExpressionAttributeValues: { ':pk': pk, ':run': runId },
            Select: 'COUNT',
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        n += page.Count ?? 0;
        start = page.LastEvaluatedKey;
      } while (start);
      return n;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
};

export type PageProgress = {
  readonly previousCursor?: string;
  readonly cursor?: string;
  readonly enqueued: number;
  readonly excluded: Record<string, number>;
  /** Set on the last page: the run's audience. */
  readonly audienceCount?: number;
};

/**
 * Saves the fan-out's progress after a page, once: conditional on the run and on the cursor the
 * page started from. False when another fan-out of the run got there first, or the run changed.
 */
export const savePage = async (campaignId: string, runId: string, p: PageProgress): Promise<boolean> => {
  const names: Record<string, string> = { '#fo': 'fanOut', '#c': 'cursor' };
  const values: Record<string, unknown> = { ':run': runId, ':one': 1, ':n': p.enqueued, ':at': nowIso() };
  const sets = ['#fo.pages = #fo.pages + :one', '#fo.enqueued = #fo.enqueued + :n', 'fanOutAt = :at'];
  Object.entries(p.excluded).forEach(([reason, n], i) => {
    names[`#x${i}`] = reason;
    values[`:x${i}`] = n;
    sets.push(`#fo.excluded.#x${i} = #fo.excluded.#x${i} + :x${i}`);
  });
  let remove = '';
  if (p.cursor) {
    values[':cursor'] = p.cursor;
    sets.push('#fo.#c = :cursor');
  } else {
    names['#fs'] = 'state';
    values[':done'] = 'done';
    values[':audience'] = p.audienceCount ?? 0;
    sets.push('#fo.#fs = :done', 'audienceCount = :audience');
    remove = ' REMOVE #fo.#c';
  }
  const cursorCondition = p.previousCursor ? '#fo.#c = :prev' : 'attribute_not_exists(#fo.#c)';
  if (p.previousCursor) values[':prev'] = p.previousCursor;
  names['#fs'] = 'state';
  values[':running'] = 'running';
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: campaignKey(campaignId),
        UpdateExpression: `SET ${sets.join(', ')}${remove}`,
        ConditionExpression: `runId = :run AND #fo.#fs = :running AND ${cursorCondition}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
};

export type RunStats = { readonly sent: number; readonly skipped: number; readonly firstSentAt?: string };

export const readRunStats = async (campaignId: string, runId: string): Promise<RunStats> => {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: runStatsKey(campaignId, runId), ConsistentRead: true }),
  );
  return {
    sent: Number(Item?.sent ?? 0),
    skipped: Number(Item?.skipped ?? 0),
    ...(Item?.firstSentAt ? { firstSentAt: String(Item.firstSentAt) } : {}),
  };
};

/**
 * Completes the run when its fan-out has ended and every recipient is sent or skipped: a
 * one-off campaign becomes `completed`, a recurring one `scheduled` for its next occurrence.
 * Conditional on the run still sending, so it happens once. True when this call completed it.
 */
export const completeRunIfDone = async (campaignId: string, runId: string): Promise<boolean> => {
  const campaign = await readCampaign(campaignId);
  if (!campaign || campaign.runId !== runId || campaign.state !== 'sending') return false;
  if (campaign.fanOut?.state !== 'done' || campaign.audienceCount === undefined) return false;
  const stats = await readRunStats(campaignId, runId);
  if (stats.sent + stats.skipped < campaign.audienceCount) return false;
  const at = nowIso();
  const next = campaign.schedule.kind === 'recurring' ? 'scheduled' : 'completed';
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: campaignKey(campaignId),
              UpdateExpression:
                'SET #state = :next, completedAt = :at, lastRun = :last, updatedAt = :at, updatedBy = :by, #version = #version + :one',
              ConditionExpression: '#state = :sending AND runId = :run',
              ExpressionAttributeNames: { '#state': 'state', '#version': 'version' },
              ExpressionAttributeValues: {
                ':next': next,
                ':sending': 'sending',
                ':run': runId,
                ':at': at,
                ':by': senderActor,
                ':one': 1,
                ':last': {
                  runId,
                  sent: stats.sent,
                  skipped: stats.skipped,
                  audienceCount: campaign.audienceCount,
                },
              },
            },
          },
          auditPut({
            subject: 'campaign',
            subjectId: campaignId,
            action: 'updated',
            actorId: senderActor,
            at,
            changes: [{ field: 'state', from: 'sending', to: next }],
          }),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailedAt(error, 0)) return false;
    throw error;
  }
};
