// The e-mail that carries an invoice to its billing contact, in the invoice's language: a subject
// naming the invoice and the seller, a greeting, the sender's own message (or a standard one with
// the total, what is still owed and the payment schedule), the manager's signature; the PDF goes
// as an attachment. The quote's letter is the model (quotes/quote-email.ts).
import { formatDate, formatMoney } from '../quotes/quote-document.ts';
import { escapeHtml } from '../quotes/quote-html.ts';
import { type InvoiceAttributes, openInstallments } from './invoice.entity.ts';

export type InvoiceEmailInput = {
  /** How to greet: "Иван Сергеевич" (first name and patronymic) or the full name. */
  readonly greetingName: string;
  readonly signature: readonly string[];
  readonly subject?: string;
  readonly message?: string;
};

export type RenderedInvoiceEmail = { subject: string; text: string; html: string };

export const renderInvoiceEmail = (i: InvoiceAttributes, input: InvoiceEmailInput): RenderedInvoiceEmail => {
  const ru = i.locale === 'ru';
  const money = (amount: number) => formatMoney(amount, i.currency, i.locale);
  const number = i.number ?? '';
  const subject =
    input.subject ??
    (ru ? `Счёт на оплату № ${number} — ${i.seller.name}` : `Invoice ${number} — ${i.seller.name}`);
  const greeting = ru ? `Здравствуйте, ${input.greetingName}!` : `Dear ${input.greetingName},`;
  const open = openInstallments(i.installments);
  const schedule = open.map((x) =>
    ru
      ? `— ${money(x.amount - x.paid)} до ${formatDate(x.dueDate, i.locale)}`
      : `— ${money(x.amount - x.paid)} by ${formatDate(x.dueDate, i.locale)}`,
  );
  const outstanding = i.totals.gross - i.paidTotal;
  const body = input.message
    ? input.message.split(/\r?\n/)
    : ru
      ? [
          `Направляем вам счёт на оплату № ${number} на сумму ${money(i.totals.gross)} (в том числе НДС ${money(i.totals.vat)}).`,
          ...(outstanding !== i.totals.gross ? [`Осталось оплатить: ${money(outstanding)}.`] : []),
          ...(schedule.length ? ['Сроки оплаты:', ...schedule] : []),
          'Счёт — во вложении.',
        ]
      : [
          `Please find attached our invoice ${number} for ${money(i.totals.gross)} (VAT ${money(i.totals.vat)} included).`,
          ...(outstanding !== i.totals.gross ? [`Outstanding: ${money(outstanding)}.`] : []),
          ...(schedule.length ? ['Payment due:', ...schedule] : []),
        ];
  const closing = ru ? 'С уважением,' : 'Kind regards,';
  const paragraphs = [[greeting], body, [closing, ...input.signature]];
  return {
    subject,
    text: `${paragraphs.map((p) => p.join('\n')).join('\n\n')}\n`,
    html: `<!doctype html><html lang="${i.locale}"><body>${paragraphs
      .map((p) => `<p>${p.map(escapeHtml).join('<br>')}</p>`)
      .join('')}</body></html>`,
  };
};
