// A deal's product lines (docs/quotes.md): the caller names products, quantities and discounts
// and one price list; names, SKUs, units, VAT rates and net prices are taken from the catalogue,
// the amounts computed (line-math.ts), and the deal's value becomes the lines' total with VAT in
// the price list's currency — one versioned, audited write of the deal (deals.ts saveDeal).
// Lines are a snapshot: a later price change in the catalogue changes them only when they are
// saved again. An archived product may stay on a deal that has it, but not be added anew.
import { z } from 'zod';
import { nowIso } from '../../lib/clock.ts';
import { StaleVersion, ValidationFailed } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import { readRates } from '../deals/currency-rates.ts';
import type { DealItem } from '../deals/deal.entity.ts';
import { readDeal, saveDeal } from '../deals/deals.ts';
import { convert } from '../deals/money.ts';
import { readPriceList, readProducts } from '../products/catalogue.ts';
import { requireEditor, requireRecordWriter } from '../records/access.ts';
import {
  AmountTooLarge,
  lineAmounts,
  lineTotals,
  maxMoneyAmount,
  type PricedLine,
  parseLineNumbers,
} from './line-math.ts';

/** At most this many lines a deal (and so a quote). */
export const maxLines = 100;
const decimal = z.union([z.number(), z.string().max(20)], { error: 'must be a number' });

export const dealLinesSchema = z
  .object({
    expectedVersion: z.number().int().positive(),
    priceListId: z.string().min(1).max(40),
    lines: z
      .array(
        z
          .object({
            productId: z.string().min(1).max(40),
            quantity: decimal,
            discountPercent: decimal.optional(),
          })
          .strict(),
      )
      .max(maxLines, `at most ${maxLines} lines`),
  })
  .strict();
export type DealLinesInput = z.infer<typeof dealLinesSchema>;

/** Replaces the deal's lines (an empty list removes them and leaves the value as it is). */
export const setDealLines = async (
  principal: Principal,
  dealId: string,
  body: unknown,
): Promise<DealItem> => {
  requireRecordWriter(principal, 'deals');
  const current = await readDeal(dealId);
  requireEditor(principal, current, 'deal');
  const input = parseInput(dealLinesSchema, body);
  if (current.version !== input.expectedVersion) throw new StaleVersion('deal', dealId, current.version);
  if (input.lines.length === 0)
    return saveDeal(
      principal,
      current,
      input.expectedVersion,
      { lines: undefined, priceListId: undefined },
      nowIso(),
    );

  const { parsed, errors } = parseLineNumbers(input.lines);
  const [priceList, products, rates] = await Promise.all([
    readPriceList(input.priceListId).catch(() => undefined),
    readProducts(input.lines.map((l) => l.productId)),
    readRates(),
  ]);
  if (!priceList)
    throw new ValidationFailed([
      ...errors,
      { field: 'priceListId', message: 'is not a price list of this organisation' },
    ]);
  if (convert({ amount: 0, currency: priceList.currency }, rates) === undefined)
    errors.push({
      field: 'priceListId',
      message: `is in ${priceList.currency}, which has no exchange rate to ${rates.base}; an administrator adds it under Settings → Currency rates`,
    });
  const onDealAlready = new Set((current.lines ?? []).map((l) => l.productId));
  const lines: PricedLine[] = [];
  for (const [i, line] of input.lines.entries()) {
    const product = products.get(line.productId);
    const field = `lines.${i}.productId`;
    const unitPrice = product?.prices[priceList.id];
    if (!product) errors.push({ field, message: 'is not a product of the catalogue' });
    else if (product.archived && !onDealAlready.has(product.id))
      errors.push({ field, message: `«${product.name}» is archived` });
    else if (unitPrice === undefined)
      errors.push({ field, message: `«${product.name}» has no price in «${priceList.name}»` });
    else {
      const numbers = parsed[i] as (typeof parsed)[number];
      try {
        lines.push({
          productId: product.id,
          name: product.name,
          sku: product.sku,
          unit: product.unit,
          quantityThousandths: numbers.quantityThousandths,
          unitPrice: { amount: unitPrice, currency: priceList.currency },
          discountHundredths: numbers.discountHundredths,
          vatRate: product.vatRate,
          ...lineAmounts({ ...numbers, unitPrice, vatRate: product.vatRate }),
        });
      } catch (error) {
        if (!(error instanceof AmountTooLarge)) throw error;
        errors.push({ field: `lines.${i}.quantity`, message: 'makes the line too large' });
      }
    }
  }
  if (errors.length > 0) throw new ValidationFailed(errors);
  const tooLarge = new ValidationFailed([
    { field: 'lines', message: 'add up to more than a deal may be worth' },
  ]);
  let totals: ReturnType<typeof lineTotals>;
  try {
    totals = lineTotals(lines, priceList.currency);
  } catch (error) {
    throw error instanceof AmountTooLarge ? tooLarge : error;
  }
  if (totals.total > maxMoneyAmount) throw tooLarge;
  return saveDeal(
    principal,
    current,
    input.expectedVersion,
    { lines, priceListId: priceList.id, value: { amount: totals.total, currency: priceList.currency } },
    nowIso(),
  );
};
