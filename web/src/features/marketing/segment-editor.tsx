// A segment's page (/marketing/segments/new and /marketing/segments/:id): the builder of its filter —
// the company's stage, industry and city; lead source, owner and tags on the contact or its company;
// custom fields; activity recency; open and won deals; bought products — beside the live count from
// POST /api/segments/preview (debounced as the filter changes): who gets the mailing, who is always
// excluded and why, and the first recipients. Saving, renaming and deleting go at the version last
// read; a stale one is shown with a way to load the current version.
import { A, useNavigate } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { isApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import type { CustomField } from '../../api/custom-fields.ts';
import type { Segment, SegmentPreview } from '../../api/segments.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField } from '../../ui/choice-fields.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { Alert, Skeleton } from '../../ui/feedback.tsx';
import { TextField } from '../../ui/field.tsx';
import { Icon } from '../../ui/icon.tsx';
import { Panel } from '../../ui/panel.tsx';
import { useToast } from '../../ui/toast.tsx';
import { leadSources, lifecycleStages } from '../records/record-constants.ts';
import { useActor } from '../users/actor.ts';
import { loadStaff, staff } from '../users/staff.ts';
import { canEditMarketing } from './marketing-permissions.ts';
import { MarketingTabs } from './marketing-tabs.tsx';
import {
  type CustomFieldKind,
  type CustomFieldOp,
  emptyDraft,
  fromFilter,
  type SegmentDraft,
  type Side,
  type TriState,
  toFilter,
} from './segment-draft.ts';
import './marketing.css';
import { ConflictAlert } from './conflict-alert.tsx';

const previewDelayMs = 400;
const reasons = ['noConsent', 'unsubscribed', 'suppressed', 'noEmail'] as const;
const sides: readonly Side[] = ['contact', 'company', 'either'];

/** A labelled group of checkboxes over a fixed list. */
const CheckGroup = (props: {
  legend: string;
  options: readonly { value: string; label: string }[];
  chosen: readonly string[];
  onChange: (values: string[]) => void;
  disabled?: boolean;
  testId?: string;
}) => (
  <fieldset class="segment-group" disabled={props.disabled} data-testid={props.testId}>
    <legend class="segment-group__legend">{props.legend}</legend>
    <div class="check-group">
      <For each={props.options}>
        {(option) => (
          <label class="check-group__item">
            <input
              type="checkbox"
              class="checkbox"
              checked={props.chosen.includes(option.value)}
              onChange={(event) =>
                props.onChange(
                  event.currentTarget.checked
                    ? [...props.chosen, option.value]
                    : props.chosen.filter((v) => v !== option.value),
                )
              }
            />
            <span>{option.label}</span>
          </label>
        )}
      </For>
    </div>
  </fieldset>
);

export const SegmentEditor = (props: { id?: string }) => {
  const i18n = useI18n();
  const { t, tp, lookup, fmt } = i18n;
  const toast = useToast();
  const actor = useActor();
  const navigate = useNavigate();
  const editable = () => canEditMarketing(actor());

  const [segment, { refetch }] = createResource(
    () => props.id,
    (id) => api().segments.get(id),
  );
  const [definitions] = createResource(() =>
    api()
      .customFields.list()
      .catch(() => [] as CustomField[]),
  );
  const [products] = createResource(() =>
    api()
      .products.list({ limit: 200 })
      .then((page) => page.items)
      .catch(() => []),
  );
  void loadStaff();

  const [draft, setDraft] = createStore<SegmentDraft>(emptyDraft());
  const [name, setName] = createSignal('');
  const [description, setDescription] = createSignal('');
  const [version, setVersion] = createSignal<number>();
  const [saving, setSaving] = createSignal(false);
  const [saveError, setSaveError] = createSignal<string>();
  const [conflict, setConflict] = createSignal(false);
  const [deleting, setDeleting] = createSignal(false);
  const [confirmDelete, setConfirmDelete] = createSignal(false);
  const [productToAdd, setProductToAdd] = createSignal('');

  usePageTitle(() =>
    props.id ? (segment()?.name ?? t('marketing.segments.title')) : t('marketing.segment.newTitle'),
  );

  const kindOf = (field: string): CustomFieldKind => {
    const [entity, key] = field.split(':');
    const type = definitions()?.find((d) => d.entity === entity && d.key === key)?.type;
    return type === 'number' || type === 'money' || type === 'checkbox' ? type : 'text';
  };

  const load = (s: Segment) => {
    setName(s.name);
    setDescription(s.description ?? '');
    setVersion(s.version);
    setDraft(reconcile(fromFilter(s.filter, kindOf)));
  };
  // The saved segment fills the form once it (and the field types) are known, and again on «reload».
  createEffect(
    on([() => segment(), () => definitions()], ([s, defs]) => {
      if (s && defs) load(s);
    }),
  );

  const filter = createMemo(() => toFilter(draft, kindOf));
  const filterKey = createMemo(() => JSON.stringify(filter()));

  // The live count: debounced, and only the answer to the latest filter is shown.
  const [preview, setPreview] = createSignal<SegmentPreview>();
  const [previewError, setPreviewError] = createSignal<string>();
  const [counting, setCounting] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;
  const ready = () => !props.id || Boolean(segment() && definitions());
  createEffect(
    on([filterKey, ready], ([key, isReady]) => {
      if (!isReady) return;
      clearTimeout(timer);
      setCounting(true);
      timer = setTimeout(() => {
        controller?.abort();
        const mine = new AbortController();
        controller = mine;
        api()
          .segments.preview(JSON.parse(key), mine.signal)
          .then((answer) => {
            if (controller !== mine) return;
            setPreview(answer);
            setPreviewError(undefined);
            setCounting(false);
          })
          .catch((error: unknown) => {
            if (controller !== mine || mine.signal.aborted) return;
            const fields = isApiError(error) ? error.fields.map((f) => `${f.field} ${f.message}`) : [];
            setPreviewError([describeError(error, i18n).message, ...fields].join(' · '));
            setCounting(false);
          });
      }, previewDelayMs);
    }),
  );
  onCleanup(() => {
    clearTimeout(timer);
    controller?.abort();
  });

  const matched = () => {
    const p = preview();
    return p ? p.count + reasons.reduce((sum, r) => sum + p.excluded[r], 0) : 0;
  };

  const save = async () => {
    setSaving(true);
    setSaveError(undefined);
    setConflict(false);
    try {
      const desc = description().trim();
      if (props.id) {
        const saved = await api().segments.update(props.id, version() ?? 0, {
          name: name().trim(),
          description: desc || null,
          filter: filter(),
        });
        setVersion(saved.version);
        toast.show(t('marketing.segment.saved'));
      } else {
        const created = await api().segments.create({
          name: name().trim(),
          ...(desc ? { description: desc } : {}),
          filter: filter(),
        });
        toast.show(t('marketing.segment.created'));
        navigate(`/marketing/segments/${created.id}`, { replace: true });
      }
    } catch (error) {
      if (isApiError(error) && error.status === 409) setConflict(true);
      else {
        const fields = isApiError(error) ? error.fields.map((f) => `${f.field}: ${f.message}`) : [];
        setSaveError([describeError(error, i18n).message, ...fields].join('\n'));
      }
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!props.id) return;
    setDeleting(true);
    try {
      await api().segments.remove(props.id, version() ?? 0);
      toast.show(t('marketing.segment.deleted'));
      navigate('/marketing/segments');
    } catch (error) {
      setConfirmDelete(false);
      if (isApiError(error) && error.status === 409) setConflict(true);
      else toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setDeleting(false);
    }
  };

  const sideSelect = (what: string, value: Side, set: (side: Side) => void, testId: string) => (
    <SelectField
      label={t('marketing.segment.side', { what })}
      options={sides.map((s) => ({ value: s, label: t(`marketing.segment.sides.${s}`) }))}
      value={value}
      disabled={!editable()}
      data-testid={testId}
      onChange={(event) => set(event.currentTarget.value as Side)}
    />
  );

  const triSelect = (label: string, value: TriState, set: (v: TriState) => void, testId: string) => (
    <SelectField
      label={label}
      options={(['', 'yes', 'no'] as const).map((v) => ({
        value: v,
        label: t(`marketing.segment.tri.${v === '' ? 'any' : v}`),
      }))}
      value={value}
      disabled={!editable()}
      data-testid={testId}
      onChange={(event) => set(event.currentTarget.value as TriState)}
    />
  );

  const fieldDefs = () =>
    (definitions() ?? []).filter((d) => d.entity === 'contact' || d.entity === 'company');
  const defOf = (field: string) => fieldDefs().find((d) => `${d.entity}:${d.key}` === field);
  const localized = (label: { ru: string; en: string }) => label[i18n.locale()] || label.ru;
  const productName = (id: string) => products()?.find((p) => p.id === id)?.name ?? id;

  const builder = () => (
    <Panel title={t('marketing.segment.builder')} description={t('marketing.segment.builderHint')}>
      <div class="segment-builder" data-testid="segment-builder">
        <fieldset class="segment-section" disabled={!editable()}>
          <legend class="section-title">{t('marketing.segment.company')}</legend>
          <CheckGroup
            legend={t('marketing.segment.stages')}
            options={lifecycleStages.map((s) => ({ value: s, label: lookup(`records.stages.${s}`) ?? s }))}
            chosen={draft.lifecycleStages}
            onChange={(values) => setDraft('lifecycleStages', values)}
            testId="segment-stages"
          />
          <div class="segment-row">
            <TextField
              label={t('marketing.segment.industries')}
              hint={t('marketing.segment.listHint')}
              value={draft.industries}
              onInput={(event) => setDraft('industries', event.currentTarget.value)}
            />
            <TextField
              label={t('marketing.segment.cities')}
              hint={t('marketing.segment.listHint')}
              value={draft.cities}
              onInput={(event) => setDraft('cities', event.currentTarget.value)}
            />
          </div>
        </fieldset>

        <fieldset class="segment-section" disabled={!editable()}>
          <legend class="section-title">{t('marketing.segment.people')}</legend>
          <CheckGroup
            legend={t('marketing.segment.leadSources')}
            options={leadSources.map((s) => ({ value: s, label: lookup(`records.sources.${s}`) ?? s }))}
            chosen={draft.leadSources}
            onChange={(values) => setDraft('leadSources', values)}
            testId="segment-sources"
          />
          <Show when={draft.leadSources.length > 0}>
            {sideSelect(
              t('marketing.segment.leadSources'),
              draft.leadSourcesOn,
              (s) => setDraft('leadSourcesOn', s),
              'segment-sources-on',
            )}
          </Show>
          <CheckGroup
            legend={t('marketing.segment.owners')}
            options={staff().map((m) => ({ value: m.id, label: m.name }))}
            chosen={draft.owners}
            onChange={(values) => setDraft('owners', values)}
            testId="segment-owners"
          />
          <Show when={draft.owners.length > 0}>
            {sideSelect(
              t('marketing.segment.owners'),
              draft.ownersOn,
              (s) => setDraft('ownersOn', s),
              'segment-owners-on',
            )}
          </Show>
          <div class="segment-row">
            <TextField
              label={t('marketing.segment.tags')}
              hint={t('marketing.segment.listHint')}
              value={draft.tags}
              onInput={(event) => setDraft('tags', event.currentTarget.value)}
            />
            <SelectField
              label={t('marketing.segment.tagsMatch')}
              options={[
                { value: 'any', label: t('marketing.segment.tagsAny') },
                { value: 'all', label: t('marketing.segment.tagsAll') },
              ]}
              value={draft.tagsMatch}
              onChange={(event) => setDraft('tagsMatch', event.currentTarget.value as 'any' | 'all')}
            />
            {sideSelect(
              t('marketing.segment.tags'),
              draft.tagsOn,
              (s) => setDraft('tagsOn', s),
              'segment-tags-on',
            )}
          </div>
          <div class="segment-row">
            <SelectField
              label={t('marketing.segment.activity')}
              options={(['', 'active-within', 'inactive-for'] as const).map((k) => ({
                value: k,
                label: t(`marketing.segment.activityKinds.${k === '' ? 'any' : k}`),
              }))}
              value={draft.activityKind}
              data-testid="segment-activity"
              onChange={(event) =>
                setDraft('activityKind', event.currentTarget.value as SegmentDraft['activityKind'])
              }
            />
            <Show when={draft.activityKind}>
              <TextField
                label={t('marketing.segment.activityDays')}
                type="number"
                min="1"
                max="3650"
                inputMode="numeric"
                value={draft.activityDays}
                onInput={(event) => setDraft('activityDays', event.currentTarget.value)}
              />
            </Show>
          </div>
        </fieldset>

        <fieldset class="segment-section" disabled={!editable()}>
          <legend class="section-title">{t('marketing.segment.customFields')}</legend>
          <Show
            when={fieldDefs().length > 0}
            fallback={<p class="field__hint">{t('marketing.segment.noCustomFields')}</p>}
          >
            <For each={draft.customFields}>
              {(row, index) => {
                const def = () => defOf(row.field);
                return (
                  <div class="segment-row segment-row--custom" data-testid="segment-custom-field">
                    <SelectField
                      label={t('marketing.segment.customField')}
                      options={fieldDefs().map((d) => ({
                        value: `${d.entity}:${d.key}`,
                        label: `${t(`marketing.segment.customFieldOn.${d.entity}`)}: ${localized(d.label)}`,
                      }))}
                      value={row.field}
                      onChange={(event) =>
                        setDraft('customFields', index(), { field: event.currentTarget.value, value: '' })
                      }
                    />
                    <SelectField
                      label={t('marketing.segment.op')}
                      options={(['equals', 'set', 'not-set'] as const).map((op) => ({
                        value: op,
                        label: t(`marketing.segment.ops.${op}`),
                      }))}
                      value={row.op}
                      onChange={(event) =>
                        setDraft('customFields', index(), 'op', event.currentTarget.value as CustomFieldOp)
                      }
                    />
                    <Show when={row.op === 'equals'}>
                      <Show
                        when={def()?.type === 'checkbox' || def()?.options?.length}
                        fallback={
                          <TextField
                            label={t('marketing.segment.value')}
                            type={def()?.type === 'date' ? 'date' : 'text'}
                            value={row.value}
                            onInput={(event) =>
                              setDraft('customFields', index(), 'value', event.currentTarget.value)
                            }
                          />
                        }
                      >
                        <SelectField
                          label={t('marketing.segment.value')}
                          placeholder={t('marketing.campaign.pick')}
                          options={
                            def()?.type === 'checkbox'
                              ? [
                                  { value: 'true', label: t('marketing.segment.checkboxYes') },
                                  { value: 'false', label: t('marketing.segment.checkboxNo') },
                                ]
                              : (def()?.options ?? []).map((o) => ({
                                  value: o.value,
                                  label: localized(o.label),
                                }))
                          }
                          value={row.value}
                          onChange={(event) =>
                            setDraft('customFields', index(), 'value', event.currentTarget.value)
                          }
                        />
                      </Show>
                    </Show>
                    <button
                      type="button"
                      class="icon-button segment-row__remove"
                      aria-label={t('marketing.segment.removeCustomField', { n: index() + 1 })}
                      onClick={() => setDraft('customFields', (rows) => rows.filter((_, i) => i !== index()))}
                    >
                      <Icon name="close" size={16} />
                    </button>
                  </div>
                );
              }}
            </For>
            <div>
              <Button
                size="sm"
                variant="secondary"
                icon="plus"
                onClick={() => {
                  const first = fieldDefs()[0];
                  if (first)
                    setDraft('customFields', (rows) => [
                      ...rows,
                      { field: `${first.entity}:${first.key}`, op: 'equals', value: '' },
                    ]);
                }}
              >
                {t('marketing.segment.addCustomField')}
              </Button>
            </div>
          </Show>
        </fieldset>

        <fieldset class="segment-section" disabled={!editable()}>
          <legend class="section-title">{t('marketing.segment.dealsGroup')}</legend>
          <div class="segment-row">
            {triSelect(
              t('marketing.segment.openDeal'),
              draft.openDeal,
              (v) => setDraft('openDeal', v),
              'segment-open-deal',
            )}
            {triSelect(
              t('marketing.segment.wonDeal'),
              draft.wonDeal,
              (v) => setDraft('wonDeal', v),
              'segment-won-deal',
            )}
          </div>
          <div class="segment-row">
            <SelectField
              label={t('marketing.segment.products')}
              placeholder={t('marketing.segment.productPlaceholder')}
              options={(products() ?? [])
                .filter((p) => !draft.boughtProducts.includes(p.id))
                .map((p) => ({ value: p.id, label: p.name }))}
              value={productToAdd()}
              onChange={(event) => setProductToAdd(event.currentTarget.value)}
            />
            <div class="segment-row__button">
              <Button
                size="sm"
                variant="secondary"
                icon="plus"
                disabled={!productToAdd()}
                onClick={() => {
                  setDraft('boughtProducts', (list) => [...list, productToAdd()]);
                  setProductToAdd('');
                }}
              >
                {t('marketing.segment.addProduct')}
              </Button>
            </div>
          </div>
          <Show when={draft.boughtProducts.length > 0}>
            <ul class="chips">
              <For each={draft.boughtProducts}>
                {(id) => (
                  <li class="chip">
                    <span class="chip__text">{productName(id)}</span>
                    <button
                      type="button"
                      class="chip__remove"
                      aria-label={t('marketing.segment.removeProduct', { name: productName(id) })}
                      onClick={() => setDraft('boughtProducts', (list) => list.filter((p) => p !== id))}
                    >
                      <Icon name="close" size={14} />
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </fieldset>
      </div>
    </Panel>
  );

  const previewPanel = () => (
    <Panel title={t('marketing.preview.title')} class="segment-preview">
      <div
        class="segment-preview__body"
        aria-live="polite"
        aria-busy={counting() ? 'true' : undefined}
        data-testid="segment-preview"
        data-counting={counting() ? 'true' : 'false'}
      >
        <Show when={previewError()}>
          <Alert tone="danger" title={t('marketing.preview.failed')}>
            {previewError()}
          </Alert>
        </Show>
        <Show when={preview()} fallback={<Skeleton lines={4} label={t('common.loading')} />}>
          {(p) => (
            <>
              <p
                class="segment-preview__count"
                classList={{ 'is-stale': counting() }}
                data-testid="segment-count"
                data-count={p().count}
              >
                {tp('marketing.preview.count', p().count)}
              </p>
              <p class="segment-preview__matched">
                {counting()
                  ? t('marketing.preview.updating')
                  : t('marketing.preview.matched', { count: fmt.number(matched()) })}
              </p>
              <h3 class="segment-preview__subtitle">{t('marketing.preview.excluded')}</h3>
              <dl class="segment-exclusions">
                <For each={reasons}>
                  {(reason) => (
                    <div
                      class="segment-exclusions__row"
                      data-testid={`exclusion-${reason}`}
                      data-count={p().excluded[reason]}
                    >
                      <dt>{t(`marketing.preview.reasons.${reason}`)}</dt>
                      <dd>{fmt.number(p().excluded[reason])}</dd>
                    </div>
                  )}
                </For>
              </dl>
              <h3 class="segment-preview__subtitle">{t('marketing.preview.sample')}</h3>
              <Show
                when={p().sample.length > 0}
                fallback={<p class="field__hint">{t('marketing.preview.none')}</p>}
              >
                <div class="table-scroll">
                  <table class="data-table segment-sample" data-testid="segment-sample">
                    <caption class="sr-only">{t('marketing.preview.sampleCaption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('marketing.preview.contact')}</th>
                        <th scope="col">{t('marketing.preview.email')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={p().sample}>
                        {(c) => (
                          <tr>
                            <th scope="row" class="data-table__name">
                              <A href={`/contacts/${c.id}`} data-testid="sample-name">
                                {c.name}
                              </A>
                              <Show when={c.companyName}>
                                <span class="segment-sample__company" data-testid="sample-company">
                                  {c.companyName}
                                </span>
                              </Show>
                            </th>
                            <td class="segment-sample__email" data-testid="sample-email">
                              {c.email}
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </Show>
            </>
          )}
        </Show>
      </div>
    </Panel>
  );

  return (
    <div class="page page--wide marketing-page">
      <MarketingTabs />
      <Show
        when={!segment.error}
        fallback={<ApiErrorState error={segment.error} onRetry={() => void refetch()} />}
      >
        <Show when={!props.id || segment()} fallback={<Skeleton lines={8} label={t('common.loading')} />}>
          <header class="list-header">
            <div class="list-header__title">
              <A href="/marketing/segments" class="marketing-back">
                <Icon name="chevronLeft" size={16} />
                {t('marketing.back')}
              </A>
              <h1 class="page-header__title">
                {props.id ? segment()?.name : t('marketing.segment.newTitle')}
              </h1>
            </div>
            <Show when={editable()}>
              <div class="list-header__actions">
                <Show when={props.id}>
                  <Button variant="danger" icon="trash" onClick={() => setConfirmDelete(true)}>
                    {t('marketing.segment.delete')}
                  </Button>
                </Show>
                <Button
                  variant="primary"
                  icon="check"
                  busy={saving()}
                  disabled={!name().trim()}
                  onClick={() => void save()}
                >
                  {t('marketing.segment.save')}
                </Button>
              </div>
            </Show>
          </header>
          <Show when={!editable()}>
            <Alert tone="info">{t('marketing.readOnly')}</Alert>
          </Show>
          <Show when={conflict()}>
            <ConflictAlert
              onReload={() => {
                setConflict(false);
                void refetch();
              }}
            />
          </Show>
          <Show when={saveError()}>
            <Alert
              tone="danger"
              role="alert"
              onDismiss={() => setSaveError(undefined)}
              dismissLabel={t('common.dismiss')}
            >
              <span class="pre-line">{saveError()}</span>
            </Alert>
          </Show>
          <div class="segment-layout">
            <div class="segment-layout__main">
              <Panel title={t('marketing.segment.about')}>
                <div class="form-stack">
                  <TextField
                    label={t('marketing.segment.name')}
                    value={name()}
                    maxLength={120}
                    required
                    disabled={!editable()}
                    onInput={(event) => setName(event.currentTarget.value)}
                  />
                  <TextAreaField
                    label={t('marketing.segment.description')}
                    value={description()}
                    maxLength={1000}
                    rows={2}
                    disabled={!editable()}
                    onInput={(event) => setDescription(event.currentTarget.value)}
                  />
                </div>
              </Panel>
              {builder()}
            </div>
            <aside class="segment-layout__side">{previewPanel()}</aside>
          </div>
          <ConfirmDialog
            open={confirmDelete()}
            title={t('marketing.segment.deleteTitle')}
            message={t('marketing.segment.deleteMessage', { name: name() })}
            confirmLabel={t('marketing.segment.delete')}
            cancelLabel={t('common.cancel')}
            closeLabel={t('common.close')}
            tone="danger"
            busy={deleting()}
            onConfirm={() => void remove()}
            onCancel={() => setConfirmDelete(false)}
          />
        </Show>
      </Show>
    </div>
  );
};
