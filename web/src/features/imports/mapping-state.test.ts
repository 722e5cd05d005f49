// Mapping CSV columns to fields: the suggestion is taken, single fields move between columns, and the
// import is held back until every required field has a column.
import { describe, expect, it } from 'vitest';
import type { CustomField } from '../../api/custom-fields.ts';
import {
  assignTarget,
  importRate,
  importTargets,
  initialMapping,
  mappingIssues,
  toApiMapping,
} from './mapping-state.ts';

const budget: CustomField = {
  entity: 'company',
  key: 'budget',
  label: { ru: 'Бюджет', en: 'Budget' },
  type: 'number',
  required: true,
  order: 0,
};

describe('import column mapping', () => {
  const headers = ['Наименование', 'ИНН', 'Телефон', 'Моб.', 'Бюджет', 'Комментарий'];
  const suggested = {
    Наименование: 'name',
    ИНН: 'inn',
    Телефон: 'phones',
    Бюджет: 'cf.budget',
    Комментарий: null,
  };
  const targets = importTargets('company', [budget], suggested);

  it('starts from the suggestion, custom fields included', () => {
    expect(initialMapping(headers, suggested, targets)).toEqual([
      'name',
      'inn',
      'phones',
      null,
      'customFields.budget',
      null,
    ]);
    expect(targets.filter((t) => t.group === 'custom').map((t) => t.key)).toEqual(['customFields.budget']);
  });

  it('moves a single field to the column it was chosen for, and lets phones have several columns', () => {
    const start = initialMapping(headers, suggested, targets);
    expect(assignTarget(start, 5, 'inn', targets)).toEqual([
      'name',
      null,
      'phones',
      null,
      'customFields.budget',
      'inn',
    ]);
    expect(assignTarget(start, 3, 'phones', targets)).toEqual([
      'name',
      'inn',
      'phones',
      'phones',
      'customFields.budget',
      null,
    ]);
  });

  it('reports required fields without a column', () => {
    const start = initialMapping(headers, suggested, targets);
    expect(mappingIssues('company', start, targets)).toEqual([]);
    const issues = mappingIssues('company', assignTarget(start, 0, null, targets), targets);
    expect(issues.map((i) => `${i.kind}:${i.target.key}`)).toEqual(['required:name']);
    expect(mappingIssues('contact', [null], importTargets('contact', [])).map((i) => i.target.key)).toEqual([
      'firstName',
    ]);
    expect(mappingIssues('contact', ['fullName'], importTargets('contact', []))).toEqual([]);
  });

  it('sends the mapping keyed by column number', () => {
    expect(toApiMapping(['A', 'B'], ['name', null])).toEqual({ '#1': 'name', '#2': null });
  });

  it('takes the field list of the server and its suggestion for repeated headers', () => {
    const fields = [
      { field: 'name', label: { ru: 'Название', en: 'Name' }, multi: false },
      { field: 'phones', label: { ru: 'Телефон', en: 'Phone' }, multi: true },
      { field: 'customFields.budget', label: { ru: 'Бюджет', en: 'Budget' }, multi: false },
    ];
    const serverTargets = importTargets('company', [budget], {}, fields);
    expect(serverTargets.map((t) => [t.key, t.required, t.multiple, t.group])).toEqual([
      ['name', true, false, 'standard'],
      ['phones', false, true, 'standard'],
      ['customFields.budget', true, false, 'custom'],
    ]);
    expect(
      initialMapping(
        ['Название', 'Телефон', 'Телефон'],
        { Название: 'name', Телефон: 'phones', 'Телефон (2)': 'phones' },
        serverTargets,
      ),
    ).toEqual(['name', 'phones', 'phones']);
  });

  it('computes the rate and the time left', () => {
    expect(importRate({ at: 0, processed: 0 }, { at: 2000, processed: 1000 }, 5000)).toEqual({
      rate: 500,
      etaSeconds: 8,
    });
    expect(importRate(undefined, { at: 1, processed: 1 }, 10)).toEqual({ rate: 0, etaSeconds: undefined });
  });
});
