// The tables side of SES events: a claim per event (so that an event delivered twice counts
// once), the tenant's hourly rate buckets, and pausing the sending campaigns.
//   `SES-EVENT#<sha1 of the event's identity>` / `SES-EVENT` (TTL 30 days): claimed in the same
//   transaction as the counters it guards;
//   `MAIL-RATES` / `HOUR#<YYYY-MM-DDTHH>`: `sends`, `bounces`, `complaints` of the tenant;
//   `CAMPAIGN#<id>` / `CAMPAIGN`, listed on gsi4 `CAMPAIGNS`: `state: sending → paused`.
import { createHash } from 'node:crypto';
import { paginateQuery, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../../lib/clock.ts';
import { conditionFailedAt, db, tableName } from '../../lib/dynamo.ts';
import { statsHour } from '../campaign-results/campaign-results.ts';
import { type CampaignState, campaignKey, campaignList } from '../campaigns/campaign.entity.ts';
import { auditPut, type TransactItem } from '../mutations.ts';
import type { RateBucket } from './sending-rates.ts';
import type { SesEvent } from './ses-event.ts';

const claimDays = 30;
const ratesPartition = 'MAIL-RATES';
/** How far back the rate window may reach, whatever the volume. */
const windowDays = 30;

/** What makes an event itself: a redelivery or a re-publication has the same identity. */
export const sesEventIdentity = (e: SesEvent): string => {
  const sub = e.delivery ?? e.bounce ?? e.complaint ?? e.open ?? e.click;
  const recipients = [
    ...(e.delivery?.recipients ?? []),
    ...(e.bounce?.bouncedRecipients ?? []).map((r) => r.emailAddress),
    ...(e.complaint?.complainedRecipients ?? []).map((r) => r.emailAddress),
  ].sort();
  return createHash('sha1')
    .update(
      [e.eventType, e.mail.messageId, sub?.timestamp ?? '', e.click?.link ?? '', ...recipients].join('\n'),
    )
    .digest('hex');
};

const claim = (identity: string): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: {
      pk: `SES-EVENT#${identity}`,
      sk: 'SES-EVENT',
      entity: 'ses-event',
      claimedAt: nowIso(),
      expiresAt: Math.floor(Date.now() / 1000) + claimDays * 86_400,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** Writes `writes` with the event's claim; false (nothing written) when the event was handled before. */
export const onceForEvent = async (identity: string, writes: readonly TransactItem[]): Promise<boolean> => {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: [claim(identity), ...writes] }));
    return true;
  } catch (error) {
    if (conditionFailedAt(error, 0)) return false;
    throw error;
  }
};

/** +1 on the hour's sends, bounces or complaints of the tenant. */
export const countRate = (
  at: string,
  counts: Partial<Record<'sends' | 'bounces' | 'complaints', number>>,
): TransactItem => {
  const entries = Object.entries(counts).filter(([, n]) => n);
  return {
    Update: {
      TableName: tableName,
      Key: { pk: ratesPartition, sk: `HOUR#${statsHour(at)}` },
      UpdateExpression: `SET entity = :entity ADD ${entries.map((_, i) => `#c${i} :n${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([c], i) => [`#c${i}`, c])),
      ExpressionAttributeValues: {
        ':entity': 'mail-rates',
        ...Object.fromEntries(entries.map(([, n], i) => [`:n${i}`, n])),
      },
    },
  };
};

/** The tenant's hourly buckets, newest first, until `enough` sends (at most `windowDays` back). */
export const readRateBuckets = async (now: Date, enough: number): Promise<RateBucket[]> => {
  const from = statsHour(new Date(now.getTime() - windowDays * 86_400_000).toISOString());
  const buckets: RateBucket[] = [];
  let sends = 0;
  for await (const page of paginateQuery(
    { client: db, pageSize: 200 },
    {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': ratesPartition, ':from': `HOUR#${from}`, ':to': 'HOUR#~' },
      ScanIndexForward: false,
    },
  )) {
    for (const item of page.Items ?? []) {
      const bucket = {
        hour: String(item.sk).slice('HOUR#'.length),
        sends: Number(item.sends ?? 0),
        bounces: Number(item.bounces ?? 0),
        complaints: Number(item.complaints ?? 0),
      };
      buckets.push(bucket);
      sends += bucket.sends;
    }
    if (sends >= enough) break;
  }
  return buckets;
};

/** Ids of the campaigns now sending (gsi4 `CAMPAIGNS`, docs/campaigns.md). */
export const sendingCampaignIds = async (): Promise<string[]> => {
  const ids: string[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: campaignList.indexName,
        KeyConditionExpression: `${campaignList.indexName}pk = :pk`,
        FilterExpression: '#state = :sending',
        ExpressionAttributeNames: { '#state': 'state', '#id': 'id' },
        ExpressionAttributeValues: { ':pk': campaignList.pk, ':sending': 'sending' satisfies CampaignState },
        ProjectionExpression: 'pk, #id',
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? [])
      ids.push(String(item.id ?? String(item.pk).slice('CAMPAIGN#'.length)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return ids;
};

export const rateCheckActor = 'system:ses-events';

/**
 * `sending → paused` with the reason, audited; false when the campaign was no longer sending
 * (paused, cancelled or completed meanwhile), which changes nothing.
 */
export const pauseSendingCampaign = async (campaignId: string, reason: string): Promise<boolean> => {
  const at = nowIso();
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: campaignKey(campaignId),
              UpdateExpression:
                'SET #state = :paused, pausedReason = :reason, pausedAt = :at, updatedAt = :at, updatedBy = :by, #version = if_not_exists(#version, :zero) + :one',
              ConditionExpression: '#state = :sending',
              ExpressionAttributeNames: { '#state': 'state', '#version': 'version' },
              ExpressionAttributeValues: {
                ':paused': 'paused' satisfies CampaignState,
                ':sending': 'sending' satisfies CampaignState,
                ':reason': reason,
                ':at': at,
                ':by': rateCheckActor,
                ':zero': 0,
                ':one': 1,
              },
            },
          },
          auditPut({
            subject: 'campaign',
            subjectId: campaignId,
            action: 'paused',
            actorId: rateCheckActor,
            at,
            changes: [
              { field: 'state', from: 'sending', to: 'paused' },
              { field: 'pausedReason', to: reason },
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
