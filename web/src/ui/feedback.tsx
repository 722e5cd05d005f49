// Loading, empty, error and inline-message states, so every page says what is happening.
import { type JSX, Show } from 'solid-js';
import { Button } from './button.tsx';
import { Icon, type IconName } from './icon.tsx';

export type AlertTone = 'info' | 'success' | 'warning' | 'danger';

const toneIcon: Record<AlertTone, IconName> = {
  info: 'info',
  success: 'check',
  warning: 'alert',
  danger: 'alert',
};

export type AlertProps = {
  tone?: AlertTone;
  title?: string;
  children?: JSX.Element;
  /** "alert" interrupts the screen reader (errors after an action); "status" waits politely. */
  role?: 'alert' | 'status';
  action?: JSX.Element;
  onDismiss?: () => void;
  dismissLabel?: string;
};

export const Alert = (props: AlertProps) => (
  <div class={`alert alert--${props.tone ?? 'info'}`} role={props.role}>
    <Icon name={toneIcon[props.tone ?? 'info']} size={18} class="alert__icon" />
    <div class="alert__body">
      <Show when={props.title}>
        <p class="alert__title">{props.title}</p>
      </Show>
      <Show when={props.children}>
        <div class="alert__text">{props.children}</div>
      </Show>
      <Show when={props.action}>
        <div class="alert__action">{props.action}</div>
      </Show>
    </div>
    <Show when={props.onDismiss}>
      <button
        type="button"
        class="icon-button alert__dismiss"
        aria-label={props.dismissLabel}
        onClick={props.onDismiss}
      >
        <Icon name="close" size={16} />
      </button>
    </Show>
  </div>
);

export const LoadingState = (props: { label: string; compact?: boolean }) => (
  <div class="state" classList={{ 'state--compact': props.compact }} role="status" aria-live="polite">
    <span class="spinner spinner--md" aria-hidden="true" />
    <span class="state__text">{props.label}</span>
  </div>
);

/** Placeholder blocks shaped like the content being loaded. */
export const Skeleton = (props: { lines?: number; label: string }) => (
  <div class="skeleton" role="status" aria-label={props.label}>
    {Array.from({ length: props.lines ?? 3 }, (_, index) => (
      <span class="skeleton__line" style={{ width: `${92 - ((index * 17) % 40)}%` }} />
    ))}
  </div>
);

export type EmptyStateProps = { icon?: IconName; title: string; text: string; action?: JSX.Element };

export const EmptyState = (props: EmptyStateProps) => (
  <div class="state state--empty">
    <span class="state__icon">
      <Icon name={props.icon ?? 'inbox'} size={28} />
    </span>
    <p class="state__title">{props.title}</p>
    <p class="state__text">{props.text}</p>
    <Show when={props.action}>{props.action}</Show>
  </div>
);

export type ErrorStateProps = {
  title: string;
  message: string;
  correlationId?: string | undefined;
  correlationLabel?: string | undefined;
  retryLabel: string;
  onRetry?: () => void;
  compact?: boolean;
};

export const ErrorState = (props: ErrorStateProps) => (
  <div class="state state--error" classList={{ 'state--compact': props.compact }} role="alert">
    <span class="state__icon state__icon--danger">
      <Icon name="alert" size={24} />
    </span>
    <p class="state__title">{props.title}</p>
    <p class="state__text">{props.message}</p>
    <Show when={props.correlationId}>
      <p class="state__meta">
        {props.correlationLabel}: <code class="code">{props.correlationId}</code>
      </p>
    </Show>
    <Show when={props.onRetry}>
      <Button variant="secondary" size="sm" icon="refresh" onClick={() => props.onRetry?.()}>
        {props.retryLabel}
      </Button>
    </Show>
  </div>
);
