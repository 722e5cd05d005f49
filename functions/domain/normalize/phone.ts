// Phone numbers in E.164 (+79123456789), read the way people in Russia write them:
// 8 912 345-67-89 and +7 (912) 345-67-89 are the same number. libphonenumber-js knows every
// country's numbering plan; a number without a country code is read as Russian by default.
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneParse = { ok: true; e164: string } | { ok: false; reason: string };

export const parsePhone = (input: string, defaultCountry: CountryCode = 'RU'): PhoneParse => {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'is empty' };
  // A Russian trunk prefix: 8 followed by ten digits is +7 followed by them.
  const digits = trimmed.replace(/\D/g, '');
  const candidate = /^8\d{10}$/.test(digits) && !trimmed.startsWith('+') ? `+7${digits.slice(1)}` : trimmed;
  const phone = parsePhoneNumberFromString(candidate, defaultCountry);
  if (!phone) return { ok: false, reason: 'is not a phone number' };
  if (!phone.isValid()) return { ok: false, reason: `is not a valid ${phone.country ?? 'phone'} number` };
  return { ok: true, e164: phone.number };
};

/** The digits a phone is searched by: E.164 without the "+", or whatever digits were typed. */
export const phoneSearchDigits = (input: string): string =>
  input.replace(/\D/g, '').replace(/^8(?=\d{10}$)/, '7');

/** +79123456789 → +7 (912) 345-67-89; other countries in their international format. */
export const formatPhone = (e164: string): string => {
  const ru = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  if (ru) return `+7 (${ru[1]}) ${ru[2]}-${ru[3]}-${ru[4]}`;
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
};
