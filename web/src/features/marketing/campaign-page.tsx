// A campaign's page (/marketing/campaigns/:id): its state and the actions that state allows (launch,
// pause, resume, cancel, at the version last read), why it is paused, a progress bar that refreshes
// while it sends, its settings (editable while a draft), and the report (once it has sent): totals,
// the funnel from sent to clicked, one chart per hour of the metric picked (sent, delivered, bounced,
// complaints, unsubscribes, opens, clicks; its table holds them all), clicks per link, and the deals
// attributed to it.
import { A, useNavigate } from '@solidjs/router';
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { isApiError } from '../../api/api-error.ts';
import {
  type Campaign,
  type CampaignAction,
  type CampaignMetric,
  type CampaignReport,
  campaignMetrics,
  type DealSums,
} from '../../api/campaigns.ts';
import { api } from '../../api/client.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { Alert, Skeleton } from '../../ui/feedback.tsx';
import { SegmentedControl } from '../../ui/field.tsx';
import { Icon } from '../../ui/icon.tsx';
import { Badge, Panel } from '../../ui/panel.tsx';
import { ProgressBar } from '../../ui/progress.tsx';
import { useToast } from '../../ui/toast.tsx';
import { formatShare } from '../analytics/chart-format.ts';
import { ChartPanel } from '../analytics/chart-panel.tsx';
import { BarRows, ChartTable, ColumnChart } from '../analytics/charts.tsx';
import { useActor } from '../users/actor.ts';
import { CampaignForm } from './campaign-form.tsx';
import {
  actionsFor,
  campaignStateTone,
  editable,
  hourInstant,
  isLive,
  progressOf,
  seriesOf,
} from './campaign-format.ts';
import { useScheduleText } from './campaigns-screen.tsx';
import { canEditMarketing } from './marketing-permissions.ts';
import { MarketingTabs } from './marketing-tabs.tsx';
import '../analytics/analytics.css';
import './marketing.css';
import { ConflictAlert } from './conflict-alert.tsx';

const pollMs = 2000;

