// The plan editor's amounts: minor units shown as people type them («500 000», «1 250,50») and the
// typed texts back to the map the API stores, without floating-point arithmetic on money.
import { parseAmount } from '../deals/money-input.ts';

/** 50000000 (RUB) → «500 000»; 125050 → «1 250,50» (ru) or «1 250.50» (en); grouped with spaces, which parseAmount reads back. */
export const amountText = (minorUnits: number, digits: number, decimalSeparator: ',' | '.'): string => {
  const text = BigInt(Math.trunc(minorUnits))
    .toString()
    .padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const fraction = digits > 0 ? text.slice(text.length - digits) : '';
  return /^0*$/.test(fraction) ? whole : `${whole}${decimalSeparator}${fraction}`;
};

export type PlanDraft = Readonly<Record<string, string>>;

/** The texts an editor starts from: one per person in the stored plan. */
export const draftOf = (
  amounts: Readonly<Record<string, number>>,
  digits: number,
  decimalSeparator: ',' | '.',
): Record<string, string> =>
  Object.fromEntries(
    Object.entries(amounts).map(([id, minor]) => [id, amountText(minor, digits, decimalSeparator)]),
  );

/**
 * The amounts to store for the people shown: an empty field leaves the person without a plan;
 * `invalid` names the fields that are not an amount. People in the stored plan but not shown keep
 * their amount (the API replaces the whole map).
 */
export const planAmounts = (
  draft: PlanDraft,
  shown: readonly string[],
  stored: Readonly<Record<string, number>>,
  digits: number,
): { amounts: Record<string, number>; invalid: string[] } => {
  const amounts: Record<string, number> = {};
  const invalid: string[] = [];
  for (const [id, minor] of Object.entries(stored)) if (!shown.includes(id)) amounts[id] = minor;
  for (const id of shown) {
    const text = (draft[id] ?? '').trim();
    if (text === '') continue;
    const minor = parseAmount(text, digits);
    if (minor === undefined) invalid.push(id);
    else amounts[id] = minor;
  }
  return { amounts, invalid };
};

/** Whether the editor holds anything the stored plan does not (spacing aside; no plan and 0 are alike). */
export const draftChanged = (
  draft: PlanDraft,
  shown: readonly string[],
  stored: Readonly<Record<string, number>>,
  digits: number,
): boolean =>
  shown.some((id) => {
    const text = (draft[id] ?? '').trim();
    const minor = text === '' ? undefined : parseAmount(text, digits);
    return text !== '' && minor === undefined ? true : (minor ?? 0) !== (stored[id] ?? 0);
  });
