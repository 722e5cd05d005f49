// Phones shown as +7 (912) 345-67-89 and dialled through tel: links.
import { describe, expect, it } from 'vitest';
import { formatPhone, telHref } from './phone.ts';

describe('formatPhone', () => {
  it('formats Russian numbers in E.164 and as typed', () => {
    expect(formatPhone('+79123456789')).toBe('+7 (912) 345-67-89');
    expect(formatPhone('89123456789')).toBe('+7 (912) 345-67-89');
    expect(formatPhone('9123456789')).toBe('+7 (912) 345-67-89');
    expect(formatPhone('+7 912 345 67 89')).toBe('+7 (912) 345-67-89');
  });

  it('keeps foreign numbers readable and leaves junk alone', () => {
    expect(formatPhone('+4930123456')).toBe('+4930123456');
    expect(formatPhone('доб. 12')).toBe('доб. 12');
  });

  it('builds tel: links', () => {
    expect(telHref('+79123456789')).toBe('tel:+79123456789');
    expect(telHref('8 (912) 345-67-89')).toBe('tel:+79123456789');
  });
});
