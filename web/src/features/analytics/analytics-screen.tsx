// Аналитика: the period picker (this month, quarter, year or a range of months, in the organisation's
// time zone) and the pipeline switcher, both in the URL; the period's totals; and the charts of the
// sales dashboard and the forecast, each with a table of its figures. The figures come from monthly
// aggregates the table's stream keeps a few seconds behind the deals, hence «Обновить». Below them, for
// those who read invoices, the receivables: aging and expected cash (receivables-panels.tsx).
import { useSearchParams } from '@solidjs/router';
import { createMemo, createResource, onMount, Show } from 'solid-js';
import { api } from '../../api/client.ts';
import type { Forecast, ReportQuery, SalesDashboard } from '../../api/reports.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { intlLocale } from '../../i18n/locales.ts';
import { usePageTitle } from '../../layout/page-title.ts';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/choice-fields.tsx';
import { Alert, Skeleton } from '../../ui/feedback.tsx';
import { SegmentedControl, TextField } from '../../ui/field.tsx';
import { loaded } from '../../ui/resource.ts';
import { canReadInvoices } from '../invoices/invoice-permissions.ts';
import { isManager } from '../records/permissions.ts';
import { useActor } from '../users/actor.ts';
import { loadStaff } from '../users/staff.ts';
import {
  ActivitiesPanel,
  ForecastPanel,
  FunnelPanel,
  KpiStrip,
  LeaderboardPanel,
  RevenuePanel,
  TimeInStagePanel,
} from './analytics-panels.tsx';
import { formatPeriod } from './chart-format.ts';
import {
  type AnalyticsParams,
  isMonth,
  monthInTimeZone,
  monthsBetween,
  type PeriodPreset,
  parseAnalyticsParams,
  periodPresets,
  periodProblem,
  presetRange,
  toAnalyticsSearch,
} from './period.ts';
import { ReceivablesSection } from './receivables-panels.tsx';
import '../records/records.css';
import '../deals/deals.css';
import './analytics.css';

