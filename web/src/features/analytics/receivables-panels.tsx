// Аналитика → Дебиторская задолженность (GET /api/reports/receivables): the aging of what is owed —
// not yet due, 1–30, 31–60, 61–90 and over 90 days past due — as a column per bucket and a stacked bar
// per company or per manager (switchable), and the cash expected per week from the payment schedules
// (overdue amounts in the first week). Drawn with the dashboard's own chart panel, columns and table;
// the tables give every figure exactly.

import { useSearchParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { api } from '../../api/client.ts';
import { type AgingBucket, agingBuckets, type ReceivablesReport } from '../../api/receivables.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { intlLocale } from '../../i18n/locales.ts';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button } from '../../ui/button.tsx';
import { Skeleton } from '../../ui/feedback.tsx';
import { SegmentedControl } from '../../ui/field.tsx';
import { loaded } from '../../ui/resource.ts';
import { formatDay } from '../deals/deal-format.ts';
import { staffName } from '../users/staff.ts';
import { barPercent, formatMoneyShort } from './chart-format.ts';
import { ChartPanel } from './chart-panel.tsx';
import { ChartTable, ColumnChart } from './charts.tsx';
import './receivables.css';

export type AgingScope = 'companies' | 'managers';

type StackRow = { key: string; name: string; buckets: Readonly<Record<AgingBucket, number>>; total: number };

/** One stacked bar per row on a shared scale, a segment per aging bucket. */
const AgingStacks = (props: {
  rows: readonly StackRow[];
  label: (bucket: AgingBucket) => string;
  amount: (minor: number) => string;
}) => {
  const top = () => props.rows.reduce((max, r) => Math.max(max, r.total), 0);
  return (
    <div class="aging-stacks">
      <ul class="chart-legend">
        <For each={agingBuckets}>
          {(bucket) => (
            <li>
              <span class={`chart-legend__swatch aging--${bucket === '90+' ? '90' : bucket}`} />
              {props.label(bucket)}
            </li>
          )}
        </For>
      </ul>
      <ul class="aging-stacks__rows">
        <For each={props.rows}>
          {(row) => (
            <li class="aging-stacks__row" data-testid="aging-row" data-key={row.key}>
              <span class="aging-stacks__name">{row.name}</span>
              <span class="aging-stacks__track" style={{ width: `${barPercent(row.total, top())}%` }}>
                <For each={agingBuckets.filter((b) => row.buckets[b] > 0)}>
                  {(bucket) => (
                    <span
                      class={`aging-stacks__segment aging--${bucket === '90+' ? '90' : bucket}`}
                      style={{ 'flex-grow': String(row.buckets[bucket]) }}
                      data-testid="aging-segment"
                      data-bucket={bucket}
                      title={`${props.label(bucket)}: ${props.amount(row.buckets[bucket])}`}
                    />
                  )}
                </For>
              </span>
              <span class="aging-stacks__total">{props.amount(row.total)}</span>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
};

const AgingPanel = (props: { report: ReceivablesReport; busy: boolean }) => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const [search, setSearch] = useSearchParams();
  const scope = (): AgingScope => (search.aging === 'managers' ? 'managers' : 'companies');
  const currency = () => props.report.currency;
  const short = (minor: number) => formatMoneyShort(minor, currency(), intlLocale(i18n.locale()));
  const label = (bucket: AgingBucket) =>
    t(`receivablesReport.buckets.${bucket === '90+' ? 'over90' : bucket}` as never);
  const rows = (): StackRow[] =>
    scope() === 'companies'
      ? props.report.companies.map((c) => ({
          key: c.companyId,
          name: c.companyName,
          buckets: c.buckets,
          total: c.outstanding,
        }))
      : props.report.managers.map((m) => ({
          key: m.ownerId,
          name: m.ownerName ?? staffName(m.ownerId) ?? t('records.unknownUser'),
          buckets: m.buckets,
          total: m.outstanding,
        }));
  return (
    <ChartPanel
      title={t('receivablesReport.aging.title')}
      description={t('receivablesReport.aging.description')}
      testId="analytics-aging"
      class="analytics-grid__wide"
      busy={props.busy}
      empty={props.report.total.outstanding === 0}
      emptyText={t('receivablesReport.aging.empty')}
      headline={
        <div class="aging-headline">
          <span class="chart-headline__value" data-testid="aging-total">
            {fmt.money(props.report.total.outstanding, currency())}
          </span>
          <span class="chart-headline__note">{t('receivablesReport.aging.totalNote')}</span>
          <SegmentedControl<AgingScope>
            legend={t('receivablesReport.aging.scope')}
            hideLegend
            name="aging-scope"
            size="sm"
            value={scope()}
            choices={[
              { value: 'companies', label: t('receivablesReport.aging.byCompany') },
              { value: 'managers', label: t('receivablesReport.aging.byManager') },
            ]}
            onChange={(value) => setSearch({ aging: value === 'managers' ? 'managers' : undefined })}
          />
        </div>
      }
      chart={
        <div class="aging-chart">
          <ColumnChart
            testId="aging-buckets"
            barTestId="aging-bar"
            tickText={short}
            columns={agingBuckets.map((bucket) => ({
              key: bucket,
              label: label(bucket),
              value: props.report.total.buckets[bucket],
              valueText: short(props.report.total.buckets[bucket]),
            }))}
          />
          <AgingStacks rows={rows()} label={label} amount={short} />
        </div>
      }
      table={
        <ChartTable
          testId="aging-table"
          caption={t(
            scope() === 'companies'
              ? 'receivablesReport.aging.captionCompanies'
              : 'receivablesReport.aging.captionManagers',
            { date: formatDay(props.report.asOf, i18n.locale()) },
          )}
          head={[
            scope() === 'companies'
              ? t('receivablesReport.aging.company')
              : t('receivablesReport.aging.manager'),
            ...agingBuckets.map(label),
            t('receivablesReport.aging.total'),
          ]}
          rows={rows().map((r) => [
            r.name,
            ...agingBuckets.map((b) => fmt.money(r.buckets[b], currency())),
            fmt.money(r.total, currency()),
          ])}
          foot={[
            t('receivablesReport.aging.total'),
            ...agingBuckets.map((b) => fmt.money(props.report.total.buckets[b], currency())),
            fmt.money(props.report.total.outstanding, currency()),
          ]}
        />
      }
    />
  );
};

const CashPanel = (props: { report: ReceivablesReport; busy: boolean }) => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const currency = () => props.report.currency;
  const tag = () => intlLocale(i18n.locale());
  const short = (minor: number) => formatMoneyShort(minor, currency(), tag());
  const weekLabel = (day: string) =>
    new Intl.DateTimeFormat(tag(), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
      new Date(`${day}T00:00:00Z`),
    );
  const weeks = () => props.report.expectedCash;
  const overdue = () => weeks()[0]?.overdue ?? 0;
  return (
    <ChartPanel
      title={t('receivablesReport.cash.title')}
      description={t('receivablesReport.cash.description')}
      testId="analytics-cash"
      class="analytics-grid__wide"
      busy={props.busy}
      empty={weeks().every((w) => w.expected === 0 && w.overdue === 0)}
      emptyText={t('receivablesReport.cash.empty')}
      headline={
        <Show when={overdue() > 0}>
          <span class="chart-headline__note aging-overdue-note" data-testid="cash-overdue">
            {t('receivablesReport.cash.overdueNote', { amount: fmt.money(overdue(), currency()) })}
          </span>
        </Show>
      }
      chart={
        <div class="cash-chart" classList={{ 'has-overdue': overdue() > 0 }}>
          <ColumnChart
            testId="cash-weeks"
            barTestId="cash-bar"
            tickText={short}
            columns={[
              ...(overdue() > 0
                ? [
                    {
                      key: 'overdue',
                      label: t('receivablesReport.cash.overdue'),
                      value: overdue(),
                      valueText: short(overdue()),
                    },
                  ]
                : []),
              ...weeks().map((w) => ({
                key: w.weekStart,
                label: weekLabel(w.weekStart),
                value: w.expected,
                valueText: short(w.expected),
              })),
            ]}
          />
        </div>
      }
      table={
        <ChartTable
          testId="cash-table"
          caption={t('receivablesReport.cash.caption')}
          head={[
            t('receivablesReport.cash.week'),
            t('receivablesReport.cash.expected'),
            t('receivablesReport.cash.overdue'),
          ]}
          rows={weeks().map((w) => [
            t('receivablesReport.cash.weekOf', { date: formatDay(w.weekStart, i18n.locale()) }),
            fmt.money(w.expected, currency()),
            fmt.money(w.overdue, currency()),
          ])}
          foot={[t('receivablesReport.cash.later'), fmt.money(props.report.expectedLater, currency()), '']}
        />
      }
    />
  );
};

/** The receivables part of the analytics page, with its own «Обновить» (it reads no period or pipeline). */
export const ReceivablesSection = () => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const [report, { refetch }] = createResource(() => api().receivables.report());
  return (
    <section
      class="receivables-section"
      aria-labelledby="receivables-heading"
      data-testid="receivables-section"
    >
      <header class="receivables-section__header">
        <div>
          <h2 class="section-title" id="receivables-heading">
            {t('receivablesReport.title')}
          </h2>
          <Show when={loaded(report)}>
            {(r) => (
              <p class="page-header__subtitle" data-testid="receivables-as-of">
                {t('receivablesReport.asOf', { date: formatDay(r().asOf, i18n.locale()) })}
              </p>
            )}
          </Show>
        </div>
        <Button
          variant="secondary"
          size="sm"
          icon="refresh"
          busy={report.loading}
          onClick={() => void refetch()}
          data-testid="receivables-refresh"
        >
          {t('analytics.refresh')}
        </Button>
      </header>
      <Show
        when={!report.error}
        fallback={<ApiErrorState error={report.error} onRetry={() => void refetch()} />}
      >
        <Show when={loaded(report)} fallback={<Skeleton lines={6} label={t('common.loading')} />}>
          {(r) => (
            <div class="analytics-grid">
              <Show when={r().unconverted.length > 0}>
                <p class="analytics-grid__wide muted">
                  {t('receivablesReport.unconverted', {
                    amounts: r()
                      .unconverted.map((u) => fmt.money(u.amount, u.currency))
                      .join(', '),
                  })}
                </p>
              </Show>
              <AgingPanel report={r()} busy={report.loading} />
              <CashPanel report={r()} busy={report.loading} />
            </div>
          )}
        </Show>
      </Show>
    </section>
  );
};
