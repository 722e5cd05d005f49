// A user's private calendar feed (iCalendar, RFC 5545): a random token in the feed's URL, of
// which the table keeps only the SHA-256. The user's item (`USER#<id>` / `CALENDAR-FEED`) says
// which hash is current; the hash's own item (`CALFEED#<sha256>` / `FEED`) finds the user when a
// calendar app asks, without the app signing in. Rotating replaces both in one transaction;
// revoking deletes them, and the old URL answers 404.
import { createHash, randomBytes } from 'node:crypto';
import type { Versioned } from '../mutations.ts';

export const calendarFeedKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'CALENDAR-FEED' }) as const;

export const feedTokenKey = (tokenHash: string) => ({ pk: `CALFEED#${tokenHash}`, sk: 'FEED' }) as const;

/** 256 random bits, URL-safe. */
export const newFeedToken = (): string => randomBytes(32).toString('base64url');

export const hashFeedToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A token as newFeedToken() makes them; anything else is not looked up. */
export const feedTokenPattern = /^[A-Za-z0-9_-]{43}$/;

export type CalendarFeedItem = Versioned & {
  readonly userId: string;
  readonly tokenHash: string;
  /** When the current URL was issued. */
  readonly issuedAt: string;
};

export type FeedTokenItem = {
  readonly pk: string;
  readonly sk: string;
  readonly entity: 'calendar-feed-token';
  readonly userId: string;
  readonly issuedAt: string;
};

/** The feed's address: `/api/calendar/<token>.ics` on the app's origin. */
export const feedUrl = (appUrl: string, token: string): string =>
  new URL(`/api/calendar/${token}.ics`, appUrl).toString();
