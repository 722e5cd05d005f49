// A menu button (WAI-ARIA APG pattern): Enter/Space/↓ opens and focuses the first item, ↑/↓/Home/End
// move, Escape closes and returns focus to the button, Tab or a click outside closes.
import { createSignal, createUniqueId, For, type JSX, onCleanup, onMount, Show } from 'solid-js';
import { Icon, type IconName } from './icon.tsx';

export type MenuItem = {
  label: string;
  icon?: IconName;
  onSelect: () => void;
  tone?: 'danger';
  testId?: string;
};

export type MenuButtonProps = {
  /** The button's accessible name. */
  label: string;
  /** What the button shows (avatar, name, chevron). */
  children: JSX.Element;
  items: readonly MenuItem[];
  /** Content shown above the items (e.g. the user's e-mail). */
  header?: JSX.Element;
  class?: string;
  testId?: string;
};

export const MenuButton = (props: MenuButtonProps) => {
  const [open, setOpen] = createSignal(false);
  const menuId = createUniqueId();
  let root: HTMLDivElement | undefined;
  let button: HTMLButtonElement | undefined;
  const itemElements: HTMLButtonElement[] = [];

  const focusItem = (index: number) => {
    const count = props.items.length;
    itemElements[((index % count) + count) % count]?.focus();
  };

  const show = (focusIndex = 0) => {
    setOpen(true);
    queueMicrotask(() => focusItem(focusIndex));
  };

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button?.focus();
  };

  const onButtonKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      show(0);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      show(props.items.length - 1);
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent) => {
    const current = itemElements.indexOf(document.activeElement as HTMLButtonElement);
    const moves: Record<string, () => void> = {
      ArrowDown: () => focusItem(current + 1),
      ArrowUp: () => focusItem(current - 1),
      Home: () => focusItem(0),
      End: () => focusItem(props.items.length - 1),
      Escape: () => close(true),
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      move();
    } else if (event.key === 'Tab') {
      close(false);
    }
  };

  onMount(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (open() && root && !root.contains(event.target as Node)) close(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    onCleanup(() => document.removeEventListener('pointerdown', onPointerDown));
  });

  return (
    <div class={`menu ${props.class ?? ''}`} ref={root}>
      <button
        ref={button}
        type="button"
        class="menu__button"
        aria-label={props.label}
        aria-haspopup="menu"
        aria-expanded={open()}
        aria-controls={open() ? menuId : undefined}
        data-testid={props.testId}
        onClick={() => (open() ? close(false) : show(0))}
        onKeyDown={onButtonKeyDown}
      >
        {props.children}
      </button>
      <Show when={open()}>
        <div class="menu__popup" id={menuId} role="menu" aria-label={props.label} onKeyDown={onMenuKeyDown}>
          <Show when={props.header}>
            <div class="menu__header" role="presentation">
              {props.header}
            </div>
          </Show>
          <For each={props.items}>
            {(item, index) => (
              <button
                ref={(element) => {
                  itemElements[index()] = element;
                }}
                type="button"
                role="menuitem"
                tabIndex={-1}
                class="menu__item"
                classList={{ 'menu__item--danger': item.tone === 'danger' }}
                data-testid={item.testId}
                onClick={() => {
                  close(true);
                  item.onSelect();
                }}
              >
                <Show when={item.icon}>{(name) => <Icon name={name()} size={16} />}</Show>
                <span>{item.label}</span>
              </button>
            )}
          </For>
        </div>
      </Show>
    </div>
  );
};
