// The panels of Аналитика: the period's totals, then one chart each — the funnel, revenue by month,
// the leaderboard, activities per salesperson, average days in stage and the forecast per
// salesperson with its plan editor. Each turns the API's figures into chart rows and a table of the
// same figures (exact money through formatMoney; the charts may shorten it).
import { createSignal, createUniqueId, Show } from 'solid-js';
import type { Forecast, OwnerForecast, SalesDashboard } from '../../api/reports.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { intlLocale } from '../../i18n/locales.ts';
import { Icon } from '../../ui/icon.tsx';
import { staffName } from '../users/staff.ts';
import { formatMoneyShort, formatMonth, formatMonthShort, formatShare } from './chart-format.ts';
import { ChartPanel } from './chart-panel.tsx';
import {
  BarRows,
  ChartTable,
  ColumnChart,
  type ForecastBar,
  ForecastChart,
  FunnelChart,
  LeaderboardChart,
} from './charts.tsx';
import { PlanEditor } from './plan-editor.tsx';

/** Shared helpers bound to the current language. */
const useChartText = () => {
  const i18n = useI18n();
  const tag = () => intlLocale(i18n.locale());
  return {
    ...i18n,
    tag,
    name: (id: string) => staffName(id) ?? i18n.t('records.unknownUser'),
    share: (percent: number) => formatShare(percent, tag()),
    short: (minor: number, currency: string) => formatMoneyShort(minor, currency, tag()),
  };
};

export const KpiStrip = (props: { forecast: Forecast }) => {
  const { t, tp, fmt, share } = useChartText();
  const totals = () => props.forecast.totals;
  const money = (minor: number) => fmt.money(minor, props.forecast.currency);
  return (
    <section class="analytics-kpis" aria-label={t('analytics.kpi.label')}>
      <dl class="stats">
        <div class="stat" data-testid="kpi-won">
          <dt>{t('analytics.kpi.won')}</dt>
          <dd>{money(totals().won)}</dd>
          <dd class="stat__note">{tp('analytics.kpi.wonDeals', totals().wonCount)}</dd>
        </div>
        <div class="stat" data-testid="kpi-weighted">
          <dt>{t('analytics.kpi.weighted')}</dt>
          <dd>{money(totals().weighted)}</dd>
          <dd class="stat__note">{t('analytics.kpi.weightedHint')}</dd>
        </div>
        <div class="stat" data-testid="kpi-best-case">
          <dt>{t('analytics.kpi.bestCase')}</dt>
          <dd>{money(totals().bestCase)}</dd>
          <dd class="stat__note">{t('analytics.kpi.bestCaseHint')}</dd>
        </div>
        <div class="stat" data-testid="kpi-attainment">
          <dt>{t('analytics.kpi.attainment')}</dt>
          <Show
            when={totals().attainment !== undefined}
            fallback={<dd class="stat__none">{t('analytics.kpi.noPlan')}</dd>}
          >
            <dd>{share(totals().attainment ?? 0)}</dd>
            <dd class="stat__note">{t('analytics.kpi.planOf', { plan: money(totals().plan) })}</dd>
          </Show>
        </div>
      </dl>
    </section>
  );
};

type Common = { sales: SalesDashboard; period: string; busy: boolean };

