import { describe, expect, it } from 'vitest';
import { parseDealParams, periodIsInverted, toDealSearch } from './deal-query.ts';

describe('deal screen parameters', () => {
  it('reads the pipeline, view, filters and status from the URL and writes them back', () => {
    const params = parseDealParams({
      pipeline: 'default',
      view: 'list',
      owner: 'u1',
      source: 'site',
      from: '2026-12-01',
      to: '2026-12-31',
      status: 'lost',
    });
    expect(params).toEqual({
      pipeline: 'default',
      view: 'list',
      filters: { owner: 'u1', source: 'site', from: '2026-12-01', to: '2026-12-31' },
      status: 'lost',
    });
    expect(parseDealParams(toDealSearch(params))).toEqual(params);
  });

  it('drops unknown values instead of sending them to the API', () => {
    expect(
      parseDealParams({ view: 'grid', source: 'tv', from: '01.12.2026', to: '2026-13-45', status: 'maybe' }),
    ).toEqual({ view: 'board', filters: {} });
  });

  it('clears every key it owns when the value is gone', () => {
    expect(toDealSearch({ view: 'board', filters: {} })).toEqual({
      pipeline: undefined,
      view: undefined,
      owner: undefined,
      source: undefined,
      from: undefined,
      to: undefined,
      status: undefined,
    });
  });

  it('notices a period that ends before it starts', () => {
    expect(periodIsInverted({ from: '2026-12-31', to: '2026-12-01' })).toBe(true);
    expect(periodIsInverted({ from: '2026-12-01', to: '2026-12-01' })).toBe(false);
    expect(periodIsInverted({ from: '2026-12-01' })).toBe(false);
  });
});
