// What the "send a quote" form starts with: the subject and the message the server would write itself
// (functions/domain/quotes/quote-email.ts, pure, in the quote's language — the organisation's, not the
// reader's interface), so the salesperson edits the real text. The greeting and the signature stay the
// server's: only the message between them is sent back.
import type { QuoteItem } from '../../../../functions/domain/quotes/quote.entity.ts';
import { renderQuoteEmail } from '../../../../functions/domain/quotes/quote-email.ts';
import type { Quote } from '../../api/quotes.ts';

/** How the letter greets a contact, as the server does: first name and patronymic in Russian. */
export const greetingName = (
  contact: { name: string; firstName?: string; middleName?: string },
  locale: Quote['locale'],
): string =>
  locale === 'ru' && contact.firstName && contact.middleName
    ? `${contact.firstName} ${contact.middleName}`
    : contact.name;

export type QuoteEmailDraft = { subject: string; greeting: string; message: string };

export const quoteEmailDraft = (quote: Quote, greeting: string): QuoteEmailDraft => {
  // The renderer reads the number, seller, manager, totals, currency, validity and language, which a
  // quote's view carries exactly as its item does; the lines (shaped differently) it never reads.
  const mail = renderQuoteEmail(quote as unknown as QuoteItem, { greetingName: greeting });
  const [first = '', body = ''] = mail.text.split('\n\n');
  return { subject: mail.subject, greeting: first, message: body };
};
