// A titled content block (card) and small inline badges.
import { createUniqueId, type JSX, Show } from 'solid-js';

export type PanelProps = {
  title: string;
  /** Heading level inside the page; pages use h1, panels h2. */
  headingId?: string;
  description?: string;
  actions?: JSX.Element;
  children: JSX.Element;
  class?: string;
  padded?: boolean;
};

export const Panel = (props: PanelProps) => {
  const headingId = props.headingId ?? createUniqueId();
  return (
    <section class={`panel ${props.class ?? ''}`} aria-labelledby={headingId}>
      <header class="panel__header">
        <div>
          <h2 class="panel__title" id={headingId}>
            {props.title}
          </h2>
          <Show when={props.description}>
            <p class="panel__description">{props.description}</p>
          </Show>
        </div>
        <Show when={props.actions}>
          <div class="panel__actions">{props.actions}</div>
        </Show>
      </header>
      <div classList={{ panel__body: true, 'panel__body--flush': props.padded === false }}>
        {props.children}
      </div>
    </section>
  );
};

export type BadgeTone = 'neutral' | 'accent' | 'success' | 'danger' | 'warning';

export const Badge = (props: { tone?: BadgeTone; children: JSX.Element; class?: string }) => (
  <span class={`badge badge--${props.tone ?? 'neutral'} ${props.class ?? ''}`}>{props.children}</span>
);

/** Page title row: h1, an optional subtitle and page-level actions. */
export const PageHeader = (props: { title: string; subtitle?: JSX.Element; actions?: JSX.Element }) => (
  <header class="page-header">
    <div>
      <h1 class="page-header__title">{props.title}</h1>
      <Show when={props.subtitle}>
        <p class="page-header__subtitle">{props.subtitle}</p>
      </Show>
    </div>
    <Show when={props.actions}>
      <div class="page-header__actions">{props.actions}</div>
    </Show>
  </header>
);
