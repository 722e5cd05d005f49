// A quote as a printable HTML page (GET /api/quotes/{id}/print): the quote template laid out as
// an A4 page with print styles. Every text from users is escaped, and the page is served with a
// Content-Security-Policy that allows no script, since it is served on the app's own origin.

import type { QuoteItem } from './quote.entity.ts';
import { type QuoteDocument, quoteDocument } from './quote-document.ts';

/** No script, no outside request: inline styles only. */
export const printPageSecurityPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

export const escapeHtml = (text: string): string =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

const styles = `
  @page { size: A4 landscape; margin: 14mm; }
  body { font: 11pt/1.4 Roboto, Arial, sans-serif; color: #111; margin: 24px; }
  h1 { font-size: 16pt; margin: 0 0 12px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 16px; }
  dt { color: #555; } dd { margin: 0; }
  table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
  th, td { border: 1px solid #999; padding: 3px 5px; vertical-align: top; }
  th { background: #f0f0f0; font-weight: 600; }
  td.num { text-align: right; white-space: nowrap; }
  table.totals { width: auto; margin: 12px 0 0 auto; }
  table.totals td { border: none; padding: 1px 5px; }
  table.totals tr.strong td { font-weight: 700; border-top: 1px solid #111; }
  p.note { white-space: pre-wrap; }
  footer { color: #555; font-size: 9pt; margin-top: 12px; }
  @media print { body { margin: 0; } }
`;

export const renderQuoteHtml = (quote: QuoteItem): string =>
  renderDocumentHtml(quoteDocument(quote), quote.locale);

export const renderDocumentHtml = (doc: QuoteDocument, lang: string): string => {
  const e = escapeHtml;
  const head = doc.columns.map((c) => `<th scope="col">${e(c)}</th>`).join('');
  const rows = doc.rows
    .map(
      (cells) =>
        `<tr>${cells.map((c, i) => `<td${i >= 3 && i !== 4 ? ' class="num"' : ''}>${e(c)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const totals = doc.totals
    .map(
      ([label, value, strong]) =>
        `<tr${strong ? ' class="strong"' : ''}><td>${e(label)}</td><td class="num">${e(value)}</td></tr>`,
    )
    .join('\n');
  const parties = doc.parties.map(([label, value]) => `<dt>${e(label)}</dt><dd>${e(value)}</dd>`).join('\n');
  return `<!doctype html>
<html lang="${e(lang)}">
<head>
<meta charset="utf-8">
<title>${e(doc.title)}</title>
<style>${styles}</style>
</head>
<body>
<h1>${e(doc.heading)}</h1>
<dl>
${parties}
</dl>
<table class="lines">
<thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<table class="totals">
${totals}
</table>
${doc.note ? `<p class="note"><strong>${e(doc.note[0])}:</strong> ${e(doc.note[1])}</p>` : ''}
<footer>${doc.footnotes.map((f) => `<p>${e(f)}</p>`).join('')}</footer>
</body>
</html>
`;
};
