// Russian tax numbers. An INN has 10 digits (organisations) or 12 (individuals and sole
// traders), with check digits computed by the Federal Tax Service's weights; a KPP has 9
// characters: 4 digits (tax office), 2 digits or capital letters (reason), 3 digits.

const checkDigit = (digits: readonly number[], weights: readonly number[]): number =>
  (weights.reduce((sum, w, i) => sum + w * (digits[i] ?? 0), 0) % 11) % 10;

export type InnCheck = { ok: true; kind: 'organisation' | 'individual' } | { ok: false; reason: string };

export const checkInn = (inn: string): InnCheck => {
  if (!/^\d+$/.test(inn)) return { ok: false, reason: 'must contain digits only' };
  const d = [...inn].map(Number);
  if (d.length === 10) {
    return checkDigit(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9]
      ? { ok: true, kind: 'organisation' }
      : { ok: false, reason: 'has a wrong check digit' };
  }
  if (d.length === 12) {
    const ok =
      checkDigit(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] &&
      checkDigit(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11];
    return ok ? { ok: true, kind: 'individual' } : { ok: false, reason: 'has a wrong check digit' };
  }
  return { ok: false, reason: 'must have 10 digits (organisation) or 12 (individual)' };
};

export const isKpp = (kpp: string): boolean => /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp);

/** A valid 10-digit INN built from 9 digits (for demo data and tests). */
export const innWithCheckDigit = (nineDigits: string): string => {
  const d = [...nineDigits].map(Number);
  return `${nineDigits}${checkDigit(d, [2, 4, 10, 3, 5, 9, 4, 6, 8])}`;
};