export const FunnelPanel = (props: Common & { pipelineName: string }) => {
  const { t, tp, fmt, share } = useChartText();
  const stages = () => props.sales.funnel;
  const conversionText = (index: number) => {
    const conversion = stages()[index]?.conversion;
    if (conversion === undefined) return undefined;
    return index === stages().length - 1
      ? t('analytics.funnel.toWon', { share: share(conversion) })
      : t('analytics.funnel.toNext', { share: share(conversion) });
  };
  return (
    <ChartPanel
      title={t('analytics.funnel.title')}
      description={t('analytics.funnel.description')}
      testId="analytics-funnel"
      busy={props.busy}
      empty={stages().every((s) => s.entered === 0)}
      emptyText={t('analytics.funnel.empty')}
      chart={
        <FunnelChart
          steps={stages().map((s, index) => ({
            key: s.stageId,
            label: s.name,
            value: s.entered,
            valueText: fmt.number(s.entered),
            conversionText: conversionText(index),
          }))}
        />
      }
      table={
        <ChartTable
          testId="funnel-table"
          caption={t('analytics.funnel.caption', { name: props.pipelineName, period: props.period })}
          head={[
            t('analytics.funnel.stage'),
            t('analytics.funnel.entered'),
            t('analytics.funnel.conversion'),
          ]}
          rows={stages().map((s, index) => [
            s.name,
            tp('analytics.funnel.deals', s.entered),
            conversionText(index) ?? t('analytics.funnel.noConversion'),
          ])}
        />
      }
    />
  );
};

export const RevenuePanel = (props: Common) => {
  const { t, tp, fmt, tag, short } = useChartText();
  const currency = () => props.sales.currency;
  const year = (month: string) => month.slice(0, 4);
  return (
    <ChartPanel
      title={t('analytics.revenue.title')}
      description={t('analytics.revenue.description')}
      testId="analytics-revenue"
      busy={props.busy}
      empty={props.sales.revenue.every((r) => r.won === 0)}
      emptyText={t('analytics.revenue.empty')}
      headline={
        <>
          <span class="chart-headline__value" data-testid="revenue-total">
            {fmt.money(props.sales.won.amount, currency())}
          </span>
          <span class="chart-headline__note">{tp('analytics.kpi.wonDeals', props.sales.won.count)}</span>
        </>
      }
      chart={
        <ColumnChart
          tickText={(value) => short(value, currency())}
          columns={props.sales.revenue.map((r, index, all) => ({
            key: r.month,
            label: formatMonthShort(r.month, tag()),
            sublabel:
              index === 0 || (r.month.endsWith('-01') && year(r.month) !== year(all[0]?.month ?? ''))
                ? year(r.month)
                : undefined,
            value: r.won,
            valueText: short(r.won, currency()),
          }))}
        />
      }
      table={
        <ChartTable
          testId="revenue-table"
          caption={t('analytics.revenue.caption', { period: props.period })}
          head={[t('analytics.revenue.month'), t('analytics.revenue.won')]}
          rows={props.sales.revenue.map((r) => [formatMonth(r.month, tag()), fmt.money(r.won, currency())])}
          foot={[t('analytics.revenue.total'), fmt.money(props.sales.won.amount, currency())]}
        />
      }
    />
  );
};

export const LeaderboardPanel = (props: Common) => {
  const { t, fmt, name, short } = useChartText();
  const currency = () => props.sales.currency;
  const rows = () => props.sales.leaderboard;
  return (
    <ChartPanel
      title={t('analytics.leaderboard.title')}
      description={t('analytics.leaderboard.description')}
      testId="analytics-leaderboard"
      class="analytics-grid__wide"
      busy={props.busy}
      empty={rows().length === 0}
      emptyText={t('analytics.leaderboard.empty')}
      chart={
        <LeaderboardChart
          headings={{
            rank: t('analytics.leaderboard.rank'),
            name: t('analytics.leaderboard.manager'),
            amount: t('analytics.leaderboard.wonAmount'),
            cells: [
              t('analytics.leaderboard.dealsWon'),
              t('analytics.leaderboard.dealsLost'),
              t('analytics.leaderboard.activities'),
            ],
          }}
          rows={rows().map((r) => ({
            key: r.ownerId,
            name: name(r.ownerId),
            amount: r.wonAmount,
            amountText: short(r.wonAmount, currency()),
            cells: [fmt.number(r.dealsWon), fmt.number(r.dealsLost), fmt.number(r.activities)],
          }))}
        />
      }
      table={
        <ChartTable
          testId="leaderboard-table"
          caption={t('analytics.leaderboard.caption', { period: props.period })}
          head={[
            t('analytics.leaderboard.manager'),
            t('analytics.leaderboard.wonAmount'),
            t('analytics.leaderboard.dealsWon'),
            t('analytics.leaderboard.dealsLost'),
            t('analytics.leaderboard.activities'),
          ]}
          rows={rows().map((r) => [
            name(r.ownerId),
            fmt.money(r.wonAmount, currency()),
            fmt.number(r.dealsWon),
            fmt.number(r.dealsLost),
            fmt.number(r.activities),
          ])}
        />
      }
    />
  );
};

