import { describe, expect, it } from 'vitest';
import { isEmail, normalizeEmail } from './email.ts';
import { checkInn, innWithCheckDigit, isKpp } from './inn.ts';
import { formatPhone, parsePhone, phoneSearchDigits } from './phone.ts';
import { nameWords, normalizeText, sortableName } from './text.ts';

describe('normalizeText', () => {
  it('folds case the Russian way, treats ё as е and drops punctuation', () => {
    expect(normalizeText('ООО «Ёлки-Палки»!')).toBe('ооо елки-палки');
    expect(normalizeText('  Торговый   дом "Север" ')).toBe('торговый дом север');
  });
});

describe('nameWords', () => {
  it('leaves out legal forms and repeats', () => {
    expect(nameWords('ООО «Ромашка»')).toEqual(['ромашка']);
    expect(nameWords('АО Торговый дом «Север-Юг» Север')).toEqual(['торговый', 'дом', 'север-юг', 'север']);
    expect(nameWords('Acme LLC')).toEqual(['acme']);
  });
});

describe('sortableName', () => {
  it('sorts by the significant words first', () => {
    expect(sortableName('ООО «Ромашка»')).toBe('ромашка ооо');
    expect(sortableName('Ёжик')).toBe('ежик');
  });
});

describe('parsePhone', () => {
  it('reads Russian numbers written with 8 or +7 as the same E.164 number', () => {
    expect(parsePhone('8 912 345-67-89')).toEqual({ ok: true, e164: '+79123456789' });
    expect(parsePhone('+7 (912) 345-67-89')).toEqual({ ok: true, e164: '+79123456789' });
    expect(parsePhone('89123456789')).toEqual({ ok: true, e164: '+79123456789' });
    expect(parsePhone('+49 30 901820')).toEqual({ ok: true, e164: '+4930901820' });
  });

  it('refuses what is not a phone number, saying why', () => {
    expect(parsePhone('12')).toMatchObject({ ok: false });
    expect(parsePhone('')).toEqual({ ok: false, reason: 'is empty' });
  });

  it('formats and extracts search digits', () => {
    expect(formatPhone('+79123456789')).toBe('+7 (912) 345-67-89');
    expect(phoneSearchDigits('8 (912) 345')).toBe('8912345');
    expect(phoneSearchDigits('8 912 345-67-89')).toBe('79123456789');
  });
});

describe('checkInn', () => {
  it('accepts valid 10- and 12-digit INNs', () => {
    expect(checkInn('7707083893')).toEqual({ ok: true, kind: 'organisation' }); // Сбербанк
    expect(checkInn('500100732259')).toEqual({ ok: true, kind: 'individual' });
    expect(checkInn(innWithCheckDigit('770708389'))).toEqual({ ok: true, kind: 'organisation' });
  });

  it('refuses a wrong check digit, length or characters, saying which', () => {
    expect(checkInn('7707083894')).toEqual({ ok: false, reason: 'has a wrong check digit' });
    expect(checkInn('123')).toMatchObject({ ok: false, reason: expect.stringContaining('10 digits') });
    expect(checkInn('77070838a3')).toEqual({ ok: false, reason: 'must contain digits only' });
  });

  it('checks KPP format', () => {
    expect(isKpp('773601001')).toBe(true);
    expect(isKpp('7736AB001')).toBe(true);
    expect(isKpp('77360100')).toBe(false);
  });
});

describe('e-mail', () => {
  it('compares addresses case-insensitively', () => {
    expect(normalizeEmail('  Info@Romashka.RU ')).toBe('info@romashka.ru');
    expect(isEmail('info@romashka.ru')).toBe(true);
    expect(isEmail('info@')).toBe(false);
  });
});
