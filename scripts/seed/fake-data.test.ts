import { describe, expect, it } from 'vitest';
import { checkInn } from '../../functions/domain/normalize/inn.ts';
import { parsePhone } from '../../functions/domain/normalize/phone.ts';
import { fakeCompany, fakeContact } from './fake-data.ts';

describe('fake data', () => {
  it('is deterministic for a seed', () => {
    expect(fakeCompany(1, 42)).toEqual(fakeCompany(1, 42));
    expect(fakeCompany(1, 42)).not.toEqual(fakeCompany(2, 42));
  });

  it('has valid INNs and phones, and unique names, INNs and e-mails across many rows', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => fakeCompany(7, i));
    for (const row of rows.slice(0, 500)) {
      expect(checkInn(row.inn).ok, row.inn).toBe(true);
      expect(parsePhone(row.phone).ok, row.phone).toBe(true);
    }
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.inn)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.email)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.phone.slice(0, -3))).size).toBe(rows.length);
  });

  it('makes contacts with Russian full names and valid phones', () => {
    const c = fakeContact(7, 3, 0, 'romashka3.example');
    expect(c.middleName).toMatch(/(ич|на)$/);
    expect(parsePhone(c.phone).ok).toBe(true);
    expect(c.email).toMatch(/@romashka3\.example$/);
  });
});