export const ActivitiesPanel = (props: Common) => {
  const { t, fmt, name, tag } = useChartText();
  const rows = () =>
    props.sales.leaderboard
      .filter((r) => r.activities > 0)
      .map((r) => ({ id: r.ownerId, name: name(r.ownerId), activities: r.activities }))
      .sort((a, b) => b.activities - a.activities || a.name.localeCompare(b.name, tag()));
  return (
    <ChartPanel
      title={t('analytics.activities.title')}
      description={t('analytics.activities.description')}
      testId="analytics-activities"
      busy={props.busy}
      empty={rows().length === 0}
      emptyText={t('analytics.activities.empty')}
      chart={
        <BarRows
          tone="violet"
          rows={rows().map((r) => ({
            key: r.id,
            label: r.name,
            value: r.activities,
            valueText: fmt.number(r.activities),
          }))}
        />
      }
      table={
        <ChartTable
          testId="activities-table"
          caption={t('analytics.activities.caption', { period: props.period })}
          head={[t('analytics.activities.manager'), t('analytics.activities.count')]}
          rows={rows().map((r) => [r.name, fmt.number(r.activities)])}
        />
      }
    />
  );
};

export const TimeInStagePanel = (props: Common & { pipelineName: string }) => {
  const { t, tp, fmt } = useChartText();
  const stages = () => props.sales.timeInStage;
  const days = (averageDays: number | undefined) =>
    averageDays === undefined
      ? t('analytics.timeInStage.noData')
      : tp('analytics.timeInStage.days', averageDays);
  return (
    <ChartPanel
      title={t('analytics.timeInStage.title')}
      description={t('analytics.timeInStage.description')}
      testId="analytics-time-in-stage"
      busy={props.busy}
      empty={stages().every((s) => s.exits === 0)}
      emptyText={t('analytics.timeInStage.empty')}
      chart={
        <BarRows
          tone="amber"
          rows={stages().map((s) => ({
            key: s.stageId,
            label: s.name,
            value: s.averageDays ?? 0,
            valueText: days(s.averageDays),
          }))}
        />
      }
      table={
        <ChartTable
          testId="time-in-stage-table"
          caption={t('analytics.timeInStage.caption', { name: props.pipelineName, period: props.period })}
          head={[
            t('analytics.timeInStage.stage'),
            t('analytics.timeInStage.average'),
            t('analytics.timeInStage.exits'),
          ]}
          rows={stages().map((s) => [s.name, days(s.averageDays), fmt.number(s.exits)])}
        />
      }
    />
  );
};

const attainmentTone = (attainment: number | undefined): ForecastBar['attainmentTone'] => {
  if (attainment === undefined) return 'neutral';
  if (attainment >= 100) return 'success';
  return attainment >= 50 ? 'accent' : 'warning';
};

