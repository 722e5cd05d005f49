// Inline editing on the card: a field shows its value; a click (or its "Изменить" button, or Enter)
// turns it into an editor; Enter saves, Escape cancels, leaving the field saves a change. The save
// is the card's (a PATCH with the version last read); an error for this field stays beside it with
// the editor open. List fields (phones, e-mails, addresses) and tags have editors of their own.
import { createSignal, createUniqueId, For, type JSX, Show } from 'solid-js';
import type { FieldError } from '../../api/api-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { Option } from '../../ui/choice-fields.tsx';
import { Icon } from '../../ui/icon.tsx';

export type SaveOutcome = { ok: true } | { ok: false; message?: string; fields?: readonly FieldError[] };

/** The message of a field error for `field` or one of its parts (phones.0.value). */
export const messageFor = (outcome: SaveOutcome, field: string): string | undefined => {
  if (outcome.ok) return undefined;
  const own = outcome.fields?.find((f) => f.field === field || f.field.startsWith(`${field}.`));
  return own ? own.message || outcome.message : outcome.message;
};

type Shell = {
  label: string;
  field: string;
  canEdit: boolean;
  editing: boolean;
  onStart: () => void;
  display: JSX.Element;
  editor: JSX.Element;
  error: string | undefined;
  labelId: string;
  errorId: string;
  testId?: string;
};

const FieldShell = (props: Shell) => {
  const { t } = useI18n();
  return (
    <div
      class="prop"
      classList={{ 'prop--editing': props.editing, 'prop--invalid': Boolean(props.error) }}
      data-field={props.field}
      data-testid={props.testId}
    >
      <dt class="prop__label" id={props.labelId}>
        {props.label}
      </dt>
      <dd class="prop__value">
        <Show
          when={props.editing}
          fallback={
            <div class="prop__read">
              {/* biome-ignore lint/a11y/noStaticElementInteractions: a click on the value is a mouse shortcut; the "Изменить" button beside it is the keyboard path */}
              {/* biome-ignore lint/a11y/useKeyWithClickEvents: a click on the value is a mouse shortcut; the "Изменить" button beside it is the keyboard path */}
              <div
                class="prop__display"
                classList={{ 'prop__display--editable': props.canEdit }}
                onClick={(event) => {
                  if (!props.canEdit || (event.target as HTMLElement).closest('a, button')) return;
                  props.onStart();
                }}
              >
                {props.display}
              </div>
              <Show when={props.canEdit}>
                <button
                  type="button"
                  class="icon-button icon-button--sm prop__edit"
                  aria-label={t('card.edit', { field: props.label })}
                  data-testid={`edit-${props.field}`}
                  onClick={() => props.onStart()}
                >
                  <Icon name="edit" size={14} />
                </button>
              </Show>
            </div>
          }
        >
          {props.editor}
        </Show>
        <Show when={props.error}>
          <p class="field__error" id={props.errorId} role="alert">
            {props.error}
          </p>
        </Show>
      </dd>
    </div>
  );
};

const emptyDisplay = (text: string) => <span class="prop__empty">{text}</span>;

export type InlineFieldProps = {
  label: string;
  field: string;
  value: string;
  display?: JSX.Element;
  canEdit: boolean;
  input?: 'text' | 'number' | 'date' | 'email' | 'url' | 'textarea' | 'select';
  options?: readonly Option[];
  /** The select's "nothing" option ("Не указано"); omitted: a value is required. */
  emptyOption?: string;
  inputMode?: 'numeric' | 'decimal' | 'tel' | 'email' | 'url' | 'text';
  maxLength?: number;
  placeholder?: string;
  validate?: (value: string) => string | undefined;
  onSave: (value: string) => Promise<SaveOutcome>;
};

