// The send form starts from the server's own subject and message, in the quote's language.
import { describe, expect, it } from 'vitest';
import { createMockQuote, toQuoteView } from '../../../../functions/domain/quotes/quote.entity.ts';
import { greetingName, quoteEmailDraft } from './quote-email-draft.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('the quote e-mail draft', () => {
  it('has the server’s subject, greeting and standard message, without the signature', () => {
    const quote = toQuoteView(createMockQuote());
    const draft = quoteEmailDraft(quote, 'Иван Сергеевич');
    expect(draft.subject).toBe('Коммерческое предложение № КП-2026-0001 — ООО «Демо»');
    expect(draft.greeting).toBe('Здравствуйте, Иван Сергеевич!');
    expect(plain(draft.message)).toBe(
      'Направляем вам коммерческое предложение № КП-2026-0001 на сумму 13 554,00 ₽ (в том числе НДС 2 259,00 ₽).\n' +
        'Предложение действительно до 24.12.2026. Документ — во вложении.',
    );
    expect(draft.message).not.toContain('Анна Смирнова');
  });

  it('writes in the quote’s language and greets as the server does', () => {
    const quote = toQuoteView(createMockQuote({ locale: 'en', number: 'Q-2026-0007' }));
    const draft = quoteEmailDraft(quote, 'Ivan Petrov');
    expect(draft.subject).toBe('Quotation Q-2026-0007 — ООО «Демо»');
    expect(draft.greeting).toBe('Dear Ivan Petrov,');
    const contact = { name: 'Петров Иван Сергеевич', firstName: 'Иван', middleName: 'Сергеевич' };
    expect(greetingName(contact, 'ru')).toBe('Иван Сергеевич');
    expect(greetingName(contact, 'en')).toBe('Петров Иван Сергеевич');
    expect(greetingName({ name: 'Иван Петров', firstName: 'Иван' }, 'ru')).toBe('Иван Петров');
  });
});
