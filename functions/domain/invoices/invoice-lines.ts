// An invoice's lines and payment schedule (docs/invoices.md), pure: product lines priced from a
// price list as a deal's are (line-math.ts parses quantities and discounts, as for deal lines, and
// computes the amounts), free lines priced as given; the totals with `gross` (the total with
// VAT); and the schedule's rules — due dates strictly increasing, amounts adding up to the gross
// exactly, or one installment of the whole when none is given.
import { ValidationFailed } from '../../lib/errors.ts';
import { addDays } from '../../lib/time-zone.ts';
import type { ProductItem } from '../products/product.entity.ts';
import {
  AmountTooLarge,
  lineAmounts,
  lineTotals,
  maxMoneyAmount,
  type PricedLine,
  parseLineNumbers,
} from '../quotes/line-math.ts';
import { formatMoney } from '../quotes/quote-document.ts';
import type {
  Installment,
  InvoiceLine,
  InvoiceLineInput,
  InvoiceLocale,
  InvoiceTotals,
} from './invoice.entity.ts';

type FieldError = { field: string; message: string };

/** A ValidationFailed whose body also carries `details` (amounts in minor units). */
export class ValidationFailedWithDetails extends ValidationFailed {
  readonly extra: Readonly<Record<string, unknown>>;
  constructor(fields: readonly FieldError[], extra: Readonly<Record<string, unknown>>) {
    super(fields);
    this.extra = extra;
  }
  override details() {
    return { fields: this.fields, details: this.extra };
  }
}

export type PriceListRef = { readonly id: string; readonly name: string; readonly currency: string };

/**
 * The priced lines of the input, or every field error. Product lines need `priceList` (in the
 * invoice's currency) and their products; free lines are in the invoice's currency.
 */
export const priceInvoiceLines = (
  input: readonly InvoiceLineInput[],
  currency: string,
  priceList: PriceListRef | undefined,
  products: ReadonlyMap<string, ProductItem>,
): { lines: InvoiceLine[]; errors: FieldError[] } => {
  const { parsed, errors } = parseLineNumbers(
    input.map((l) => ({
      quantity: l.quantity,
      ...(l.discountPercent !== undefined ? { discountPercent: l.discountPercent } : {}),
    })),
  );
  const lines: InvoiceLine[] = [];
  for (const [i, line] of input.entries()) {
    const numbers = parsed[i] as (typeof parsed)[number];
    const amounts = (unitPrice: number, vatRate: number) => {
      try {
        return lineAmounts({ ...numbers, unitPrice, vatRate });
      } catch (error) {
        if (!(error instanceof AmountTooLarge)) throw error;
        errors.push({ field: `lines.${i}.quantity`, message: 'makes the line too large' });
        return undefined;
      }
    };
    if ('productId' in line) {
      const field = `lines.${i}.productId`;
      if (!priceList) {
        errors.push({ field: 'priceListId', message: 'is required for product lines' });
        continue;
      }
      const product = products.get(line.productId);
      const unitPrice = product?.prices[priceList.id];
      if (!product) errors.push({ field, message: 'is not a product of the catalogue' });
      else if (product.archived) errors.push({ field, message: `«${product.name}» is archived` });
      else if (unitPrice === undefined)
        errors.push({ field, message: `«${product.name}» has no price in «${priceList.name}»` });
      else {
        const a = amounts(unitPrice, product.vatRate);
        if (a)
          lines.push({
            productId: product.id,
            name: product.name,
            sku: product.sku,
            unit: product.unit,
            quantityThousandths: numbers.quantityThousandths,
            unitPrice: { amount: unitPrice, currency },
            discountHundredths: numbers.discountHundredths,
            vatRate: product.vatRate,
            ...a,
          });
      }
    } else {
      const a = amounts(line.unitPrice, line.vatRate);
      if (a)
        lines.push({
          name: line.name,
          unit: line.unit,
          quantityThousandths: numbers.quantityThousandths,
          unitPrice: { amount: line.unitPrice, currency },
          discountHundredths: numbers.discountHundredths,
          vatRate: line.vatRate,
          ...a,
        });
    }
  }
  // One "priceListId is required" is enough.
  const unique = errors.filter(
    (e, i) => errors.findIndex((o) => o.field === e.field && o.message === e.message) === i,
  );
  return { lines, errors: unique };
};

