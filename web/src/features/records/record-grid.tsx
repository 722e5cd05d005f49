// The virtualized list of companies or contacts: only the rows in view (plus a few) are in the DOM,
// so 300 000 rows scroll like 30. It reads the next page by cursor as the user nears the end. A grid
// in the ARIA sense: ↑/↓, PageUp/PageDown, Home/End move between rows, Enter opens the card, Space
// selects; the column headers sort (aria-sort).
// biome-ignore-all lint/a11y/useSemanticElements: a virtualized grid positions rows absolutely, which table layout cannot; ARIA roles give it table semantics.
// biome-ignore-all lint/a11y/useFocusableInteractive: the grid pattern focuses one row at a time (roving tabindex); headers and cells are reached through it.
import { createVirtualizer } from '@tanstack/solid-virtual';
import { createEffect, createSignal, For, Index, on, Show } from 'solid-js';
import type { AnyRecord, SortKey, SortOrder } from '../../api/records.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { Icon } from '../../ui/icon.tsx';
import type { ColumnDef } from './columns.tsx';
import { type ListSnapshot, shouldLoadMore } from './list-loader.ts';

export const rowHeight = 44;

export type RecordGridProps = {
  label: string;
  columns: readonly ColumnDef[];
  snapshot: ListSnapshot<AnyRecord>;
  sort: SortKey;
  order: SortOrder;
  onSort: (sort: SortKey) => void;
  onLoadMore: () => void;
  selected: ReadonlySet<string>;
  onToggle: (id: string, selected: boolean) => void;
  onToggleAll: (selected: boolean) => void;
  /** The card's address for a row (links work with a middle click and "open in new tab"). */
  hrefOf: (row: AnyRecord) => string;
  onOpen: (row: AnyRecord) => void;
  nameOf: (row: AnyRecord) => string;
  selectable: boolean;
};

