// Шаблоны писем (/marketing/templates): templates in use or archived, by name, with their subject.
import { A, useSearchParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { LinkButton } from '../../ui/button.tsx';
import { EmptyState, Skeleton } from '../../ui/feedback.tsx';
import { SegmentedControl } from '../../ui/field.tsx';
import { useActor } from '../users/actor.ts';
import { canEditMarketing } from './marketing-permissions.ts';
import { MarketingTabs } from './marketing-tabs.tsx';
import './marketing.css';

export const TemplatesScreen = () => {
  const { t, fmt } = useI18n();
  const actor = useActor();
  usePageTitle(() => t('marketing.templates.title'));
  const [search, setSearch] = useSearchParams();
  const archived = () => search.archived === 'true';
  const [templates, { refetch }] = createResource(
    () => (archived() ? 'archived' : 'active'),
    (which) => api().templates.list(which === 'archived'),
  );
  return (
    <div class="page page--wide marketing-page">
      <MarketingTabs />
      <header class="list-header">
        <div class="list-header__title">
          <h1 class="page-header__title">{t('marketing.templates.title')}</h1>
          <p class="page-header__subtitle">{t('marketing.templates.subtitle')}</p>
        </div>
        <div class="list-header__actions">
          <SegmentedControl
            legend={t('marketing.templates.show')}
            hideLegend
            name="template-archive"
            size="sm"
            value={archived() ? 'archived' : 'active'}
            choices={[
              { value: 'active', label: t('marketing.templates.active') },
              { value: 'archived', label: t('marketing.templates.archived') },
            ]}
            onChange={(value) => setSearch({ archived: value === 'archived' ? 'true' : undefined })}
          />
          <Show when={canEditMarketing(actor())}>
            <LinkButton variant="primary" icon="plus" href="/marketing/templates/new">
              {t('marketing.templates.create')}
            </LinkButton>
          </Show>
        </div>
      </header>
      <Show
        when={!templates.error}
        fallback={<ApiErrorState error={templates.error} onRetry={() => void refetch()} />}
      >
        <Show when={templates()} fallback={<Skeleton lines={5} label={t('common.loading')} />}>
          {(page) => (
            <Show
              when={page().items.length > 0}
              fallback={
                <EmptyState
                  icon="mail"
                  title={
                    archived() ? t('marketing.templates.emptyArchived') : t('marketing.templates.emptyTitle')
                  }
                  text={t('marketing.templates.emptyText')}
                />
              }
            >
              <div class="panel table-scroll">
                <table class="data-table" data-testid="template-list">
                  <caption class="sr-only">{t('marketing.templates.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('marketing.templates.name')}</th>
                      <th scope="col">{t('marketing.templates.subject')}</th>
                      <th scope="col">{t('marketing.updated')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={page().items}>
                      {(template) => (
                        <tr data-testid="template-row">
                          <th scope="row" class="data-table__name">
                            <A href={`/marketing/templates/${template.id}`}>{template.name}</A>
                          </th>
                          <td>{template.subject}</td>
                          <td>{template.updatedAt ? fmt.dateTime(template.updatedAt) : '—'}</td>
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
