// A modal dialog on the native <dialog> element: the browser traps focus, Escape closes it, and focus
// returns to whatever opened it. Titled by its heading; actions go in the footer.
import { createEffect, createUniqueId, type JSX, onCleanup, Show } from 'solid-js';
import { Icon } from './icon.tsx';

export type DialogProps = {
  open: boolean;
  title: string;
  description?: string;
  onClose: () => void;
  children: JSX.Element;
  footer?: JSX.Element;
  size?: 'sm' | 'md' | 'lg' | 'xl';
  closeLabel: string;
  /** The element to focus when the dialog opens (otherwise the first focusable one). */
  initialFocus?: () => HTMLElement | undefined;
  class?: string;
};

export const Dialog = (props: DialogProps) => {
  const titleId = createUniqueId();
  const descriptionId = createUniqueId();
  let dialog: HTMLDialogElement | undefined;
  let opener: Element | null = null;

  createEffect(() => {
    if (!dialog) return;
    if (props.open && !dialog.open) {
      opener = document.activeElement;
      dialog.showModal();
      queueMicrotask(() => props.initialFocus?.()?.focus());
    } else if (!props.open && dialog.open) {
      dialog.close();
    }
  });

  const restoreFocus = () => {
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    opener = null;
  };

  onCleanup(() => {
    if (dialog?.open) dialog.close();
  });

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop closes the dialog; Escape does the same natively
    <dialog
      ref={dialog}
      class={`dialog dialog--${props.size ?? 'md'} ${props.class ?? ''}`}
      aria-labelledby={titleId}
      aria-describedby={props.description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
      onClose={restoreFocus}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        if (event.target === dialog) {
          const rect = dialog.getBoundingClientRect();
          const inside =
            event.clientX >= rect.left &&
            event.clientX <= rect.right &&
            event.clientY >= rect.top &&
            event.clientY <= rect.bottom;
          if (!inside) props.onClose();
        }
      }}
    >
      <Show when={props.open}>
        <div class="dialog__box">
          <header class="dialog__header">
            <div>
              <h2 class="dialog__title" id={titleId}>
                {props.title}
              </h2>
              <Show when={props.description}>
                <p class="dialog__description" id={descriptionId}>
                  {props.description}
                </p>
              </Show>
            </div>
            <button
              type="button"
              class="icon-button"
              aria-label={props.closeLabel}
              onClick={() => props.onClose()}
            >
              <Icon name="close" size={18} />
            </button>
          </header>
          <div class="dialog__body">{props.children}</div>
          <Show when={props.footer}>
            <footer class="dialog__footer">{props.footer}</footer>
          </Show>
        </div>
      </Show>
    </dialog>
  );
};

export type ConfirmDialogProps = {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  closeLabel: string;
  tone?: 'danger' | 'primary';
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

/** "Удалить компанию «…»?" — the safe choice (cancel) has the focus. */
export const ConfirmDialog = (props: ConfirmDialogProps) => {
  let cancel: HTMLButtonElement | undefined;
  return (
    <Dialog
      open={props.open}
      title={props.title}
      onClose={props.onCancel}
      closeLabel={props.closeLabel}
      size="sm"
      initialFocus={() => cancel}
      footer={
        <>
          <button ref={cancel} type="button" class="btn btn--secondary" onClick={() => props.onCancel()}>
            <span>{props.cancelLabel}</span>
          </button>
          <button
            type="button"
            class={`btn btn--${props.tone ?? 'danger'}`}
            aria-busy={props.busy ? 'true' : undefined}
            disabled={props.busy}
            onClick={() => props.onConfirm()}
          >
            <Show when={props.busy}>
              <span class="spinner spinner--inline" aria-hidden="true" />
            </Show>
            <span>{props.confirmLabel}</span>
          </button>
        </>
      }
    >
      <p>{props.message}</p>
    </Dialog>
  );
};
