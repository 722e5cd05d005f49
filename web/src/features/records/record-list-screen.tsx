// The list screen of companies or contacts: title with the total ("300 000 компаний"), saved views,
// filters, columns, export, bulk actions, and the virtualized grid. Sort, filters and the view live in
// the URL; the columns are the user's (or the view's).
import { useNavigate, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, onMount, Show } from 'solid-js';
import type { AnyRecord, RecordType, SortKey } from '../../api/records.ts';
import type { SavedView } from '../../api/views.ts';
import { useAppConfig } from '../../config/config-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { Button, LinkButton } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/feedback.tsx';
import { Icon } from '../../ui/icon.tsx';
import { customFieldsOf, loadCustomFields } from '../custom-fields/definitions.ts';
import { ExportDialog } from '../exports/export-dialog.tsx';
import { useActor } from '../users/actor.ts';
import { loadStaff, staff, staffName } from '../users/staff.ts';
import { ViewsMenu } from '../views/views-menu.tsx';
import { BulkBar } from './bulk-bar.tsx';
import { ColumnPicker } from './column-picker.tsx';
import { columnPrefsKey, loadColumnPrefs, normalizeColumns, saveColumnPrefs } from './column-prefs.ts';
import { defaultColumns, recordColumns } from './columns.tsx';
import { FilterChips, FilterPanel, filterDefs } from './filter-bar.tsx';
import {
  defaultOrder,
  defaultParams,
  type ListParams,
  nextSort,
  parseListParams,
  sortKeys,
  toSearchParams,
  withFilter,
} from './list-query.ts';
import {
  canBulkEdit,
  canCreateRecord,
  canEditRecord,
  canExport,
  canImport,
  canReassign,
} from './permissions.ts';
import { RecordGrid } from './record-grid.tsx';
import { recordHref } from './record-links.ts';
import { createRecordListStore } from './record-list-store.ts';
import './records.css';

