// Custom fields on cards and forms, by type: text, number, money (typed in roubles, stored in
// kopecks), date, list, multi-list, checkbox, staff member. Values go to the API as
// `customFields.<key>`; `null` clears one.
import { createUniqueId, For, Show } from 'solid-js';
import type { CustomField } from '../../api/custom-fields.ts';
import type { StaffMember } from '../../api/users.ts';
import { currencyMinorDigits } from '../../format/format.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { SelectField } from '../../ui/choice-fields.tsx';
import { TextField } from '../../ui/field.tsx';
import { formatCustomValue, isEmptyValue } from '../records/field-values.ts';
import { InlineField, type SaveOutcome } from '../records/inline-field.tsx';

/** The editor's text for a stored value. */
export const customValueToText = (field: CustomField, value: unknown): string => {
  if (isEmptyValue(value)) return '';
  if (field.type === 'money' && typeof value === 'object' && value !== null) {
    const { amount, currency } = value as { amount?: number; currency?: string };
    if (typeof amount !== 'number') return '';
    const digits = currencyMinorDigits(currency ?? field.currency ?? 'RUB');
    return (amount / 10 ** digits).toFixed(digits);
  }
  return String(value);
};

/** The stored value for the editor's text; undefined when the text is not a value of the type. */
export const customTextToValue = (
  field: CustomField,
  text: string,
  fallbackCurrency: string,
): { value: unknown } | undefined => {
  const trimmed = text.trim();
  if (!trimmed) return { value: null };
  switch (field.type) {
    case 'number': {
      const n = Number(trimmed.replace(',', '.').replace(/\s/g, ''));
      return Number.isFinite(n) ? { value: n } : undefined;
    }
    case 'money': {
      const n = Number(trimmed.replace(',', '.').replace(/\s/g, ''));
      if (!Number.isFinite(n)) return undefined;
      const currency = field.currency ?? fallbackCurrency;
      return { value: { amount: Math.round(n * 10 ** currencyMinorDigits(currency)), currency } };
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? { value: trimmed } : undefined;
    default:
      return { value: trimmed };
  }
};

export type InlineCustomFieldProps = {
  field: CustomField;
  value: unknown;
  canEdit: boolean;
  staff: readonly StaffMember[];
  onSave: (value: unknown) => Promise<SaveOutcome>;
};

export const InlineCustomField = (props: InlineCustomFieldProps) => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const label = () => props.field.label[i18n.locale()];
  const errorKey = () => `customFields.${props.field.key}`;
  const shown = () =>
    formatCustomValue(props.field, props.value, {
      t,
      locale: i18n.locale(),
      userName: (id) => props.staff.find((s) => s.id === id)?.name,
      formatDate: (iso) => fmt.date(iso),
      formatMoney: (amount, currency) => fmt.money(amount, currency),
      formatNumber: (n) => fmt.number(n),
    });

  if (props.field.type === 'checkbox') {
    const id = createUniqueId();
    return (
      <div class="prop" data-field={errorKey()}>
        <dt class="prop__label">
          <label for={id}>{label()}</label>
        </dt>
        <dd class="prop__value">
          <input
            id={id}
            type="checkbox"
            class="checkbox"
            checked={props.value === true}
            disabled={!props.canEdit}
            onChange={(event) => void props.onSave(event.currentTarget.checked)}
          />
        </dd>
      </div>
    );
  }
  if (props.field.type === 'multi-select') {
    const selected = () => (Array.isArray(props.value) ? (props.value as string[]) : []);
    return (
      <div class="prop" data-field={errorKey()}>
        <dt class="prop__label">{label()}</dt>
        <dd class="prop__value">
          <Show when={props.canEdit} fallback={<span>{shown()}</span>}>
            <fieldset class="check-group">
              <legend class="sr-only">{label()}</legend>
              <For each={props.field.options ?? []}>
                {(option) => (
                  <label class="check-group__item">
                    <input
                      type="checkbox"
                      class="checkbox"
                      checked={selected().includes(option.value)}
                      onChange={(event) => {
                        const next = event.currentTarget.checked
                          ? [...selected(), option.value]
                          : selected().filter((v) => v !== option.value);
                        void props.onSave(next.length ? next : null);
                      }}
                    />
                    <span>{option.label[i18n.locale()]}</span>
                  </label>
                )}
              </For>
            </fieldset>
          </Show>
        </dd>
      </div>
    );
  }
  const options = () =>
    props.field.type === 'select'
      ? (props.field.options ?? []).map((o) => ({ value: o.value, label: o.label[i18n.locale()] }))
      : props.field.type === 'user'
        ? props.staff.map((s) => ({ value: s.id, label: s.name }))
        : [];
  const isSelect = () => props.field.type === 'select' || props.field.type === 'user';
  return (
    <InlineField
      label={label()}
      field={errorKey()}
      value={customValueToText(props.field, props.value)}
      display={<span>{shown()}</span>}
      canEdit={props.canEdit}
      input={
        isSelect()
          ? 'select'
          : props.field.type === 'date'
            ? 'date'
            : props.field.type === 'number' || props.field.type === 'money'
              ? 'text'
              : 'text'
      }
      inputMode={props.field.type === 'number' || props.field.type === 'money' ? 'decimal' : undefined}
      options={options()}
      emptyOption={props.field.required ? undefined : t('records.notSet')}
      validate={(text) => {
        if (!text.trim()) return props.field.required ? t('records.problems.required') : undefined;
        if (!customTextToValue(props.field, text, i18n.currency()))
          return props.field.type === 'date' ? t('records.problems.date') : t('records.problems.number');
        return undefined;
      }}
      onSave={(text) => props.onSave(customTextToValue(props.field, text, i18n.currency())?.value ?? null)}
    />
  );
};

