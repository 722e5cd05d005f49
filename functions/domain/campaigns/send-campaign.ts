// The campaign sender (docs/campaigns.md "The sending path", step 2): for each recipient of a
// `campaign-sends` message, in order: the campaign's state (cached a second: paused or
// cancelled leaves the recipient queued), the contact's eligibility read consistently
// (unsubscribed, suppressed or consent withdrawn since the fan-out → skipped), a token of the
// rate governor, the conditional claim of the send record, SES SendEmail with the
// List-Unsubscribe headers and the campaign/contact/run tags, then one transaction that marks
// the record sent, the recipient sent and ADDs the counters — so each is counted once.
// Throttling is retried in place with jittered backoff; after that the message is failed
// (SQS redelivers it; recipients already sent are skipped by their send records).
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { now, nowIso } from '../../lib/clock.ts';
import { conditionFailedAt, db, isConditionFailed, tableName } from '../../lib/dynamo.ts';
import { logger } from '../../lib/logger.ts';
import {
  campaignStatsKey,
  campaignTotalsKey,
  sendRecordKey,
  statsHour,
} from '../campaign-results/campaign-results.ts';
import { type ContactItem, contactKey } from '../contacts/contact.entity.ts';
import { mergeValuesFor, renderTemplate } from '../email-templates/email-templates.ts';
import { fieldsUsed } from '../email-templates/merge-fields.ts';
import type { TransactItem } from '../mutations.ts';
import { exclusionOf, marketingAddressOf } from '../segments/segment-filter.ts';
import { listUnsubscribeHeaders, unsubscribeUrl } from '../unsubscribe/unsubscribe.ts';
import { readProfileOrAccount } from '../users/profiles.ts';
import { type CampaignItem, recipientKey, runStatsKey, type SendMessage } from './campaign.entity.ts';
import { completeRunIfDone, readCampaign } from './campaign-runs.ts';
import { effectiveRateLimit, takeSendToken } from './rate-governor.ts';
import type { SesSend } from './ses-client.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A claim left by a sender that died is taken over after this long. */
export const sendLeaseMs = 2 * 60_000;
const retentionSeconds = 400 * 24 * 3600;
const throttleRetries = 5;
const busyWaits = 5;
const busyWaitMs = 1000;

export type SenderConfig = { readonly mailFrom: string; readonly configurationSet: string };

// ---------------------------------------------------------------------------------------------
// The campaign's state, cached a second per execution environment

const campaignCache = new Map<string, { at: number; campaign: CampaignItem | undefined }>();
const campaignNow = async (id: string): Promise<CampaignItem | undefined> => {
  const hit = campaignCache.get(id);
  if (hit && Date.now() - hit.at < 1000) return hit.campaign;
  const campaign = await readCampaign(id);
  campaignCache.set(id, { at: Date.now(), campaign });
  return campaign;
};

// ---------------------------------------------------------------------------------------------
// Reads

const readContacts = async (ids: readonly string[]): Promise<Map<string, ContactItem>> => {
  const found = new Map<string, ContactItem>();
  let keys: Record<string, unknown>[] = [...new Set(ids)].map((id) => contactKey(id));
  for (let attempt = 0; keys.length > 0; attempt++) {
    if (attempt > 0) await sleep(50 * 2 ** Math.min(attempt, 5));
    if (attempt > 10) throw new Error('contacts left unread after retries');
    const result = await db.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }),
    );
    for (const item of result.Responses?.[tableName] ?? []) found.set(String(item.id), item as ContactItem);
    keys = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
  }
  return found;
};

type Owner = Awaited<ReturnType<typeof readProfileOrAccount>>;
/** How long the contacts read for a message count as current at the moment of sending. */
const contactFreshMs = 1000;

const readContact = async (id: string): Promise<ContactItem | undefined> =>
  (await db.send(new GetCommand({ TableName: tableName, Key: contactKey(id), ConsistentRead: true }))).Item as
    | ContactItem
    | undefined;

const owners = new Map<string, { at: number; owner: Promise<Owner> }>();
const ownerOf = (id: string | undefined): Promise<Owner> => {
  if (!id) return Promise.resolve(undefined);
  const hit = owners.get(id);
  if (hit && Date.now() - hit.at < 60_000) return hit.owner;
  const owner = readProfileOrAccount(id).catch(() => undefined);
  owners.set(id, { at: Date.now(), owner });
  return owner;
};

