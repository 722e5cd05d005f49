// A dashboard panel holding one chart and its text alternative: the drawing is hidden from
// assistive technology and a table with the same figures stands in for it (visually hidden until
// the «Таблица» toggle shows it to everyone who would rather read the numbers). A period without
// data gets a short empty state instead of an empty drawing.
import { createSignal, createUniqueId, type JSX, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Icon } from '../../ui/icon.tsx';
import { Panel } from '../../ui/panel.tsx';

export type ChartPanelProps = {
  title: string;
  description?: string;
  testId: string;
  class?: string;
  /** True when the period has nothing to draw. */
  empty: boolean;
  emptyText: string;
  /** The drawing: decorative to screen readers, so keep every figure in `table`. */
  chart: JSX.Element;
  /** A <table> with a caption giving every figure of the chart. */
  table: JSX.Element;
  /** A key figure above the chart, read by everyone (e.g. the period's revenue). */
  headline?: JSX.Element;
  /** Anything under the chart (a scope note, an editor). */
  footer?: JSX.Element;
  busy?: boolean;
};

export const ChartPanel = (props: ChartPanelProps) => {
  const { t } = useI18n();
  const [showTable, setShowTable] = createSignal(false);
  const tableId = createUniqueId();
  return (
    <Panel
      title={props.title}
      description={props.description}
      class={`chart-panel ${props.class ?? ''}`}
      actions={
        <Show when={!props.empty}>
          <button
            type="button"
            class="btn btn--ghost btn--sm chart-panel__toggle"
            aria-pressed={showTable() ? 'true' : 'false'}
            aria-controls={tableId}
            onClick={() => setShowTable((shown) => !shown)}
          >
            <Icon name="columns" size={16} />
            <span>{t('analytics.showTable')}</span>
          </button>
        </Show>
      }
    >
      <div
        class="chart-panel__content"
        classList={{ 'is-loading': props.busy }}
        aria-busy={props.busy ? 'true' : undefined}
        data-testid={props.testId}
      >
        <Show
          when={!props.empty}
          fallback={
            <p class="chart-empty" data-testid="chart-empty">
              <Icon name="chart" size={20} />
              <span>{props.emptyText}</span>
            </p>
          }
        >
          <Show when={props.headline}>
            <div class="chart-headline">{props.headline}</div>
          </Show>
          <div class="chart" aria-hidden="true">
            {props.chart}
          </div>
          <div id={tableId} class="chart-table" classList={{ 'sr-only': !showTable() }}>
            {props.table}
          </div>
        </Show>
        {props.footer}
      </div>
    </Panel>
  );
};
