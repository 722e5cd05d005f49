// The e-mail that carries a quote to a contact, in the quote's language: a subject naming the
// quote and the seller, a greeting, the sender's own message (or a standard one stating the
// total, VAT and validity), the manager's signature; the PDF goes as an attachment.

import type { QuoteItem } from './quote.entity.ts';
import { formatDate, formatMoney } from './quote-document.ts';
import { escapeHtml } from './quote-html.ts';

export type QuoteEmailInput = {
  /** How to greet: "Иван Сергеевич" (first name and patronymic) or the full name. */
  readonly greetingName: string;
  readonly subject?: string;
  readonly message?: string;
};

export type RenderedQuoteEmail = { subject: string; text: string; html: string };

export const renderQuoteEmail = (q: QuoteItem, input: QuoteEmailInput): RenderedQuoteEmail => {
  const total = formatMoney(q.totals.total, q.currency, q.locale);
  const vat = formatMoney(q.totals.vat, q.currency, q.locale);
  const until = formatDate(q.validUntil, q.locale);
  const signature = [q.preparedBy.name, q.preparedBy.email, q.seller.name].filter(Boolean) as string[];
  const ru = q.locale === 'ru';
  const subject =
    input.subject ??
    (ru
      ? `Коммерческое предложение № ${q.number} — ${q.seller.name}`
      : `Quotation ${q.number} — ${q.seller.name}`);
  const greeting = ru ? `Здравствуйте, ${input.greetingName}!` : `Dear ${input.greetingName},`;
  const body = input.message
    ? input.message.split(/\r?\n/)
    : ru
      ? [
          `Направляем вам коммерческое предложение № ${q.number} на сумму ${total} (в том числе НДС ${vat}).`,
          `Предложение действительно до ${until}. Документ — во вложении.`,
        ]
      : [
          `Please find attached our quotation ${q.number} for ${total} (VAT ${vat} included).`,
          `It is valid until ${until}.`,
        ];
  const closing = ru ? 'С уважением,' : 'Kind regards,';
  const paragraphs = [[greeting], body, [closing, ...signature]];
  return {
    subject,
    text: `${paragraphs.map((p) => p.join('\n')).join('\n\n')}\n`,
    html: `<!doctype html><html lang="${q.locale}"><body>${paragraphs
      .map((p) => `<p>${p.map(escapeHtml).join('<br>')}</p>`)
      .join('')}</body></html>`,
  };
};
