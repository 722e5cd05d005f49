// The payment reminder a billing contact gets before (or, after a missed run, on or after) an
// installment's due date: "payment of <amount> for invoice <number> is due on <date>", in the
// tenant's language, the amount as money (1 234,50 ₽ / RUB 1,234.50) and the date as a local date
// (24.11.2026 / 24 Nov 2026); the invoice's PDF goes with it. Pure.
import { formatDate, formatMoney } from '../quotes/quote-document.ts';
import { escapeHtml } from '../quotes/quote-html.ts';

export type ReminderEmailInput = {
  readonly locale: 'ru' | 'en';
  /** How to greet the billing contact (full name), when known. */
  readonly contactName?: string;
  readonly sellerName: string;
  readonly invoiceNumber: string;
  /** The installment's number and how many the invoice has (a schedule of one says nothing about it). */
  readonly n: number;
  readonly installmentCount: number;
  /** What is still owed on the installment, in minor units. */
  readonly amount: number;
  readonly currency: string;
  readonly dueDate: string;
  /** The tenant's local date of the run: a due date already past reads "was due". */
  readonly today: string;
  readonly withPdf: boolean;
};

export type RenderedReminderEmail = { subject: string; text: string; html: string };

export const renderReminderEmail = (r: ReminderEmailInput): RenderedReminderEmail => {
  const amount = formatMoney(r.amount, r.currency, r.locale);
  const date = formatDate(r.dueDate, r.locale);
  const past = r.dueDate < r.today;
  const several = r.installmentCount > 1;
  const paragraphs: string[][] =
    r.locale === 'ru'
      ? [
          [r.contactName ? `Здравствуйте, ${r.contactName}!` : 'Здравствуйте!'],
          [
            `${past ? 'Напоминаем, что срок оплаты' : 'Напоминаем: оплата'} ${amount} по счёту № ${r.invoiceNumber}${several ? ` (платёж ${r.n} из ${r.installmentCount})` : ''} ${past ? `истёк ${date}.` : `ожидается до ${date}.`}`,
            ...(r.withPdf ? ['Счёт — во вложении.'] : []),
            'Если вы уже оплатили, пожалуйста, не обращайте внимания на это письмо.',
          ],
          ['С уважением,', r.sellerName],
        ]
      : [
          [r.contactName ? `Dear ${r.contactName},` : 'Hello,'],
          [
            `This is a reminder that payment of ${amount} for invoice ${r.invoiceNumber}${several ? ` (instalment ${r.n} of ${r.installmentCount})` : ''} ${past ? `was due on ${date}.` : `is due on ${date}.`}`,
            ...(r.withPdf ? ['The invoice is attached.'] : []),
            'If you have already paid, please disregard this message.',
          ],
          ['Kind regards,', r.sellerName],
        ];
  const subject =
    r.locale === 'ru'
      ? `Напоминание об оплате: счёт № ${r.invoiceNumber} — ${amount} до ${date}`
      : `Payment reminder: invoice ${r.invoiceNumber} — ${amount} due on ${date}`;
  return {
    subject,
    text: `${paragraphs.map((p) => p.join('\n')).join('\n\n')}\n`,
    html: `<!doctype html><html lang="${r.locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5">${paragraphs
      .map((p) => `<p>${p.map(escapeHtml).join('<br>')}</p>`)
      .join('')}</body></html>`,
  };
};
