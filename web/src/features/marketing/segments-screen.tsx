// Сегменты (/marketing/segments): the saved segments by name with their number of criteria and when
// they last changed, and «Новый сегмент» for those who write them.
import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { LinkButton } from '../../ui/button.tsx';
import { EmptyState, Skeleton } from '../../ui/feedback.tsx';
import { useActor } from '../users/actor.ts';
import { canEditMarketing } from './marketing-permissions.ts';
import { MarketingTabs } from './marketing-tabs.tsx';
import { criteriaCount } from './segment-draft.ts';
import './marketing.css';

export const SegmentsScreen = () => {
  const { t, fmt } = useI18n();
  const actor = useActor();
  usePageTitle(() => t('marketing.segments.title'));
  const [segments, { refetch }] = createResource(() => api().segments.list());
  return (
    <div class="page page--wide marketing-page">
      <MarketingTabs />
      <header class="list-header">
        <div class="list-header__title">
          <h1 class="page-header__title">{t('marketing.segments.title')}</h1>
          <p class="page-header__subtitle">{t('marketing.segments.subtitle')}</p>
        </div>
        <Show when={canEditMarketing(actor())}>
          <div class="list-header__actions">
            <LinkButton variant="primary" icon="plus" href="/marketing/segments/new">
              {t('marketing.segments.create')}
            </LinkButton>
          </div>
        </Show>
      </header>
      <Show
        when={!segments.error}
        fallback={<ApiErrorState error={segments.error} onRetry={() => void refetch()} />}
      >
        <Show when={segments()} fallback={<Skeleton lines={5} label={t('common.loading')} />}>
          {(page) => (
            <Show
              when={page().items.length > 0}
              fallback={
                <EmptyState
                  icon="filter"
                  title={t('marketing.segments.emptyTitle')}
                  text={t('marketing.segments.emptyText')}
                />
              }
            >
              <div class="panel table-scroll">
                <table class="data-table" data-testid="segment-list">
                  <caption class="sr-only">{t('marketing.segments.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('marketing.segments.name')}</th>
                      <th scope="col">{t('marketing.segments.description')}</th>
                      <th scope="col" class="data-table__num-head">
                        {t('marketing.segments.criteria')}
                      </th>
                      <th scope="col">{t('marketing.updated')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={page().items}>
                      {(segment) => (
                        <tr data-testid="segment-row">
                          <th scope="row" class="data-table__name">
                            <A href={`/marketing/segments/${segment.id}`}>{segment.name}</A>
                          </th>
                          <td>{segment.description ?? '—'}</td>
                          <td class="data-table__num">{fmt.number(criteriaCount(segment.filter))}</td>
                          <td>{fmt.dateTime(segment.updatedAt ?? segment.createdAt)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          )}
        </Show>
      </Show>
    </div>
  );
};
