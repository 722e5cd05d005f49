// A deal's product lines while they are edited: what the salesperson typed (quantity, discount) beside
// each product's catalogue prices, priced in the browser by the domain's own line-math.ts (pure BigInt
// arithmetic, the same rounding per line), so the amounts and totals shown before saving are the ones
// the server will store. What the server would refuse is marked per line instead of sent.
import {
  AmountTooLarge,
  formatScaled,
  type LineAmounts,
  type LineTotals,
  lineAmounts,
  lineTotals,
  type PricedLine,
  parseScaled,
} from '../../../../functions/domain/quotes/line-math.ts';
import type { DealLine, DealLineInput } from '../../api/deals.ts';
import type { Product } from '../../api/products.ts';
import { intlLocale, type Locale } from '../../i18n/locales.ts';

export type DraftLine = {
  /** Stable within the editor (a product may be on two lines). */
  readonly key: string;
  readonly productId: string;
  readonly name: string;
  readonly sku: string;
  readonly unit: string;
  readonly vatRate: number;
  /** Net price per price list id, minor units of that list's currency (the catalogue's). */
  readonly prices: Readonly<Record<string, number>>;
  readonly archived: boolean;
  /** As typed: "1,5", "10". */
  readonly quantity: string;
  /** Percent as typed; empty is no discount. */
  readonly discount: string;
};

export type LineProblem = 'quantity' | 'discount' | 'noPrice';

export type PricedDraftLine = {
  readonly line: DraftLine;
  readonly problems: readonly LineProblem[];
  readonly unitPrice?: number;
  readonly amounts?: LineAmounts;
};

export type PricedDraft = {
  readonly lines: readonly PricedDraftLine[];
  /** Over the lines that price; undefined while there is none. */
  readonly totals?: LineTotals;
  readonly valid: boolean;
};

/** 1 000 000 units, in thousandths (deal-lines.ts). */
const maxQuantity = 1_000_000_000;

const compact = (text: string) => text.replace(/[\s\u00a0\u202f]/g, '');

/** Thousandths of a typed quantity above 0 and at most 1 000 000 ("1,5" → 1500), else undefined. */
export const parseQuantity = (text: string): number | undefined => {
  const value = parseScaled(compact(text), 3);
  return value !== undefined && value > 0 && value <= maxQuantity ? value : undefined;
};

/** Hundredths of a typed percent from 0 to 100 ("12,5" → 1250; empty → 0), else undefined. */
export const parseDiscount = (text: string): number | undefined => {
  const typed = compact(text).replace(/%$/, '');
  if (typed === '') return 0;
  const value = parseScaled(typed, 2);
  return value !== undefined && value <= 10_000 ? value : undefined;
};

/** A decimal as the locale writes it: "1.5" → «1,5» in Russian. */
export const localDecimal = (text: string, locale: Locale): string =>
  locale === 'ru' ? text.replace('.', ',') : text;

/** A decimal of the API ("1500.5") for reading: «1 500,5» in Russian. */
export const formatDecimalText = (text: string, locale: Locale): string =>
  new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 3 }).format(
    text as Intl.StringNumericLiteral,
  );

/** A discount of the API ("12.5") for reading: «12,5 %» in Russian, "12.5%" in English. */
export const formatDiscountText = (text: string, locale: Locale): string =>
  new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 2 }).format(
    Number(text) / 100,
  );

/** Minor units as an input's value, without grouping: 125050 → «1250,50» (ru), "1250.50" (en). */
export const amountText = (minor: number, digits: number, locale: Locale): string => {
  if (digits === 0) return String(minor);
  const unit = 10 ** digits;
  const text = `${Math.floor(minor / unit)}.${String(minor % unit).padStart(digits, '0')}`;
  return localDecimal(text, locale);
};

let counter = 0;
const nextKey = () => `line-${++counter}`;

/** A new line for a product picked from the catalogue: one unit, no discount. */
export const draftFromProduct = (product: Product): DraftLine => ({
  key: nextKey(),
  productId: product.id,
  name: product.name,
  sku: product.sku,
  unit: product.unit,
  vatRate: product.vatRate,
  prices: { ...product.prices },
  archived: product.archived,
  quantity: '1',
  discount: '',
});

