// Buttons and button-styled links. A busy button keeps its label (its accessible name) and adds a spinner.
import { A } from '@solidjs/router';
import { type JSX, Show, splitProps } from 'solid-js';
import { Icon, type IconName } from './icon.tsx';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

type Common = {
  variant?: ButtonVariant;
  size?: 'md' | 'sm';
  icon?: IconName;
  busy?: boolean;
  block?: boolean;
};

export type ButtonProps = Common & JSX.ButtonHTMLAttributes<HTMLButtonElement>;

const classes = (props: Common, extra?: string) =>
  [
    'btn',
    `btn--${props.variant ?? 'secondary'}`,
    props.size === 'sm' ? 'btn--sm' : '',
    props.block ? 'btn--block' : '',
    extra ?? '',
  ]
    .filter(Boolean)
    .join(' ');

export const Button = (props: ButtonProps) => {
  const [local, rest] = splitProps(props, [
    'variant',
    'size',
    'icon',
    'busy',
    'block',
    'class',
    'children',
    'type',
  ]);
  return (
    <button
      type={local.type ?? 'button'}
      class={classes(local, local.class)}
      aria-busy={local.busy ? 'true' : undefined}
      {...rest}
      disabled={rest.disabled || local.busy}
    >
      <Show when={local.busy} fallback={local.icon ? <Icon name={local.icon} size={16} /> : null}>
        <span class="spinner spinner--inline" aria-hidden="true" />
      </Show>
      <span>{local.children}</span>
    </button>
  );
};

export type LinkButtonProps = Common & { href: string; children: JSX.Element; class?: string };

export const LinkButton = (props: LinkButtonProps) => (
  <A href={props.href} class={classes(props, props.class)}>
    <Show when={props.icon}>{(name) => <Icon name={name()} size={16} />}</Show>
    <span>{props.children}</span>
  </A>
);
