// GET and POST /api/u/{token}, POST /api/u/{token}/undo — public (no login), docs/campaigns.md
// "Unsubscribe (RFC 8058)". GET (the visible link in the e-mail) only asks: its button posts the
// one-click form. Mail security scanners and previews fetch links (GET) on their own, and must
// never unsubscribe anyone — which is why RFC 8058 makes the one-click a POST. POST (one-click,
// body `List-Unsubscribe=One-Click`, from the mail client or the page's button) unsubscribes and
// answers 200 with the page, never a redirect; it is idempotent. `preview` (what template previews link to) shows the page and changes
// nothing. A bad or tampered token is a 400 page that changes nothing.

import {
  previewToken,
  undoUnsubscribe,
  unsubscribe,
  verifyUnsubscribeToken,
} from '../../domain/unsubscribe/unsubscribe.ts';
import { unsubscribeKey } from '../../domain/unsubscribe/unsubscribe-key.ts';
import { type PageState, unsubscribePage } from '../../domain/unsubscribe/unsubscribe-page.ts';
import { now } from '../../lib/clock.ts';
import { tenantConfig } from '../../lib/env.ts';
import { type HttpResponse, publicRoute } from '../../lib/http.ts';

const tenant = tenantConfig();
// Fail at the cold start, not at the first click, when the key cannot be read.
await unsubscribeKey();

const page = (status: number, state: PageState, token?: string): HttpResponse => ({
  status,
  text: unsubscribePage({
    state,
    locale: tenant.locale,
    tenantName: tenant.name,
    ...(token ? { token } : {}),
  }),
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    'referrer-policy': 'no-referrer',
    'x-robots-tag': 'noindex',
  },
});

/** RFC 8058's body, form-encoded or multipart (mail clients send either). */
const isOneClick = (body: string): boolean =>
  new URLSearchParams(body).get('List-Unsubscribe') === 'One-Click' ||
  /name="List-Unsubscribe"\r?\n\r?\nOne-Click\r?\n/.test(body);

export const handler = publicRoute(
  async ({ event, params, rawBody }) => {
    const token = params.token ?? '';
    if (token === previewToken) return page(200, 'preview');
    const target = await verifyUnsubscribeToken(token);
    if (!target) return page(400, 'invalid');
    if (event.routeKey === 'POST /api/u/{token}/undo') {
      const undone = await undoUnsubscribe(target);
      return page(200, undone.found ? 'resubscribed' : 'gone', token);
    }
    if (event.routeKey === 'GET /api/u/{token}') return page(200, 'confirm', token);
    if (!isOneClick(rawBody ?? '')) return page(400, 'invalid');
    const done = await unsubscribe(target, now().toISOString());
    return page(200, done.found ? 'unsubscribed' : 'gone', token);
  },
  { body: 'form' },
);
