// /api/calendar-feed: the signed-in user's private calendar feed URL (iCalendar, RFC 5545) — whether
// there is one and since when (the URL itself is shown only when issued), issue or rotate it (the old
// URL stops working at once), revoke it.
import type { HttpClient } from './http-client.ts';

export type FeedStatus = { active: boolean; issuedAt?: string };
export type IssuedFeed = { url: string; issuedAt: string };

export type CalendarFeedApi = {
  status: () => Promise<FeedStatus>;
  /** Issues a new URL, replacing the previous one. */
  issue: () => Promise<IssuedFeed>;
  revoke: () => Promise<void>;
};

export const calendarFeedApi = (http: HttpClient): CalendarFeedApi => ({
  status: async () => (await http.request<{ feed: FeedStatus }>('GET', '/api/calendar-feed')).feed,
  issue: async () => (await http.request<{ feed: IssuedFeed }>('POST', '/api/calendar-feed')).feed,
  revoke: async () => {
    await http.request('DELETE', '/api/calendar-feed');
  },
});
