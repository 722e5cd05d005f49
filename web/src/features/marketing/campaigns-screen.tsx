// Кампании (/marketing/campaigns): newest first, each with its state, segment, when it sends and how
// far the send has got (sent of the audience); the list refreshes while a campaign is sending.
import { A } from '@solidjs/router';
import { createResource, For, onCleanup, Show } from 'solid-js';
import type { Campaign } from '../../api/campaigns.ts';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { LinkButton } from '../../ui/button.tsx';
import { EmptyState, Skeleton } from '../../ui/feedback.tsx';
import { Badge } from '../../ui/panel.tsx';
import { ProgressBar } from '../../ui/progress.tsx';
import { useActor } from '../users/actor.ts';
import { campaignStateTone, isLive, progressOf } from './campaign-format.ts';
import { canEditMarketing } from './marketing-permissions.ts';
import { MarketingTabs } from './marketing-tabs.tsx';
import './marketing.css';

export const useScheduleText = () => {
  const { t, fmt } = useI18n();
  return (campaign: Campaign): string => {
    const s = campaign.schedule;
    if (s?.kind === 'at') return fmt.dateTime(s.at);
    if (s?.kind === 'recurring') return t('marketing.campaigns.recurring', { cron: s.cron });
    return t('marketing.campaigns.now');
  };
};

export const CampaignsScreen = () => {
  const { t, tp, fmt } = useI18n();
  const actor = useActor();
  usePageTitle(() => t('marketing.campaigns.title'));
  const scheduleText = useScheduleText();
  const [campaigns, { refetch }] = createResource(() => api().campaigns.list());
  const [segments] = createResource(() =>
    api()
      .segments.list()
      .then((page) => page.items)
      .catch(() => []),
  );
  const segmentName = (c: Campaign) =>
    c.segmentName ?? segments()?.find((s) => s.id === c.segmentId)?.name ?? '—';
  const timer = setInterval(() => {
    if (campaigns()?.items.some((c) => isLive(c.state)) && !campaigns.loading) void refetch();
  }, 3000);
  onCleanup(() => clearInterval(timer));
  return (
    <div class="page page--wide marketing-page">
      <MarketingTabs />
      <header class="list-header">
        <div class="list-header__title">
          <h1 class="page-header__title">{t('marketing.campaigns.title')}</h1>
          <p class="page-header__subtitle">{t('marketing.campaigns.subtitle')}</p>
        </div>
        <Show when={canEditMarketing(actor())}>
          <div class="list-header__actions">
            <LinkButton variant="primary" icon="plus" href="/marketing/campaigns/new">
              {t('marketing.campaigns.create')}
            </LinkButton>
          </div>
        </Show>
      </header>
      <Show
        when={!campaigns.error}
        fallback={<ApiErrorState error={campaigns.error} onRetry={() => void refetch()} />}
      >
        <Show when={campaigns()} fallback={<Skeleton lines={5} label={t('common.loading')} />}>
          {(page) => (
            <Show
              when={page().items.length > 0}
              fallback={
                <EmptyState
                  icon="send"
                  title={t('marketing.campaigns.emptyTitle')}
                  text={t('marketing.campaigns.emptyText')}
                />
              }
            >
              <div class="panel table-scroll">
                <table class="data-table" data-testid="campaign-list">
                  <caption class="sr-only">{t('marketing.campaigns.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('marketing.campaigns.name')}</th>
                      <th scope="col">{t('marketing.campaigns.state')}</th>
                      <th scope="col">{t('marketing.campaigns.segment')}</th>
                      <th scope="col">{t('marketing.campaigns.scheduled')}</th>
                      <th scope="col">{t('marketing.campaigns.progress')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={page().items}>
                      {(campaign) => {
                        const progress = () => progressOf(campaign);
                        // Without counters in the list's answer: full once completed, moving while it sends.
                        const percent = () =>
                          campaign.totals
                            ? progress().percent
                            : campaign.state === 'completed'
                              ? 100
                              : campaign.state === 'sending'
                                ? undefined
                                : 0;
                        const text = () =>
                          campaign.totals
                            ? t('marketing.campaigns.progressText', {
                                sent: fmt.number(progress().sent),
                                total:
                                  progress().total === undefined ? '…' : fmt.number(progress().total ?? 0),
                              })
                            : campaign.audienceCount !== undefined
                              ? tp('marketing.campaigns.audience', campaign.audienceCount)
                              : t('marketing.campaigns.audienceUnknown');
                        return (
                          <tr data-testid="campaign-row" data-state={campaign.state}>
                            <th scope="row" class="data-table__name">
                              <A href={`/marketing/campaigns/${campaign.id}`}>{campaign.name}</A>
                            </th>
                            <td>
                              <Badge tone={campaignStateTone[campaign.state] ?? 'neutral'}>
                                {t(`marketing.campaign.states.${campaign.state}`)}
                              </Badge>
                            </td>
                            <td>{segmentName(campaign)}</td>
                            <td>{scheduleText(campaign)}</td>
                            <td class="campaign-list__progress">
                              <Show when={campaign.state !== 'draft'} fallback="—">
                                <ProgressBar
                                  label={`${campaign.name}: ${text()}`}
                                  percent={percent()}
                                  valueText={text()}
                                  tone={campaign.state === 'completed' ? 'success' : 'accent'}
                                />
                                <span class="campaign-list__figures">{text()}</span>
                              </Show>
                            </td>
                          </tr>
                        );
                      }}
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
