// List state in the URL, and column preferences per user.
import { describe, expect, it } from 'vitest';
import {
  loadColumnPrefs,
  moveColumn,
  normalizeColumns,
  saveColumnPrefs,
  toggleColumn,
} from './column-prefs.ts';
import { nextSort, parseListParams, queryKey, toSearchParams, withFilter } from './list-query.ts';

describe('list params in the URL', () => {
  it('reads sort, order, known filters and custom-field filters; ignores the rest', () => {
    const params = parseListParams(
      {
        sort: 'activity',
        owner: 'u1',
        stage: 'customer',
        'cf.budget': '100',
        hack: 'x',
        city: ' ',
        company: 'c1',
      },
      'company',
    );
    expect(params).toEqual({
      sort: 'activity',
      order: 'desc',
      filters: { owner: 'u1', stage: 'customer', 'cf.budget': '100' },
    });
    expect(parseListParams({ sort: 'nonsense', inactiveDays: 'abc' }, 'contact')).toEqual({
      sort: 'name',
      order: 'asc',
      filters: {},
    });
    expect(parseListParams({ tag: 'vip', view: 'v1' }, 'contact')).toEqual({
      sort: 'name',
      order: 'asc',
      filters: { tag: 'vip' },
      viewId: 'v1',
    });
  });

  it('writes only what differs from the defaults and clears dropped filters', () => {
    const current = { owner: 'u1', tag: 'vip', sort: 'created' };
    const next = withFilter({ sort: 'name', order: 'asc', filters: { owner: 'u1', tag: 'vip' } }, 'tag', '');
    expect(toSearchParams(next, current)).toEqual({
      owner: 'u1',
      tag: undefined,
      sort: undefined,
      order: undefined,
      view: undefined,
    });
  });

  it('flips the order on the same column and starts others in their natural order', () => {
    expect(nextSort({ sort: 'name', order: 'asc' }, 'name')).toEqual({ sort: 'name', order: 'desc' });
    expect(nextSort({ sort: 'name', order: 'asc' }, 'updated')).toEqual({ sort: 'updated', order: 'desc' });
  });

  it('identifies a query regardless of the order filters were added in', () => {
    expect(queryKey({ sort: 'name', order: 'asc', filters: { a: '1', b: '2' } })).toBe(
      queryKey({ sort: 'name', order: 'asc', filters: { b: '2', a: '1' } }),
    );
  });
});

describe('column preferences', () => {
  const available = ['name', 'inn', 'stage', 'owner', 'cf.budget'];
  const defaults = ['name', 'inn', 'owner'];

  it('pins the name first and drops columns that no longer exist', () => {
    expect(normalizeColumns(['owner', 'cf.gone', 'name', 'inn', 'inn'], available, defaults)).toEqual([
      'name',
      'owner',
      'inn',
    ]);
    expect(normalizeColumns(undefined, available, defaults)).toEqual(defaults);
  });

  it('are stored per key and survive bad data', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
    };
    saveColumnPrefs(storage, 'k', ['name', 'cf.budget']);
    expect(loadColumnPrefs(storage, 'k', available, defaults)).toEqual(['name', 'cf.budget']);
    store.set('k', '{not json');
    expect(loadColumnPrefs(storage, 'k', available, defaults)).toEqual(defaults);
    expect(loadColumnPrefs(storage, 'other', available, defaults)).toEqual(defaults);
  });

  it('toggle and move columns, never the name', () => {
    expect(toggleColumn(['name', 'inn'], 'stage')).toEqual(['name', 'inn', 'stage']);
    expect(toggleColumn(['name', 'inn'], 'inn')).toEqual(['name']);
    expect(toggleColumn(['name', 'inn'], 'name')).toEqual(['name', 'inn']);
    expect(moveColumn(['name', 'inn', 'stage'], 'stage', -1)).toEqual(['name', 'stage', 'inn']);
    expect(moveColumn(['name', 'inn', 'stage'], 'inn', -1)).toEqual(['name', 'inn', 'stage']);
    expect(moveColumn(['name', 'inn', 'stage'], 'stage', 1)).toEqual(['name', 'inn', 'stage']);
  });
});
