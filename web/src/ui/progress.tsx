// A determinate progress bar with its value announced (role="progressbar"), or an indeterminate one
// when the total is not known yet.
import { Show } from 'solid-js';

export type ProgressBarProps = {
  label: string;
  /** 0–100; undefined: indeterminate. */
  percent: number | undefined;
  valueText?: string;
  tone?: 'accent' | 'success' | 'danger';
  testId?: string;
};

export const ProgressBar = (props: ProgressBarProps) => (
  <div
    class={`progress progress--${props.tone ?? 'accent'}`}
    classList={{ 'progress--indeterminate': props.percent === undefined }}
    role="progressbar"
    aria-label={props.label}
    aria-valuemin={0}
    aria-valuemax={100}
    aria-valuenow={props.percent === undefined ? undefined : Math.round(props.percent)}
    aria-valuetext={props.valueText}
    data-testid={props.testId}
  >
    <Show when={props.percent !== undefined} fallback={<span class="progress__bar progress__bar--moving" />}>
      <span class="progress__bar" style={{ width: `${Math.max(0, Math.min(100, props.percent ?? 0))}%` }} />
    </Show>
  </div>
);