// ---------------------------------------------------------------------------------------------
// Rendering

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** RFC 2047 for a display name that is not plain ASCII. */
const fromAddress = (name: string, address: string): string => {
  const plain = /^[\x20-\x7e]*$/.test(name);
  const display = plain
    ? `"${name.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
    : `=?UTF-8?B?${Buffer.from(name, 'utf8').toString('base64')}?=`;
  return `${display} <${address}>`;
};

export const renderCampaignEmail = async (campaign: CampaignItem, contact: ContactItem) => {
  const template = campaign.template;
  if (!template) throw new Error(`campaign ${campaign.id} has no template snapshot`);
  const url = await unsubscribeUrl(campaign.id, contact.id);
  const owner = await ownerOf(contact.ownerId as string | undefined);
  const values = mergeValuesFor({
    contact: contact as Parameters<typeof mergeValuesFor>[0]['contact'],
    ...(owner ? { owner } : {}),
    unsubscribeUrl: url,
  });
  const rendered = renderTemplate(template, values);
  const en = process.env.TENANT_LOCALE === 'en';
  const label = en ? 'Unsubscribe from these e-mails' : 'Отписаться от рассылки';
  // A template without the link gets a visible one appended (RFC 8058 headers are not enough).
  const html = fieldsUsed(template.html).includes('unsubscribeUrl')
    ? rendered.html
    : `${rendered.html}\n<p style="font-size:12px;color:#666"><a href="${escapeHtml(url)}">${label}</a></p>`;
  const text = fieldsUsed(template.text).includes('unsubscribeUrl')
    ? rendered.text
    : `${rendered.text}\n\n${label}: ${url}`;
  return {
    subject: rendered.subject,
    html,
    text,
    headers: await listUnsubscribeHeaders(campaign.id, contact.id),
  };
};

// ---------------------------------------------------------------------------------------------
// Records and counters

const counterUpdates = (campaignId: string, runId: string, counter: 'sent' | 'skipped', at: string) => {
  const add = (
    Key: Record<string, string>,
    entity: string,
    sets = '',
    values: Record<string, unknown> = {},
  ) => ({
    Update: {
      TableName: tableName,
      Key,
      UpdateExpression: `SET entity = :entity${sets} ADD #c :one`,
      ExpressionAttributeNames: { '#c': counter },
      ExpressionAttributeValues: { ':entity': entity, ':one': 1, ...values },
    },
  });
  const run =
    counter === 'sent'
      ? add(
          runStatsKey(campaignId, runId),
          'campaign-run',
          ', runId = :run, firstSentAt = if_not_exists(firstSentAt, :at)',
          {
            ':run': runId,
            ':at': at,
          },
        )
      : add(runStatsKey(campaignId, runId), 'campaign-run', ', runId = :run', { ':run': runId });
  return [
    run,
    add(campaignTotalsKey(campaignId), 'campaign-totals'),
    add(campaignStatsKey(campaignId, statsHour(at)), 'campaign-stats'),
  ];
};

const isConflict = (error: unknown) =>
  (error as { name?: string })?.name === 'TransactionCanceledException' &&
  ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).some(
    (r) => r.Code === 'TransactionConflict',
  );

/** A transaction retried while it only conflicts with another one on the hot counters. */
const transact = async (items: TransactItem[]) => {
  for (let attempt = 0; ; attempt++) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (!isConflict(error) || attempt >= 12) throw error;
      await sleep(Math.random() * 20 * 2 ** Math.min(attempt, 6));
    }
  }
};

/** queued → skipped with the reason, counted once; nothing when it is no longer queued. */
const skipRecipient = async (campaignId: string, runId: string, contactId: string, reason: string) => {
  const at = nowIso();
  try {
    await transact([
      {
        Update: {
          TableName: tableName,
          Key: recipientKey(campaignId, contactId),
          UpdateExpression: 'SET #state = :skipped, reason = :reason, skippedAt = :at',
          ConditionExpression: '#state = :queued AND runId = :run',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':skipped': 'skipped',
            ':queued': 'queued',
            ':reason': reason,
            ':at': at,
            ':run': runId,
          },
        },
      },
      ...counterUpdates(campaignId, runId, 'skipped', at),
    ]);
  } catch (error) {
    if (!conditionFailedAt(error, 0)) throw error;
  }
};

