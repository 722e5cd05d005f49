// The public unsubscribe endpoint's domain (docs/campaigns.md "Unsubscribe (RFC 8058)"): signed
// links per recipient, and the effect of following one — the contact's
// `marketingUnsubscribedAt` (versioned, audited as `contact.unsubscribed`, on its timeline) and
// the campaign's `unsubscribed` counters, once per recipient. Both steps are idempotent, and
// the counter step runs again on every unsubscribe of the same link, so a crash between them
// is repaired by the next click.
import { tenantConfig } from '../../lib/env.ts';
import { recordFirstOutcome } from '../campaign-results/campaign-results.ts';
import { markResubscribed, markUnsubscribed } from '../contacts/contact-mail-status.ts';
import { unsubscribeKey } from './unsubscribe-key.ts';
import {
  signUnsubscribeToken,
  type UnsubscribeTarget,
  verifyUnsubscribeTokenWith,
} from './unsubscribe-token.ts';

export type { UnsubscribeTarget };

/** Who the audit entries name as the actor: the recipient, through the public link. */
export const unsubscribeActor = 'system:unsubscribe-link';

/** The token of a recipient's unsubscribe link. */
export const unsubscribeToken = async (campaignId: string, contactId: string): Promise<string> =>
  signUnsubscribeToken(await unsubscribeKey(), { campaignId, contactId });

/** What a token names, or undefined for a malformed, tampered or foreign one. */
export const verifyUnsubscribeToken = async (token: string): Promise<UnsubscribeTarget | undefined> =>
  verifyUnsubscribeTokenWith(await unsubscribeKey(), token);

/** The API path of the public routes (CloudFront forwards only `/api/*` to the API). */
export const unsubscribePath = '/api/u';

/** The link in the e-mail body and in `List-Unsubscribe` (RFC 8058: https, POSTed to as it is). */
export const unsubscribeUrl = async (campaignId: string, contactId: string): Promise<string> =>
  `${tenantConfig().appUrl}${unsubscribePath}/${await unsubscribeToken(campaignId, contactId)}`;

/** The `List-Unsubscribe` and `List-Unsubscribe-Post` headers of a recipient's e-mail. */
export const listUnsubscribeHeaders = async (
  campaignId: string,
  contactId: string,
): Promise<{ name: string; value: string }[]> => [
  { name: 'List-Unsubscribe', value: `<${await unsubscribeUrl(campaignId, contactId)}>` },
  { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
];

/** Where template previews and test sends link: the page, for nobody. */
export const previewToken = 'preview';

export type UnsubscribeResult = {
  /** False when the link names a contact the CRM no longer has. */
  readonly found: boolean;
  /** True when this request changed the contact (false when it was already so). */
  readonly changed: boolean;
};

export const unsubscribe = async (target: UnsubscribeTarget, at: string): Promise<UnsubscribeResult> => {
  const outcome = await markUnsubscribed(target.contactId, unsubscribeActor);
  if (outcome.status === 'no-contact') return { found: false, changed: false };
  await recordFirstOutcome(target.campaignId, target.contactId, 'unsubscribed', at);
  return { found: true, changed: outcome.status === 'changed' };
};

/** The undo button: marketing e-mail again. The campaign's counter stays (it happened). */
export const undoUnsubscribe = async (target: UnsubscribeTarget): Promise<UnsubscribeResult> => {
  const outcome = await markResubscribed(target.contactId, unsubscribeActor);
  if (outcome.status === 'no-contact') return { found: false, changed: false };
  return { found: true, changed: outcome.status === 'changed' };
};
