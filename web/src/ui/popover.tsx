// A disclosure popover: a button (aria-expanded) and a panel below it. Escape closes it and returns
// focus to the button; a click outside closes it. For non-modal pickers (columns, saved views, bulk
// actions); modal work goes into a Dialog.
import { createSignal, createUniqueId, type JSX, onCleanup, onMount, Show } from 'solid-js';

export type PopoverProps = {
  /** What the trigger shows. */
  trigger: JSX.Element;
  /** The trigger's accessible name when its content is not enough. */
  label?: string;
  class?: string;
  buttonClass?: string;
  panelClass?: string;
  align?: 'start' | 'end';
  testId?: string;
  disabled?: boolean;
  /** The panel's content; `close` hides it (e.g. after choosing). */
  children: (close: (returnFocus?: boolean) => void) => JSX.Element;
  onOpen?: () => void;
};

export const Popover = (props: PopoverProps) => {
  const [open, setOpen] = createSignal(false);
  const panelId = createUniqueId();
  let root: HTMLDivElement | undefined;
  let button: HTMLButtonElement | undefined;

  const close = (returnFocus = true) => {
    setOpen(false);
    if (returnFocus) button?.focus();
  };

  onMount(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (open() && root && !root.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    onCleanup(() => document.removeEventListener('pointerdown', onPointerDown));
  });

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the popover closes it (keys bubble from its controls)
    <div
      class={`popover ${props.class ?? ''}`}
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open()) {
          event.stopPropagation();
          close(true);
        }
      }}
    >
      <button
        ref={button}
        type="button"
        class={props.buttonClass ?? 'btn btn--secondary btn--sm'}
        aria-expanded={open()}
        aria-controls={panelId}
        aria-label={props.label}
        data-testid={props.testId}
        disabled={props.disabled}
        onClick={() => {
          const next = !open();
          setOpen(next);
          if (next) {
            props.onOpen?.();
            queueMicrotask(() => {
              const first = root?.querySelector<HTMLElement>(
                `#${CSS.escape(panelId)} input, #${CSS.escape(panelId)} select, #${CSS.escape(panelId)} button, #${CSS.escape(panelId)} [tabindex="0"]`,
              );
              first?.focus();
            });
          }
        }}
      >
        {props.trigger}
      </button>
      <Show when={open()}>
        <div
          id={panelId}
          class={`popover__panel popover__panel--${props.align ?? 'start'} ${props.panelClass ?? ''}`}
        >
          {props.children(close)}
        </div>
      </Show>
    </div>
  );
};