/** A custom field in a create form: a labelled control whose text is converted on submit. */
export const CustomFieldControl = (props: {
  field: CustomField;
  text: string;
  staff: readonly StaffMember[];
  error?: string | undefined;
  onText: (text: string) => void;
}) => {
  const i18n = useI18n();
  const { t } = i18n;
  const label = () => `${props.field.label[i18n.locale()]}${props.field.required ? ' *' : ''}`;
  switch (props.field.type) {
    case 'select':
    case 'user':
      return (
        <SelectField
          label={label()}
          options={
            props.field.type === 'user'
              ? props.staff.map((s) => ({ value: s.id, label: s.name }))
              : (props.field.options ?? []).map((o) => ({ value: o.value, label: o.label[i18n.locale()] }))
          }
          placeholder={t('records.notSet')}
          value={props.text}
          error={props.error}
          onChange={(event) => props.onText(event.currentTarget.value)}
        />
      );
    case 'checkbox': {
      const id = createUniqueId();
      return (
        <div class="checkbox-field">
          <input
            id={id}
            type="checkbox"
            class="checkbox"
            checked={props.text === 'true'}
            onChange={(event) => props.onText(event.currentTarget.checked ? 'true' : '')}
          />
          <label for={id} class="checkbox-field__label">
            {label()}
          </label>
        </div>
      );
    }
    default:
      return (
        <TextField
          label={label()}
          type={props.field.type === 'date' ? 'date' : 'text'}
          inputMode={props.field.type === 'number' || props.field.type === 'money' ? 'decimal' : undefined}
          value={props.text}
          error={props.error}
          hint={props.field.type === 'money' ? (props.field.currency ?? i18n.currency()) : undefined}
          onInput={(event) => props.onText(event.currentTarget.value)}
        />
      );
  }
};

/** Values of a create form's custom fields; the problems by key when some do not parse. */
export const collectCustomValues = (
  fields: readonly CustomField[],
  texts: Readonly<Record<string, string>>,
  currency: string,
  messages: { required: string; number: string; date: string },
): { values: Record<string, unknown>; problems: Record<string, string> } => {
  const values: Record<string, unknown> = {};
  const problems: Record<string, string> = {};
  for (const field of fields) {
    const text = texts[field.key] ?? '';
    if (field.type === 'checkbox') {
      if (text === 'true') values[field.key] = true;
      else if (field.required) values[field.key] = false;
      continue;
    }
    if (field.type === 'multi-select') continue;
    if (!text.trim()) {
      if (field.required) problems[field.key] = messages.required;
      continue;
    }
    const parsed = customTextToValue(field, text, currency);
    if (!parsed) problems[field.key] = field.type === 'date' ? messages.date : messages.number;
    else values[field.key] = parsed.value;
  }
  return { values, problems };
};
