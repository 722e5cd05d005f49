// The template of an invoice (Счёт на оплату): what its printable page and its PDF show, as the
// quote's template does (quotes/quote-document.ts: same money, date and quantity formats, same
// `QuoteDocument` shape, so quote-html.ts and quote-pdf.ts lay it out unchanged), with the
// payment schedule and what has been paid. Pure.
import { formatDate, formatDecimal, formatMoney, type QuoteDocument } from '../quotes/quote-document.ts';
import type { InvoiceAttributes } from './invoice.entity.ts';

const labels = {
  ru: {
    title: 'Счёт на оплату',
    draft: 'черновик',
    numberSign: '№',
    issuedOn: 'от',
    seller: 'Поставщик',
    buyer: 'Покупатель',
    inn: 'ИНН',
    kpp: 'КПП',
    attention: 'Контактное лицо',
    deal: 'Основание',
    columns: [
      '№',
      'Наименование',
      'Артикул',
      'Кол-во',
      'Ед.',
      'Цена без НДС',
      'Скидка',
      'Сумма без НДС',
      'НДС',
      'Сумма НДС',
      'Всего',
    ],
    subtotal: 'Сумма без скидки',
    discount: 'Скидка',
    net: 'Итого без НДС',
    vatAt: (rate: number) => `В том числе НДС ${rate} %`,
    vatTotal: 'Итого НДС',
    total: 'Всего к оплате',
    paid: 'Оплачено',
    outstanding: 'Осталось оплатить',
    schedule: 'График платежей',
    due: (n: number, date: string, amount: string) => `${n}) до ${date} — ${amount}`,
    note: 'Примечание',
    currency: (c: string) => `Валюта счёта: ${c}.`,
  },
  en: {
    title: 'Invoice',
    draft: 'draft',
    numberSign: 'No.',
    issuedOn: 'of',
    seller: 'Seller',
    buyer: 'Buyer',
    inn: 'Tax ID (INN)',
    kpp: 'KPP',
    attention: 'Attention',
    deal: 'Deal',
    columns: [
      'No.',
      'Item',
      'SKU',
      'Qty',
      'Unit',
      'Unit price (net)',
      'Discount',
      'Net',
      'VAT',
      'VAT amount',
      'Total',
    ],
    subtotal: 'Before discount',
    discount: 'Discount',
    net: 'Total net',
    vatAt: (rate: number) => `incl. VAT ${rate}%`,
    vatTotal: 'Total VAT',
    total: 'Total due',
    paid: 'Paid',
    outstanding: 'Outstanding',
    schedule: 'Payment schedule',
    due: (n: number, date: string, amount: string) => `${n}) by ${date}: ${amount}`,
    note: 'Note',
    currency: (c: string) => `Invoice currency: ${c}.`,
  },
} as const;

export const invoiceDocument = (i: InvoiceAttributes): QuoteDocument => {
  const t = labels[i.locale];
  const money = (amount: number) => formatMoney(amount, i.currency, i.locale);
  const company = [
    i.company.name,
    i.company.inn ? `${t.inn} ${i.company.inn}` : undefined,
    i.company.kpp ? `${t.kpp} ${i.company.kpp}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const number = i.number ?? `(${t.draft})`;
  const dated = i.issueDate ? ` ${t.issuedOn} ${formatDate(i.issueDate, i.locale)}` : '';
  const hasDiscount = i.totals.discount > 0;
  const paid = i.paidTotal > 0 && i.status !== 'cancelled';
  return {
    title: `${t.title} ${t.numberSign} ${number}`,
    heading: `${t.title} ${t.numberSign} ${number}${dated}`,
    number,
    parties: [
      [t.seller, i.seller.name],
      [t.buyer, company],
      ...(i.billingContactName ? [[t.attention, i.billingContactName] as const] : []),
      ...(i.dealTitle ? [[t.deal, i.dealTitle] as const] : []),
    ],
    columns: t.columns,
    rows: i.lines.map((line, n) => [
      String(n + 1),
      line.name,
      line.sku ?? '—',
      formatDecimal(line.quantityThousandths, 3, i.locale),
      line.unit,
      money(line.unitPrice.amount),
      line.discountHundredths > 0 ? `${formatDecimal(line.discountHundredths, 2, i.locale)} %` : '—',
      money(line.net),
      `${line.vatRate} %`,
      money(line.vat),
      money(line.total),
    ]),
    totals: [
      ...(hasDiscount
        ? [[t.subtotal, money(i.totals.amount)] as const, [t.discount, money(i.totals.discount)] as const]
        : []),
      [t.net, money(i.totals.net)],
      ...i.totals.vatByRate.map((g) => [t.vatAt(g.rate), money(g.vat)] as const),
      [t.vatTotal, money(i.totals.vat)],
      [t.total, money(i.totals.gross), true],
      ...(paid
        ? [
            [t.paid, money(i.paidTotal)] as const,
            [t.outstanding, money(i.totals.gross - i.paidTotal), true] as const,
          ]
        : []),
    ],
    footnotes: [
      ...(i.installments.length > 0
        ? [
            `${t.schedule}: ${i.installments
              .map((x) => t.due(x.n, formatDate(x.dueDate, i.locale), money(x.amount)))
              .join('; ')}.`,
          ]
        : []),
      t.currency(i.currency),
    ],
    ...(i.note ? { note: [t.note, i.note] as const } : {}),
  };
};