/**
 * The deal's saved lines as draft lines, with the catalogue's current products where known (a save
 * prices them from the catalogue again); a product the catalogue did not answer keeps the deal's price.
 */
export const draftFromDeal = (
  lines: readonly DealLine[],
  priceListId: string,
  products: ReadonlyMap<string, Product>,
  locale: Locale,
): DraftLine[] =>
  lines.map((line) => {
    const product = products.get(line.productId);
    return {
      key: nextKey(),
      productId: line.productId,
      name: product?.name ?? line.name,
      sku: product?.sku ?? line.sku,
      unit: product?.unit ?? line.unit,
      vatRate: product?.vatRate ?? line.vatRate,
      prices: product ? { ...product.prices } : { [priceListId]: line.unitPrice.amount },
      archived: product?.archived ?? false,
      quantity: localDecimal(line.quantity, locale),
      discount: line.discountPercent === '0' ? '' : localDecimal(line.discountPercent, locale),
    };
  });

/** A picked product added again raises the quantity of its line by one unit instead of a second line. */
export const addProduct = (
  lines: readonly DraftLine[],
  product: Product,
  locale: Locale,
): { lines: DraftLine[]; again: boolean } => {
  const index = lines.findIndex((l) => l.productId === product.id);
  const existing = lines[index];
  if (!existing) return { lines: [...lines, draftFromProduct(product)], again: false };
  const quantity = parseQuantity(existing.quantity);
  const raised =
    quantity === undefined ? existing.quantity : localDecimal(formatScaled(quantity + 1000, 3), locale);
  const next = [...lines];
  next[index] = { ...existing, quantity: raised };
  return { lines: next, again: true };
};

/** Prices every line from one price list and adds the lines up, as the server will. */
export const priceDraft = (
  lines: readonly DraftLine[],
  priceListId: string,
  currency: string,
): PricedDraft => {
  const priced: PricedDraftLine[] = [];
  const good: PricedLine[] = [];
  for (const line of lines) {
    const problems: LineProblem[] = [];
    const quantityThousandths = parseQuantity(line.quantity);
    const discountHundredths = parseDiscount(line.discount);
    const unitPrice = line.prices[priceListId];
    if (quantityThousandths === undefined) problems.push('quantity');
    if (discountHundredths === undefined) problems.push('discount');
    if (unitPrice === undefined) problems.push('noPrice');
    let amounts: LineAmounts | undefined;
    if (problems.length === 0) {
      try {
        amounts = lineAmounts({
          unitPrice: unitPrice as number,
          quantityThousandths: quantityThousandths as number,
          discountHundredths: discountHundredths as number,
          vatRate: line.vatRate,
        });
      } catch (error) {
        if (!(error instanceof AmountTooLarge)) throw error;
        problems.push('quantity');
      }
    }
    if (amounts)
      good.push({
        productId: line.productId,
        name: line.name,
        sku: line.sku,
        unit: line.unit,
        quantityThousandths: quantityThousandths as number,
        unitPrice: { amount: unitPrice as number, currency },
        discountHundredths: discountHundredths as number,
        vatRate: line.vatRate,
        ...amounts,
      });
    priced.push({
      line,
      problems,
      ...(unitPrice !== undefined ? { unitPrice } : {}),
      ...(amounts ? { amounts } : {}),
    });
  }
  let totals: LineTotals | undefined;
  let tooLarge = false;
  try {
    totals = good.length > 0 ? lineTotals(good, currency) : undefined;
  } catch (error) {
    if (!(error instanceof AmountTooLarge)) throw error;
    tooLarge = true;
  }
  return {
    lines: priced,
    ...(totals ? { totals } : {}),
    valid: !tooLarge && priced.every((p) => p.problems.length === 0),
  };
};

/** The lines as PUT /api/deals/{id}/lines takes them (decimals with a point). */
export const toLineInputs = (lines: readonly DraftLine[]): DealLineInput[] =>
  lines.map((line) => {
    const discount = parseDiscount(line.discount) ?? 0;
    return {
      productId: line.productId,
      quantity: formatScaled(parseQuantity(line.quantity) ?? 0, 3),
      ...(discount > 0 ? { discountPercent: formatScaled(discount, 2) } : {}),
    };
  });
