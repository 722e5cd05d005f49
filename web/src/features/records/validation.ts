// Client-side checks that mirror the shared schemas (company.entity.ts, contact.entity.ts,
// record-fields.ts) where that is cheap: the user learns of a wrong INN before the round trip. The
// server checks again; its field errors are shown the same way.

export type FieldProblem =
  | 'required'
  | 'tooLong'
  | 'innDigits'
  | 'innLength'
  | 'innCheckDigit'
  | 'kpp'
  | 'email'
  | 'phone'
  | 'website'
  | 'birthday'
  | 'number'
  | 'date';

const checkDigit = (digits: readonly number[], weights: readonly number[]): number =>
  (weights.reduce((sum, w, i) => sum + w * (digits[i] ?? 0), 0) % 11) % 10;

/** The Federal Tax Service's check digits of a 10- or 12-digit INN (same rule as functions/domain/normalize/inn.ts). */
export const innProblem = (value: string): FieldProblem | undefined => {
  const inn = value.replace(/\s/g, '');
  if (!/^\d+$/.test(inn)) return 'innDigits';
  const d = [...inn].map(Number);
  if (d.length === 10)
    return checkDigit(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9] ? undefined : 'innCheckDigit';
  if (d.length === 12) {
    const ok =
      checkDigit(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] &&
      checkDigit(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11];
    return ok ? undefined : 'innCheckDigit';
  }
  return 'innLength';
};

export const kppProblem = (value: string): FieldProblem | undefined =>
  /^\d{4}[\dA-Z]{2}\d{3}$/.test(value.trim()) ? undefined : 'kpp';

export const emailProblem = (value: string): FieldProblem | undefined =>
  /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(value.trim()) && value.length <= 254 ? undefined : 'email';

/** A phone needs 10 to 15 digits; 8 9xx… and 9xx… are read as Russian by the server. */
export const phoneProblem = (value: string): FieldProblem | undefined => {
  if (/[^\d\s()+\-.]/.test(value.trim())) return 'phone';
  const digits = value.replace(/\D/g, '');
  return digits.length >= 10 && digits.length <= 15 ? undefined : 'phone';
};

export const websiteProblem = (value: string): FieldProblem | undefined => {
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.')
      ? undefined
      : 'website';
  } catch {
    return 'website';
  }
};

export const birthdayProblem = (value: string): FieldProblem | undefined =>
  /^(\d{4}|-)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(value.trim()) ? undefined : 'birthday';

export const requiredProblem = (value: string, max: number): FieldProblem | undefined => {
  if (!value.trim()) return 'required';
  return value.trim().length > max ? 'tooLong' : undefined;
};

/** Checks of an optional text field by its name; an empty value is fine. */
export const checkField = (field: string, value: string): FieldProblem | undefined => {
  const trimmed = value.trim();
  switch (field) {
    case 'name':
      return requiredProblem(value, 200);
    case 'firstName':
      return requiredProblem(value, 100);
  }
  if (!trimmed) return undefined;
  switch (field) {
    case 'inn':
      return innProblem(trimmed);
    case 'kpp':
      return kppProblem(trimmed);
    case 'website':
      return websiteProblem(trimmed);
    case 'birthday':
      return birthdayProblem(trimmed);
    case 'email':
      return emailProblem(trimmed);
    case 'phone':
      return phoneProblem(trimmed);
    case 'legalName':
      return trimmed.length > 300 ? 'tooLong' : undefined;
    default:
      return trimmed.length > 300 ? 'tooLong' : undefined;
  }
};

/**
 * A server field error in the user's language. The API words its messages in English for developers
 * ("has a wrong check digit"); the common ones map to the same problems the client checks for.
 */
export const localizeServerProblem = (field: string, message: string): FieldProblem | undefined => {
  const m = message.toLowerCase();
  const base = field.replace(/\.\d+(\.value)?$/, '').replace(/^customFields\..*/, 'customFields');
  if (/must not be empty|is required|required/.test(m)) return 'required';
  if (/at most \d+ characters|too long|too big/.test(m)) return 'tooLong';
  if (base === 'inn') {
    if (/check digit/.test(m)) return 'innCheckDigit';
    if (/digits only/.test(m)) return 'innDigits';
    if (/10 digits|12/.test(m)) return 'innLength';
  }
  if (base === 'kpp') return 'kpp';
  if (base === 'emails' || /e-mail|email/.test(m)) return 'email';
  if (base === 'phones' || /phone/.test(m)) return 'phone';
  if (base === 'website') return 'website';
  if (base === 'birthday') return 'birthday';
  if (/must be a number|expected number/.test(m)) return 'number';
  return undefined;
};
