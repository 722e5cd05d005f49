// /api/calendar-feed: the caller's private calendar feed URL — whether they have one, issue
// (or rotate: the old URL stops working), revoke.
import { feedStatus, issueFeedUrl, revokeFeedUrl } from '../../domain/calendar/calendar-feed.ts';
import { tenantConfig } from '../../lib/env.ts';
import { created, ok, userRoutes } from '../../lib/http.ts';

const tenant = tenantConfig();

export const handler = userRoutes({
  'GET /api/calendar-feed': async (_request, principal) => ok({ feed: await feedStatus(principal) }),
  'POST /api/calendar-feed': async (_request, principal) =>
    created({ feed: await issueFeedUrl(principal, tenant.appUrl) }),
  'DELETE /api/calendar-feed': async (_request, principal) => {
    await revokeFeedUrl(principal);
    return { status: 204 };
  },
});