export const RecordListScreen = (props: { entity: RecordType }) => {
  const i18n = useI18n();
  const { t, tp, fmt } = i18n;
  const config = useAppConfig();
  const navigate = useNavigate();
  const actor = useActor();
  const [search, setSearch] = useSearchParams();
  const isCompany = props.entity === 'company';
  usePageTitle(() => (isCompany ? t('list.companiesTitle') : t('list.contactsTitle')));

  onMount(() => {
    void loadStaff();
    void loadCustomFields();
  });

  const params = createMemo<ListParams>(() => parseListParams({ ...search }, props.entity), defaultParams, {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  const setParams = (next: ListParams) => setSearch(toSearchParams(next, { ...search }));

  const store = createRecordListStore(props.entity, params);

  // Columns: the user's own (per organisation, user and record type), or the active view's.
  const allColumns = createMemo(() =>
    recordColumns(props.entity, { i18n, userName: staffName, customFields: customFieldsOf(props.entity) }),
  );
  const columnIds = () => allColumns().map((c) => c.id);
  const prefsKey = () => columnPrefsKey(config.tenant.id, actor().userId || 'anonymous', props.entity);
  const [columns, setColumns] = createSignal<string[]>([...defaultColumns[props.entity]]);
  const [viewColumns, setViewColumns] = createSignal<string[]>();
  createEffect(
    on([prefsKey, allColumns], () => {
      setColumns(loadColumnPrefs(localStorage, prefsKey(), columnIds(), defaultColumns[props.entity]));
    }),
  );
  const visibleIds = () => viewColumns() ?? columns();
  const visibleColumns = createMemo(() => {
    const byId = new Map(allColumns().map((c) => [c.id, c]));
    return visibleIds().flatMap((id) => {
      const column = byId.get(id);
      return column ? [column] : [];
    });
  });
  const changeColumns = (next: string[]) => {
    if (params().viewId) setViewColumns(next);
    else {
      setColumns(next);
      saveColumnPrefs(localStorage, prefsKey(), next);
    }
  };
  const resetColumns = () =>
    changeColumns(normalizeColumns(undefined, columnIds(), defaultColumns[props.entity]));

  // Saved views: choosing one puts its query into the URL and its columns on screen.
  const [views, setViews] = createSignal<readonly SavedView[]>([]);
  const currentView = () => views().find((v) => v.id === params().viewId);
  createEffect(
    on([() => params().viewId, views], ([viewId]) => {
      const view = views().find((v) => v.id === viewId);
      if (!viewId) setViewColumns(undefined);
      else if (view && viewColumns() === undefined)
        setViewColumns(normalizeColumns(view.columns, columnIds(), defaultColumns[props.entity]));
    }),
  );
  const applyView = (view: SavedView | undefined) => {
    setSelected(new Set<string>());
    if (!view) {
      setViewColumns(undefined);
      setParams({ sort: 'name', order: 'asc', filters: {} });
      return;
    }
    setViewColumns(normalizeColumns(view.columns, columnIds(), defaultColumns[props.entity]));
    setParams({ sort: view.sort, order: view.order, filters: { ...view.filters }, viewId: view.id });
  };

  // Filters
  const [filtersOpen, setFiltersOpen] = createSignal(false);
  const defs = createMemo(() =>
    filterDefs(props.entity, {
      t,
      tp,
      lookup: i18n.lookup,
      locale: i18n.locale(),
      staff: staff(),
      meId: actor().userId,
      customFields: customFieldsOf(props.entity),
    }),
  );
  const applyFilters = (filters: Record<string, string>) => setParams({ ...params(), filters });
  const filterCount = () => Object.keys(params().filters).length;

  const sortBy = (sort: SortKey) => setParams({ ...params(), ...nextSort(params(), sort) });

  // Selection
  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set());
  createEffect(
    on(
      () => JSON.stringify([params().sort, params().order, params().filters]),
      () => setSelected(new Set<string>()),
      { defer: true },
    ),
  );
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const toggleAll = (on: boolean) =>
    setSelected(on ? new Set(store.snapshot().items.map((r) => r.id)) : new Set<string>());

  // Salespeople change only their own records: the others in the selection are not sent.
  const bulkIds = createMemo(() => {
    const rows = new Map(store.snapshot().items.map((r) => [r.id, r]));
    const allowed: string[] = [];
    let refused = 0;
    for (const id of selected()) {
      const row = rows.get(id);
      if (!row || canEditRecord(actor(), row)) allowed.push(id);
      else refused += 1;
    }
    return { allowed, refused };
  });

  const [exporting, setExporting] = createSignal(false);

  const snapshot = store.snapshot;
  const totalText = () => {
    const s = snapshot();
    if (s.total === undefined) return s.items.length > 0 ? tp('list.loaded', s.items.length) : '';
    const text = tp(isCompany ? 'list.companiesTotal' : 'list.contactsTotal', s.total);
    return s.totalIsExact ? text : t('list.approx', { value: text });
  };
  const nameOf = (row: AnyRecord) => row.name;
  const open = (row: AnyRecord) => navigate(recordHref(props.entity, row.id));

  const isEmpty = () => snapshot().done && snapshot().items.length === 0 && !snapshot().error;

  return (
    <div class="page page--wide list-page">
      <header class="list-header">
        <div class="list-header__title">
          <h1 class="page-header__title">{isCompany ? t('list.companiesTitle') : t('list.contactsTitle')}</h1>
          <p class="list-header__total" data-testid="list-total" aria-live="polite">
            {totalText()}
          </p>
        </div>
        <div class="list-header__actions">
          <Show when={canImport(actor())}>
            <LinkButton href={`/import?entity=${props.entity}`} icon="upload" variant="secondary">
              {t('list.import')}
            </LinkButton>
          </Show>
          <Show when={canCreateRecord(actor())}>
            <LinkButton href={isCompany ? '/companies/new' : '/contacts/new'} icon="plus" variant="primary">
              {isCompany ? t('list.newCompany') : t('list.newContact')}
            </LinkButton>
          </Show>
        </div>
      </header>

      <div class="list-toolbar">
        <ViewsMenu
          entity={props.entity}
          actor={actor()}
          currentViewId={params().viewId}
          state={{
            filters: params().filters,
            sort: params().sort,
            order: params().order,
            columns: visibleIds(),
          }}
          onApply={applyView}
          onLoaded={setViews}
        />
        <span class="list-toolbar__divider" aria-hidden="true" />
        <button
          type="button"
          class="btn btn--secondary btn--sm"
          aria-expanded={filtersOpen()}
          aria-controls="list-filters"
          data-testid="filters-button"
          onClick={() => setFiltersOpen(!filtersOpen())}
        >
          <Icon name="filter" size={16} />
          <span>{t('list.filters.button')}</span>
          <Show when={filterCount() > 0}>
            <span class="count-badge">{fmt.number(filterCount())}</span>
          </Show>
        </button>
        <div class="sort-control">
          <label class="sr-only" for="list-sort">
            {t('list.sort.label')}
          </label>
          <select
            id="list-sort"
            class="input select input--sm sort-control__select"
            data-testid="sort-select"
            onChange={(event) => {
              const sort = event.currentTarget.value as SortKey;
              setParams({ ...params(), sort, order: defaultOrder(sort) });
            }}
          >
            <For each={sortKeys}>
              {(key) => (
                <option value={key} selected={params().sort === key}>
                  {t(`list.sort.${key}`)}
                </option>
              )}
            </For>
          </select>
          <button
            type="button"
            class="icon-button icon-button--sm"
            aria-label={`${t('list.sort.label')}: ${params().order === 'asc' ? t('list.sort.asc') : t('list.sort.desc')}`}
            title={params().order === 'asc' ? t('list.sort.asc') : t('list.sort.desc')}
            onClick={() => setParams({ ...params(), order: params().order === 'asc' ? 'desc' : 'asc' })}
          >
            <Icon name={params().order === 'asc' ? 'arrowUp' : 'arrowDown'} size={16} />
          </button>
        </div>
        <ColumnPicker
          all={allColumns()}
          visible={visibleIds()}
          onChange={changeColumns}
          onReset={resetColumns}
        />
        <Show when={canExport(actor())}>
          <Button size="sm" icon="download" onClick={() => setExporting(true)}>
            {t('exports.button')}
          </Button>
        </Show>
        <div class="list-toolbar__spacer" />
        <FilterChips
          defs={defs()}
          filters={params().filters}
          onRemove={(key) => setParams(withFilter(params(), key, undefined))}
          onClear={() => applyFilters({})}
        />
      </div>

      <Show when={filtersOpen()}>
        <FilterPanel id="list-filters" defs={defs()} filters={params().filters} onApply={applyFilters} />
      </Show>

      <Show when={selected().size > 0}>
        <BulkBar
          entity={props.entity}
          ids={bulkIds().allowed}
          refused={bulkIds().refused}
          staff={staff()}
          canReassign={canReassign(actor())}
          canEdit={canBulkEdit(actor())}
          onClear={() => setSelected(new Set<string>())}
          onDone={(action, result) => {
            const done = new Set(result.succeeded);
            if (action === 'delete') store.update((items) => items.filter((r) => !done.has(r.id)));
            else store.reload();
            setSelected(new Set(result.failed.map((f) => f.id)));
          }}
        />
      </Show>

      <Show
        when={!isEmpty()}
        fallback={
          <Show
            when={filterCount() > 0}
            fallback={
              <EmptyState
                icon={isCompany ? 'building' : 'user'}
                title={isCompany ? t('list.emptyCompaniesTitle') : t('list.emptyContactsTitle')}
                text={isCompany ? t('list.emptyCompaniesText') : t('list.emptyContactsText')}
                action={
                  <Show when={canCreateRecord(actor())}>
                    <LinkButton
                      href={isCompany ? '/companies/new' : '/contacts/new'}
                      icon="plus"
                      variant="primary"
                    >
                      {isCompany ? t('list.newCompany') : t('list.newContact')}
                    </LinkButton>
                  </Show>
                }
              />
            }
          >
            <EmptyState
              icon="search"
              title={t('list.noMatchesTitle')}
              text={t('list.noMatchesText')}
              action={
                <Button variant="secondary" onClick={() => applyFilters({})}>
                  {t('list.filters.clear')}
                </Button>
              }
            />
          </Show>
        }
      >
        <RecordGrid
          label={isCompany ? t('list.companiesGrid') : t('list.contactsGrid')}
          columns={visibleColumns()}
          snapshot={snapshot()}
          sort={params().sort}
          order={params().order}
          onSort={sortBy}
          onLoadMore={store.loadMore}
          selected={selected()}
          onToggle={toggle}
          onToggleAll={toggleAll}
          hrefOf={(row) => recordHref(props.entity, row.id)}
          onOpen={open}
          nameOf={nameOf}
          selectable={canBulkEdit(actor())}
        />
      </Show>

      <ExportDialog
        open={exporting()}
        onClose={() => setExporting(false)}
        entity={props.entity}
        filters={params().filters}
        sort={params().sort}
        order={params().order}
        columns={visibleIds()}
        view={currentView() ? { id: currentView()?.id ?? '', name: currentView()?.name ?? '' } : undefined}
      />
    </div>
  );
};
