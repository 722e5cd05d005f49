// Cursor paging: short pages are read through, a new query drops the previous one's late answers,
// failures can be retried, and the total comes from the first answer that carries one.
import { describe, expect, it } from 'vitest';
import type { ListPage } from '../../api/records.ts';
import { createListLoader, type ListSnapshot, shouldLoadMore } from './list-loader.ts';

type Row = { id: string };
const rows = (from: number, count: number): Row[] =>
  Array.from({ length: count }, (_, i) => ({ id: `r${from + i}` }));

const scripted = (pages: Record<string, ListPage<Row>>) => {
  const asked: (string | undefined)[] = [];
  return {
    asked,
    fetchPage: async (cursor: string | undefined) => {
      asked.push(cursor);
      const page = pages[cursor ?? 'start'];
      if (!page) throw new Error(`no page for ${cursor}`);
      return page;
    },
  };
};

describe('list loader', () => {
  it('keeps reading short pages until it has a page of rows, then stops at the end', async () => {
    const api = scripted({
      start: { items: rows(0, 3), nextCursor: 'a', total: 300_000, totalIsExact: true },
      a: { items: [], nextCursor: 'b', totalIsExact: false },
      b: { items: rows(3, 4), nextCursor: 'c', totalIsExact: false },
      c: { items: rows(7, 2), totalIsExact: false },
    });
    const seen: ListSnapshot<Row>[] = [];
    const loader = createListLoader<Row>({
      fetchPage: api.fetchPage,
      pageSize: 5,
      idOf: (r) => r.id,
      onChange: (s) => seen.push(s),
    });
    await loader.loadMore();
    expect(api.asked).toEqual([undefined, 'a', 'b']);
    expect(loader.snapshot()).toMatchObject({
      loading: false,
      done: false,
      total: 300_000,
      totalIsExact: true,
    });
    expect(loader.snapshot().items).toHaveLength(7);
    await loader.loadMore();
    expect(api.asked).toEqual([undefined, 'a', 'b', 'c']);
    expect(loader.snapshot()).toMatchObject({ done: true, requests: 4 });
    expect(loader.snapshot().items.map((r) => r.id)).toEqual(rows(0, 9).map((r) => r.id));
    await loader.loadMore();
    expect(api.asked).toHaveLength(4);
    expect(seen.some((s) => s.loading)).toBe(true);
  });

  it('gives up after a few empty answers in a row and lets the next scroll continue', async () => {
    const pages: Record<string, ListPage<Row>> = {};
    for (let i = 0; i < 10; i += 1)
      pages[i === 0 ? 'start' : `p${i}`] = { items: [], nextCursor: `p${i + 1}`, totalIsExact: false };
    pages.p10 = { items: rows(0, 1), totalIsExact: false };
    const api = scripted(pages);
    const loader = createListLoader<Row>({
      fetchPage: api.fetchPage,
      pageSize: 50,
      idOf: (r) => r.id,
      onChange: () => undefined,
      maxRequestsPerLoad: 4,
    });
    await loader.loadMore();
    expect(api.asked).toHaveLength(4);
    expect(loader.snapshot()).toMatchObject({ loading: false, done: false });
    await loader.loadMore();
    await loader.loadMore();
    expect(loader.snapshot()).toMatchObject({ done: true });
    expect(loader.snapshot().items).toHaveLength(1);
  });

  it('drops a late answer of the previous query after a reset', async () => {
    const pending: ((page: ListPage<Row>) => void)[] = [];
    const loader = createListLoader<Row>({
      fetchPage: () => new Promise((resolve) => pending.push(resolve)),
      pageSize: 2,
      idOf: (r) => r.id,
      onChange: () => undefined,
    });
    const first = loader.loadMore();
    loader.reset();
    const second = loader.loadMore();
    const [late, current] = pending;
    current?.({ items: rows(100, 2), totalIsExact: false });
    await second;
    late?.({ items: rows(0, 2), nextCursor: 'x', totalIsExact: false });
    await first;
    expect(loader.snapshot().items.map((r) => r.id)).toEqual(['r100', 'r101']);
    expect(loader.snapshot().done).toBe(true);
  });

  it('reports a failure and retries from the same cursor', async () => {
    let fail = true;
    const asked: (string | undefined)[] = [];
    const loader = createListLoader<Row>({
      fetchPage: async (cursor) => {
        asked.push(cursor);
        if (cursor === 'n' && fail) throw new Error('boom');
        return cursor
          ? { items: rows(2, 2), totalIsExact: false }
          : { items: rows(0, 2), nextCursor: 'n', totalIsExact: false };
      },
      pageSize: 2,
      idOf: (r) => r.id,
      onChange: () => undefined,
    });
    await loader.loadMore();
    await loader.loadMore();
    expect(loader.snapshot().error).toBeInstanceOf(Error);
    expect(shouldLoadMore(10, 2, loader.snapshot())).toBe(false);
    fail = false;
    await loader.loadMore();
    expect(asked).toEqual([undefined, 'n', 'n']);
    expect(loader.snapshot()).toMatchObject({ error: undefined, done: true });
  });

  it('updates loaded rows and the total after a local change', async () => {
    const loader = createListLoader<Row>({
      fetchPage: async () => ({ items: rows(0, 3), total: 3, totalIsExact: true }),
      pageSize: 3,
      idOf: (r) => r.id,
      onChange: () => undefined,
    });
    await loader.loadMore();
    loader.update((items) => items.filter((r) => r.id !== 'r1'));
    expect(loader.snapshot()).toMatchObject({ total: 2 });
    expect(loader.snapshot().items.map((r) => r.id)).toEqual(['r0', 'r2']);
  });

  it('asks for more only near the loaded end', () => {
    const idle = { loading: false, done: false, error: undefined };
    expect(shouldLoadMore(10, 100, idle)).toBe(false);
    expect(shouldLoadMore(75, 100, idle)).toBe(true);
    expect(shouldLoadMore(99, 100, { ...idle, done: true })).toBe(false);
    expect(shouldLoadMore(99, 100, { ...idle, loading: true })).toBe(false);
  });
});
