// The campaign report (docs/campaigns.md "Report"): totals and hourly series of what was sent
// and what came back (the counters the sender and the SES events handler ADD), clicks per link,
// and attribution — deals whose lead source names the campaign, and deals created after its
// first send whose company or contacts were recipients it sent to: count, amount and won amount
// per currency.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../lib/dynamo.ts';
import type { Principal } from '../../lib/principal.ts';
import { campaignTotalsKey } from '../campaign-results/campaign-results.ts';
import { allDeals, type DealItem } from '../deals/deal.entity.ts';
import { requireMarketingReader } from '../records/access.ts';
import { allRecipientPartitions } from './campaign.entity.ts';
import { getCampaignItem } from './campaigns.ts';

export const reportCounters = [
  'sent',
  'skipped',
  'delivered',
  'bounced',
  'complained',
  'unsubscribed',
  'opened',
  'clicked',
] as const;

type Item = Record<string, unknown>;

const queryAll = async (input: ConstructorParameters<typeof QueryCommand>[0]): Promise<Item[]> => {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await db.send(
      new QueryCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }),
    );
    items.push(...((page.Items ?? []) as Item[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

const counters = (item: Item | undefined) =>
  Object.fromEntries(reportCounters.map((c) => [c, Number(item?.[c] ?? 0)])) as Record<
    (typeof reportCounters)[number],
    number
  >;

const beginsWith = (campaignId: string, prefix: string) =>
  queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `CAMPAIGN#${campaignId}`, ':prefix': prefix },
  });

/** Contacts and companies the campaign sent to. */
const sentAudience = async (campaignId: string) => {
  const contacts = new Set<string>();
  const companies = new Set<string>();
  await Promise.all(
    allRecipientPartitions(campaignId).map(async (pk) => {
      for (const r of await queryAll({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: '#state = :sent',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':pk': pk, ':sent': 'sent' },
        ProjectionExpression: 'contactId, companyId',
      })) {
        contacts.add(String(r.contactId));
        if (r.companyId) companies.add(String(r.companyId));
      }
    }),
  );
  return { contacts, companies };
};

type DealSum = { readonly id: string; readonly value: DealItem['value']; readonly status: string };

/** Count, amount and won amount per currency of some deals. */
const dealTotals = (deals: Iterable<DealSum>) => {
  let count = 0;
  const sums = new Map<string, { amount: number; wonAmount: number }>();
  for (const deal of deals) {
    count++;
    const sum = sums.get(deal.value.currency) ?? { amount: 0, wonAmount: 0 };
    sum.amount += deal.value.amount;
    if (deal.status === 'won') sum.wonAmount += deal.value.amount;
    sums.set(deal.value.currency, sum);
  }
  return { count, byCurrency: [...sums].map(([currency, s]) => ({ currency, ...s })) };
};

/**
 * Deals from the campaign, two ways: `sourced` names it as the deal's lead source (link items in
 * the campaign's partition, kept with the deal); `reached` was created after the first send at a
 * company or contact it sent to. `count` and `byCurrency` are of both, each deal once.
 */
const attributedDeals = async (campaignId: string, firstSentAt: string | undefined) => {
  const sourced = new Map<string, DealSum>();
  for (const link of await beginsWith(campaignId, 'DEAL#'))
    sourced.set(String(link.dealId), {
      id: String(link.dealId),
      value: link.value as DealItem['value'],
      status: String(link.status),
    });
  const reached = new Map<string, DealSum>();
  if (firstSentAt) {
    // The deals since the first send, then (only if there are any: the page polls this report
    // while the campaign sends) who was sent to.
    const deals = (
      (await queryAll({
        TableName: tableName,
        IndexName: 'gsi4',
        KeyConditionExpression: 'gsi4pk = :pk AND gsi4sk >= :from',
        ExpressionAttributeValues: { ':pk': allDeals, ':from': firstSentAt },
      })) as unknown as (DealItem & { deletedAt?: string })[]
    ).filter((deal) => !deal.deletedAt);
    const { contacts, companies } =
      deals.length > 0 ? await sentAudience(campaignId) : { contacts: new Set(), companies: new Set() };
    for (const deal of deals) {
      if (companies.has(deal.companyId) || (deal.contacts ?? []).some((c) => contacts.has(c.contactId)))
        reached.set(deal.id, deal);
    }
  }
  return {
    ...dealTotals(new Map([...reached, ...sourced]).values()),
    sourced: dealTotals(sourced.values()),
    reached: dealTotals(reached.values()),
  };
};

export const campaignReport = async (p: Principal, id: string) => {
  requireMarketingReader(p, 'campaigns');
  const campaign = await getCampaignItem(id);
  const [totalsItems, hours, links, runs] = await Promise.all([
    queryAll({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk = :sk',
      ExpressionAttributeValues: { ':pk': campaignTotalsKey(id).pk, ':sk': campaignTotalsKey(id).sk },
    }),
    beginsWith(id, 'STATS#'),
    beginsWith(id, 'LINK#'),
    beginsWith(id, 'RUN#'),
  ]);
  const firstSentAt = runs
    .map((r) => r.firstSentAt as string | undefined)
    .filter((at): at is string => Boolean(at))
    .sort()[0];
  const attribution = await attributedDeals(id, firstSentAt);
  return {
    campaign: { id: campaign.id, name: campaign.name, state: campaign.state, version: campaign.version },
    ...(campaign.audienceCount !== undefined ? { audienceCount: campaign.audienceCount } : {}),
    ...(firstSentAt ? { firstSentAt } : {}),
    totals: counters(totalsItems[0]),
    hourly: hours
      .map((h) => ({ hour: String(h.sk).slice('STATS#'.length), ...counters(h) }))
      .sort((a, b) => a.hour.localeCompare(b.hour)),
    links: links
      .map((l) => ({
        url: String(l.url),
        clicks: Number(l.clicks ?? 0),
        uniqueClicks: Number(l.uniqueClicks ?? 0),
      }))
      .sort((a, b) => b.clicks - a.clicks),
    attribution,
  };
};
