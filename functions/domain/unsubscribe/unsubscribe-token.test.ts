// Unsubscribe tokens: a round trip, and every way a token may be damaged or forged fails.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyFromSecret, signUnsubscribeToken, verifyUnsubscribeTokenWith } from './unsubscribe-token.ts';

const key = randomBytes(48);
const target = { campaignId: '01JCAMPAIGN000000000000001', contactId: '01JCONTACT0000000000000001' };

describe('unsubscribe tokens', () => {
  it('name the campaign and the contact they were made for', () => {
    const token = signUnsubscribeToken(key, target);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyUnsubscribeTokenWith(key, token)).toEqual(target);
  });

  it('fail with another key (another tenant)', () => {
    const token = signUnsubscribeToken(key, target);
    expect(verifyUnsubscribeTokenWith(randomBytes(48), token)).toBeUndefined();
  });

  it('fail when the payload names someone else with the old signature', () => {
    const token = signUnsubscribeToken(key, target);
    const [, signature] = token.split('.');
    const other = Buffer.from(`${target.campaignId}:01JCONTACT0000000000000002`).toString('base64url');
    expect(verifyUnsubscribeTokenWith(key, `${other}.${signature}`)).toBeUndefined();
  });

  it('fail when any character is changed, or when cut, padded or empty', () => {
    const token = signUnsubscribeToken(key, target);
    for (const i of [0, 10, token.indexOf('.') + 1, token.length - 1]) {
      const c = token[i] === 'A' ? 'B' : 'A';
      expect(
        verifyUnsubscribeTokenWith(key, `${token.slice(0, i)}${c}${token.slice(i + 1)}`),
      ).toBeUndefined();
    }
    expect(verifyUnsubscribeTokenWith(key, token.slice(0, -1))).toBeUndefined();
    expect(verifyUnsubscribeTokenWith(key, `${token}A`)).toBeUndefined();
    expect(verifyUnsubscribeTokenWith(key, `${token}.x`)).toBeUndefined();
    expect(verifyUnsubscribeTokenWith(key, '')).toBeUndefined();
    expect(verifyUnsubscribeTokenWith(key, 'preview')).toBeUndefined();
  });

  it('are refused for ids with separators, and keys shorter than 32 characters', () => {
    expect(() => signUnsubscribeToken(key, { campaignId: 'a:b', contactId: 'c' })).toThrow();
    expect(() => keyFromSecret('short')).toThrow(/too short/);
    expect(keyFromSecret(` ${'k'.repeat(40)}\n`)).toEqual(Buffer.from('k'.repeat(40)));
  });
});
