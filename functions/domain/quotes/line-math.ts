// The money of deal and quote lines, without floats (pure: deals, quotes and their tests share
// it). A catalogue price is net of VAT, in minor units of its price list's currency. Per line,
// as Russian invoices show it:
//   amount   = unit price × quantity                      (rounded half up to the minor unit)
//   discount = amount × discount %                        (rounded half up)
//   net      = amount − discount                          (the VAT base, «сумма без НДС»)
//   vat      = net × VAT rate                             (rounded half up: VAT on the discounted net)
//   total    = net + vat                                  («всего с НДС»)
// Totals add the rounded lines up (the invoice's VAT total is the sum of its lines' VAT), so the
// totals always equal the sum of what the lines show. Quantities are kept as integer thousandths
// (3 decimals), discounts as integer hundredths of a percent (2 decimals); the arithmetic is
// BigInt, so no product of a price and a quantity loses a kopeck.

export type Money = { readonly amount: number; readonly currency: string };

/** What a line's money comes to, in minor units of the line's currency. */
export type LineAmounts = {
  readonly amount: number;
  readonly discount: number;
  readonly net: number;
  readonly vat: number;
  readonly total: number;
};

/** A line as a deal and a quote store it: what was sold, at which price, and its amounts. */
export type PricedLine = LineAmounts & {
  readonly productId: string;
  readonly name: string;
  readonly sku: string;
  readonly unit: string;
  /** Thousandths of a unit: 1.5 = 1500. */
  readonly quantityThousandths: number;
  /** Net of VAT, per unit. */
  readonly unitPrice: Money;
  /** Hundredths of a percent: 12.5 % = 1250. */
  readonly discountHundredths: number;
  /** A whole percent: 0, 10, 20, 22… */
  readonly vatRate: number;
};

export type VatGroup = { readonly rate: number; readonly net: number; readonly vat: number };

export type LineTotals = LineAmounts & {
  readonly currency: string;
  /** The VAT base and VAT per rate, lowest rate first (an invoice's «в том числе НДС 20 %»). */
  readonly vatByRate: readonly VatGroup[];
};

/** The largest amount a deal's value may hold (deal.entity.ts moneySchema). */
export const maxMoneyAmount = 1e15;

/** An amount beyond what the deal's value or a safe integer can hold. */
export class AmountTooLarge extends RangeError {}

/** numerator / denominator rounded half up; both non-negative. */
export const divideHalfUp = (numerator: bigint, denominator: bigint): bigint =>
  (numerator * 2n + denominator) / (denominator * 2n);

const toSafe = (value: bigint): number => {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new AmountTooLarge(`${value} is too large`);
  return Number(value);
};

/**
 * The exact integer of `text` scaled by 10^decimals ("1.5", 3 → 1500), or undefined when it is
 * not a plain non-negative decimal with at most that many decimals. Numbers are read through
 * their shortest decimal form (JSON's 1.5 is "1.5"), so 0.1 stays 0.1.
 */
export const parseScaled = (value: string | number, decimals: number): number | undefined => {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = new RegExp(`^(\\d{1,12})(?:[.,](\\d{1,${decimals}}))?$`).exec(text);
  if (!match) return undefined;
  const scaled =
    BigInt(match[1] as string) * 10n ** BigInt(decimals) +
    BigInt((match[2] ?? '').padEnd(decimals, '0') || '0');
  return scaled > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(scaled);
};

type FieldError = { field: string; message: string };

/** 1 000 000 units, in thousandths. */
const maxQuantity = 1_000_000_000;

/**
 * Quantity in thousandths and discount in hundredths of each line, or the field errors
 * (`lines.<i>.quantity`, `lines.<i>.discountPercent`): deal lines and invoice lines alike.
 */
