// Stage and owner in the card's header: a labelled select that looks like a badge (read-only: a badge).
import { createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Icon } from '../../ui/icon.tsx';
import { Badge } from '../../ui/panel.tsx';
import { useToast } from '../../ui/toast.tsx';
import type { SaveOutcome } from './inline-field.tsx';

/** Stage and owner in the header: a labelled select that looks like a badge; text when read-only. */
export const HeaderSelect = (props: {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  display?: string;
  canEdit: boolean;
  tone: 'neutral' | 'accent' | 'success' | 'danger' | 'warning';
  icon?: 'user';
  onChange: (value: string) => Promise<SaveOutcome>;
  testId?: string;
}) => {
  const i18n = useI18n();
  const toast = useToast();
  const [busy, setBusy] = createSignal(false);
  const text = () =>
    props.display ?? props.options.find((o) => o.value === props.value)?.label ?? props.value;
  return (
    <Show
      when={props.canEdit}
      fallback={
        <span class="header-chip" title={props.label}>
          <span class="sr-only">{props.label}: </span>
          <Badge tone={props.tone}>{text()}</Badge>
        </span>
      }
    >
      <label class={`header-select header-select--${props.tone}`}>
        <span class="sr-only">{props.label}</span>
        <Show when={props.icon}>
          <Icon name="user" size={14} />
        </Show>
        <select
          class="header-select__control"
          value={props.value}
          disabled={busy()}
          data-testid={props.testId}
          onChange={async (event) => {
            const target = event.currentTarget;
            setBusy(true);
            const outcome = await props.onChange(target.value);
            setBusy(false);
            if (!outcome.ok) {
              target.value = props.value;
              toast.show(outcome.message ?? i18n.t('errors.validation'), 'danger');
            }
          }}
        >
          <For each={props.options}>
            {(option) => (
              <option value={option.value} selected={option.value === props.value}>
                {option.label}
              </option>
            )}
          </For>
        </select>
        <Icon name="chevronDown" size={14} />
      </label>
    </Show>
  );
};