const CampaignReportView = (props: { report: CampaignReport }) => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const metric = (m: CampaignMetric) => t(`marketing.campaign.report.metrics.${m}`);
  const sent = () => props.report.totals.sent ?? 0;
  const share = (value: number) =>
    sent() > 0
      ? t('marketing.campaign.report.share', { share: formatShare((value / sent()) * 100, i18n.locale()) })
      : '';
  const hourLabel = (hour: string) => fmt.time(hourInstant(hour));
  const hourTitle = (hour: string) => fmt.dateTime(hourInstant(hour));
  // One chart per hour for the metric picked (sent first); its table holds every metric.
  const [shown, setShown] = createSignal<CampaignMetric>('sent');
  const hours = () => seriesOf(props.report, 'sent').map((p) => p.hour);
  // From sent to clicked: how far the e-mail got, each step as a share of what was sent.
  const funnelRows = () =>
    (['sent', 'delivered', 'opened', 'clicked'] as const).map((m) => ({
      key: m,
      label: metric(m),
      value: props.report.totals[m] ?? 0,
      valueText: fmt.number(props.report.totals[m] ?? 0),
      note: m === 'sent' ? undefined : share(props.report.totals[m] ?? 0),
    }));
  // One row of the attribution table: deals, amount and won amount (each currency joined).
  const attributionRow = (label: string, sums: DealSums) => {
    const money = (key: 'amount' | 'wonAmount') =>
      sums.byCurrency.length > 0
        ? sums.byCurrency.map((sum) => fmt.money(sum[key], sum.currency)).join('; ')
        : fmt.money(0, i18n.currency());
    return [label, fmt.number(sums.deals), money('amount'), money('wonAmount')];
  };
  // Amounts per currency; none yet is a zero in the organisation's currency.
  const amounts = () =>
    props.report.attribution.byCurrency.length > 0
      ? props.report.attribution.byCurrency
      : [{ currency: i18n.currency(), amount: 0, wonAmount: 0 }];
  return (
    <div class="campaign-report" data-testid="campaign-report">
      <h2 class="section-title">{t('marketing.campaign.report.title')}</h2>
      <dl class="stats campaign-totals" data-testid="campaign-totals">
        <For each={campaignMetrics}>
          {(m) => (
            <div
              class="stat"
              classList={{
                'stat--danger': (m === 'bounced' || m === 'complained') && (props.report.totals[m] ?? 0) > 0,
              }}
              data-metric={m}
              data-value={props.report.totals[m] ?? 0}
            >
              <dt>{metric(m)}</dt>
              <dd>{fmt.number(props.report.totals[m] ?? 0)}</dd>
              <Show when={m !== 'sent' && sent() > 0}>
                <dd class="stat__note">{share(props.report.totals[m] ?? 0)}</dd>
              </Show>
            </div>
          )}
        </For>
      </dl>
      <div class="campaign-charts campaign-charts--two">
        <ChartPanel
          title={t('marketing.campaign.report.funnel')}
          testId="campaign-funnel"
          empty={sent() === 0}
          emptyText={t('marketing.campaign.report.empty')}
          chart={<BarRows rows={funnelRows()} tone="success" />}
          table={
            <ChartTable
              caption={t('marketing.campaign.report.funnel')}
              head={[t('marketing.campaign.report.metric'), t('marketing.campaign.report.count')]}
              rows={funnelRows().map((r) => [r.label, `${r.valueText}${r.note ? ` (${r.note})` : ''}`])}
            />
          }
        />
        <ChartPanel
          title={t('marketing.campaign.report.overTime', { metric: metric(shown()) })}
          testId="campaign-chart-hourly"
          empty={seriesOf(props.report, shown()).every((p) => p.value === 0)}
          emptyText={t('marketing.campaign.report.empty')}
          chart={
            <ColumnChart
              columns={seriesOf(props.report, shown()).map((p) => ({
                key: p.hour,
                label: hourLabel(p.hour),
                value: p.value,
                valueText: fmt.number(p.value),
              }))}
              tickText={(v) => (Number.isInteger(v) ? fmt.number(v) : '')}
              barTestId="campaign-bar"
            />
          }
          table={
            <ChartTable
              caption={t('marketing.campaign.report.hourlyCaption')}
              head={[t('marketing.campaign.report.hour'), ...campaignMetrics.map(metric)]}
              rows={hours().map((hour) => [
                hourTitle(hour),
                ...campaignMetrics.map((m) =>
                  fmt.number(props.report.series.find((p) => p.hour === hour)?.[m] ?? 0),
                ),
              ])}
            />
          }
          footer={
            <div class="campaign-hourly-pick">
              <SegmentedControl
                legend={t('marketing.campaign.report.pickMetric')}
                hideLegend
                size="sm"
                name="campaign-hourly-metric"
                value={shown()}
                choices={campaignMetrics.map((m) => ({ value: m, label: metric(m) }))}
                onChange={setShown}
              />
            </div>
          }
        />
      </div>
      <div class="campaign-charts campaign-charts--two">
        <ChartPanel
          title={t('marketing.campaign.report.links')}
          testId="campaign-links"
          empty={props.report.links.length === 0}
          emptyText={t('marketing.campaign.report.noLinks')}
          chart={
            <BarRows
              rows={[...props.report.links]
                .sort((a, b) => b.clicks - a.clicks)
                .map((l) => ({
                  key: l.url,
                  label: l.url,
                  value: l.clicks,
                  valueText: fmt.number(l.clicks),
                  note: `${t('marketing.campaign.report.uniqueClicks')}: ${fmt.number(l.uniqueClicks)}`,
                }))}
            />
          }
          table={
            <ChartTable
              caption={t('marketing.campaign.report.linksCaption')}
              head={[
                t('marketing.campaign.report.link'),
                t('marketing.campaign.report.clicks'),
                t('marketing.campaign.report.uniqueClicks'),
              ]}
              rows={props.report.links.map((l) => [l.url, fmt.number(l.clicks), fmt.number(l.uniqueClicks)])}
            />
          }
        />
        <Panel
          title={t('marketing.campaign.report.attribution')}
          description={t('marketing.campaign.report.attributionHint')}
        >
          <dl class="stats campaign-attribution" data-testid="campaign-attribution">
            <div class="stat">
              <dt>{t('marketing.campaign.report.deals')}</dt>
              <dd>{fmt.number(props.report.attribution.deals)}</dd>
            </div>
            <For each={amounts()}>
              {(sum) => (
                <>
                  <div class="stat">
                    <dt>{t('marketing.campaign.report.amount')}</dt>
                    <dd>{fmt.money(sum.amount, sum.currency)}</dd>
                  </div>
                  <div class="stat">
                    <dt>{t('marketing.campaign.report.wonAmount')}</dt>
                    <dd>{fmt.money(sum.wonAmount, sum.currency)}</dd>
                  </div>
                </>
              )}
            </For>
          </dl>
          <ChartTable
            caption={t('marketing.campaign.report.attributionCaption')}
            testId="campaign-attribution-table"
            head={[
              t('marketing.campaign.report.attributedBy'),
              t('marketing.campaign.report.deals'),
              t('marketing.campaign.report.amount'),
              t('marketing.campaign.report.wonAmount'),
            ]}
            rows={[
              attributionRow(t('marketing.campaign.report.bySource'), props.report.attribution.sourced),
              attributionRow(t('marketing.campaign.report.byRecipients'), props.report.attribution.reached),
            ]}
            foot={attributionRow(t('marketing.campaign.report.attributedTotal'), props.report.attribution)}
          />
        </Panel>
      </div>
    </div>
  );
};

