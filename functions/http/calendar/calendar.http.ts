// GET /api/calendar/{file} (public: calendar apps cannot sign in): `<token>.ics`, the feed of
// the user the token belongs to, as text/calendar; 404 for an unknown or revoked token. The
// route's last segment is the whole file name because API Gateway (and the local gateway)
// match path parameters by whole segments.
import { renderFeed } from '../../domain/calendar/calendar-feed.ts';
import { now } from '../../lib/clock.ts';
import { tenantConfig } from '../../lib/env.ts';
import { NotFound } from '../../lib/errors.ts';
import { publicRoute } from '../../lib/http.ts';

const tenant = tenantConfig();

export const handler = publicRoute(async ({ params }) => {
  const file = params.file ?? '';
  if (!file.endsWith('.ics')) throw new NotFound('calendar feed', 'for this address');
  const text = await renderFeed(file.slice(0, -'.ics'.length), tenant, now());
  return {
    status: 200,
    text,
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'inline; filename="crm.ics"',
      // Private to the one who holds the URL; calendar apps poll it.
      'cache-control': 'private, max-age=300',
    },
  };
});
