// The list view of the same deals as the board (one pipeline, the same filters, plus the status, so won
// and lost deals can be found): a table read by cursor, newest first — or by expected close date when
// one owner's deals are shown.
import { A } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import { api } from '../../api/client.ts';
import type { Deal, DealFilters, DealListQuery, Pipeline } from '../../api/deals.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState, Skeleton } from '../../ui/feedback.tsx';
import { Badge } from '../../ui/panel.tsx';
import { loaded } from '../../ui/resource.ts';
import { useToast } from '../../ui/toast.tsx';
import { recordHref } from '../records/record-links.ts';
import { staffName } from '../users/staff.ts';
import { dealHref, formatDay, formatPercent, statusTone } from './deal-format.ts';
import type { DealStatusFilter } from './deal-query.ts';

const pageSize = 50;

export const DealList = (props: {
  pipeline: Pipeline;
  filters: DealFilters;
  status: DealStatusFilter | undefined;
  /** Changes when a deal is created on this screen: the list is read again. */
  created: Deal | undefined;
}) => {
  const i18n = useI18n();
  const { t, fmt, lookup } = i18n;
  const toast = useToast();
  const query = (): DealListQuery => ({
    pipeline: props.pipeline.id,
    ...props.filters,
    ...(props.status ? { status: props.status } : {}),
    limit: pageSize,
  });
  const [more, setMore] = createSignal<Deal[]>([]);
  const [cursor, setCursor] = createSignal<string>();
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [first, { refetch }] = createResource(
    () => JSON.stringify(query()),
    async (key) => {
      setMore([]);
      const page = await api().deals.list(JSON.parse(key) as DealListQuery);
      setCursor(page.nextCursor);
      return page;
    },
  );
  createEffect(
    on(
      () => props.created,
      () => void refetch(),
      { defer: true },
    ),
  );

  const rows = () => [...(loaded(first)?.items ?? []), ...more()];
  const stageName = (deal: Deal) =>
    props.pipeline.stages.find((s) => s.id === deal.stageId)?.name ??
    deal.stageHistory.at(-1)?.stageName ??
    t('records.empty');

  const loadMore = async () => {
    const from = cursor();
    if (!from) return;
    setLoadingMore(true);
    try {
      const page = await api().deals.list({ ...query(), cursor: from });
      setMore((list) => [...list, ...page.items]);
      setCursor(page.nextCursor);
    } catch (error) {
      toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Show when={!first.error} fallback={<ApiErrorState error={first.error} onRetry={() => void refetch()} />}>
      <Show when={loaded(first)} fallback={<Skeleton lines={6} label={t('common.loading')} />}>
        <Show
          when={rows().length > 0}
          fallback={
            <EmptyState
              icon="briefcase"
              title={t('deals.list.emptyTitle')}
              text={t('deals.list.emptyText')}
            />
          }
        >
          <div class="panel table-scroll">
            <table
              class="data-table deal-table"
              classList={{ 'is-loading': first.loading }}
              aria-busy={first.loading ? 'true' : undefined}
              data-testid="deal-list"
            >
              <caption class="sr-only">{t('deals.list.caption', { name: props.pipeline.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('deals.list.title')}</th>
                  <th scope="col">{t('deals.list.company')}</th>
                  <th scope="col">{t('deals.list.stage')}</th>
                  <th scope="col" class="data-table__num-head">
                    {t('deals.list.value')}
                  </th>
                  <th scope="col" class="data-table__num-head">
                    {t('deals.list.probability')}
                  </th>
                  <th scope="col">{t('deals.list.closeDate')}</th>
                  <th scope="col">{t('deals.list.owner')}</th>
                  <th scope="col" class="data-table__num-head">
                    {t('deals.list.days')}
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={rows()}>
                  {(deal) => (
                    <tr data-testid="deal-row">
                      <th scope="row" class="data-table__name">
                        <A href={dealHref(deal.id)}>{deal.title}</A>
                      </th>
                      <td>
                        <A href={recordHref('company', deal.companyId)}>{deal.companyName}</A>
                      </td>
                      <td>
                        <Show
                          when={deal.status === 'open'}
                          fallback={
                            <>
                              <Badge tone={statusTone[deal.status]}>{t(`deals.status.${deal.status}`)}</Badge>
                              <span class="deal-table__sub">
                                {deal.lostReason
                                  ? (lookup(`deals.lostReasons.${deal.lostReason}`) ?? deal.lostReason)
                                  : stageName(deal)}
                              </span>
                            </>
                          }
                        >
                          {stageName(deal)}
                          <Show when={deal.stalled}>
                            {' '}
                            <Badge tone="warning">{t('deals.card.stalled')}</Badge>
                          </Show>
                        </Show>
                      </td>
                      <td class="data-table__num">{fmt.money(deal.value.amount, deal.value.currency)}</td>
                      <td class="data-table__num">{formatPercent(deal.probability, i18n.locale())}</td>
                      <td class="data-table__num">
                        {deal.expectedCloseDate ? formatDay(deal.expectedCloseDate, i18n.locale()) : ''}
                      </td>
                      <td>{staffName(deal.ownerId) ?? t('records.unknownUser')}</td>
                      <td class="data-table__num">
                        {deal.status === 'open' ? fmt.number(deal.daysInStage) : ''}
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
          <Show when={cursor()}>
            <div class="list-footer">
              <Button variant="secondary" busy={loadingMore()} onClick={() => void loadMore()}>
                {t('deals.list.loadMore')}
              </Button>
            </div>
          </Show>
        </Show>
      </Show>
    </Show>
  );
};
