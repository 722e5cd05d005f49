// What comes back after a campaign e-mail went out (docs/campaigns.md "Interfaces between the
// parts"): first-time outcomes on the recipient's send record, and the campaign's counters that
// count them. A counter is ADDed in the same transaction as the conditional transition it
// counts, so a repeated event or click never counts twice:
// - send record `SEND#<campaignId>#<contactId>` / `SEND`: `delivered`, `bounced`, `complained`,
//   `opened`, `clicked`, `unsubscribed` (first times), `clickedLinks` (hashes of links clicked);
// - `CAMPAIGN#<id>` / `STATS#<YYYY-MM-DDTHH>` (UTC hour) and `CAMPAIGN#<id>` / `TOTALS`;
// - `CAMPAIGN#<id>` / `LINK#<sha1 of url>`: `url`, `clicks`, `uniqueClicks`.
// The send record must exist (the sender claims it before calling SES): an outcome for a
// recipient the CRM has no send record of changes nothing.
import { createHash } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { conditionFailedAt, db, tableName } from '../../lib/dynamo.ts';
import type { TransactItem } from '../mutations.ts';

export const sendRecordKey = (campaignId: string, contactId: string) =>
  ({ pk: `SEND#${campaignId}#${contactId}`, sk: 'SEND' }) as const;
export const campaignStatsKey = (campaignId: string, hour: string) =>
  ({ pk: `CAMPAIGN#${campaignId}`, sk: `STATS#${hour}` }) as const;
export const campaignTotalsKey = (campaignId: string) =>
  ({ pk: `CAMPAIGN#${campaignId}`, sk: 'TOTALS' }) as const;
export const linkHash = (url: string): string => createHash('sha1').update(url).digest('hex');
export const campaignLinkKey = (campaignId: string, url: string) =>
  ({ pk: `CAMPAIGN#${campaignId}`, sk: `LINK#${linkHash(url)}` }) as const;

/** The UTC hour of an ISO time, as the STATS items are keyed: `2026-11-24T09`. */
export const statsHour = (at: string): string => new Date(at).toISOString().slice(0, 13);

/** The first-time outcomes of a recipient; each is also the name of its counter. */
export type Outcome = 'delivered' | 'bounced' | 'complained' | 'opened' | 'clicked' | 'unsubscribed';

const addCounter = (key: { pk: string; sk: string }, counter: string, extra?: Record<string, string>) => {
  const names: Record<string, string> = { '#c': counter };
  const values: Record<string, unknown> = { ':one': 1 };
  const sets: string[] = [];
  for (const [i, [field, value]] of Object.entries(extra ?? {}).entries()) {
    names[`#e${i}`] = field;
    values[`:e${i}`] = value;
    sets.push(`#e${i} = :e${i}`);
  }
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: `${sets.length ? `SET ${sets.join(', ')} ` : ''}ADD #c :one`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  } satisfies TransactItem;
};

/** The hour's and the campaign's counter of an outcome, +1. */
export const countOutcome = (campaignId: string, outcome: Outcome, at: string): TransactItem[] => [
  addCounter(campaignStatsKey(campaignId, statsHour(at)), outcome, { entity: 'campaign-stats' }),
  addCounter(campaignTotalsKey(campaignId), outcome, { entity: 'campaign-totals' }),
];

const sendTransactions = async (items: TransactItem[]): Promise<boolean> => {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    if (conditionFailedAt(error, 0)) return false;
    throw error;
  }
};

/**
 * Records the recipient's first `outcome` at `at` on its send record and counts it; false (and
 * nothing written) when it was recorded before or there is no send record.
 */
export const recordFirstOutcome = (
  campaignId: string,
  contactId: string,
  outcome: Outcome,
  at: string,
): Promise<boolean> =>
  sendTransactions([
    {
      Update: {
        TableName: tableName,
        Key: sendRecordKey(campaignId, contactId),
        UpdateExpression: 'SET #o = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#o)',
        ExpressionAttributeNames: { '#o': outcome },
        ExpressionAttributeValues: { ':at': at },
      },
    },
    ...countOutcome(campaignId, outcome, at),
  ]);

/** The recipient's first click on this link: counts a unique click of it; false otherwise. */
export const recordFirstLinkClick = (campaignId: string, contactId: string, url: string): Promise<boolean> =>
  sendTransactions([
    {
      Update: {
        TableName: tableName,
        Key: sendRecordKey(campaignId, contactId),
        UpdateExpression: 'ADD clickedLinks :set',
        ConditionExpression: 'attribute_exists(pk) AND NOT contains(clickedLinks, :hash)',
        ExpressionAttributeValues: { ':set': new Set([linkHash(url)]), ':hash': linkHash(url) },
      },
    },
    addCounter(campaignLinkKey(campaignId, url), 'uniqueClicks', { entity: 'campaign-link', url }),
  ]);

/** Every click of a link (`clicks`), in the transaction that claims the click event once. */
export const countLinkClick = (campaignId: string, url: string): TransactItem =>
  addCounter(campaignLinkKey(campaignId, url), 'clicks', { entity: 'campaign-link', url });
