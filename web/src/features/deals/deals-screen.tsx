// Сделки: the pipeline switcher, the filters (owner, source, expected close period; the list adds the
// status), the board or the list of the same deals, and the "Новая сделка" dialog. Everything the user
// chose lives in the URL.
import { useSearchParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, onMount, Show } from 'solid-js';
import { api } from '../../api/client.ts';
import type { Deal } from '../../api/deals.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/choice-fields.tsx';
import { Alert, Skeleton } from '../../ui/feedback.tsx';
import { SegmentedControl, TextField } from '../../ui/field.tsx';
import { loaded } from '../../ui/resource.ts';
import { useToast } from '../../ui/toast.tsx';
import { canCreateRecord } from '../records/permissions.ts';
import { leadSources } from '../records/record-constants.ts';
import { useActor } from '../users/actor.ts';
import { loadStaff, staff } from '../users/staff.ts';
import { DealBoard } from './deal-board.tsx';
import { dealStatuses } from './deal-constants.ts';
import { DealList } from './deal-list.tsx';
import {
  type DealLayout,
  type DealParams,
  hasFilters,
  parseDealParams,
  periodIsInverted,
  toDealSearch,
} from './deal-query.ts';
import { NewDealDialog } from './new-deal-dialog.tsx';
import '../records/records.css';
import './deals.css';

export const DealsScreen = () => {
  const i18n = useI18n();
  const { t, lookup } = i18n;
  const toast = useToast();
  const actor = useActor();
  usePageTitle(() => t('deals.title'));
  onMount(() => void loadStaff());

  const [search, setSearch] = useSearchParams();
  const params = createMemo<DealParams>(() => parseDealParams({ ...search }), parseDealParams({}), {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  const setParams = (next: DealParams) => setSearch(toDealSearch(next));
  const setFilter = (key: 'owner' | 'source' | 'from' | 'to', value: string) => {
    const filters = { ...params().filters };
    if (value) filters[key] = value;
    else delete filters[key];
    setParams({ ...params(), filters });
  };

  const [pipelines, { refetch }] = createResource(() => api().deals.pipelines());
  // Without the rates the board still works; it reads its totals again after a move instead.
  const [rates] = createResource(() =>
    api()
      .deals.rates()
      .catch(() => undefined),
  );
  const pipeline = () => {
    const list = loaded(pipelines) ?? [];
    return list.find((p) => p.id === params().pipeline) ?? list[0];
  };

  const [creating, setCreating] = createSignal(false);
  const [created, setCreated] = createSignal<Deal>();
  const inverted = () => periodIsInverted(params().filters);
  const showList = () => setParams({ ...params(), view: 'list' });

  const ownerOptions = () => [
    ...(actor().userId ? [{ value: actor().userId, label: t('deals.filters.mine') }] : []),
    ...staff()
      .filter((s) => s.id !== actor().userId)
      .map((s) => ({ value: s.id, label: s.name })),
  ];

  return (
    <div class="page page--wide deals-page">
      <header class="list-header">
        <div class="list-header__title">
          <h1 class="page-header__title">{t('deals.title')}</h1>
        </div>
        <div class="list-header__actions">
          <SegmentedControl<DealLayout>
            legend={t('deals.view.legend')}
            hideLegend
            name="deal-view"
            size="sm"
            value={params().view}
            choices={[
              { value: 'board', label: t('deals.view.board') },
              { value: 'list', label: t('deals.view.list') },
            ]}
            onChange={(view) => setParams({ ...params(), view })}
          />
          <Show when={canCreateRecord(actor()) && pipeline()}>
            <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
              {t('deals.newDeal')}
            </Button>
          </Show>
        </div>
      </header>

      <Show
        when={!pipelines.error}
        fallback={<ApiErrorState error={pipelines.error} onRetry={() => void refetch()} />}
      >
        <Show when={loaded(pipelines)} fallback={<Skeleton lines={6} label={t('common.loading')} />}>
          <Show when={pipeline()} fallback={<Alert tone="warning">{t('deals.noPipelines')}</Alert>}>
            {(current) => (
              <>
                <fieldset class="deal-filters">
                  <legend class="sr-only">{t('deals.filters.label')}</legend>
                  <SelectField
                    label={t('deals.pipeline')}
                    options={(loaded(pipelines) ?? []).map((p) => ({ value: p.id, label: p.name }))}
                    value={current().id}
                    data-testid="pipeline-select"
                    onChange={(event) => setParams({ ...params(), pipeline: event.currentTarget.value })}
                  />
                  <SelectField
                    label={t('deals.filters.owner')}
                    placeholder={t('deals.filters.anyOwner')}
                    options={ownerOptions()}
                    value={params().filters.owner ?? ''}
                    onChange={(event) => setFilter('owner', event.currentTarget.value)}
                  />
                  <SelectField
                    label={t('deals.filters.source')}
                    placeholder={t('deals.filters.anySource')}
                    options={leadSources.map((s) => ({
                      value: s,
                      label: lookup(`records.sources.${s}`) ?? s,
                    }))}
                    value={params().filters.source ?? ''}
                    onChange={(event) => setFilter('source', event.currentTarget.value)}
                  />
                  <TextField
                    class="deal-filters__date"
                    type="date"
                    label={t('deals.filters.from')}
                    value={params().filters.from ?? ''}
                    onChange={(event) => setFilter('from', event.currentTarget.value)}
                  />
                  <TextField
                    class="deal-filters__date"
                    type="date"
                    label={t('deals.filters.to')}
                    value={params().filters.to ?? ''}
                    error={inverted() ? t('deals.filters.badPeriod') : undefined}
                    onChange={(event) => setFilter('to', event.currentTarget.value)}
                  />
                  <Show when={params().view === 'list'}>
                    <SelectField
                      label={t('deals.filters.status')}
                      placeholder={t('deals.filters.anyStatus')}
                      options={dealStatuses.map((s) => ({ value: s, label: t(`deals.status.${s}`) }))}
                      value={params().status ?? ''}
                      data-testid="status-select"
                      onChange={(event) => {
                        const status = dealStatuses.find((s) => s === event.currentTarget.value);
                        const { status: _dropped, ...rest } = params();
                        setParams(status ? { ...rest, status } : rest);
                      }}
                    />
                  </Show>
                  <Show when={hasFilters(params())}>
                    <Button
                      variant="ghost"
                      size="sm"
                      icon="close"
                      class="deal-filters__reset"
                      onClick={() => setParams({ view: params().view, pipeline: current().id, filters: {} })}
                    >
                      {t('deals.filters.reset')}
                    </Button>
                  </Show>
                </fieldset>

                <Show when={!inverted()}>
                  <Show
                    when={params().view === 'list'}
                    fallback={
                      <DealBoard
                        pipeline={current()}
                        filters={params().filters}
                        rates={loaded(rates)}
                        created={created()}
                        onShowList={showList}
                      />
                    }
                  >
                    <DealList
                      pipeline={current()}
                      filters={params().filters}
                      status={params().status}
                      created={created()}
                    />
                  </Show>
                </Show>

                <NewDealDialog
                  open={creating()}
                  pipeline={current()}
                  rates={loaded(rates)}
                  onClose={() => setCreating(false)}
                  onCreated={(deal) => {
                    setCreating(false);
                    setCreated(deal);
                    toast.show(t('deals.form.created', { title: deal.title }));
                  }}
                />
              </>
            )}
          </Show>
        </Show>
      </Show>
    </div>
  );
};
