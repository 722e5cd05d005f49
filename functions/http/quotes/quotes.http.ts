// /api/quotes and a deal's quotes: thin handlers over functions/domain/quotes (docs/quotes.md).
// The printable page is HTML with a policy that lets no script run; the PDF is a presigned link.
import { toQuoteView } from '../../domain/quotes/quote.entity.ts';
import { quotePdfUrl } from '../../domain/quotes/quote-files.ts';
import { printPageSecurityPolicy, renderQuoteHtml } from '../../domain/quotes/quote-html.ts';
import { createQuote, getQuote, listDealQuotes, sendQuote } from '../../domain/quotes/quotes.ts';
import { created, ok, userRoutes } from '../../lib/http.ts';

export const handler = userRoutes({
  'POST /api/deals/{id}/quotes': async ({ params, body }, principal) =>
    created({ quote: toQuoteView(await createQuote(principal, params.id ?? '', body)) }),
  'GET /api/deals/{id}/quotes': async ({ params, query }, principal) => {
    const { items, nextCursor } = await listDealQuotes(principal, params.id ?? '', query);
    return ok({ items: items.map(toQuoteView), ...(nextCursor ? { nextCursor } : {}) });
  },
  'GET /api/quotes/{id}': async ({ params }, principal) =>
    ok({ quote: toQuoteView(await getQuote(principal, params.id ?? '')) }),
  'GET /api/quotes/{id}/print': async ({ params }, principal) => ({
    status: 200,
    text: renderQuoteHtml(await getQuote(principal, params.id ?? '')),
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': printPageSecurityPolicy,
      'x-content-type-options': 'nosniff',
    },
  }),
  'GET /api/quotes/{id}/pdf': async ({ params }, principal) =>
    ok({ url: await quotePdfUrl(await getQuote(principal, params.id ?? '')) }),
  'POST /api/quotes/{id}/send': async ({ params, body }, principal) => {
    const { quote, email } = await sendQuote(principal, params.id ?? '', body);
    return ok({ quote: toQuoteView(quote), email });
  },
});