export const CampaignPage = (props: { id: string }) => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const toast = useToast();
  const actor = useActor();
  const scheduleText = useScheduleText();
  const [campaign, { refetch, mutate }] = createResource(
    () => props.id,
    (id) => api().campaigns.get(id),
  );
  const [report, { refetch: refetchReport }] = createResource(
    () => (campaign() && campaign()?.state !== 'draft' ? props.id : undefined),
    (id) => api().campaigns.report(id),
  );
  const [segments] = createResource(() =>
    api()
      .segments.list()
      .then((p) => p.items)
      .catch(() => []),
  );
  const [templates] = createResource(() =>
    Promise.all([api().templates.list(false), api().templates.list(true)])
      .then(([a, b]) => [...a.items, ...b.items])
      .catch(() => []),
  );
  const [editing, setEditing] = createSignal(false);
  const [acting, setActing] = createSignal<CampaignAction>();
  const [confirmCancel, setConfirmCancel] = createSignal(false);
  const [conflict, setConflict] = createSignal(false);
  usePageTitle(() => campaign()?.name ?? t('marketing.campaigns.title'));

  // While it sends (or waits for its time), the figures move: poll the campaign and its report.
  const timer = setInterval(() => {
    const c = campaign();
    if (!c || !isLive(c.state) || campaign.loading) return;
    void refetch();
    if (!report.loading) void refetchReport();
  }, pollMs);
  onCleanup(() => clearInterval(timer));

  const act = async (action: CampaignAction) => {
    const c = campaign();
    if (!c) return;
    setActing(action);
    setConflict(false);
    try {
      mutate(await api().campaigns.act(c.id, action, c.version));
      toast.show(t(`marketing.campaign.done.${action}`));
      void refetchReport();
    } catch (error) {
      if (isApiError(error) && error.status === 409) setConflict(true);
      else toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setActing(undefined);
      setConfirmCancel(false);
    }
  };

  const segmentName = (c: Campaign) =>
    c.segmentName ?? segments()?.find((s) => s.id === c.segmentId)?.name ?? c.segmentId;
  const templateName = (c: Campaign) =>
    c.templateName ?? templates()?.find((tpl) => tpl.id === c.templateId)?.name ?? c.templateId;

  return (
    <div class="page page--wide marketing-page">
      <MarketingTabs />
      <Show
        when={!campaign.error}
        fallback={<ApiErrorState error={campaign.error} onRetry={() => void refetch()} />}
      >
        <Show when={campaign()} fallback={<Skeleton lines={8} label={t('common.loading')} />}>
          {(c) => {
            const progress = () => progressOf(c(), report()?.totals);
            const progressText = () =>
              c().state === 'scheduled'
                ? t('marketing.campaign.waitingForSchedule', { when: scheduleText(c()) })
                : progress().total === undefined
                  ? t('marketing.campaign.audienceUnknown', { sent: fmt.number(progress().sent) })
                  : t('marketing.campaign.progressText', {
                      sent: fmt.number(progress().sent),
                      total: fmt.number(progress().total ?? 0),
                      skipped: fmt.number(progress().skipped),
                    });
            return (
              <>
                <header class="list-header">
                  <div class="list-header__title">
                    <A href="/marketing/campaigns" class="marketing-back">
                      <Icon name="chevronLeft" size={16} />
                      {t('marketing.back')}
                    </A>
                    <h1 class="page-header__title">
                      {c().name}{' '}
                      <Badge tone={campaignStateTone[c().state] ?? 'neutral'}>
                        <span data-testid="campaign-state" data-state={c().state}>
                          {t(`marketing.campaign.states.${c().state}`)}
                        </span>
                      </Badge>
                    </h1>
                  </div>
                  <Show when={canEditMarketing(actor())}>
                    <div class="list-header__actions">
                      <Show when={editable(c().state) && !editing()}>
                        <Button variant="secondary" icon="edit" onClick={() => setEditing(true)}>
                          {t('marketing.campaign.edit')}
                        </Button>
                      </Show>
                      <For each={actionsFor(c().state)}>
                        {(action) => (
                          <Button
                            variant={
                              action === 'cancel'
                                ? 'danger'
                                : action === 'launch' || action === 'resume'
                                  ? 'primary'
                                  : 'secondary'
                            }
                            icon={
                              action === 'launch' || action === 'resume'
                                ? 'send'
                                : action === 'cancel'
                                  ? 'close'
                                  : 'clock'
                            }
                            busy={acting() === action}
                            disabled={acting() !== undefined || editing()}
                            onClick={() => (action === 'cancel' ? setConfirmCancel(true) : void act(action))}
                          >
                            {t(`marketing.campaign.actions.${action}`)}
                          </Button>
                        )}
                      </For>
                    </div>
                  </Show>
                </header>
                <Show when={conflict()}>
                  <ConflictAlert
                    onReload={() => {
                      setConflict(false);
                      void refetch();
                    }}
                  />
                </Show>
                <Show when={c().state === 'paused' && c().pausedReason}>
                  <div data-testid="campaign-paused-reason">
                    <Alert tone="warning" role="status">
                      {t('marketing.campaign.pausedReason', { reason: c().pausedReason ?? '' })}
                    </Alert>
                  </div>
                </Show>

                <Show when={c().state !== 'draft'}>
                  <Panel title={t('marketing.campaign.progress')}>
                    <div
                      class="campaign-progress"
                      data-testid="campaign-progress"
                      data-sent={progress().sent}
                    >
                      <ProgressBar
                        label={t('marketing.campaign.progress')}
                        percent={progress().percent}
                        valueText={progressText()}
                        tone={
                          c().state === 'completed'
                            ? 'success'
                            : c().state === 'cancelled'
                              ? 'danger'
                              : 'accent'
                        }
                      />
                      <p class="campaign-progress__text">{progressText()}</p>
                    </div>
                  </Panel>
                </Show>

                <Show
                  when={editing()}
                  fallback={
                    <Panel title={t('marketing.campaign.details')}>
                      <dl class="details campaign-details" data-testid="campaign-details">
                        <div class="details__row">
                          <dt>{t('marketing.campaign.segment')}</dt>
                          <dd>
                            <A href={`/marketing/segments/${c().segmentId}`}>{segmentName(c())}</A>
                          </dd>
                        </div>
                        <div class="details__row">
                          <dt>{t('marketing.campaign.template')}</dt>
                          <dd>
                            <A href={`/marketing/templates/${c().templateId}`}>{templateName(c())}</A>
                          </dd>
                        </div>
                        <div class="details__row">
                          <dt>{t('marketing.campaign.fromName')}</dt>
                          <dd>{c().fromName}</dd>
                        </div>
                        <div class="details__row">
                          <dt>{t('marketing.campaign.schedule')}</dt>
                          <dd>{scheduleText(c())}</dd>
                        </div>
                        <div class="details__row">
                          <dt>{t('marketing.campaign.rateLimit')}</dt>
                          <dd>
                            {c().rateLimitPerSecond
                              ? t('marketing.campaign.rateLimitValue', {
                                  value: fmt.number(c().rateLimitPerSecond ?? 0),
                                })
                              : t('marketing.campaign.noRateLimit')}
                          </dd>
                        </div>
                        <div class="details__row">
                          <dt>{t('marketing.campaign.createdAt')}</dt>
                          <dd>{fmt.dateTime(c().createdAt)}</dd>
                        </div>
                        <Show when={c().completedAt}>
                          <div class="details__row">
                            <dt>{t('marketing.campaign.completedAt')}</dt>
                            <dd>{fmt.dateTime(c().completedAt ?? '')}</dd>
                          </div>
                        </Show>
                      </dl>
                    </Panel>
                  }
                >
                  <Panel title={t('marketing.campaign.editTitle')}>
                    <CampaignForm
                      campaign={c()}
                      onCancel={() => setEditing(false)}
                      onConflict={() => {
                        setEditing(false);
                        setConflict(true);
                      }}
                      onSaved={(saved) => {
                        mutate(saved);
                        setEditing(false);
                        toast.show(t('marketing.campaign.saved'));
                      }}
                    />
                  </Panel>
                </Show>

                {/* Nothing to report before the first run has sent (a draft, a scheduled first run). */}
                <Show
                  when={
                    report() && (c().runId !== undefined || (report()?.totals.sent ?? 0) > 0)
                      ? report()
                      : undefined
                  }
                >
                  {(r) => <CampaignReportView report={r()} />}
                </Show>

                <ConfirmDialog
                  open={confirmCancel()}
                  title={t('marketing.campaign.cancelTitle')}
                  message={t('marketing.campaign.cancelMessage', { name: c().name })}
                  confirmLabel={t('marketing.campaign.actions.cancel')}
                  cancelLabel={t('marketing.campaign.keep')}
                  closeLabel={t('common.close')}
                  tone="danger"
                  busy={acting() === 'cancel'}
                  onConfirm={() => void act('cancel')}
                  onCancel={() => setConfirmCancel(false)}
                />
              </>
            );
          }}
        </Show>
      </Show>
    </div>
  );
};

export const NewCampaignPage = () => {
  const { t } = useI18n();
  const toast = useToast();
  const navigate = useNavigate();
  usePageTitle(() => t('marketing.campaign.newTitle'));
  return (
    <div class="page marketing-page">
      <MarketingTabs />
      <header class="list-header">
        <div class="list-header__title">
          <A href="/marketing/campaigns" class="marketing-back">
            <Icon name="chevronLeft" size={16} />
            {t('marketing.back')}
          </A>
          <h1 class="page-header__title">{t('marketing.campaign.newTitle')}</h1>
        </div>
      </header>
      <Panel title={t('marketing.campaign.details')}>
        <CampaignForm
          onSaved={(saved) => {
            toast.show(t('marketing.campaign.created'));
            navigate(`/marketing/campaigns/${saved.id}`);
          }}
        />
      </Panel>
    </div>
  );
};