export const InlineField = (props: InlineFieldProps) => {
  const { t } = useI18n();
  const labelId = createUniqueId();
  const errorId = createUniqueId();
  const [editing, setEditing] = createSignal(false);
  const [draft, setDraft] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [saving, setSaving] = createSignal(false);
  let editorRoot: HTMLDivElement | undefined;
  let control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | undefined;

  const start = () => {
    setDraft(props.value);
    setError(undefined);
    setEditing(true);
    queueMicrotask(() => {
      control?.focus();
      if (control instanceof HTMLInputElement && control.type === 'text') control.select();
    });
  };

  const stop = () => {
    setEditing(false);
    setError(undefined);
    queueMicrotask(() => editorRoot?.closest('.prop')?.querySelector<HTMLElement>('.prop__edit')?.focus());
  };

  const commit = async (value = draft()) => {
    if (saving()) return;
    if (value === props.value) {
      stop();
      return;
    }
    const problem = props.validate?.(value);
    if (problem) {
      setError(problem);
      return;
    }
    setSaving(true);
    const outcome = await props.onSave(value);
    setSaving(false);
    if (outcome.ok) stop();
    else {
      setError(messageFor(outcome, props.field) ?? t('errors.validation'));
      queueMicrotask(() => control?.focus());
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      stop();
    } else if (event.key === 'Enter' && (props.input !== 'textarea' || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void commit();
    }
  };

  const onFocusOut = (event: FocusEvent) => {
    const next = event.relatedTarget as Node | null;
    if (next && editorRoot?.contains(next)) return;
    if (editing() && !saving()) void commit();
  };

  const common = () => ({
    'aria-labelledby': labelId,
    'aria-invalid': error() ? ('true' as const) : undefined,
    'aria-describedby': error() ? errorId : undefined,
    'data-testid': `input-${props.field}`,
    disabled: saving(),
  });

  const editor = () => (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape and Enter anywhere in the editor cancel or save it; leaving it saves (events bubble from its controls)
    <div class="prop__editor" ref={editorRoot} onKeyDown={onKeyDown} onFocusOut={onFocusOut}>
      <Show
        when={props.input === 'select'}
        fallback={
          <Show
            when={props.input === 'textarea'}
            fallback={
              <input
                ref={(el) => (control = el)}
                class="input input--sm"
                type={
                  props.input === 'number'
                    ? 'number'
                    : props.input === 'date'
                      ? 'date'
                      : props.input === 'email'
                        ? 'email'
                        : props.input === 'url'
                          ? 'url'
                          : 'text'
                }
                inputMode={props.inputMode}
                maxLength={props.maxLength}
                placeholder={props.placeholder}
                value={draft()}
                onInput={(event) => {
                  setDraft(event.currentTarget.value);
                  setError(undefined);
                }}
                {...common()}
              />
            }
          >
            <textarea
              ref={(el) => (control = el)}
              class="input textarea input--sm"
              rows={3}
              maxLength={props.maxLength}
              value={draft()}
              onInput={(event) => setDraft(event.currentTarget.value)}
              {...common()}
            />
          </Show>
        }
      >
        <select
          ref={(el) => (control = el)}
          class="input select input--sm"
          onChange={(event) => {
            setDraft(event.currentTarget.value);
            void commit(event.currentTarget.value);
          }}
          {...common()}
        >
          <Show when={props.emptyOption !== undefined}>
            <option value="" selected={draft() === ''}>
              {props.emptyOption}
            </option>
          </Show>
          <For each={props.options ?? []}>
            {(option) => (
              <option value={option.value} selected={option.value === draft()}>
                {option.label}
              </option>
            )}
          </For>
        </select>
      </Show>
      <div class="prop__buttons">
        <Show when={saving()}>
          <span class="spinner spinner--sm" role="status" aria-label={t('card.saving')} />
        </Show>
        <Show when={props.input !== 'select'}>
          <button
            type="button"
            class="icon-button icon-button--sm"
            aria-label={t('card.save')}
            onClick={() => void commit()}
          >
            <Icon name="check" size={16} />
          </button>
        </Show>
        <button
          type="button"
          class="icon-button icon-button--sm"
          aria-label={t('card.cancel')}
          onClick={() => stop()}
        >
          <Icon name="close" size={16} />
        </button>
      </div>
    </div>
  );

  return (
    <FieldShell
      label={props.label}
      field={props.field}
      canEdit={props.canEdit}
      editing={editing()}
      onStart={start}
      display={props.value ? (props.display ?? <span>{props.value}</span>) : emptyDisplay(t('records.empty'))}
      editor={editor()}
      error={error()}
      labelId={labelId}
      errorId={errorId}
    />
  );
};

export type ListItem = { kind: string; value: string; extra?: string };

export type InlineListFieldProps = {
  label: string;
  field: string;
  items: readonly ListItem[];
  display: JSX.Element;
  kinds: readonly Option[];
  canEdit: boolean;
  addLabel: string;
  valueLabel: string;
  /** A second text per item (the city of an address). */
  extraLabel?: string;
  inputType?: 'tel' | 'email' | 'text';
  validate?: (value: string) => string | undefined;
  onSave: (items: ListItem[]) => Promise<SaveOutcome>;
};

/** Phones, e-mails, addresses: rows of kind + value, added and removed, saved together. */
export const InlineListField = (props: InlineListFieldProps) => {
  const { t } = useI18n();
  const labelId = createUniqueId();
  const errorId = createUniqueId();
  const [editing, setEditing] = createSignal(false);
  const [rows, setRows] = createSignal<ListItem[]>([]);
  const [rowErrors, setRowErrors] = createSignal<Record<number, string>>({});
  const [error, setError] = createSignal<string>();
  const [saving, setSaving] = createSignal(false);
  let root: HTMLDivElement | undefined;

  const start = () => {
    setRows(
      props.items.length
        ? props.items.map((item) => ({ ...item }))
        : [{ kind: props.kinds[0]?.value ?? 'work', value: '' }],
    );
    setRowErrors({});
    setError(undefined);
    setEditing(true);
    queueMicrotask(() => root?.querySelector<HTMLInputElement>('input')?.focus());
  };
  const stop = () => {
    setEditing(false);
    setError(undefined);
    setRowErrors({});
  };
  const update = (index: number, patch: Partial<ListItem>) =>
    setRows((list) => list.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const commit = async () => {
    const cleaned = rows().filter((row) => row.value.trim());
    const problems: Record<number, string> = {};
    rows().forEach((row, index) => {
      const problem = row.value.trim() ? props.validate?.(row.value) : undefined;
      if (problem) problems[index] = problem;
    });
    setRowErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setSaving(true);
    const outcome = await props.onSave(cleaned.map((row) => ({ ...row, value: row.value.trim() })));
    setSaving(false);
    if (outcome.ok) {
      stop();
      return;
    }
    const byRow: Record<number, string> = {};
    for (const f of outcome.fields ?? []) {
      const match = new RegExp(`^${props.field}\\.(\\d+)`).exec(f.field);
      if (match) byRow[Number(match[1])] = f.message;
    }
    setRowErrors(byRow);
    if (Object.keys(byRow).length === 0) setError(messageFor(outcome, props.field) ?? t('errors.validation'));
  };

  const editor = () => (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape and Enter anywhere in the editor cancel or save it (keys bubble from its controls)
    <div
      class="prop__editor prop__editor--list"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          stop();
        } else if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT') {
          event.preventDefault();
          void commit();
        }
      }}
    >
      <For each={rows()}>
        {(row, index) => (
          <div class="list-editor__row">
            <select
              class="input select input--sm list-editor__kind"
              aria-label={`${props.label}: ${t('card.kind')}`}
              onChange={(event) => update(index(), { kind: event.currentTarget.value })}
            >
              <For each={props.kinds}>
                {(kind) => (
                  <option value={kind.value} selected={kind.value === row.kind}>
                    {kind.label}
                  </option>
                )}
              </For>
            </select>
            <input
              class="input input--sm"
              type={props.inputType ?? 'text'}
              aria-label={`${props.label}: ${props.valueLabel}`}
              aria-invalid={rowErrors()[index()] ? 'true' : undefined}
              value={row.value}
              onInput={(event) => update(index(), { value: event.currentTarget.value })}
            />
            <Show when={props.extraLabel}>
              <input
                class="input input--sm list-editor__extra"
                aria-label={`${props.label}: ${props.extraLabel}`}
                placeholder={props.extraLabel}
                value={row.extra ?? ''}
                onInput={(event) => update(index(), { extra: event.currentTarget.value })}
              />
            </Show>
            <button
              type="button"
              class="icon-button icon-button--sm"
              aria-label={t('card.removeItem', { value: row.value || props.valueLabel })}
              onClick={() => setRows((list) => list.filter((_, i) => i !== index()))}
            >
              <Icon name="trash" size={14} />
            </button>
            <Show when={rowErrors()[index()]}>
              <p class="field__error list-editor__error" role="alert">
                {rowErrors()[index()]}
              </p>
            </Show>
          </div>
        )}
      </For>
      <div class="list-editor__actions">
        <button
          type="button"
          class="link-button"
          onClick={() => {
            setRows((list) => [...list, { kind: props.kinds[0]?.value ?? 'work', value: '' }]);
            queueMicrotask(() => {
              const inputs = root?.querySelectorAll<HTMLInputElement>('input:not(.list-editor__extra)');
              inputs?.[inputs.length - 1]?.focus();
            });
          }}
        >
          + {props.addLabel}
        </button>
        <span class="list-editor__spacer" />
        <button
          type="button"
          class="btn btn--primary btn--sm"
          disabled={saving()}
          onClick={() => void commit()}
        >
          <span>{saving() ? t('card.saving') : t('card.save')}</span>
        </button>
        <button type="button" class="btn btn--ghost btn--sm" onClick={() => stop()}>
          <span>{t('card.cancel')}</span>
        </button>
      </div>
    </div>
  );

  return (
    <FieldShell
      label={props.label}
      field={props.field}
      canEdit={props.canEdit}
      editing={editing()}
      onStart={start}
      display={props.items.length ? props.display : emptyDisplay(t('records.empty'))}
      editor={editor()}
      error={error()}
      labelId={labelId}
      errorId={errorId}
    />
  );
};

