// Настройки → Пользовательские поля (administrators): the extra fields of companies and contacts —
// define one (key, names in both languages, type, options, required), change its names, options and
// "required", delete it. Key, record type and field type are fixed once created.
import { createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import type { CustomField } from '../../api/custom-fields.ts';
import type { RecordType } from '../../api/records.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { Checkbox, SelectField } from '../../ui/choice-fields.tsx';
import { ConfirmDialog, Dialog } from '../../ui/dialog.tsx';
import { Alert, EmptyState } from '../../ui/feedback.tsx';
import { SegmentedControl, TextField } from '../../ui/field.tsx';
import { Icon } from '../../ui/icon.tsx';
import { Badge } from '../../ui/panel.tsx';
import { useToast } from '../../ui/toast.tsx';
import { customFieldTypes } from '../records/record-constants.ts';
import { customFieldsOf, loadCustomFields } from './definitions.ts';
import '../records/records.css';

type Draft = {
  key: string;
  ru: string;
  en: string;
  type: CustomField['type'];
  required: boolean;
  currency: string;
  options: { value: string; ru: string; en: string }[];
};

const emptyDraft = (): Draft => ({
  key: '',
  ru: '',
  en: '',
  type: 'text',
  required: false,
  currency: 'RUB',
  options: [],
});

/** A key from the English name (Latin names make readable keys). */
export const suggestKey = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^(\d)/, 'f-$1')
    .slice(0, 40);