export const AnalyticsScreen = () => {
  const i18n = useI18n();
  const { t } = i18n;
  const actor = useActor();
  usePageTitle(() => t('analytics.title'));
  onMount(() => void loadStaff());
  const tag = () => intlLocale(i18n.locale());

  // "This quarter" of the organisation's calendar, read once: a dashboard left open over midnight
  // at the turn of a quarter keeps the period it was showing.
  const currentMonth = monthInTimeZone(Date.now(), i18n.timeZone());
  const [search, setSearch] = useSearchParams();
  const params = createMemo<AnalyticsParams>(
    () => parseAnalyticsParams({ ...search }, currentMonth),
    parseAnalyticsParams({}, currentMonth),
    { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );
  const setParams = (next: AnalyticsParams) => setSearch(toAnalyticsSearch(next));
  const choosePreset = (preset: PeriodPreset) =>
    setParams(
      preset === 'custom'
        ? { ...params(), preset }
        : { ...params(), preset, ...presetRange(preset, currentMonth) },
    );
  const setBound = (key: 'from' | 'to', value: string) => {
    if (isMonth(value)) setParams({ ...params(), preset: 'custom', [key]: value });
  };
  const problem = () => periodProblem(params());

  const [pipelines, { refetch: refetchPipelines }] = createResource(() => api().deals.pipelines());
  const pipeline = () => {
    const list = loaded(pipelines) ?? [];
    return list.find((p) => p.id === params().pipeline) ?? list[0];
  };

  const query = createMemo<ReportQuery | undefined>(
    () => {
      const current = pipeline();
      if (!current || problem()) return undefined;
      return { from: params().from, to: params().to, pipeline: current.id };
    },
    undefined,
    { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );
  const [sales, { refetch: refetchSales }] = createResource(query, (q) => api().reports.sales(q));
  const [forecast, { refetch: refetchForecast }] = createResource(query, (q) => api().reports.forecast(q));
  const refresh = () => {
    void refetchSales();
    void refetchForecast();
  };
  const months = () => (problem() ? [] : monthsBetween(params().from, params().to));
  const periodText = () => formatPeriod(params().from, params().to, tag());

  return (
    <div class="page page--wide analytics-page">
      <header class="list-header">
        <div class="list-header__title">
          <h1 class="page-header__title">{t('analytics.title')}</h1>
          <Show when={!problem()}>
            <p class="page-header__subtitle" data-testid="analytics-period">
              {t('analytics.period', { period: periodText() })}
            </p>
          </Show>
        </div>
        <div class="list-header__actions">
          <Button
            variant="secondary"
            icon="refresh"
            busy={sales.loading || forecast.loading}
            disabled={!query()}
            onClick={refresh}
            data-testid="analytics-refresh"
          >
            {t('analytics.refresh')}
          </Button>
        </div>
      </header>

      <Show
        when={!pipelines.error}
        fallback={<ApiErrorState error={pipelines.error} onRetry={() => void refetchPipelines()} />}
      >
        <Show when={loaded(pipelines)} fallback={<Skeleton lines={6} label={t('common.loading')} />}>
          <Show when={pipeline()} fallback={<Alert tone="warning">{t('analytics.noPipelines')}</Alert>}>
            {(current) => (
              <>
                <fieldset class="deal-filters analytics-filters">
                  <legend class="sr-only">{t('analytics.filters.label')}</legend>
                  <SegmentedControl<PeriodPreset>
                    legend={t('analytics.filters.period')}
                    name="analytics-period"
                    size="sm"
                    value={params().preset}
                    choices={periodPresets.map((preset) => ({
                      value: preset,
                      label: t(`analytics.filters.presets.${preset}`),
                    }))}
                    onChange={choosePreset}
                  />
                  <Show when={params().preset === 'custom'}>
                    <TextField
                      class="analytics-filters__month"
                      type="month"
                      label={t('analytics.filters.from')}
                      value={params().from}
                      max={params().to}
                      data-testid="period-from"
                      onChange={(event) => setBound('from', event.currentTarget.value)}
                    />
                    <TextField
                      class="analytics-filters__month"
                      type="month"
                      label={t('analytics.filters.to')}
                      value={params().to}
                      min={params().from}
                      data-testid="period-to"
                      error={problem() ? t(`analytics.filters.${problem() ?? 'inverted'}`) : undefined}
                      onChange={(event) => setBound('to', event.currentTarget.value)}
                    />
                  </Show>
                  <SelectField
                    class="analytics-filters__pipeline"
                    label={t('analytics.filters.pipeline')}
                    options={(loaded(pipelines) ?? []).map((p) => ({ value: p.id, label: p.name }))}
                    value={current().id}
                    data-testid="pipeline-select"
                    onChange={(event) => setParams({ ...params(), pipeline: event.currentTarget.value })}
                  />
                </fieldset>

                <Show when={!problem()}>
                  <Dashboard
                    sales={loaded(sales)}
                    salesError={sales.error}
                    salesBusy={sales.loading}
                    forecast={loaded(forecast)}
                    forecastError={forecast.error}
                    forecastBusy={forecast.loading}
                    pipelineName={current().name}
                    period={periodText()}
                    months={months()}
                    currentMonth={currentMonth}
                    canPlan={isManager(actor())}
                    onRetry={refresh}
                    onPlanChanged={() => void refetchForecast()}
                  />
                  <p class="analytics-freshness">{t('analytics.freshness')}</p>
                </Show>
              </>
            )}
          </Show>
        </Show>
      </Show>

      <Show when={canReadInvoices(actor())}>
        <ReceivablesSection />
      </Show>
    </div>
  );
};

const Dashboard = (props: {
  sales: SalesDashboard | undefined;
  salesError: unknown;
  salesBusy: boolean;
  forecast: Forecast | undefined;
  forecastError: unknown;
  forecastBusy: boolean;
  pipelineName: string;
  period: string;
  months: readonly string[];
  currentMonth: string;
  canPlan: boolean;
  onRetry: () => void;
  onPlanChanged: () => void;
}) => {
  const { t } = useI18n();
  return (
    <>
      <Show when={props.forecast}>{(f) => <KpiStrip forecast={f()} />}</Show>
      <div class="analytics-grid">
        <Show
          when={!props.salesError}
          fallback={
            <div class="analytics-grid__wide">
              <ApiErrorState error={props.salesError} onRetry={props.onRetry} />
            </div>
          }
        >
          <Show
            when={props.sales}
            fallback={
              <div class="analytics-grid__wide">
                <Skeleton lines={8} label={t('common.loading')} />
              </div>
            }
          >
            {(s) => (
              <>
                <FunnelPanel
                  sales={s()}
                  pipelineName={props.pipelineName}
                  period={props.period}
                  busy={props.salesBusy}
                />
                <RevenuePanel sales={s()} period={props.period} busy={props.salesBusy} />
                <LeaderboardPanel sales={s()} period={props.period} busy={props.salesBusy} />
                <ActivitiesPanel sales={s()} period={props.period} busy={props.salesBusy} />
                <TimeInStagePanel
                  sales={s()}
                  pipelineName={props.pipelineName}
                  period={props.period}
                  busy={props.salesBusy}
                />
              </>
            )}
          </Show>
        </Show>
        <Show
          when={!props.forecastError}
          fallback={
            <div class="analytics-grid__wide">
              <ApiErrorState error={props.forecastError} onRetry={props.onRetry} />
            </div>
          }
        >
          <Show when={props.forecast}>
            {(f) => (
              <ForecastPanel
                forecast={f()}
                pipelineName={props.pipelineName}
                period={props.period}
                busy={props.forecastBusy}
                months={props.months}
                currentMonth={props.currentMonth}
                canPlan={props.canPlan}
                onPlanChanged={props.onPlanChanged}
              />
            )}
          </Show>
        </Show>
      </div>
    </>
  );
};
