// One SES event (docs/campaigns.md "SES events, suppression, auto-pause"). Every step is
// idempotent on its own, so a redelivered event, a republished one or a retry after a crash
// in the middle counts nothing twice:
// - a campaign e-mail's first delivery, open, click, permanent bounce or complaint is recorded
//   on its send record and counted (campaign-results.ts); every click counts for its link once
//   per event (the event's claim);
// - a permanent bounce or a complaint suppresses the contact (the tagged one; for mail without
//   campaign tags, every contact with the address);
// - deliveries, bounces and complaints feed the tenant's hourly rates (once per event), and a
//   bounce or complaint checks them: over a limit, every sending campaign is paused.
import { now } from '../../lib/clock.ts';
import { tenantConfig } from '../../lib/env.ts';
import { logger } from '../../lib/logger.ts';
import {
  countLinkClick,
  recordFirstLinkClick,
  recordFirstOutcome,
} from '../campaign-results/campaign-results.ts';
import { contactIdsByEmail, markSuppressed } from '../contacts/contact-mail-status.ts';
import { pauseReason, rateLimits, ratesOver, rateVerdict } from './sending-rates.ts';
import { campaignTagsOf, type SesEvent } from './ses-event.ts';
import {
  countRate,
  onceForEvent,
  pauseSendingCampaign,
  rateCheckActor,
  readRateBuckets,
  sendingCampaignIds,
  sesEventIdentity,
} from './ses-event-store.ts';

export type SesEventResult = {
  /** Contacts whose address this event suppressed now. */
  readonly suppressed: readonly string[];
  /** Campaigns this event's rate check paused. */
  readonly paused: readonly string[];
};

const none: SesEventResult = { suppressed: [], paused: [] };

/** Suppresses the tagged contact, or every contact with one of the addresses. */
const suppress = async (
  tags: ReturnType<typeof campaignTagsOf>,
  addresses: readonly string[],
  reason: 'bounce' | 'complaint',
): Promise<string[]> => {
  const ids = tags
    ? [tags.contactId]
    : [...new Set((await Promise.all(addresses.map(contactIdsByEmail))).flat())];
  const done: string[] = [];
  for (const id of ids) {
    const outcome = await markSuppressed(id, reason, rateCheckActor);
    if (outcome.status === 'changed') done.push(outcome.contact.id as string);
  }
  return done;
};

/** Pauses every sending campaign when the tenant's recent rates cross a limit. */
export const checkSendingRates = async (): Promise<string[]> => {
  const rates = ratesOver(await readRateBuckets(now(), rateLimits.windowSends));
  const verdict = rateVerdict(rates);
  if (!verdict.pause) return [];
  const reason = pauseReason(verdict, tenantConfig().locale);
  const paused: string[] = [];
  for (const id of await sendingCampaignIds()) if (await pauseSendingCampaign(id, reason)) paused.push(id);
  if (paused.length > 0) logger.warn('campaigns paused by the sending-rate check', { paused, rates, reason });
  return paused;
};

export const handleSesEvent = async (e: SesEvent): Promise<SesEventResult> => {
  const tags = campaignTagsOf(e);
  const identity = sesEventIdentity(e);
  switch (e.eventType) {
    case 'Delivery': {
      const at = e.delivery?.timestamp ?? e.mail.timestamp;
      if (tags) await recordFirstOutcome(tags.campaignId, tags.contactId, 'delivered', at);
      await onceForEvent(identity, [countRate(at, { sends: 1 })]);
      return none;
    }
    case 'Bounce': {
      const bounce = e.bounce;
      const at = bounce?.timestamp ?? e.mail.timestamp;
      const permanent = bounce?.bounceType === 'Permanent';
      if (!permanent) {
        // A transient bounce is a send that did not arrive: it counts as a send, not against the address.
        await onceForEvent(identity, [countRate(at, { sends: 1 })]);
        return none;
      }
      if (tags) await recordFirstOutcome(tags.campaignId, tags.contactId, 'bounced', at);
      const addresses = (bounce?.bouncedRecipients ?? []).map((r) => r.emailAddress);
      const suppressed = await suppress(tags, addresses, 'bounce');
      await onceForEvent(identity, [countRate(at, { sends: 1, bounces: 1 })]);
      return { suppressed, paused: await checkSendingRates() };
    }
    case 'Complaint': {
      const at = e.complaint?.timestamp ?? e.mail.timestamp;
      if (tags) await recordFirstOutcome(tags.campaignId, tags.contactId, 'complained', at);
      const addresses = (e.complaint?.complainedRecipients ?? []).map((r) => r.emailAddress);
      const suppressed = await suppress(tags, addresses.length ? addresses : e.mail.destination, 'complaint');
      await onceForEvent(identity, [countRate(at, { complaints: 1 })]);
      return { suppressed, paused: await checkSendingRates() };
    }
    case 'Open': {
      if (tags)
        await recordFirstOutcome(
          tags.campaignId,
          tags.contactId,
          'opened',
          e.open?.timestamp ?? e.mail.timestamp,
        );
      return none;
    }
    case 'Click': {
      const click = e.click;
      if (!tags || !click) return none;
      await recordFirstOutcome(tags.campaignId, tags.contactId, 'clicked', click.timestamp);
      await recordFirstLinkClick(tags.campaignId, tags.contactId, click.link);
      await onceForEvent(identity, [countLinkClick(tags.campaignId, click.link)]);
      return none;
    }
    default:
      logger.info('SES event type not handled', { eventType: e.eventType });
      return none;
  }
};