export const CustomFieldsAdmin = () => {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const [entity, setEntity] = createSignal<RecordType>('company');
  const [editing, setEditing] = createSignal<CustomField | 'new'>();
  const [draft, setDraft] = createStore<Draft>(emptyDraft());
  const [errors, setErrors] = createStore<Record<string, string | undefined>>({});
  const [failure, setFailure] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [deleting, setDeleting] = createSignal<CustomField>();
  const [keyTouched, setKeyTouched] = createSignal(false);

  const hasOptions = () => draft.type === 'select' || draft.type === 'multi-select';

  const open = (field: CustomField | 'new') => {
    setErrors({ key: undefined, ru: undefined, en: undefined, options: undefined });
    setFailure(undefined);
    setKeyTouched(field !== 'new');
    if (field === 'new') setDraft(emptyDraft());
    else
      setDraft({
        key: field.key,
        ru: field.label.ru,
        en: field.label.en,
        type: field.type,
        required: field.required,
        currency: field.currency ?? 'RUB',
        options: (field.options ?? []).map((o) => ({ value: o.value, ru: o.label.ru, en: o.label.en })),
      });
    setEditing(field);
  };

  const validate = (): boolean => {
    const next: Record<string, string | undefined> = {
      key: /^[a-z][a-z0-9-]{1,39}$/.test(draft.key) ? undefined : t('customFields.keyProblem'),
      ru: draft.ru.trim() ? undefined : t('records.problems.required'),
      en: draft.en.trim() ? undefined : t('records.problems.required'),
      options:
        hasOptions() && draft.options.filter((o) => o.value && o.ru).length === 0
          ? t('customFields.optionsProblem')
          : undefined,
    };
    setErrors(next);
    return Object.values(next).every((v) => !v);
  };

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!validate()) return;
    const options = hasOptions()
      ? draft.options
          .filter((o) => o.value && o.ru)
          .map((o) => ({ value: o.value, label: { ru: o.ru.trim(), en: (o.en || o.ru).trim() } }))
      : undefined;
    const label = { ru: draft.ru.trim(), en: draft.en.trim() };
    setBusy(true);
    setFailure(undefined);
    try {
      const current = editing();
      if (current === 'new') {
        await api().customFields.create({
          entity: entity(),
          key: draft.key,
          label,
          type: draft.type,
          required: draft.required,
          order: customFieldsOf(entity()).length,
          ...(options ? { options } : {}),
          ...(draft.type === 'money' ? { currency: draft.currency } : {}),
        });
      } else if (current) {
        await api().customFields.update(current.entity, current.key, {
          expectedVersion: current.version ?? 1,
          label,
          required: draft.required,
          ...(options ? { options } : {}),
          ...(draft.type === 'money' ? { currency: draft.currency } : {}),
        });
      }
      await loadCustomFields(true);
      toast.show(t('customFields.saved', { label: label[i18n.locale()] }));
      setEditing(undefined);
    } catch (error) {
      if (error instanceof ApiError) {
        for (const f of error.fields) {
          const key =
            f.field === 'label.ru'
              ? 'ru'
              : f.field === 'label.en'
                ? 'en'
                : f.field.startsWith('options')
                  ? 'options'
                  : f.field;
          setErrors(key, f.message);
        }
      }
      setFailure(describeError(error, i18n).message);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    const field = deleting();
    if (!field) return;
    setBusy(true);
    try {
      await api().customFields.remove(field.entity, field.key, field.version ?? 1);
      await loadCustomFields(true);
      toast.show(t('customFields.deleted', { label: field.label[i18n.locale()] }));
    } catch (error) {
      toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setBusy(false);
      setDeleting(undefined);
    }
  };

  const typeOptions = () =>
    customFieldTypes.map((type) => ({ value: type, label: t(`customFields.types.${type}`) }));

  return (
    <div class="form-stack">
      <div class="toolbar">
        <SegmentedControl
          legend={t('customFields.entity')}
          hideLegend
          name="cf-entity"
          value={entity()}
          choices={[
            { value: 'company', label: t('customFields.forCompanies') },
            { value: 'contact', label: t('customFields.forContacts') },
          ]}
          onChange={setEntity}
        />
        <span class="toolbar__spacer" />
        <Button variant="primary" icon="plus" onClick={() => open('new')}>
          {t('customFields.add')}
        </Button>
      </div>

      <Show
        when={customFieldsOf(entity()).length > 0}
        fallback={
          <EmptyState icon="sliders" title={t('customFields.empty')} text={t('customFields.subtitle')} />
        }
      >
        <div class="panel">
          <table class="data-table" data-testid="custom-fields-table">
            <caption class="sr-only">{t('customFields.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('customFields.columnLabel')}</th>
                <th scope="col">{t('customFields.columnKey')}</th>
                <th scope="col">{t('customFields.columnType')}</th>
                <th scope="col">{t('customFields.columnRequired')}</th>
                <th scope="col">
                  <span class="sr-only">{t('card.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={customFieldsOf(entity())}>
                {(field) => (
                  <tr>
                    <th scope="row" class="data-table__name">
                      {field.label[i18n.locale()]}
                    </th>
                    <td>
                      <code class="code">{field.key}</code>
                    </td>
                    <td>
                      {t(`customFields.types.${field.type}`)}
                      <Show when={field.options?.length}>
                        <span class="muted">
                          {' '}
                          · {field.options?.map((o) => o.label[i18n.locale()]).join(', ')}
                        </span>
                      </Show>
                    </td>
                    <td>
                      {field.required ? (
                        <Badge tone="accent">{t('common.yes')}</Badge>
                      ) : (
                        <span class="muted">{t('common.no')}</span>
                      )}
                    </td>
                    <td class="data-table__actions">
                      <div class="row-actions">
                        <button
                          type="button"
                          class="icon-button icon-button--sm"
                          aria-label={t('customFields.edit', { label: field.label[i18n.locale()] })}
                          onClick={() => open(field)}
                        >
                          <Icon name="edit" size={16} />
                        </button>
                        <button
                          type="button"
                          class="icon-button icon-button--sm"
                          aria-label={`${t('customFields.delete')}: ${field.label[i18n.locale()]}`}
                          onClick={() => setDeleting(field)}
                        >
                          <Icon name="trash" size={16} />
                        </button>
                      </div>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>

      <Dialog
        open={editing() !== undefined}
        title={
          editing() === 'new' ? t('customFields.newTitle') : t('customFields.editTitle', { label: draft.ru })
        }
        onClose={() => setEditing(undefined)}
        closeLabel={t('common.close')}
        size="md"
      >
        <form class="form-stack" novalidate onSubmit={save}>
          <Show when={failure()}>
            <Alert tone="danger" role="alert">
              {failure()}
            </Alert>
          </Show>
          <div class="form-grid">
            <TextField
              label={t('customFields.labelRu')}
              value={draft.ru}
              maxLength={80}
              error={errors.ru}
              onInput={(event) => {
                setDraft('ru', event.currentTarget.value);
                setErrors('ru', undefined);
              }}
            />
            <TextField
              label={t('customFields.labelEn')}
              value={draft.en}
              maxLength={80}
              error={errors.en}
              onInput={(event) => {
                setDraft('en', event.currentTarget.value);
                setErrors('en', undefined);
                if (!keyTouched() && editing() === 'new')
                  setDraft('key', suggestKey(event.currentTarget.value));
              }}
            />
            <TextField
              label={t('customFields.key')}
              value={draft.key}
              maxLength={40}
              disabled={editing() !== 'new'}
              hint={t('customFields.keyHint')}
              error={errors.key}
              onInput={(event) => {
                setKeyTouched(true);
                setDraft('key', event.currentTarget.value);
                setErrors('key', undefined);
              }}
            />
            <SelectField
              label={t('customFields.type')}
              options={typeOptions()}
              value={draft.type}
              disabled={editing() !== 'new'}
              onChange={(event) => setDraft('type', event.currentTarget.value as CustomField['type'])}
            />
            <Show when={draft.type === 'money'}>
              <TextField
                label={t('customFields.currency')}
                value={draft.currency}
                maxLength={3}
                onInput={(event) => setDraft('currency', event.currentTarget.value.toUpperCase())}
              />
            </Show>
          </div>
          <Show when={hasOptions()}>
            <fieldset class="options-editor">
              <legend class="field__label">{t('customFields.options')}</legend>
              <For each={draft.options}>
                {(option, index) => (
                  <div class="options-editor__row">
                    <input
                      class="input input--sm"
                      aria-label={t('customFields.optionRu')}
                      placeholder={t('customFields.optionRu')}
                      value={option.ru}
                      onInput={(event) => {
                        setDraft('options', index(), 'ru', event.currentTarget.value);
                        if (!option.value || option.value === suggestKey(option.en))
                          setDraft(
                            'options',
                            index(),
                            'value',
                            suggestKey(option.en) || `option-${index() + 1}`,
                          );
                      }}
                    />
                    <input
                      class="input input--sm"
                      aria-label={t('customFields.optionEn')}
                      placeholder={t('customFields.optionEn')}
                      value={option.en}
                      onInput={(event) => {
                        const previous = suggestKey(option.en);
                        setDraft('options', index(), 'en', event.currentTarget.value);
                        if (!option.value || option.value === previous || /^option-\d+$/.test(option.value))
                          setDraft(
                            'options',
                            index(),
                            'value',
                            suggestKey(event.currentTarget.value) || `option-${index() + 1}`,
                          );
                      }}
                    />
                    <input
                      class="input input--sm options-editor__code"
                      aria-label={t('customFields.optionValue')}
                      placeholder={t('customFields.optionValue')}
                      value={option.value}
                      onInput={(event) =>
                        setDraft('options', index(), 'value', event.currentTarget.value.toLowerCase())
                      }
                    />
                    <button
                      type="button"
                      class="icon-button icon-button--sm"
                      aria-label={t('customFields.removeOption', { value: option.ru || option.value })}
                      onClick={() => setDraft('options', (list) => list.filter((_, i) => i !== index()))}
                    >
                      <Icon name="trash" size={14} />
                    </button>
                  </div>
                )}
              </For>
              <button
                type="button"
                class="link-button"
                onClick={() => setDraft('options', (list) => [...list, { value: '', ru: '', en: '' }])}
              >
                + {t('customFields.addOption')}
              </button>
              <Show when={errors.options}>
                <p class="field__error">{errors.options}</p>
              </Show>
            </fieldset>
          </Show>
          <Checkbox
            label={t('customFields.required')}
            checked={draft.required}
            onChange={(checked) => setDraft('required', checked)}
          />
          <div class="form-actions">
            <Button type="submit" variant="primary" busy={busy()}>
              {t('customFields.save')}
            </Button>
            <Button variant="ghost" onClick={() => setEditing(undefined)}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      </Dialog>

      <ConfirmDialog
        open={deleting() !== undefined}
        title={t('customFields.delete')}
        message={t('customFields.confirmDelete', { label: deleting()?.label[i18n.locale()] ?? '' })}
        confirmLabel={t('customFields.delete')}
        cancelLabel={t('common.cancel')}
        closeLabel={t('common.close')}
        busy={busy()}
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(undefined)}
      />
    </div>
  );
};
