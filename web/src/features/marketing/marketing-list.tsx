// The frame the three Маркетинг lists share (сегменты, шаблоны писем, кампании): the section tabs, the
// title with its actions («Новый …» for those who write them), then the list's error, loading state,
// empty state or table. Each screen brings its columns and rows.
import { For, type JSX, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { LinkButton } from '../../ui/button.tsx';
import { EmptyState, Skeleton } from '../../ui/feedback.tsx';
import type { IconName } from '../../ui/icon.tsx';
import { useActor } from '../users/actor.ts';
import { canEditMarketing } from './marketing-permissions.ts';
import { MarketingTabs } from './marketing-tabs.tsx';
import './marketing.css';

export const MarketingList = <T,>(props: {
  /** The section's messages: marketing.<section>.title, subtitle, create and caption. */
  section: 'segments' | 'templates' | 'campaigns';
  /** Where «Новый …» leads. */
  createHref: string;
  /** Controls before «Новый …», shown to everyone. */
  filters?: () => JSX.Element;
  list: { (): { items: readonly T[] } | undefined; error: unknown };
  onRetry: () => void;
  empty: { icon: IconName; title: string; text: string };
  testId: string;
  /** The header cells of the table. */
  head: JSX.Element;
  row: (item: T) => JSX.Element;
}) => {
  const { t } = useI18n();
  const actor = useActor();
  usePageTitle(() => t(`marketing.${props.section}.title`));
  return (
    <div class="page page--wide marketing-page">
      <MarketingTabs />
      <header class="list-header">
        <div class="list-header__title">
          <h1 class="page-header__title">{t(`marketing.${props.section}.title`)}</h1>
          <p class="page-header__subtitle">{t(`marketing.${props.section}.subtitle`)}</p>
        </div>
        <Show when={props.filters || canEditMarketing(actor())}>
          <div class="list-header__actions">
            {props.filters?.()}
            <Show when={canEditMarketing(actor())}>
              <LinkButton variant="primary" icon="plus" href={props.createHref}>
                {t(`marketing.${props.section}.create`)}
              </LinkButton>
            </Show>
          </div>
        </Show>
      </header>
      <Show
        when={!props.list.error}
        fallback={<ApiErrorState error={props.list.error} onRetry={props.onRetry} />}
      >
        <Show when={props.list()} fallback={<Skeleton lines={5} label={t('common.loading')} />}>
          {(page) => (
            <Show
              when={page().items.length > 0}
              fallback={
                <EmptyState icon={props.empty.icon} title={props.empty.title} text={props.empty.text} />
              }
            >
              <div class="panel table-scroll">
                <table class="data-table" data-testid={props.testId}>
                  <caption class="sr-only">{t(`marketing.${props.section}.caption`)}</caption>
                  <thead>
                    <tr>{props.head}</tr>
                  </thead>
                  <tbody>
                    <For each={page().items}>{(item) => props.row(item)}</For>
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
