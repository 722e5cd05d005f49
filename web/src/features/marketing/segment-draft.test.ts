// The builder's form ↔ the API's filter: empty criteria are left out, lists split, values typed.
import { describe, expect, it } from 'vitest';
import { criteriaCount, emptyDraft, fromFilter, splitList, toFilter } from './segment-draft.ts';

describe('segment draft', () => {
  it('an untouched builder is the empty filter', () => {
    expect(toFilter(emptyDraft())).toEqual({});
    expect(criteriaCount(toFilter(emptyDraft()))).toBe(0);
  });

  it('splits comma-separated lists, trimmed and without repeats', () => {
    expect(splitList(' Москва, Казань ,,Москва; Тверь')).toEqual(['Москва', 'Казань', 'Тверь']);
  });

  it('builds every criterion the form holds', () => {
    const filter = toFilter(
      {
        ...emptyDraft(),
        lifecycleStages: ['customer'],
        cities: 'Казань',
        leadSources: ['site'],
        leadSourcesOn: 'either',
        tags: 'vip, выставка',
        tagsMatch: 'all',
        customFields: [
          { field: 'company:budget', op: 'equals', value: '1 500,5' },
          { field: 'contact:newsletter', op: 'equals', value: 'true' },
          { field: 'contact:region', op: 'set', value: 'ignored' },
          { field: 'contact:empty', op: 'equals', value: ' ' },
        ],
        activityKind: 'inactive-for',
        activityDays: '90',
        openDeal: 'no',
        wonDeal: 'yes',
        boughtProducts: ['P1'],
      },
      (field) =>
        field === 'company:budget' ? 'money' : field === 'contact:newsletter' ? 'checkbox' : 'text',
    );
    expect(filter).toEqual({
      lifecycleStages: ['customer'],
      cities: ['Казань'],
      leadSources: { in: ['site'], on: 'either' },
      tags: { match: 'all', values: ['vip', 'выставка'], on: 'contact' },
      customFields: [
        { on: 'company', key: 'budget', op: 'equals', value: 150050 },
        { on: 'contact', key: 'newsletter', op: 'equals', value: true },
        { on: 'contact', key: 'region', op: 'set' },
      ],
      activity: { kind: 'inactive-for', days: 90 },
      openDeal: false,
      wonDeal: true,
      boughtProducts: ['P1'],
    });
  });

  it('leaves out an activity criterion without a whole number of days', () => {
    expect(toFilter({ ...emptyDraft(), activityKind: 'active-within', activityDays: '' })).toEqual({});
  });

  it('reads a saved filter back into the same form', () => {
    const kindOf = (field: string) => (field === 'company:budget' ? 'money' : 'text') as 'money' | 'text';
    const draft = {
      ...emptyDraft(),
      industries: 'Логистика, Ритейл',
      owners: ['U1', 'U2'],
      ownersOn: 'company' as const,
      customFields: [{ field: 'company:budget', op: 'equals' as const, value: '1500' }],
      wonDeal: 'no' as const,
    };
    expect(fromFilter(toFilter(draft, kindOf), kindOf)).toEqual(draft);
  });
});
