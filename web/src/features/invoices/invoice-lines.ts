// An invoice's lines while the dialog is open: catalogue products priced from a price list (the deal
// editor's own draft lines and pricing, products/line-draft.ts) and free lines typed in full (name,
// quantity, unit, net unit price, VAT, discount), priced by the same line-math.ts the server uses, so
// the total the schedule must add up to is the one the server will store.
import {
  AmountTooLarge,
  formatScaled,
  type LineAmounts,
  type LineTotals,
  lineAmounts,
  lineTotals,
  type PricedLine,
} from '../../../../functions/domain/quotes/line-math.ts';
import type { InvoiceLineDraftInput } from '../../api/invoices.ts';
import { parseAmount } from '../deals/money-input.ts';
import {
  type DraftLine,
  type LineProblem,
  parseDiscount,
  parseQuantity,
  priceDraft,
  toLineInputs,
} from '../products/line-draft.ts';

export type FreeLine = {
  readonly key: string;
  readonly name: string;
  readonly quantity: string;
  readonly unit: string;
  /** Net of VAT, as typed ("1 250,50"). */
  readonly unitPrice: string;
  /** A whole percent as text ("22"). */
  readonly vatRate: string;
  readonly discount: string;
};

export type InvoiceDraftLine =
  | { readonly kind: 'product'; readonly line: DraftLine }
  | { readonly kind: 'free'; readonly line: FreeLine };

export type FreeLineProblem = LineProblem | 'name' | 'unit' | 'unitPrice' | 'vatRate';

export type PricedInvoiceLine = {
  readonly key: string;
  readonly problems: readonly FreeLineProblem[];
  readonly amounts?: LineAmounts;
};

export type PricedInvoiceDraft = {
  readonly lines: readonly PricedInvoiceLine[];
  readonly totals?: LineTotals;
  readonly valid: boolean;
};

/** The VAT rates offered for a free line (Russian rates; the catalogue's products carry their own). */
export const vatRates = [22, 20, 10, 7, 5, 0] as const;

let counter = 0;

export const blankFreeLine = (defaultVat = 22): FreeLine => ({
  key: `free-${++counter}`,
  name: '',
  quantity: '1',
  unit: '',
  unitPrice: '',
  vatRate: String(defaultVat),
  discount: '',
});

const parseVat = (text: string): number | undefined => {
  const value = Number(text);
  return Number.isInteger(value) && value >= 0 && value <= 100 ? value : undefined;
};

const priceFree = (
  line: FreeLine,
  digits: number,
  currency: string,
): { problems: FreeLineProblem[]; amounts?: LineAmounts; priced?: PricedLine } => {
  const problems: FreeLineProblem[] = [];
  const quantity = parseQuantity(line.quantity);
  const discount = parseDiscount(line.discount);
  const unitPrice = parseAmount(line.unitPrice, digits);
  const vatRate = parseVat(line.vatRate);
  if (!line.name.trim()) problems.push('name');
  if (quantity === undefined) problems.push('quantity');
  if (!line.unit.trim()) problems.push('unit');
  if (unitPrice === undefined) problems.push('unitPrice');
  if (vatRate === undefined) problems.push('vatRate');
  if (discount === undefined) problems.push('discount');
  if (quantity === undefined || discount === undefined || unitPrice === undefined || vatRate === undefined)
    return { problems };
  try {
    const amounts = lineAmounts({
      unitPrice,
      quantityThousandths: quantity,
      discountHundredths: discount,
      vatRate,
    });
    return {
      problems,
      amounts,
      priced: {
        productId: line.key,
        name: line.name.trim(),
        sku: '',
        unit: line.unit.trim(),
        quantityThousandths: quantity,
        unitPrice: { amount: unitPrice, currency },
        discountHundredths: discount,
        vatRate,
        ...amounts,
      },
    };
  } catch (error) {
    if (!(error instanceof AmountTooLarge)) throw error;
    return { problems: [...problems, 'quantity'] };
  }
};

/** Prices every line (products from `priceListId`) and adds them up as the server will. */
export const priceInvoiceDraft = (
  lines: readonly InvoiceDraftLine[],
  priceListId: string,
  currency: string,
  digits: number,
): PricedInvoiceDraft => {
  const products = lines.flatMap((l) => (l.kind === 'product' ? [l.line] : []));
  const pricedProducts = priceDraft(products, priceListId, currency);
  const byKey = new Map(pricedProducts.lines.map((p) => [p.line.key, p]));
  const good: PricedLine[] = [];
  const priced: PricedInvoiceLine[] = lines.map((entry) => {
    if (entry.kind === 'product') {
      const p = byKey.get(entry.line.key);
      if (p?.amounts)
        good.push({
          productId: p.line.productId,
          name: p.line.name,
          sku: p.line.sku,
          unit: p.line.unit,
          quantityThousandths: parseQuantity(p.line.quantity) ?? 0,
          unitPrice: { amount: p.unitPrice ?? 0, currency },
          discountHundredths: parseDiscount(p.line.discount) ?? 0,
          vatRate: p.line.vatRate,
          ...p.amounts,
        });
      return {
        key: entry.line.key,
        problems: p?.problems ?? [],
        ...(p?.amounts ? { amounts: p.amounts } : {}),
      };
    }
    const free = priceFree(entry.line, digits, currency);
    if (free.priced) good.push(free.priced);
    return {
      key: entry.line.key,
      problems: free.problems,
      ...(free.amounts ? { amounts: free.amounts } : {}),
    };
  });
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
    valid: !tooLarge && lines.length > 0 && priced.every((p) => p.problems.length === 0),
  };
};

/** The lines as POST /api/invoices takes them: product lines by id, free lines in full. */
export const toInvoiceLineInputs = (
  lines: readonly InvoiceDraftLine[],
  digits: number,
): InvoiceLineDraftInput[] =>
  lines.map((entry) => {
    if (entry.kind === 'product') return toLineInputs([entry.line])[0] as InvoiceLineDraftInput;
    const line = entry.line;
    const discount = parseDiscount(line.discount) ?? 0;
    return {
      name: line.name.trim(),
      quantity: formatScaled(parseQuantity(line.quantity) ?? 0, 3),
      unit: line.unit.trim(),
      unitPrice: parseAmount(line.unitPrice, digits) ?? 0,
      vatRate: parseVat(line.vatRate) ?? 0,
      ...(discount > 0 ? { discountPercent: formatScaled(discount, 2) } : {}),
    };
  });