/** Tags: chips removed with ×, added by typing and Enter; every change is saved at once. */
export const TagsField = (props: {
  label: string;
  tags: readonly string[];
  canEdit: boolean;
  onSave: (tags: string[]) => Promise<SaveOutcome>;
}) => {
  const { t } = useI18n();
  const labelId = createUniqueId();
  const [draft, setDraft] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [saving, setSaving] = createSignal(false);

  const save = async (tags: string[]) => {
    setSaving(true);
    const outcome = await props.onSave(tags);
    setSaving(false);
    setError(outcome.ok ? undefined : (messageFor(outcome, 'tags') ?? t('errors.validation')));
    return outcome.ok;
  };
  const add = async () => {
    const tags = draft()
      .split(',')
      .map((tag) => tag.trim().toLocaleLowerCase('ru'))
      .filter(Boolean);
    if (tags.length === 0) return;
    if (await save([...new Set([...props.tags, ...tags])])) setDraft('');
  };

  return (
    <div class="prop" data-field="tags">
      <dt class="prop__label" id={labelId}>
        {props.label}
      </dt>
      <dd class="prop__value">
        <ul class="tag-list" aria-labelledby={labelId}>
          <For each={props.tags}>
            {(tag) => (
              <li class="chip chip--tag">
                <span class="chip__text">{tag}</span>
                <Show when={props.canEdit}>
                  <button
                    type="button"
                    class="chip__remove"
                    aria-label={t('card.removeItem', { value: tag })}
                    disabled={saving()}
                    onClick={() => void save(props.tags.filter((x) => x !== tag))}
                  >
                    <Icon name="close" size={12} />
                  </button>
                </Show>
              </li>
            )}
          </For>
          <Show when={props.canEdit}>
            <li>
              <input
                class="input input--sm tag-input"
                aria-label={t('card.addTag')}
                placeholder={t('card.newTag')}
                value={draft()}
                maxLength={50}
                disabled={saving()}
                onInput={(event) => setDraft(event.currentTarget.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' || event.key === ',') {
                    event.preventDefault();
                    void add();
                  }
                }}
              />
            </li>
          </Show>
          <Show when={!props.canEdit && props.tags.length === 0}>
            <li class="prop__empty">{t('records.empty')}</li>
          </Show>
        </ul>
        <Show when={error()}>
          <p class="field__error" role="alert">
            {error()}
          </p>
        </Show>
      </dd>
    </div>
  );
};