export const RecordGrid = (props: RecordGridProps) => {
  const i18n = useI18n();
  const { t } = i18n;
  let scroller: HTMLDivElement | undefined;
  const [active, setActive] = createSignal(0);

  const rows = () => props.snapshot.items;
  const hasTail = () => !props.snapshot.done || Boolean(props.snapshot.error);

  const virtualizer = createVirtualizer({
    get count() {
      return rows().length + (hasTail() ? 1 : 0);
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => rowHeight,
    overscan: 8,
  });

  // Near the end of what is loaded: ask for the next page.
  createEffect(() => {
    const items = virtualizer.getVirtualItems();
    const last = items[items.length - 1];
    if (last && shouldLoadMore(last.index, rows().length, props.snapshot)) props.onLoadMore();
  });

  // Tab lands on a row in view: when the active row scrolled away (and focus is elsewhere), the first
  // visible row becomes the one Tab reaches.
  createEffect(() => {
    const items = virtualizer.getVirtualItems();
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last || scroller?.contains(document.activeElement)) return;
    const index = active();
    if (index < first.index || index > last.index)
      setActive(Math.min(first.index + 1, Math.max(0, rows().length - 1)));
  });

  // A new query starts at the top.
  createEffect(
    on(
      () => rows().length === 0,
      (emptied) => {
        if (emptied) {
          setActive(0);
          scroller?.scrollTo({ top: 0 });
        }
      },
      { defer: true },
    ),
  );

  // The first column takes the room the others leave; the grid scrolls sideways when they do not fit.
  const template = () =>
    `${props.selectable ? '44px ' : ''}${props.columns.map((c, i) => (i === 0 ? `minmax(${c.width}px, 1fr)` : `${c.width}px`)).join(' ')}`;
  const width = () => props.columns.reduce((sum, c) => sum + c.width, props.selectable ? 44 : 0);

  const focusRow = (index: number) => {
    const count = rows().length;
    if (count === 0) return;
    const next = Math.max(0, Math.min(count - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    // The row may be drawn a frame or two after the scroll: try until it is there.
    const tryFocus = (attempt: number) => {
      const row = scroller?.querySelector<HTMLElement>(`[data-row-index="${next}"]`);
      if (row) row.focus({ preventScroll: true });
      else if (attempt < 20) requestAnimationFrame(() => tryFocus(attempt + 1));
    };
    requestAnimationFrame(() => tryFocus(0));
  };

  const pageRows = () => Math.max(1, Math.floor((scroller?.clientHeight ?? 400) / rowHeight) - 1);

  const onRowKeyDown = (event: KeyboardEvent, index: number, row: AnyRecord) => {
    if (event.target !== event.currentTarget) return;
    const moves: Record<string, () => void> = {
      ArrowDown: () => focusRow(index + 1),
      ArrowUp: () => focusRow(index - 1),
      PageDown: () => focusRow(index + pageRows()),
      PageUp: () => focusRow(index - pageRows()),
      Home: () => focusRow(0),
      End: () => focusRow(rows().length - 1),
      Enter: () => props.onOpen(row),
      ' ': () => props.selectable && props.onToggle(row.id, !props.selected.has(row.id)),
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      move();
    }
  };

  const allSelected = () => rows().length > 0 && rows().every((row) => props.selected.has(row.id));
  const someSelected = () => !allSelected() && rows().some((row) => props.selected.has(row.id));

  const ariaSort = (column: ColumnDef) =>
    column.sort && column.sort === props.sort
      ? props.order === 'asc'
        ? 'ascending'
        : 'descending'
      : undefined;

  return (
    <div class="grid-frame">
      <p class="sr-only" id="record-grid-hint">
        {t('list.keyboardHint')}
      </p>
      <div
        ref={scroller}
        class="grid-scroll"
        data-testid="record-grid"
        role="grid"
        aria-label={props.label}
        aria-describedby="record-grid-hint"
        aria-rowcount={props.snapshot.total !== undefined ? props.snapshot.total + 1 : -1}
        aria-colcount={props.columns.length + (props.selectable ? 1 : 0)}
        aria-multiselectable={props.selectable ? 'true' : undefined}
      >
        <div class="grid-inner" style={{ width: `max(${width()}px, 100%)` }}>
          <div
            class="grid-row grid-row--head"
            role="row"
            aria-rowindex={1}
            style={{ 'grid-template-columns': template() }}
          >
            <Show when={props.selectable}>
              <div class="grid-cell grid-cell--check" role="columnheader">
                <input
                  type="checkbox"
                  class="checkbox"
                  aria-label={t('list.selectAll')}
                  checked={allSelected()}
                  ref={(element) => createEffect(() => (element.indeterminate = someSelected()))}
                  onChange={(event) => props.onToggleAll(event.currentTarget.checked)}
                />
              </div>
            </Show>
            <For each={props.columns}>
              {(column) => (
                <div class="grid-cell grid-cell--head" role="columnheader" aria-sort={ariaSort(column)}>
                  <Show when={column.sort} fallback={<span class="grid-head__label">{column.label}</span>}>
                    {(sortKey) => (
                      <button
                        type="button"
                        class="grid-head__sort"
                        classList={{ 'is-sorted': props.sort === sortKey() }}
                        title={t('list.sortBy', { column: column.label })}
                        onClick={() => props.onSort(sortKey())}
                      >
                        <span>{column.label}</span>
                        <Show when={props.sort === sortKey()}>
                          <Icon name={props.order === 'asc' ? 'arrowUp' : 'arrowDown'} size={14} />
                          <span class="sr-only">
                            {props.order === 'asc' ? t('list.sortedAsc') : t('list.sortedDesc')}
                          </span>
                        </Show>
                      </button>
                    )}
                  </Show>
                </div>
              )}
            </For>
          </div>
          <div class="grid-body" role="rowgroup" style={{ height: `${virtualizer.getTotalSize()}px` }}>
            <Index each={virtualizer.getVirtualItems()}>
              {(item) => {
                const row = () => rows()[item().index];
                return (
                  <Show
                    when={row()}
                    fallback={
                      <div
                        class="grid-row grid-row--tail"
                        role="row"
                        style={{ transform: `translateY(${item().start}px)`, height: `${rowHeight}px` }}
                      >
                        <div class="grid-cell grid-cell--tail" role="gridcell">
                          <Show
                            when={props.snapshot.error}
                            fallback={
                              <span class="grid-tail" role="status">
                                <span class="spinner spinner--sm" aria-hidden="true" />
                                {t('list.loadingMore')}
                              </span>
                            }
                          >
                            {(error) => (
                              <span class="grid-tail grid-tail--error" role="alert">
                                {t('list.loadFailed')} {describeError(error(), i18n).message}
                                <Button size="sm" icon="refresh" onClick={() => props.onLoadMore()}>
                                  {t('errors.retry')}
                                </Button>
                              </span>
                            )}
                          </Show>
                        </div>
                      </div>
                    }
                  >
                    {(record) => (
                      <div
                        class="grid-row"
                        classList={{ 'is-selected': props.selected.has(record().id) }}
                        role="row"
                        data-row-index={item().index}
                        data-testid="record-row"
                        aria-rowindex={item().index + 2}
                        aria-selected={props.selectable ? props.selected.has(record().id) : undefined}
                        tabIndex={active() === item().index ? 0 : -1}
                        style={{
                          transform: `translateY(${item().start}px)`,
                          height: `${rowHeight}px`,
                          'grid-template-columns': template(),
                        }}
                        onFocus={() => setActive(item().index)}
                        onKeyDown={(event) => onRowKeyDown(event, item().index, record())}
                        onClick={(event) => {
                          const target = event.target as HTMLElement;
                          if (target.closest('a, button, input, label')) return;
                          props.onOpen(record());
                        }}
                      >
                        <Show when={props.selectable}>
                          <div class="grid-cell grid-cell--check" role="gridcell">
                            <input
                              type="checkbox"
                              class="checkbox"
                              tabIndex={-1}
                              aria-label={t('list.selectRow', { name: props.nameOf(record()) })}
                              checked={props.selected.has(record().id)}
                              onChange={(event) => props.onToggle(record().id, event.currentTarget.checked)}
                            />
                          </div>
                        </Show>
                        <For each={props.columns}>
                          {(column, columnIndex) => (
                            <div
                              class="grid-cell"
                              role="gridcell"
                              classList={{ 'grid-cell--name': columnIndex() === 0 }}
                            >
                              <Show when={columnIndex() === 0} fallback={column.cell(record())}>
                                <a
                                  href={props.hrefOf(record())}
                                  class="grid-link"
                                  tabIndex={-1}
                                  onClick={(event) => {
                                    if (
                                      event.metaKey ||
                                      event.ctrlKey ||
                                      event.shiftKey ||
                                      event.button !== 0
                                    )
                                      return;
                                    event.preventDefault();
                                    props.onOpen(record());
                                  }}
                                >
                                  {column.cell(record())}
                                </a>
                              </Show>
                            </div>
                          )}
                        </For>
                      </div>
                    )}
                  </Show>
                );
              }}
            </Index>
          </div>
        </div>
      </div>
    </div>
  );
};