export const parseLineNumbers = (
  lines: readonly {
    readonly quantity: string | number;
    readonly discountPercent?: string | number | undefined;
  }[],
): { parsed: { quantityThousandths: number; discountHundredths: number }[]; errors: FieldError[] } => {
  const errors: FieldError[] = [];
  const parsed = lines.map((line, i) => {
    const quantity = parseScaled(line.quantity, 3);
    if (quantity === undefined || quantity <= 0 || quantity > maxQuantity)
      errors.push({
        field: `lines.${i}.quantity`,
        message: 'must be above 0 and at most 1 000 000, with at most 3 decimals',
      });
    const discount = line.discountPercent === undefined ? 0 : parseScaled(line.discountPercent, 2);
    if (discount === undefined || discount > 10_000)
      errors.push({
        field: `lines.${i}.discountPercent`,
        message: 'must be 0–100 with at most 2 decimals',
      });
    return { quantityThousandths: quantity ?? 0, discountHundredths: discount ?? 0 };
  });
  return { parsed, errors };
};

/** The decimal text of a scaled integer without trailing zeros (1500, 3 → "1.5"; 2000, 3 → "2"). */
export const formatScaled = (scaled: number, decimals: number): string => {
  const unit = 10 ** decimals;
  const whole = Math.floor(scaled / unit);
  const fraction = String(scaled % unit)
    .padStart(decimals, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
};

/** The amounts of one line; throws AmountTooLarge past a safe integer. */
export const lineAmounts = (line: {
  readonly unitPrice: number;
  readonly quantityThousandths: number;
  readonly discountHundredths: number;
  readonly vatRate: number;
}): LineAmounts => {
  const amount = divideHalfUp(BigInt(line.unitPrice) * BigInt(line.quantityThousandths), 1000n);
  const discount = divideHalfUp(amount * BigInt(line.discountHundredths), 10_000n);
  const net = amount - discount;
  const vat = divideHalfUp(net * BigInt(line.vatRate), 100n);
  return {
    amount: toSafe(amount),
    discount: toSafe(discount),
    net: toSafe(net),
    vat: toSafe(vat),
    total: toSafe(net + vat),
  };
};

/** The totals of lines of one currency: sums of the lines' rounded amounts, VAT per rate. */
export const lineTotals = (lines: readonly PricedLine[], currency: string): LineTotals => {
  let amount = 0n;
  let discount = 0n;
  let net = 0n;
  let vat = 0n;
  const groups = new Map<number, { net: bigint; vat: bigint }>();
  for (const line of lines) {
    if (line.unitPrice.currency !== currency)
      throw new Error(`line ${line.productId} is in ${line.unitPrice.currency}, not ${currency}`);
    amount += BigInt(line.amount);
    discount += BigInt(line.discount);
    net += BigInt(line.net);
    vat += BigInt(line.vat);
    const group = groups.get(line.vatRate) ?? { net: 0n, vat: 0n };
    groups.set(line.vatRate, { net: group.net + BigInt(line.net), vat: group.vat + BigInt(line.vat) });
  }
  return {
    amount: toSafe(amount),
    discount: toSafe(discount),
    net: toSafe(net),
    vat: toSafe(vat),
    total: toSafe(net + vat),
    currency,
    vatByRate: [...groups.entries()]
      .sort(([a], [b]) => a - b)
      .map(([rate, g]) => ({ rate, net: toSafe(g.net), vat: toSafe(g.vat) })),
  };
};

/** A line as the API shows it: quantity and discount as decimal text, the amounts beside them. */
export const toLineView = (line: PricedLine) => ({
  productId: line.productId,
  name: line.name,
  sku: line.sku,
  unit: line.unit,
  quantity: formatScaled(line.quantityThousandths, 3),
  unitPrice: { ...line.unitPrice },
  discountPercent: formatScaled(line.discountHundredths, 2),
  vatRate: line.vatRate,
  amount: line.amount,
  discount: line.discount,
  net: line.net,
  vat: line.vat,
  total: line.total,
});
export type LineView = ReturnType<typeof toLineView>;

export const createMockLine = (overrides: Partial<PricedLine> = {}): PricedLine => {
  const base = {
    productId: '01JPRODUCT0000000000000001',
    name: 'Кабель ВВГнг 3×2,5',
    sku: 'VVG-3X2.5',
    unit: 'м',
    quantityThousandths: 100_000,
    unitPrice: { amount: 125_50, currency: 'RUB' },
    discountHundredths: 0,
    vatRate: 20,
    ...overrides,
  };
  return {
    ...base,
    ...lineAmounts({ ...base, unitPrice: base.unitPrice.amount }),
    ...overrides,
  };
};
