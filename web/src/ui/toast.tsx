// Short confirmations and background failures ("Изменения сохранены") in a polite live region.
import { createContext, createSignal, For, type ParentComponent, useContext } from 'solid-js';
import { Icon } from './icon.tsx';

export type ToastTone = 'success' | 'danger' | 'info';

type Toast = { id: number; tone: ToastTone; text: string };

export type Toaster = { show: (text: string, tone?: ToastTone) => void };

const ToastContext = createContext<Toaster>();

export const ToastProvider: ParentComponent<{ dismissLabel: () => string }> = (props) => {
  const [toasts, setToasts] = createSignal<Toast[]>([]);
  let nextId = 1;
  const dismiss = (id: number) => setToasts((list) => list.filter((toast) => toast.id !== id));
  const show = (text: string, tone: ToastTone = 'success') => {
    const id = nextId++;
    setToasts((list) => [...list.slice(-2), { id, tone, text }]);
    setTimeout(() => dismiss(id), tone === 'danger' ? 8000 : 4000);
  };
  return (
    <ToastContext.Provider value={{ show }}>
      {props.children}
      <div class="toasts" role="status" aria-live="polite">
        <For each={toasts()}>
          {(toast) => (
            <div class={`toast toast--${toast.tone}`}>
              <Icon
                name={toast.tone === 'danger' ? 'alert' : toast.tone === 'success' ? 'check' : 'info'}
                size={16}
              />
              <span class="toast__text">{toast.text}</span>
              <button
                type="button"
                class="icon-button icon-button--on-dark"
                aria-label={props.dismissLabel()}
                onClick={() => dismiss(toast.id)}
              >
                <Icon name="close" size={14} />
              </button>
            </div>
          )}
        </For>
      </div>
    </ToastContext.Provider>
  );
};

export const useToast = (): Toaster => {
  const toaster = useContext(ToastContext);
  if (!toaster) throw new Error('useToast() outside <ToastProvider>');
  return toaster;
};
