// Hand-drawn charts of the sales dashboard, in HTML and CSS rather than a charting library: text
// stays crisp and wraps in both languages, the layout follows the panel's width, and nothing is
// added to the bundle. They are decorative to assistive technology — ChartPanel pairs each with a
// table of the same figures — so they take ready-made labels and carry no ARIA of their own.
import { For, type JSX, Show } from 'solid-js';
import { Icon } from '../../ui/icon.tsx';
import { axisTicks, barPercent, niceMax } from './chart-format.ts';

const maxOf = (values: readonly number[]) => values.reduce((a, b) => Math.max(a, b), 0);

export type FunnelStep = {
  key: string;
  label: string;
  value: number;
  valueText: string;
  /** The conversion to the next step (or to won, after the last), drawn under the bar. */
  conversionText?: string | undefined;
};

/** Centred horizontal bars narrowing with the number of deals, the conversion between them. */
export const FunnelChart = (props: { steps: readonly FunnelStep[] }) => {
  const top = () => maxOf(props.steps.map((s) => s.value));
  const shade = (index: number) =>
    `color-mix(in srgb, var(--color-accent) ${100 - Math.round((index / Math.max(1, props.steps.length - 1)) * 45)}%, #ffffff)`;
  return (
    <ol class="funnel">
      <For each={props.steps}>
        {(step, index) => (
          <li class="funnel__step" data-testid="funnel-stage" data-stage-id={step.key}>
            <span class="funnel__label">{step.label}</span>
            <span class="funnel__track">
              <span
                class="funnel__bar"
                classList={{ 'funnel__bar--none': step.value === 0 }}
                style={
                  step.value === 0
                    ? undefined
                    : { width: `${barPercent(step.value, top(), 1.5)}%`, background: shade(index()) }
                }
              />
            </span>
            <span class="funnel__value" data-testid="funnel-count">
              {step.valueText}
            </span>
            <Show when={step.conversionText}>
              <span class="funnel__conversion" data-testid="funnel-conversion">
                <Icon name="arrowDown" size={14} />
                {step.conversionText}
              </span>
            </Show>
          </li>
        )}
      </For>
    </ol>
  );
};

export type Column = {
  key: string;
  label: string;
  /** A second line under the label (the year under January and under the first month). */
  sublabel?: string | undefined;
  value: number;
  valueText: string;
};

/** Vertical bars on a value axis with round ticks: revenue per month. */
export const ColumnChart = (props: {
  columns: readonly Column[];
  tickText: (value: number) => string;
  testId?: string;
  /** Each bar's test id (`data-month` carries the column's key): revenue-bar unless told. */
  barTestId?: string;
}) => {
  const top = () => niceMax(maxOf(props.columns.map((c) => c.value)));
  // Up to a year, every month is named and every bar carries its value; longer periods thin the labels.
  const labelStep = () => Math.ceil(props.columns.length / 12);
  const showValues = () => props.columns.length <= 12;
  return (
    <div
      class="column-chart"
      style={{ '--columns': String(props.columns.length) }}
      data-testid={props.testId}
    >
      <div class="column-chart__plot">
        <For each={axisTicks(top())}>
          {(tick) => (
            <div class="column-chart__grid" style={{ bottom: `${(tick / top()) * 100}%` }}>
              <span class="column-chart__tick">{props.tickText(tick)}</span>
            </div>
          )}
        </For>
        <div class="column-chart__columns">
          <For each={props.columns}>
            {(column) => (
              <div class="column-chart__column" title={`${column.label}: ${column.valueText}`}>
                <span
                  class="column-chart__bar"
                  style={{ height: `${barPercent(column.value, top())}%` }}
                  data-testid={props.barTestId ?? 'revenue-bar'}
                  data-month={column.key}
                />
                <Show when={showValues() && column.value > 0}>
                  <span
                    class="column-chart__value"
                    style={{ bottom: `calc(${barPercent(column.value, top())}% + 4px)` }}
                  >
                    {column.valueText}
                  </span>
                </Show>
              </div>
            )}
          </For>
        </div>
      </div>
      <div class="column-chart__labels">
        <For each={props.columns}>
          {(column, index) => (
            <span class="column-chart__label">
              <Show when={index() % labelStep() === 0}>
                {column.label}
                <Show when={column.sublabel}>
                  <small>{column.sublabel}</small>
                </Show>
              </Show>
            </span>
          )}
        </For>
      </div>
    </div>
  );
};

export type BarRow = {
  key: string;
  label: string;
  value: number;
  valueText: string;
  /** Shown under the label in a smaller type (e.g. how many visits an average is of). */
  note?: string | undefined;
};

export type BarTone = 'accent' | 'success' | 'violet' | 'amber';

/** Labelled horizontal bars on one scale: activities per salesperson, days in each stage. */
export const BarRows = (props: { rows: readonly BarRow[]; tone?: BarTone; testId?: string }) => {
  const top = () => maxOf(props.rows.map((r) => r.value));
  return (
    <ul class="bar-rows" data-testid={props.testId}>
      <For each={props.rows}>
        {(row) => (
          <li class="bar-rows__row" data-key={row.key}>
            <span class="bar-rows__label">
              {row.label}
              <Show when={row.note}>
                <small>{row.note}</small>
              </Show>
            </span>
            <span class="bar-rows__track">
              <span
                class={`bar-rows__bar bar--${props.tone ?? 'accent'}`}
                style={{ width: `${barPercent(row.value, top())}%` }}
              />
            </span>
            <span class="bar-rows__value" classList={{ 'is-muted': row.value === 0 }}>
              {row.valueText}
            </span>
          </li>
        )}
      </For>
    </ul>
  );
};