/** The lines' totals with `gross`; a 400 on `lines` when they exceed what money may hold. */
export const invoiceTotals = (lines: readonly InvoiceLine[], currency: string): InvoiceTotals => {
  const tooLarge = new ValidationFailed([
    { field: 'lines', message: 'add up to more than an invoice may be' },
  ]);
  let totals: ReturnType<typeof lineTotals>;
  try {
    // lineTotals reads only the amounts, the currency and the VAT rate of each line.
    totals = lineTotals(
      lines.map((l) => ({ ...l, productId: l.productId ?? l.name, sku: l.sku ?? '' }) as PricedLine),
      currency,
    );
  } catch (error) {
    throw error instanceof AmountTooLarge ? tooLarge : error;
  }
  if (totals.total > maxMoneyAmount) throw tooLarge;
  return { ...totals, gross: totals.total };
};

/**
 * The field errors of a schedule against the invoice's gross: due dates strictly increasing (and
 * none before `notBefore` when given), amounts adding up to the gross exactly. The sum error
 * names both amounts as the tenant reads money; `mismatch` carries them in minor units.
 */
export const scheduleErrors = (
  installments: readonly { dueDate: string; amount: number }[],
  gross: number,
  currency: string,
  locale: InvoiceLocale,
  notBefore?: string,
): { errors: FieldError[]; mismatch?: { sum: number; total: number } } => {
  const errors: FieldError[] = [];
  installments.forEach((x, i) => {
    const previous = installments[i - 1];
    if (previous && x.dueDate <= previous.dueDate)
      errors.push({
        field: `installments.${i}.dueDate`,
        message: `must be after the previous installment's due date (${previous.dueDate})`,
      });
    if (notBefore && x.dueDate < notBefore)
      errors.push({
        field: `installments.${i}.dueDate`,
        message: `must not be before the issue date (${notBefore})`,
      });
  });
  const sum = installments.reduce((s, x) => s + x.amount, 0);
  if (installments.length > 0 && sum !== gross) {
    errors.push({
      field: 'installments',
      message: `installments add up to ${formatMoney(sum, currency, locale)}, the invoice total is ${formatMoney(gross, currency, locale)}`,
    });
    return { errors, mismatch: { sum, total: gross } };
  }
  return { errors };
};

/** Throws the schedule's errors as a 400 (with the amounts in `details` when the sum is off). */
export const requireValidSchedule = (
  installments: readonly { dueDate: string; amount: number }[],
  gross: number,
  currency: string,
  locale: InvoiceLocale,
  notBefore?: string,
): void => {
  const { errors, mismatch } = scheduleErrors(installments, gross, currency, locale, notBefore);
  if (errors.length === 0) return;
  throw mismatch ? new ValidationFailedWithDetails(errors, mismatch) : new ValidationFailed(errors);
};

/** The installments of a schedule as stored (numbered, nothing paid). */
export const toInstallments = (schedule: readonly { dueDate: string; amount: number }[]): Installment[] =>
  schedule.map((x, i) => ({ n: i + 1, dueDate: x.dueDate, amount: x.amount, paid: 0 }));

/** The schedule an issue fixes: the draft's, or one installment of the gross due `days` after issue. */
export const scheduleAtIssue = (
  draft: readonly Installment[],
  gross: number,
  issueDate: string,
  defaultPaymentDays: number,
): Installment[] =>
  draft.length > 0
    ? draft.map((x) => ({ ...x, paid: 0 }))
    : [{ n: 1, dueDate: addDays(issueDate, defaultPaymentDays), amount: gross, paid: 0 }];

/**
 * How a payment of `amount` is spread: over the open installments oldest first, or onto the one
 * named. `owed` when it is more than what is still owed there (nothing is then allocated).
 */
export const allocatePayment = (
  installments: readonly Installment[],
  amount: number,
  installment?: number,
): { allocations: { n: number; amount: number }[] } | { owed: number } => {
  const targets = installment === undefined ? installments : installments.filter((x) => x.n === installment);
  const owed = targets.reduce((s, x) => s + (x.amount - x.paid), 0);
  if (amount > owed) return { owed };
  const allocations: { n: number; amount: number }[] = [];
  let left = amount;
  for (const x of [...targets].sort((a, b) =>
    a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.n - b.n,
  )) {
    if (left === 0) break;
    const take = Math.min(left, x.amount - x.paid);
    if (take > 0) {
      allocations.push({ n: x.n, amount: take });
      left -= take;
    }
  }
  return { allocations };
};

/** The installments after adding (sign 1) or taking back (sign −1) allocations. */
export const applyAllocations = (
  installments: readonly Installment[],
  allocations: readonly { n: number; amount: number }[],
  sign: 1 | -1,
): Installment[] =>
  installments.map((x) => {
    const a = allocations.find((y) => y.n === x.n);
    return a ? { ...x, paid: x.paid + sign * a.amount } : x;
  });