type Claim =
  | { readonly status: 'claimed'; readonly claimedAt: string }
  | { readonly status: 'sent' | 'busy' };

const claimSend = async (
  campaign: CampaignItem,
  runId: string,
  contactId: string,
  email: string,
): Promise<Claim> => {
  const at = now();
  const claimedAt = at.toISOString();
  const key = sendRecordKey(campaign.id, contactId);
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression:
          'SET #status = :sending, claimedAt = :claimedAt, runId = :run, email = :email, campaignId = :campaign, contactId = :contact, entity = :entity, expiresAt = :expiresAt ADD attempts :one',
        ConditionExpression: 'attribute_not_exists(pk) OR (#status = :sending AND claimedAt < :staleBefore)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':claimedAt': claimedAt,
          ':run': runId,
          ':email': email,
          ':campaign': campaign.id,
          ':contact': contactId,
          ':entity': 'campaign-send',
          ':expiresAt': Math.floor(at.getTime() / 1000) + retentionSeconds,
          ':one': 1,
          ':staleBefore': new Date(at.getTime() - sendLeaseMs).toISOString(),
        },
      }),
    );
    return { status: 'claimed', claimedAt };
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return { status: Item?.status === 'sent' ? 'sent' : 'busy' };
  }
};

const releaseClaim = (campaignId: string, contactId: string, claimedAt: string) =>
  db
    .send(
      new DeleteCommand({
        TableName: tableName,
        Key: sendRecordKey(campaignId, contactId),
        ConditionExpression: '#status = :sending AND claimedAt = :claimedAt',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sending': 'sending', ':claimedAt': claimedAt },
      }),
    )
    .catch(() => undefined);

const markSent = async (
  campaignId: string,
  runId: string,
  contactId: string,
  claimedAt: string,
  messageId: string,
) => {
  const at = nowIso();
  const record = {
    Update: {
      TableName: tableName,
      Key: sendRecordKey(campaignId, contactId),
      UpdateExpression: 'SET #status = :sent, sentAt = :at, messageId = :messageId',
      ConditionExpression: '#status = :sending AND claimedAt = :claimedAt',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':sent': 'sent',
        ':sending': 'sending',
        ':claimedAt': claimedAt,
        ':at': at,
        ':messageId': messageId,
      },
    },
  };
  try {
    await transact([
      record,
      {
        Update: {
          TableName: tableName,
          Key: recipientKey(campaignId, contactId),
          UpdateExpression: 'SET #state = :sent, sentAt = :at REMOVE reason',
          ConditionExpression: '#state = :queued AND runId = :run',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sent': 'sent', ':queued': 'queued', ':at': at, ':run': runId },
        },
      },
      ...counterUpdates(campaignId, runId, 'sent', at),
    ]);
  } catch (error) {
    // The recipient is not a queued one of this run (it cannot count toward it): the record still
    // must say sent, or a redelivery would send again.
    if (!conditionFailedAt(error, 1)) throw error;
    await db.send(new UpdateCommand(record.Update));
  }
};

const throttled = (error: unknown) =>
  ['TooManyRequestsException', 'Throttling', 'ThrottlingException', 'LimitExceededException'].includes(
    (error as { name?: string })?.name ?? '',
  );

// ---------------------------------------------------------------------------------------------
// One recipient, one message

export type RecipientOutcome = 'sent' | 'already-sent' | 'skipped' | 'held' | 'retry';

/** Why a contact must not get the e-mail (gone, or excluded since the fan-out), if so. */
const skipReason = (contact: ContactItem | undefined): string | undefined =>
  !contact || contact.deletedAt || contact.mergedInto ? 'deleted' : exclusionOf(contact);

