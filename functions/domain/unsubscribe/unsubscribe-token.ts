// Signed unsubscribe tokens (docs/campaigns.md "Unsubscribe (RFC 8058)"): the link in a
// marketing e-mail names the campaign and the contact, and a tenant-secret HMAC proves the CRM
// issued it, so the public endpoint needs no login and a guessed or edited link changes nothing.
// Pure: the key is passed in (unsubscribe-key.ts loads it).
import { createHmac, timingSafeEqual } from 'node:crypto';

export type UnsubscribeTarget = { readonly campaignId: string; readonly contactId: string };

/** Ids as the CRM makes them (ULIDs, test ids): no separator, nothing to escape. */
const idPattern = /^[0-9A-Za-z_-]{1,64}$/;
/** Domain separation: an HMAC made with this key for any other purpose never verifies here. */
const purpose = 'crm-unsubscribe-v1';

const mac = (key: Buffer, payload: string): Buffer =>
  createHmac('sha256', key).update(`${purpose}\n${payload}`).digest();

/** `base64url(campaignId:contactId)` `.` `base64url(HMAC-SHA256)`. */
export const signUnsubscribeToken = (key: Buffer, target: UnsubscribeTarget): string => {
  if (!idPattern.test(target.campaignId) || !idPattern.test(target.contactId)) {
    throw new Error('campaign and contact ids must be plain ids');
  }
  const payload = Buffer.from(`${target.campaignId}:${target.contactId}`, 'utf8').toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
};

/** The campaign and contact a token names, or undefined when it is malformed or not ours. */
export const verifyUnsubscribeTokenWith = (key: Buffer, token: string): UnsubscribeTarget | undefined => {
  if (token.length > 400) return undefined;
  const parts = token.split('.');
  if (parts.length !== 2) return undefined;
  const [payload, signature] = parts as [string, string];
  if (!/^[A-Za-z0-9_-]+$/.test(payload) || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return undefined;
  // Compared as text: base64url has several spellings of the last character's unused bits, and
  // only the canonical one is the CRM's.
  const given = Buffer.from(signature, 'utf8');
  const expected = Buffer.from(mac(key, payload).toString('base64url'), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const decoded = Buffer.from(payload, 'base64url');
  if (decoded.toString('base64url') !== payload) return undefined;
  const [campaignId, contactId, ...rest] = decoded.toString('utf8').split(':');
  if (rest.length > 0 || !campaignId || !contactId) return undefined;
  if (!idPattern.test(campaignId) || !idPattern.test(contactId)) return undefined;
  return { campaignId, contactId };
};

/** A key from its stored text (Secrets Manager's generated string, the local key file): at least 32 bytes. */
export const keyFromSecret = (secret: string): Buffer => {
  const key = Buffer.from(secret.trim(), 'utf8');
  if (key.length < 32) throw new Error('the unsubscribe key is too short (32 characters at least)');
  return key;
};
