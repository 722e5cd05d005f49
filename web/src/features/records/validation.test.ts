// The client catches a wrong INN, KPP, e-mail or phone before the round trip, with the server's rules.
import { describe, expect, it } from 'vitest';
import { checkField, innProblem } from './validation.ts';

describe('client-side field checks', () => {
  it('checks INN check digits like the tax service', () => {
    expect(innProblem('7707083893')).toBeUndefined();
    expect(innProblem('7707083894')).toBe('innCheckDigit');
    expect(innProblem('500100732259')).toBeUndefined();
    expect(innProblem('77070')).toBe('innLength');
    expect(innProblem('77070a3893')).toBe('innDigits');
  });

  it('requires a name and accepts empty optional fields', () => {
    expect(checkField('name', '  ')).toBe('required');
    expect(checkField('name', 'x'.repeat(201))).toBe('tooLong');
    expect(checkField('inn', '')).toBeUndefined();
    expect(checkField('kpp', '770701001')).toBeUndefined();
    expect(checkField('kpp', '77070100')).toBe('kpp');
  });

  it('checks e-mails, phones, web addresses and birthdays', () => {
    expect(checkField('email', 'info@romashka.ru')).toBeUndefined();
    expect(checkField('email', 'info@')).toBe('email');
    expect(checkField('phone', '8 (912) 345-67-89')).toBeUndefined();
    expect(checkField('phone', '12-34')).toBe('phone');
    expect(checkField('website', 'https://romashka.ru')).toBeUndefined();
    expect(checkField('website', 'romashka.ru')).toBe('website');
    expect(checkField('birthday', '--03-08')).toBeUndefined();
    expect(checkField('birthday', '08.03.1990')).toBe('birthday');
  });
});

describe('server field errors', () => {
  it('are shown as the same problems the client checks for', async () => {
    const { localizeServerProblem } = await import('./validation.ts');
    expect(localizeServerProblem('inn', 'has a wrong check digit')).toBe('innCheckDigit');
    expect(localizeServerProblem('phones.1.value', 'is not a phone number')).toBe('phone');
    expect(localizeServerProblem('emails.0.value', 'is not an e-mail address')).toBe('email');
    expect(localizeServerProblem('name', 'must not be empty')).toBe('required');
    expect(localizeServerProblem('customFields.budget', 'is not one of the options')).toBeUndefined();
  });
});
