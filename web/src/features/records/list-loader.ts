// Cursor paging for the virtualized lists, free of any framework: the list asks for more when the
// user nears its end; a page may come back short (or empty) with a nextCursor when the API's read
// budget ran out, so the loader keeps reading until it has a page's worth of rows or the end. A new
// query (sort, filters) starts a new generation: late answers of the previous one are dropped.
import type { ListPage } from '../../api/records.ts';

export type ListSnapshot<T> = {
  readonly items: readonly T[];
  readonly loading: boolean;
  /** No more rows: the last answer had no nextCursor. */
  readonly done: boolean;
  readonly error: unknown;
  readonly total: number | undefined;
  readonly totalIsExact: boolean;
  /** Requests made for this query, for diagnostics and tests. */
  readonly requests: number;
};

export type ListLoader<T> = {
  snapshot: () => ListSnapshot<T>;
  /** Loads at least one page's worth of rows (or up to the end); a no-op while loading or done. */
  loadMore: () => Promise<void>;
  /** Forgets everything and starts over (new sort or filters). */
  reset: () => void;
  /** Replaces or removes loaded rows after a change made here (inline edit, bulk delete). */
  update: (change: (items: readonly T[]) => readonly T[]) => void;
  dispose: () => void;
};

export type ListLoaderOptions<T> = {
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<ListPage<T>>;
  pageSize: number;
  idOf: (item: T) => string;
  onChange: (snapshot: ListSnapshot<T>) => void;
  /** Requests one loadMore may make to fill a page from short answers before yielding. */
  maxRequestsPerLoad?: number;
};

const empty = <T>(): ListSnapshot<T> => ({
  items: [],
  loading: false,
  done: false,
  error: undefined,
  total: undefined,
  totalIsExact: false,
  requests: 0,
});

export const createListLoader = <T>(options: ListLoaderOptions<T>): ListLoader<T> => {
  const maxRequests = options.maxRequestsPerLoad ?? 6;
  let state: ListSnapshot<T> = empty<T>();
  let cursor: string | undefined;
  let generation = 0;
  let controller: AbortController | undefined;
  let seen = new Set<string>();

  const set = (next: Partial<ListSnapshot<T>>) => {
    state = { ...state, ...next };
    options.onChange(state);
  };

  const loadMore = async (): Promise<void> => {
    if (state.loading || state.done) return;
    const mine = generation;
    controller = new AbortController();
    const { signal } = controller;
    set({ loading: true, error: undefined });
    let gathered = 0;
    let requests = 0;
    try {
      while (gathered < options.pageSize && requests < maxRequests) {
        const page = await options.fetchPage(cursor, signal);
        if (mine !== generation) return;
        requests += 1;
        const fresh = page.items.filter((item) => {
          const id = options.idOf(item);
          if (seen.has(id)) return false;
          seen.add(id);
          return true;
        });
        gathered += fresh.length;
        cursor = page.nextCursor;
        set({
          items: fresh.length > 0 ? [...state.items, ...fresh] : state.items,
          done: !page.nextCursor,
          requests: state.requests + 1,
          ...(page.total !== undefined ? { total: page.total, totalIsExact: page.totalIsExact } : {}),
        });
        if (!page.nextCursor) break;
      }
      if (mine === generation) set({ loading: false });
    } catch (error) {
      if (mine !== generation) return;
      set({ loading: false, error });
    }
  };

  const reset = () => {
    generation += 1;
    controller?.abort();
    controller = undefined;
    cursor = undefined;
    seen = new Set();
    state = empty<T>();
    options.onChange(state);
  };

  const update = (change: (items: readonly T[]) => readonly T[]) => {
    const items = change(state.items);
    seen = new Set(items.map(options.idOf));
    const removed = state.items.length - items.length;
    set({
      items,
      ...(removed > 0 && state.total !== undefined ? { total: Math.max(0, state.total - removed) } : {}),
    });
  };

  return {
    snapshot: () => state,
    loadMore,
    reset,
    update,
    dispose: () => {
      generation += 1;
      controller?.abort();
    },
  };
};

/** Whether the viewport is close enough to the loaded end to fetch more. */
export const shouldLoadMore = (
  lastVisibleIndex: number,
  loadedCount: number,
  snapshot: Pick<ListSnapshot<unknown>, 'loading' | 'done' | 'error'>,
  threshold = 30,
): boolean =>
  !snapshot.loading && !snapshot.done && !snapshot.error && lastVisibleIndex >= loadedCount - threshold;
