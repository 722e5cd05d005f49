// Labelled <select> and <textarea> fields in the frame of TextField (ui/field.tsx): visible label,
// hint and error wired through aria-describedby / aria-invalid.
import { createUniqueId, For, type JSX, Show, splitProps } from 'solid-js';
import { describedBy, FieldFrame } from './field.tsx';

export type Option = { value: string; label: string };

export type SelectFieldProps = {
  label: string;
  options: readonly Option[];
  /** A first option with an empty value ("Любой", "Не указано"). */
  placeholder?: string;
  error?: string | undefined;
  hint?: string | undefined;
  hideLabel?: boolean;
  ref?: (element: HTMLSelectElement) => void;
} & Omit<JSX.SelectHTMLAttributes<HTMLSelectElement>, 'ref'>;

export const SelectField = (props: SelectFieldProps) => {
  const [local, rest] = splitProps(props, [
    'label',
    'options',
    'placeholder',
    'error',
    'hint',
    'id',
    'class',
    'ref',
    'hideLabel',
    'value',
  ]);
  const id = local.id ?? createUniqueId();
  return (
    <FieldFrame
      id={id}
      label={local.label}
      error={local.error}
      hint={local.hint}
      hideLabel={local.hideLabel}
      class={local.class}
    >
      <select
        id={id}
        ref={local.ref}
        class="input select"
        aria-invalid={local.error ? 'true' : undefined}
        aria-describedby={describedBy(id, local.error, local.hint)}
        {...rest}
      >
        <Show when={local.placeholder !== undefined}>
          <option value="" selected={!local.value}>
            {local.placeholder}
          </option>
        </Show>
        <For each={local.options}>
          {(option) => (
            <option value={option.value} selected={option.value === local.value}>
              {option.label}
            </option>
          )}
        </For>
      </select>
    </FieldFrame>
  );
};

export type TextAreaFieldProps = {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  hideLabel?: boolean;
  ref?: (element: HTMLTextAreaElement) => void;
} & Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'ref'>;

export const TextAreaField = (props: TextAreaFieldProps) => {
  const [local, rest] = splitProps(props, ['label', 'error', 'hint', 'id', 'class', 'ref', 'hideLabel']);
  const id = local.id ?? createUniqueId();
  return (
    <FieldFrame
      id={id}
      label={local.label}
      error={local.error}
      hint={local.hint}
      hideLabel={local.hideLabel}
      class={local.class}
    >
      <textarea
        id={id}
        ref={local.ref}
        class="input textarea"
        aria-invalid={local.error ? 'true' : undefined}
        aria-describedby={describedBy(id, local.error, local.hint)}
        {...rest}
      />
    </FieldFrame>
  );
};

export type CheckboxProps = {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  disabled?: boolean;
  hideLabel?: boolean;
  testId?: string;
};

export const Checkbox = (props: CheckboxProps) => {
  const id = createUniqueId();
  return (
    <div class="checkbox-field">
      <input
        id={id}
        type="checkbox"
        class="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        data-testid={props.testId}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
      <label for={id} classList={{ 'sr-only': props.hideLabel, 'checkbox-field__label': true }}>
        {props.label}
      </label>
      <Show when={props.hint}>
        <p class="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      </Show>
    </div>
  );
};
