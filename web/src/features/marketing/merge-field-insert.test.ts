// The template editor's merge-field tags, caret insertion and per-part errors.
import { describe, expect, it } from 'vitest';
import { insertAt, knownProblem, mergeTag, problemsOf } from './merge-field-insert.ts';

describe('merge-field picker', () => {
  it('writes a tag with and without a fallback', () => {
    expect(mergeTag('contact.firstName', ' коллега ')).toBe('{{ contact.firstName | default: "коллега" }}');
    expect(mergeTag('company.name')).toBe('{{ company.name }}');
    expect(mergeTag('owner.name', 'ваш "менеджер"')).toBe('{{ owner.name | default: "ваш ”менеджер”" }}');
  });

  it('inserts over the selection and puts the caret after the tag', () => {
    expect(insertAt('Здравствуйте, X!', '{{ a }}', 14, 15)).toEqual({
      value: 'Здравствуйте, {{ a }}!',
      caret: 21,
    });
    expect(insertAt('abc', 'Z', 99)).toEqual({ value: 'abcZ', caret: 4 });
  });

  it('reads the line and column of each problem of a part', () => {
    const fields = [
      { field: 'html', message: 'line 3, column 5: unknown merge field "contact.nickname"; known: …' },
      { field: 'html', message: 'after sanitizing, line 1, column 2: bad' },
      { field: 'subject', message: 'must not be empty' },
    ];
    expect(problemsOf(fields, 'html')).toEqual([
      { line: 3, column: 5, message: 'unknown merge field "contact.nickname"; known: …' },
      { line: 1, column: 2, message: 'bad' },
    ]);
    expect(problemsOf(fields, 'subject')).toEqual([{ message: 'must not be empty' }]);
    expect(problemsOf(fields, 'text')).toEqual([]);
  });

  it("recognises the problems it can say in the reader's language", () => {
    expect(knownProblem('unknown merge field "contact.nickname"; known: a, b')).toEqual({
      kind: 'unknownField',
      field: 'contact.nickname',
    });
    expect(knownProblem('filter "upcase" is not allowed; only "default" is')).toEqual({
      kind: 'badFilter',
      filter: 'upcase',
    });
    expect(knownProblem('cannot be read: unexpected token')).toBeUndefined();
  });
});
