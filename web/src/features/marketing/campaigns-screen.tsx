// Кампании (/marketing/campaigns): newest first, each with its state, segment, when it sends and how
// far the send has got (sent of the audience); the list refreshes while a campaign is sending.
import { A } from '@solidjs/router';
import { createResource, onCleanup, Show } from 'solid-js';
import type { Campaign } from '../../api/campaigns.ts';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Badge } from '../../ui/panel.tsx';
import { ProgressBar } from '../../ui/progress.tsx';
import { campaignStateTone, isLive, progressOf } from './campaign-format.ts';
import { MarketingList } from './marketing-list.tsx';

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
    <MarketingList
      section="campaigns"
      createHref="/marketing/campaigns/new"
      list={campaigns}
      onRetry={() => void refetch()}
      empty={{
        icon: 'send',
        title: t('marketing.campaigns.emptyTitle'),
        text: t('marketing.campaigns.emptyText'),
      }}
      testId="campaign-list"
      head={
        <>
          <th scope="col">{t('marketing.campaigns.name')}</th>
          <th scope="col">{t('marketing.campaigns.state')}</th>
          <th scope="col">{t('marketing.campaigns.segment')}</th>
          <th scope="col">{t('marketing.campaigns.scheduled')}</th>
          <th scope="col">{t('marketing.campaigns.progress')}</th>
        </>
      }
      row={(campaign) => {
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
                total: progress().total === undefined ? '…' : fmt.number(progress().total ?? 0),
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
    />
  );
};
