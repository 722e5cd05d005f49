// Form fields with a visible <label>, hint and error wired through aria-describedby / aria-invalid.
import { createUniqueId, For, type JSX, Show, splitProps } from 'solid-js';

/** The ids of a field's error and hint, for the control's aria-describedby. */
export const describedBy = (id: string, error: string | undefined, hint: string | undefined) =>
  [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;

export type FieldFrameProps = {
  /** The control's id, which the label points at. */
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  hideLabel?: boolean | undefined;
  class?: string | undefined;
  children: JSX.Element;
};

/** The frame every labelled field shares: label, the control, its error and hint. */
export const FieldFrame = (props: FieldFrameProps) => (
  <div class={`field ${props.class ?? ''}`} classList={{ 'field--invalid': Boolean(props.error) }}>
    <label class="field__label" classList={{ 'sr-only': Boolean(props.hideLabel) }} for={props.id}>
      {props.label}
    </label>
    {props.children}
    <Show when={props.error}>
      <p class="field__error" id={`${props.id}-error`}>
        {props.error}
      </p>
    </Show>
    <Show when={props.hint}>
      <p class="field__hint" id={`${props.id}-hint`}>
        {props.hint}
      </p>
    </Show>
  </div>
);

export type TextFieldProps = {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  /** Extra control rendered at the end of the input row (e.g. "Show" for passwords). */
  addon?: JSX.Element;
  ref?: (element: HTMLInputElement) => void;
} & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'ref'>;

export const TextField = (props: TextFieldProps) => {
  const [local, rest] = splitProps(props, ['label', 'error', 'hint', 'addon', 'id', 'class', 'ref']);
  const id = local.id ?? createUniqueId();
  return (
    <FieldFrame id={id} label={local.label} error={local.error} hint={local.hint} class={local.class}>
      <div class="field__control">
        <input
          id={id}
          ref={local.ref}
          class="input"
          aria-invalid={local.error ? 'true' : undefined}
          aria-describedby={describedBy(id, local.error, local.hint)}
          {...rest}
        />
        {local.addon}
      </div>
    </FieldFrame>
  );
};

export type SwitchFieldProps = {
  label: string;
  hint?: string | undefined;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  name?: string;
};

/** An on/off setting: a checkbox with role="switch", labelled by its text. */
export const SwitchField = (props: SwitchFieldProps) => {
  const id = createUniqueId();
  return (
    <div class="switch-field">
      <input
        id={id}
        type="checkbox"
        role="switch"
        aria-checked={props.checked}
        class="switch"
        name={props.name}
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
      <div class="switch-field__text">
        <label for={id} class="switch-field__label">
          {props.label}
        </label>
        <Show when={props.hint}>
          <p class="field__hint" id={`${id}-hint`}>
            {props.hint}
          </p>
        </Show>
      </div>
    </div>
  );
};

export type Choice<T extends string> = {
  value: T;
  /** The accessible name, e.g. "Русский". */
  label: string;
  /** A shorter visible text, e.g. "RU"; the full label stays available to assistive technology. */
  short?: string;
  lang?: string;
};

export type SegmentedControlProps<T extends string> = {
  /** The group's accessible name (and visible legend unless hideLegend). */
  legend: string;
  hideLegend?: boolean;
  name: string;
  value: T;
  choices: readonly Choice<T>[];
  onChange: (value: T) => void;
  size?: 'sm' | 'md';
  disabled?: boolean;
};

/** Native radio buttons styled as a segmented control: arrow keys move between options. */
export const SegmentedControl = <T extends string>(props: SegmentedControlProps<T>) => (
  <fieldset class={`segmented segmented--${props.size ?? 'md'}`} disabled={props.disabled}>
    <legend classList={{ 'sr-only': props.hideLegend, segmented__legend: !props.hideLegend }}>
      {props.legend}
    </legend>
    <div class="segmented__options">
      <For each={props.choices}>
        {(choice) => (
          <label class="segmented__option" lang={choice.lang} title={choice.short ? choice.label : undefined}>
            <input
              type="radio"
              name={props.name}
              value={choice.value}
              checked={props.value === choice.value}
              onChange={() => props.onChange(choice.value)}
            />
            <Show when={choice.short} fallback={<span>{choice.label}</span>}>
              <span aria-hidden="true">{choice.short}</span>
              <span class="sr-only">{choice.label}</span>
            </Show>
          </label>
        )}
      </For>
    </div>
  </fieldset>
);
