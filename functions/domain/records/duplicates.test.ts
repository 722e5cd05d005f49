import { describe, expect, it } from 'vitest';
import {
  comparableCompanyName,
  isSimilarName,
  maxDuplicatesShown,
  nameSimilarity,
  probeFromDraft,
  rankDuplicates,
} from './duplicates.ts';

describe('name similarity', () => {
  it('is 1 for equal names and falls with each edit', () => {
    expect(nameSimilarity('ромашка', 'ромашка')).toBe(1);
    expect(nameSimilarity('ромашка', 'ромашко')).toBeCloseTo(1 - 1 / 7);
    expect(nameSimilarity('', '')).toBe(1);
  });

  it('compares companies by their significant words: legal forms, quotes, case and ё do not count', () => {
    expect(comparableCompanyName('ООО «Ёлочка Трейд»')).toBe('елочка трейд');
    expect(
      isSimilarName(comparableCompanyName('ООО «Ёлочка Трейд»'), comparableCompanyName('АО "елочка трейд"')),
    ).toBe(true);
    expect(
      isSimilarName(comparableCompanyName('Ромашка Трейдинг'), comparableCompanyName('Ромашка Трейдинк')),
    ).toBe(true);
  });

  it('draws the line at 0.85', () => {
    expect(isSimilarName('ромашка логистик', 'ромашка логистика север')).toBe(false);
    expect(isSimilarName('abcdefghij', 'abcdefghxy')).toBe(false); // 0.8
    expect(isSimilarName('abcdefghijklmnopqrst', 'abcdefghijklmnopqrxy')).toBe(true); // 0.9
    expect(isSimilarName('', 'что-то')).toBe(false);
  });
});

describe('rankDuplicates', () => {
  it('lists each record once, by its strongest reason, without the record being written', () => {
    const ranked = rankDuplicates(
      [
        { id: 'a', name: 'Альфа', reason: 'name', value: 'Альфа' },
        { id: 'a', name: 'Альфа', reason: 'inn', value: '7707083893' },
        { id: 'b', name: 'Бета', reason: 'phone', value: '+79123456789' },
        { id: 'self', name: 'Я', reason: 'email', value: 'me@x.ru' },
      ],
      'self',
    );
    expect(ranked).toEqual([
      { id: 'a', name: 'Альфа', reason: 'inn', value: '7707083893' },
      { id: 'b', name: 'Бета', reason: 'phone', value: '+79123456789' },
    ]);
  });

  it('shows at most a handful', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      id: `c${i}`,
      name: `Компания ${i}`,
      reason: 'name' as const,
      value: '',
    }));
    expect(rankDuplicates(many)).toHaveLength(maxDuplicatesShown);
  });
});

describe('probeFromDraft', () => {
  it('reads 8 9xx… as +7 9xx…, folds e-mails and keeps only values that parse', () => {
    expect(
      probeFromDraft('company', {
        name: '  ООО «Ромашка»  ',
        inn: '7707 083893',
        phones: [{ value: '8 (912) 345-67-89' }, '12', { value: '+7 912 000-00-01' }],
        emails: [' Info@Romashka.RU ', 'nope'],
      }),
    ).toEqual({
      name: 'ООО «Ромашка»',
      firstWord: 'ромашка',
      inn: '7707083893',
      phones: ['+79123456789', '+79120000001'],
      emails: ['info@romashka.ru'],
    });
  });

  it('leaves out an INN with a wrong check digit', () => {
    expect(probeFromDraft('company', { inn: '7707083894' }).inn).toBeUndefined();
  });

  it('names a person last name first and searches by the last name', () => {
    expect(
      probeFromDraft('contact', {
        firstName: 'Иван',
        lastName: 'Пётров',
        middleName: 'Ильич',
        companyId: 'c-1',
      }),
    ).toMatchObject({ name: 'Пётров Иван Ильич', firstWord: 'петров', companyId: 'c-1' });
    expect(probeFromDraft('contact', { firstName: 'Иван' }).firstWord).toBe('иван');
  });
});