const sendToRecipient = async (
  ses: SesSend,
  config: SenderConfig,
  message: SendMessage,
  contact: ContactItem | undefined,
  contactId: string,
  contactsReadAt: number,
): Promise<RecipientOutcome> => {
  const campaign = await campaignNow(message.campaignId);
  if (!campaign || campaign.runId !== message.runId || campaign.state !== 'sending') return 'held';
  const reason = skipReason(contact);
  if (reason || !contact) {
    await skipRecipient(campaign.id, message.runId, contactId, reason ?? 'deleted');
    return 'skipped';
  }
  const email = marketingAddressOf(contact) as string;
  const limit = await effectiveRateLimit(ses, campaign.rateLimitPerSecond);
  let claim = await claimSend(campaign, message.runId, contactId, email);
  // Another sender holds a live claim: usually a duplicate delivery of this message being sent
  // right now. Wait a little for it to finish rather than spend one of the message's receives.
  for (let waited = 0; claim.status === 'busy' && waited < busyWaits; waited++) {
    await sleep(busyWaitMs);
    claim = await claimSend(campaign, message.runId, contactId, email);
  }
  if (claim.status !== 'claimed') return claim.status === 'sent' ? 'already-sent' : 'retry';
  const { claimedAt } = claim;
  let messageId: string;
  try {
    const rendered = await renderCampaignEmail(campaign, contact);
    const command = new SendEmailCommand({
      FromEmailAddress: fromAddress(campaign.fromName, config.mailFrom),
      Destination: { ToAddresses: [email] },
      ConfigurationSetName: config.configurationSet,
      EmailTags: [
        { Name: 'campaign', Value: campaign.id },
        { Name: 'contact', Value: contactId },
        { Name: 'run', Value: message.runId },
      ],
      Content: {
        Simple: {
          Subject: { Data: rendered.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: rendered.text, Charset: 'UTF-8' },
            Html: { Data: rendered.html, Charset: 'UTF-8' },
          },
          Headers: rendered.headers.map((h) => ({ Name: h.name, Value: h.value })),
        },
      },
    });
    for (let attempt = 0; ; attempt++) {
      await takeSendToken(limit);
      // At a low rate a recipient may wait here for seconds: a pause or cancel meanwhile holds it.
      const current = await campaignNow(message.campaignId);
      if (current?.runId !== message.runId || current.state !== 'sending') {
        await releaseClaim(campaign.id, contactId, claimedAt);
        return 'held';
      }
      // The message's contacts were read more than a second ago: an unsubscribe (or bounce,
      // or deletion) since then must still stop this e-mail, so read this one again.
      if (Date.now() - contactsReadAt > contactFreshMs) {
        const now = await readContact(contactId);
        const why = skipReason(now);
        if (why) {
          await releaseClaim(campaign.id, contactId, claimedAt);
          await skipRecipient(campaign.id, message.runId, contactId, why);
          return 'skipped';
        }
      }
      try {
        messageId = (await ses.send(command)).MessageId ?? '';
        break;
      } catch (error) {
        if (!throttled(error) || attempt >= throttleRetries) throw error;
        await sleep(Math.random() * 100 * 2 ** attempt);
      }
    }
  } catch (error) {
    await releaseClaim(campaign.id, contactId, claimedAt);
    if (throttled(error)) return 'retry';
    throw error;
  }
  await markSent(campaign.id, message.runId, contactId, claimedAt, messageId);
  return 'sent';
};

/** Thrown when some recipients of a message must be tried again: SQS redelivers the message. */
export class RecipientsToRetry extends Error {}

export const sendCampaignMessage = async (
  ses: SesSend,
  config: SenderConfig,
  message: SendMessage,
  options: { readonly concurrency?: number } = {},
): Promise<Record<RecipientOutcome, number>> => {
  const outcomes: Record<RecipientOutcome, number> = {
    sent: 0,
    'already-sent': 0,
    skipped: 0,
    held: 0,
    retry: 0,
  };
  const campaign = await campaignNow(message.campaignId);
  if (!campaign || campaign.runId !== message.runId || campaign.state !== 'sending') {
    outcomes.held = message.contactIds.length;
    return outcomes;
  }
  const contacts = await readContacts(message.contactIds);
  const contactsReadAt = Date.now();
  let next = 0;
  let failure: unknown;
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency ?? 5, message.contactIds.length) }, async () => {
      while (next < message.contactIds.length) {
        const contactId = message.contactIds[next++] as string;
        try {
          outcomes[
            await sendToRecipient(ses, config, message, contacts.get(contactId), contactId, contactsReadAt)
          ]++;
        } catch (error) {
          failure ??= error;
          outcomes.retry++;
        }
      }
    }),
  );
  if (failure) throw failure;
  if (outcomes.retry > 0) throw new RecipientsToRetry(`${outcomes.retry} recipients of the message to retry`);
  if (outcomes.sent + outcomes.skipped > 0) await completeRunIfDone(message.campaignId, message.runId);
  logger.debug('campaign message', { campaignId: message.campaignId, ...outcomes });
  return outcomes;
};
