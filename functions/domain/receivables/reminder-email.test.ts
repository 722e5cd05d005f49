// The payment reminder's text: language, money and date formats, the installment, "was due".
import { describe, expect, it } from 'vitest';
import { renderReminderEmail } from './reminder-email.ts';

const base = {
  contactName: 'Иван Петров',
  sellerName: 'ООО «Демо»',
  invoiceNumber: 'СЧ-2026-0007',
  n: 1,
  installmentCount: 1,
  amount: 123456789,
  currency: 'RUB',
  dueDate: '2026-12-10',
  today: '2026-12-07',
  withPdf: true,
};
const nbsp = /[\u00a0\u202f]/g;

describe('renderReminderEmail', () => {
  it('writes Russian with the amount as roubles and the date as dd.mm.yyyy', () => {
    const e = renderReminderEmail({ ...base, locale: 'ru' });
    expect(e.subject.replace(nbsp, ' ')).toBe(
      'Напоминание об оплате: счёт № СЧ-2026-0007 — 1 234 567,89 ₽ до 10.12.2026',
    );
    expect(e.text.replace(nbsp, ' ')).toContain(
      'Напоминаем: оплата 1 234 567,89 ₽ по счёту № СЧ-2026-0007 ожидается до 10.12.2026.',
    );
    expect(e.text).toContain('Здравствуйте, Иван Петров!');
    expect(e.text).toContain('Счёт — во вложении.');
    expect(e.html).toContain('<html lang="ru">');
    expect(e.html).toContain('ООО «Демо»');
  });

  it('writes English, names the instalment of a schedule, and says "was due" after the date', () => {
    const e = renderReminderEmail({
      ...base,
      locale: 'en',
      contactName: 'Jane <Doe>',
      invoiceNumber: 'INV-2026-0003',
      n: 2,
      installmentCount: 3,
      amount: 50000,
      currency: 'USD',
      today: '2026-12-12',
      withPdf: false,
    });
    expect(e.subject).toBe('Payment reminder: invoice INV-2026-0003 — US$500.00 due on 10 Dec 2026');
    expect(e.text).toContain(
      'payment of US$500.00 for invoice INV-2026-0003 (instalment 2 of 3) was due on 10 Dec 2026.',
    );
    expect(e.text).not.toContain('attached');
    expect(e.html).toContain('Dear Jane &lt;Doe&gt;,');
  });
});
