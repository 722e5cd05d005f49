// An amount as people type it ("150 000", "1 250,50", "99.9") to integer minor units, and back for
// an input's value, without floating-point arithmetic on money.

/**
 * Minor units of a typed amount with at most `digits` decimals, or undefined when it is not one:
 * spaces (also no-break and thin spaces) group thousands, a comma or a point starts the decimals.
 */
export const parseAmount = (text: string, digits = 2): number | undefined => {
  const compact = text.replace(/[\s\u00a0\u202f']/g, '');
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(compact);
  if (!match) return undefined;
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > digits) return undefined;
  const units = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  return units > 1_000_000_000_000_000n ? undefined : Number(units);
};