export const ForecastPanel = (props: {
  forecast: Forecast;
  pipelineName: string;
  period: string;
  busy: boolean;
  months: readonly string[];
  currentMonth: string;
  canPlan: boolean;
  onPlanChanged: () => void;
}) => {
  const { t, fmt, name, share, short } = useChartText();
  const [editing, setEditing] = createSignal(false);
  const editorId = createUniqueId();
  const currency = () => props.forecast.currency;
  const owners = () => props.forecast.owners;
  const attainment = (row: Pick<OwnerForecast, 'attainment'>) =>
    row.attainment === undefined ? t('analytics.forecast.noPlan') : share(row.attainment);
  const bar = (
    key: string,
    label: string,
    row: Omit<OwnerForecast, 'ownerId'>,
    total = false,
  ): ForecastBar => ({
    key,
    name: label,
    won: row.won,
    weighted: row.weighted,
    open: row.open,
    plan: row.plan,
    detail: [
      `${t('analytics.forecast.won')} ${short(row.won, currency())}`,
      `${t('analytics.forecast.weighted')} ${short(row.weighted, currency())}`,
      `${t('analytics.forecast.bestCase')} ${short(row.bestCase, currency())}`,
      ...(row.plan > 0 ? [`${t('analytics.forecast.plan')} ${short(row.plan, currency())}`] : []),
    ].join(' · '),
    attainmentText: attainment(row),
    attainmentTone: attainmentTone(row.attainment),
    total,
  });
  const figures = (row: Omit<OwnerForecast, 'ownerId'>) => [
    fmt.money(row.won, currency()),
    fmt.money(row.weighted, currency()),
    fmt.money(row.open, currency()),
    fmt.money(row.bestCase, currency()),
    row.plan > 0 ? fmt.money(row.plan, currency()) : t('analytics.forecast.noPlan'),
    row.attainment === undefined ? t('analytics.forecast.noPlan') : share(row.attainment),
  ];
  const hasData = () => owners().some((o) => o.won > 0 || o.open > 0 || o.plan > 0);
  return (
    <ChartPanel
      title={t('analytics.forecast.title')}
      description={t('analytics.forecast.description')}
      testId="analytics-forecast"
      class="analytics-grid__wide"
      busy={props.busy}
      empty={!hasData()}
      emptyText={t('analytics.forecast.empty')}
      chart={
        <ForecastChart
          legend={{
            won: t('analytics.forecast.won'),
            weighted: t('analytics.forecast.weighted'),
            open: t('analytics.forecast.open'),
            plan: t('analytics.forecast.plan'),
          }}
          rows={[
            ...owners().map((o) => bar(o.ownerId, name(o.ownerId), o)),
            ...(owners().length > 1
              ? [bar('total', t('analytics.forecast.total'), props.forecast.totals, true)]
              : []),
          ]}
        />
      }
      table={
        <ChartTable
          testId="forecast-table"
          caption={t('analytics.forecast.caption', { period: props.period })}
          head={[
            t('analytics.forecast.manager'),
            t('analytics.forecast.won'),
            t('analytics.forecast.weighted'),
            t('analytics.forecast.open'),
            t('analytics.forecast.bestCase'),
            t('analytics.forecast.plan'),
            t('analytics.forecast.attainment'),
          ]}
          rows={owners().map((o) => [name(o.ownerId), ...figures(o)])}
          foot={[t('analytics.forecast.total'), ...figures(props.forecast.totals)]}
        />
      }
      footer={
        <div class="forecast-footer">
          <p class="forecast-footer__scope">{t('analytics.forecast.scope', { name: props.pipelineName })}</p>
          <Show when={props.canPlan && props.months.length > 0}>
            <button
              type="button"
              class="btn btn--secondary btn--sm forecast-footer__toggle"
              aria-expanded={editing() ? 'true' : 'false'}
              aria-controls={editorId}
              data-testid="plan-toggle"
              onClick={() => setEditing((open) => !open)}
            >
              <Icon name={editing() ? 'chevronDown' : 'edit'} size={16} />
              <span>{t('analytics.plan.open')}</span>
            </button>
            <div id={editorId}>
              <Show when={editing()}>
                <PlanEditor
                  months={props.months}
                  currentMonth={props.currentMonth}
                  currency={currency()}
                  onChanged={props.onPlanChanged}
                />
              </Show>
            </div>
          </Show>
        </div>
      }
    />
  );
};