export type LeaderRow = {
  key: string;
  name: string;
  amount: number;
  amountText: string;
  cells: readonly string[];
};

/** The leaderboard: rank, name, a bar of the amount won, then the figures beside it under their headings. */
export const LeaderboardChart = (props: {
  rows: readonly LeaderRow[];
  headings: { rank: string; name: string; amount: string; cells: readonly string[] };
}) => {
  const top = () => maxOf(props.rows.map((r) => r.amount));
  const columns = () =>
    `2.25rem minmax(8rem, 12rem) minmax(10rem, 1fr) repeat(${props.headings.cells.length}, minmax(4.5rem, auto))`;
  return (
    <div class="leaderboard" style={{ 'grid-template-columns': columns() }}>
      <span class="leaderboard__head">{props.headings.rank}</span>
      <span class="leaderboard__head">{props.headings.name}</span>
      <span class="leaderboard__head">{props.headings.amount}</span>
      <For each={props.headings.cells}>{(cell) => <span class="leaderboard__head is-num">{cell}</span>}</For>
      <For each={props.rows}>
        {(row, index) => (
          <>
            <span class="leaderboard__rank" classList={{ 'is-first': index() === 0 && row.amount > 0 }}>
              {index() + 1}
            </span>
            <span class="leaderboard__name">{row.name}</span>
            <span class="leaderboard__amount">
              <span class="leaderboard__track">
                <span class="leaderboard__bar" style={{ width: `${barPercent(row.amount, top())}%` }} />
              </span>
              <span class="leaderboard__amount-text">{row.amountText}</span>
            </span>
            <For each={row.cells}>{(cell) => <span class="leaderboard__cell">{cell}</span>}</For>
          </>
        )}
      </For>
    </div>
  );
};

export type ForecastBar = {
  key: string;
  name: string;
  won: number;
  weighted: number;
  open: number;
  plan: number;
  /** «Выиграно 400 тыс. ₽ · …», under the bar. */
  detail: string;
  /** The attainment badge («50 %», «без плана») and its tone. */
  attainmentText: string;
  attainmentTone: 'success' | 'accent' | 'warning' | 'neutral';
  total?: boolean;
};

export type ForecastLegend = { won: string; weighted: string; open: string; plan: string };

/**
 * Per salesperson one bar on a shared scale: won, then the weighted part of the open pipeline, then
 * the rest of it (so the whole bar is the best case), with the plan as a marker across it.
 */
export const ForecastChart = (props: { rows: readonly ForecastBar[]; legend: ForecastLegend }) => {
  const top = () => niceMax(maxOf(props.rows.flatMap((r) => [r.won + r.open, r.plan])));
  const share = (value: number) => (value > 0 ? (value / top()) * 100 : 0);
  return (
    <div class="forecast-chart">
      <ul class="chart-legend">
        <li>
          <span class="chart-legend__swatch bar--success" />
          {props.legend.won}
        </li>
        <li>
          <span class="chart-legend__swatch bar--accent" />
          {props.legend.weighted}
        </li>
        <li>
          <span class="chart-legend__swatch forecast-chart__open" />
          {props.legend.open}
        </li>
        <li>
          <span class="chart-legend__marker" />
          {props.legend.plan}
        </li>
      </ul>
      <ul class="forecast-chart__rows">
        <For each={props.rows}>
          {(row) => (
            <li
              class="forecast-chart__row"
              classList={{ 'is-total': row.total }}
              data-testid="forecast-row"
              data-owner-id={row.key}
            >
              <span class="forecast-chart__name">{row.name}</span>
              <span class="forecast-chart__track">
                <span class="forecast-chart__segment bar--success" style={{ width: `${share(row.won)}%` }} />
                <span
                  class="forecast-chart__segment bar--accent"
                  style={{ width: `${share(Math.min(row.weighted, row.open))}%` }}
                />
                <span
                  class="forecast-chart__segment forecast-chart__open"
                  style={{ width: `${share(Math.max(0, row.open - row.weighted))}%` }}
                />
                <Show when={row.plan > 0}>
                  <span class="forecast-chart__plan" style={{ left: `${share(row.plan)}%` }} />
                </Show>
              </span>
              <span class={`badge badge--${row.attainmentTone} forecast-chart__attainment`}>
                {row.attainmentText}
              </span>
              <span class="forecast-chart__detail">{row.detail}</span>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
};

/** A plain data table for a chart's text alternative. */
export const ChartTable = (props: {
  caption: string;
  head: readonly string[];
  /** The first cell of a row is its header; the others are right-aligned figures. */
  rows: readonly (readonly string[])[];
  foot?: readonly string[] | undefined;
  testId?: string;
}): JSX.Element => (
  <table class="data-table chart-data" data-testid={props.testId}>
    <caption>{props.caption}</caption>
    <thead>
      <tr>
        <For each={props.head}>
          {(cell, index) => (
            <th scope="col" classList={{ 'data-table__num-head': index() > 0 }}>
              {cell}
            </th>
          )}
        </For>
      </tr>
    </thead>
    <tbody>
      <For each={props.rows}>
        {(row) => (
          <tr>
            <For each={row}>
              {(cell, index) =>
                index() === 0 ? <th scope="row">{cell}</th> : <td class="data-table__num">{cell}</td>
              }
            </For>
          </tr>
        )}
      </For>
    </tbody>
    <Show when={props.foot}>
      {(foot) => (
        <tfoot>
          <tr>
            <For each={foot()}>
              {(cell, index) =>
                index() === 0 ? <th scope="row">{cell}</th> : <td class="data-table__num">{cell}</td>
              }
            </For>
          </tr>
        </tfoot>
      )}
    </Show>
  </table>
);
