// The template of a quote: what its printable page and its PDF show, in the tenant's language,
// with money, dates and quantities formatted as its readers expect (1 234 567,89 ₽; 24.11.2026;
// 1,5). Pure: quote-html.ts and quote-pdf.ts lay the same document out, each in its own medium.
import { formatScaled } from './line-math.ts';
import type { QuoteItem, QuoteLocale } from './quote.entity.ts';

const intlLocale: Record<QuoteLocale, string> = { ru: 'ru-RU', en: 'en-GB' };

const labels = {
  ru: {
    title: 'Коммерческое предложение',
    numberSign: '№',
    issuedOn: 'от',
    validUntil: 'Предложение действительно до',
    seller: 'Поставщик',
    buyer: 'Покупатель',
    inn: 'ИНН',
    kpp: 'КПП',
    attention: 'Контактное лицо',
    deal: 'Сделка',
    manager: 'Менеджер',
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
    vatAt: (rate: number) => (rate === 0 ? 'НДС 0 %' : `НДС ${rate} %`),
    vatTotal: 'Итого НДС',
    total: 'Всего к оплате',
    note: 'Примечание',
    prices: (list: string, currency: string) => `Цены по прайс-листу «${list}», ${currency}.`,
  },
  en: {
    title: 'Quotation',
    numberSign: 'No.',
    issuedOn: 'of',
    validUntil: 'Valid until',
    seller: 'Seller',
    buyer: 'Buyer',
    inn: 'Tax ID (INN)',
    kpp: 'KPP',
    attention: 'Attention',
    deal: 'Deal',
    manager: 'Account manager',
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
    vatAt: (rate: number) => `VAT ${rate}%`,
    vatTotal: 'Total VAT',
    total: 'Total due',
    note: 'Note',
    prices: (list: string, currency: string) => `Prices of the price list “${list}”, ${currency}.`,
  },
} as const;

/** Minor units as money of the locale, exactly (Intl formats the decimal text, not a float). */
export const formatMoney = (amount: number, currency: string, locale: QuoteLocale): string => {
  const text = `${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;
  return new Intl.NumberFormat(intlLocale[locale], { style: 'currency', currency }).format(
    text as Intl.StringNumericLiteral,
  );
};

/** A scaled decimal (thousandths, hundredths) with the locale's decimal separator and grouping. */
export const formatDecimal = (scaled: number, decimals: number, locale: QuoteLocale): string =>
  new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits: decimals }).format(
    formatScaled(scaled, decimals) as Intl.StringNumericLiteral,
  );

/** YYYY-MM-DD as 24.11.2026 (ru) or 24 Nov 2026 (en). */
export const formatDate = (date: string, locale: QuoteLocale): string =>
  new Intl.DateTimeFormat(
    intlLocale[locale],
    locale === 'ru' ? { timeZone: 'UTC' } : { timeZone: 'UTC', dateStyle: 'medium' },
  ).format(new Date(`${date}T00:00:00.000Z`));

export type QuoteDocument = {
  readonly title: string;
  /** «Коммерческое предложение № КП-2026-0001 от 24.11.2026» */
  readonly heading: string;
  readonly number: string;
  readonly parties: readonly (readonly [label: string, value: string])[];
  readonly columns: readonly string[];
  /** One row per line, as many cells as columns; numeric cells from the 4th on. */
  readonly rows: readonly (readonly string[])[];
  readonly totals: readonly (readonly [label: string, value: string, strong?: boolean])[];
  readonly footnotes: readonly string[];
  readonly note?: readonly [label: string, text: string];
};

export const quoteDocument = (q: QuoteItem): QuoteDocument => {
  const t = labels[q.locale];
  const money = (amount: number) => formatMoney(amount, q.currency, q.locale);
  const company = [
    q.company.name,
    q.company.inn ? `${t.inn} ${q.company.inn}` : undefined,
    q.company.kpp ? `${t.kpp} ${q.company.kpp}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const manager = [q.preparedBy.name, q.preparedBy.email].filter(Boolean).join(', ');
  const hasDiscount = q.totals.discount > 0;
  return {
    title: `${t.title} ${t.numberSign} ${q.number}`,
    heading: `${t.title} ${t.numberSign} ${q.number} ${t.issuedOn} ${formatDate(q.issuedOn, q.locale)}`,
    number: q.number,
    parties: [
      [t.seller, q.seller.name],
      [t.buyer, company],
      ...(q.contact ? [[t.attention, q.contact.name] as const] : []),
      [t.deal, q.dealTitle],
      ...(manager ? [[t.manager, manager] as const] : []),
      [t.validUntil, formatDate(q.validUntil, q.locale)],
    ],
    columns: t.columns,
    rows: q.lines.map((line, i) => [
      String(i + 1),
      line.name,
      line.sku,
      formatDecimal(line.quantityThousandths, 3, q.locale),
      line.unit,
      money(line.unitPrice.amount),
      line.discountHundredths > 0 ? `${formatDecimal(line.discountHundredths, 2, q.locale)} %` : '—',
      money(line.net),
      `${line.vatRate} %`,
      money(line.vat),
      money(line.total),
    ]),
    totals: [
      ...(hasDiscount
        ? [[t.subtotal, money(q.totals.amount)] as const, [t.discount, money(q.totals.discount)] as const]
        : []),
      [t.net, money(q.totals.net)],
      ...q.totals.vatByRate.map((g) => [t.vatAt(g.rate), money(g.vat)] as const),
      [t.vatTotal, money(q.totals.vat)],
      [t.total, money(q.totals.total), true],
    ],
    footnotes: [t.prices(q.priceListName, q.currency)],
    ...(q.note ? { note: [t.note, q.note] as const } : {}),
  };
};
