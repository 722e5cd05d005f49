// Filters of a list: owner, lifecycle stage, tag, lead source, industry, city, custom fields and "no
// activity for N days". The panel edits a draft and applies it at once (Enter or "Применить"); the
// active filters stay visible as chips that remove themselves.
import { createEffect, createMemo, For, on, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { CustomField } from '../../api/custom-fields.ts';
import type { ListFilters, RecordType } from '../../api/records.ts';
import type { StaffMember } from '../../api/users.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { type Option, SelectField } from '../../ui/choice-fields.tsx';
import { TextField } from '../../ui/field.tsx';
import { Icon } from '../../ui/icon.tsx';
import { optionLabel } from './field-values.ts';
import { leadSources, lifecycleStages } from './record-constants.ts';

export type FilterDef = {
  key: string;
  label: string;
  kind: 'select' | 'text' | 'number' | 'date';
  options?: readonly Option[];
  placeholder?: string;
  /** How the chip shows the value. */
  show: (value: string) => string;
};

export const filterDefs = (
  entity: RecordType,
  ctx: {
    t: ReturnType<typeof useI18n>['t'];
    tp: ReturnType<typeof useI18n>['tp'];
    lookup: ReturnType<typeof useI18n>['lookup'];
    locale: 'ru' | 'en';
    staff: readonly StaffMember[];
    meId: string;
    customFields: readonly CustomField[];
  },
): FilterDef[] => {
  const { t, lookup } = ctx;
  const staffOptions = [
    ...(ctx.meId ? [{ value: ctx.meId, label: t('list.filters.mine') }] : []),
    ...ctx.staff.filter((s) => s.id !== ctx.meId).map((s) => ({ value: s.id, label: s.name })),
  ];
  const staffName = (id: string) =>
    id === ctx.meId ? t('list.filters.mine') : (ctx.staff.find((s) => s.id === id)?.name ?? id);
  const text = (key: string, label: string): FilterDef => ({ key, label, kind: 'text', show: (v) => v });
  const defs: FilterDef[] = [
    {
      key: 'owner',
      label: t('list.filters.owner'),
      kind: 'select',
      options: staffOptions,
      placeholder: t('list.filters.anyOwner'),
      show: staffName,
    },
  ];
  if (entity === 'company')
    defs.push({
      key: 'stage',
      label: t('list.filters.stage'),
      kind: 'select',
      options: lifecycleStages.map((s) => ({ value: s, label: lookup(`records.stages.${s}`) ?? s })),
      placeholder: t('list.filters.anyStage'),
      show: (v) => lookup(`records.stages.${v}`) ?? v,
    });
  defs.push(
    {
      key: 'source',
      label: t('list.filters.source'),
      kind: 'select',
      options: leadSources.map((s) => ({ value: s, label: lookup(`records.sources.${s}`) ?? s })),
      placeholder: t('list.filters.anySource'),
      show: (v) => lookup(`records.sources.${v}`) ?? v,
    },
    text('tag', t('list.filters.tag')),
  );
  if (entity === 'company')
    defs.push(text('industry', t('list.filters.industry')), text('city', t('list.filters.city')));
  defs.push({
    key: 'inactiveDays',
    label: t('list.filters.inactiveDays'),
    kind: 'number',
    show: (v) => ctx.tp('list.filters.inactiveChip', Number(v)),
  });
  for (const field of ctx.customFields.filter((f) => f.entity === entity)) {
    const label = field.label[ctx.locale];
    const key = `cf.${field.key}`;
    switch (field.type) {
      case 'select':
      case 'multi-select':
        defs.push({
          key,
          label,
          kind: 'select',
          options: (field.options ?? []).map((o) => ({ value: o.value, label: o.label[ctx.locale] })),
          placeholder: t('list.filters.any'),
          show: (v) => optionLabel(field, v, ctx.locale),
        });
        break;
      case 'checkbox':
        defs.push({
          key,
          label,
          kind: 'select',
          options: [
            { value: 'true', label: t('list.filters.yes') },
            { value: 'false', label: t('list.filters.no') },
          ],
          placeholder: t('list.filters.any'),
          show: (v) => (v === 'true' ? t('list.filters.yes') : t('list.filters.no')),
        });
        break;
      case 'user':
        defs.push({
          key,
          label,
          kind: 'select',
          options: staffOptions,
          placeholder: t('list.filters.any'),
          show: staffName,
        });
        break;
      case 'date':
        defs.push({ key, label, kind: 'date', show: (v) => v.split('-').reverse().join('.') });
        break;
      case 'number':
      case 'money':
        defs.push({ key, label, kind: 'number', show: (v) => v });
        break;
      default:
        defs.push(text(key, label));
    }
  }
  return defs;
};

export type FilterPanelProps = {
  id: string;
  defs: readonly FilterDef[];
  filters: ListFilters;
  onApply: (filters: Record<string, string>) => void;
};

/** The filter form: every filter at once, applied together. */
export const FilterPanel = (props: FilterPanelProps) => {
  const { t } = useI18n();
  const [draft, setDraft] = createStore<Record<string, string>>({ ...props.filters });
  createEffect(
    on(
      () => props.filters,
      (filters) => setDraft(reconcile({ ...filters })),
    ),
  );

  const apply = (event?: SubmitEvent) => {
    event?.preventDefault();
    const next: Record<string, string> = {};
    for (const def of props.defs) {
      const value = draft[def.key]?.trim();
      if (value) next[def.key] = value;
    }
    props.onApply(next);
  };

  const setValue = (key: string, value: string, immediately: boolean) => {
    setDraft(key, value);
    if (immediately) apply();
  };

  return (
    <form id={props.id} class="filter-panel" aria-label={t('list.filters.title')} onSubmit={apply}>
      <div class="filter-panel__grid">
        <For each={props.defs}>
          {(def) => (
            <Show
              when={def.kind === 'select'}
              fallback={
                <TextField
                  label={def.label}
                  type={def.kind === 'number' ? 'number' : def.kind === 'date' ? 'date' : 'text'}
                  min={def.kind === 'number' ? 0 : undefined}
                  inputMode={def.kind === 'number' ? 'numeric' : undefined}
                  value={draft[def.key] ?? ''}
                  onInput={(event) => setValue(def.key, event.currentTarget.value, false)}
                  onChange={(event) => setValue(def.key, event.currentTarget.value, true)}
                />
              }
            >
              <SelectField
                label={def.label}
                options={def.options ?? []}
                placeholder={def.placeholder ?? t('list.filters.any')}
                value={draft[def.key] ?? ''}
                onChange={(event) => setValue(def.key, event.currentTarget.value, true)}
              />
            </Show>
          )}
        </For>
      </div>
      <div class="filter-panel__actions">
        <Button type="submit" variant="primary" size="sm">
          {t('list.filters.apply')}
        </Button>
        <Button variant="ghost" size="sm" onClick={() => props.onApply({})}>
          {t('list.filters.clear')}
        </Button>
      </div>
    </form>
  );
};

/** The active filters as removable chips. */
export const FilterChips = (props: {
  defs: readonly FilterDef[];
  filters: ListFilters;
  onRemove: (key: string) => void;
  onClear: () => void;
}) => {
  const { t } = useI18n();
  const active = createMemo(() =>
    Object.entries(props.filters).flatMap(([key, value]) => {
      const def = props.defs.find((d) => d.key === key);
      return def ? [{ key, label: def.label, text: def.show(value) }] : [{ key, label: key, text: value }];
    }),
  );
  return (
    <Show when={active().length > 0}>
      <ul class="chips" aria-label={t('list.filters.title')}>
        <For each={active()}>
          {(chip) => (
            <li class="chip">
              <span class="chip__text">
                {chip.key === 'inactiveDays'
                  ? chip.text
                  : t('list.filters.chip', { label: chip.label, value: chip.text })}
              </span>
              <button
                type="button"
                class="chip__remove"
                aria-label={t('list.filters.remove', { label: chip.label })}
                onClick={() => props.onRemove(chip.key)}
              >
                <Icon name="close" size={14} />
              </button>
            </li>
          )}
        </For>
        <li>
          <button type="button" class="link-button" onClick={() => props.onClear()}>
            {t('list.filters.clear')}
          </button>
        </li>
      </ul>
    </Show>
  );
};
