// Solid glue for the list loader: one loader per list page, restarted whenever the query (sort,
// filters) changes, its snapshot as a signal for the grid and the header's total.
import { type Accessor, createEffect, createSignal, on, onCleanup } from 'solid-js';
import { recordsOf } from '../../api/client.ts';
import type { AnyRecord, RecordType } from '../../api/records.ts';
import { createListLoader, type ListSnapshot } from './list-loader.ts';
import { type ListParams, queryKey } from './list-query.ts';

export const listPageSize = 100;

export type RecordListStore = {
  snapshot: Accessor<ListSnapshot<AnyRecord>>;
  loadMore: () => void;
  /** Starts the list over (after a bulk change). */
  reload: () => void;
  update: (change: (items: readonly AnyRecord[]) => readonly AnyRecord[]) => void;
};

export const createRecordListStore = (type: RecordType, params: Accessor<ListParams>): RecordListStore => {
  let current = params();
  const loader = createListLoader<AnyRecord>({
    pageSize: listPageSize,
    idOf: (record) => record.id,
    fetchPage: (cursor, signal) =>
      recordsOf(type).list(
        {
          sort: current.sort,
          order: current.order,
          filters: current.filters,
          limit: listPageSize,
          ...(cursor ? { cursor } : {}),
        },
        signal,
      ),
    onChange: (next) => setSnapshot(next),
  });
  const [snapshot, setSnapshot] = createSignal<ListSnapshot<AnyRecord>>(loader.snapshot());

  createEffect(
    on(
      () => queryKey(params()),
      () => {
        current = params();
        loader.reset();
        void loader.loadMore();
      },
    ),
  );
  onCleanup(() => loader.dispose());

  return {
    snapshot,
    loadMore: () => void loader.loadMore(),
    reload: () => {
      loader.reset();
      void loader.loadMore();
    },
    update: (change) => loader.update(change),
  };
};
