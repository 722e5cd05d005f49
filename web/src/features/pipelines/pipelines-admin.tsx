// Настройки → Воронки и валюты (administrators): each pipeline with its ordered stages — name, win
// probability, days a deal may stay before it counts as stalled — added, renamed, reordered and
// removed (a stage that still holds open deals is refused with how many), new pipelines, removing
// an empty one; and the exchange rates deals in other currencies are totalled at.
import { createResource, createSignal, For, Index, Show } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { dealCurrencies } from '../../../../functions/domain/deals/money.ts';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import type { Pipeline } from '../../api/deals.ts';
import type { PipelineDraft, RatesView } from '../../api/pipelines.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { Alert, Skeleton } from '../../ui/feedback.tsx';
import { TextField } from '../../ui/field.tsx';
import { Panel } from '../../ui/panel.tsx';
import { loaded } from '../../ui/resource.ts';
import { useToast } from '../../ui/toast.tsx';
import './pipelines.css';

type Editing = { id?: string; version: number; draft: PipelineDraft };

const toDraft = (p: Pipeline): PipelineDraft => ({
  name: p.name,
  order: p.order,
  stages: p.stages.map((s) => ({ ...s })),
});

/** The number a field holds, or undefined while it is empty. */
const numberOf = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

const PipelineEditor = (props: { editing: Editing; onSaved: () => void; onCancel?: () => void }) => {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const [draft, setDraft] = createStore<PipelineDraft>(structuredClone(props.editing.draft));
  const [problem, setProblem] = createSignal<string>();
  const [fieldErrors, setFieldErrors] = createSignal<Record<string, string>>({});
  const [busy, setBusy] = createSignal(false);
  const [removing, setRemoving] = createSignal(false);

  const move = (i: number, by: -1 | 1) =>
    setDraft(
      produce((d) => {
        const [stage] = d.stages.splice(i, 1);
        if (stage) d.stages.splice(i + by, 0, stage);
      }),
    );

  const explain = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'StageInUse') {
      const stages = (error.details.stages ?? []) as { name: string; count: number }[];
      return t('pipelines.stageInUse', { stages: stages.map((s) => `«${s.name}» — ${s.count}`).join(', ') });
    }
    return describeError(error, i18n).message;
  };

  const save = async () => {
    setBusy(true);
    setProblem(undefined);
    setFieldErrors({});
    try {
      const body = { ...draft, stages: draft.stages.map((s) => ({ ...s })) };
      if (props.editing.id) await api().pipelinesAdmin.update(props.editing.id, props.editing.version, body);
      else await api().pipelinesAdmin.create(body);
      toast.show(t('pipelines.saved', { name: draft.name }));
      props.onSaved();
    } catch (error) {
      if (error instanceof ApiError)
        setFieldErrors(Object.fromEntries(error.fields.map((f) => [f.field, f.message])));
      setProblem(explain(error));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    const id = props.editing.id;
    if (!id) return;
    setBusy(true);
    try {
      await api().pipelinesAdmin.remove(id, props.editing.version);
      toast.show(t('pipelines.removed', { name: props.editing.draft.name }));
      props.onSaved();
    } catch (error) {
      setProblem(explain(error));
    } finally {
      setBusy(false);
      setRemoving(false);
    }
  };

  return (
    <Panel
      title={props.editing.id ? props.editing.draft.name : t('pipelines.newPipeline')}
      class="pipeline-editor"
      actions={
        <Show when={props.editing.id}>
          <Button variant="ghost" onClick={() => setRemoving(true)} disabled={busy()}>
            {t('pipelines.remove')}
          </Button>
        </Show>
      }
    >
      <div class="pipeline-editor__head">
        <TextField
          label={t('pipelines.name')}
          value={draft.name}
          error={fieldErrors().name}
          onInput={(e) => setDraft('name', e.currentTarget.value)}
        />
        <TextField
          label={t('pipelines.order')}
          type="number"
          min="0"
          value={String(draft.order)}
          error={fieldErrors().order}
          onInput={(e) => setDraft('order', numberOf(e.currentTarget.value) ?? 0)}
        />
      </div>
      <table class="pipeline-stages">
        <caption class="sr-only">{t('pipelines.stages')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('pipelines.stage')}</th>
            <th scope="col">{t('pipelines.probability')}</th>
            <th scope="col">{t('pipelines.maxDays')}</th>
            <th scope="col">
              <span class="sr-only">{t('pipelines.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <Index each={draft.stages}>
            {(stage, i) => (
              <tr data-testid="pipeline-stage">
                <td>
                  <input
                    class="input"
                    aria-label={t('pipelines.stageName', { n: i + 1 })}
                    aria-invalid={fieldErrors()[`stages.${i}.name`] ? 'true' : undefined}
                    value={stage().name}
                    onInput={(e) => setDraft('stages', i, 'name', e.currentTarget.value)}
                  />
                </td>
                <td>
                  <input
                    class="input input--number"
                    type="number"
                    min="0"
                    max="100"
                    aria-label={t('pipelines.stageProbability', { n: i + 1 })}
                    aria-invalid={fieldErrors()[`stages.${i}.probability`] ? 'true' : undefined}
                    value={String(stage().probability)}
                    onInput={(e) =>
                      setDraft('stages', i, 'probability', numberOf(e.currentTarget.value) ?? 0)
                    }
                  />
                </td>
                <td>
                  <input
                    class="input input--number"
                    type="number"
                    min="1"
                    aria-label={t('pipelines.stageMaxDays', { n: i + 1 })}
                    placeholder="—"
                    title={t('pipelines.noLimit')}
                    value={stage().maxDaysInStage === undefined ? '' : String(stage().maxDaysInStage)}
                    onInput={(e) => setDraft('stages', i, 'maxDaysInStage', numberOf(e.currentTarget.value))}
                  />
                </td>
                <td class="pipeline-stages__actions">
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                    aria-label={t('pipelines.up', { n: i + 1 })}
                  >
                    ↑
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={i === draft.stages.length - 1}
                    onClick={() => move(i, 1)}
                    aria-label={t('pipelines.down', { n: i + 1 })}
                  >
                    ↓
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={draft.stages.length <= 1}
                    onClick={() => setDraft(produce((d) => d.stages.splice(i, 1)))}
                    aria-label={t('pipelines.removeStage', { n: i + 1 })}
                  >
                    ✕
                  </Button>
                </td>
              </tr>
            )}
          </Index>
        </tbody>
      </table>
      <Show when={Object.keys(fieldErrors()).some((f) => f.startsWith('stages'))}>
        <ul class="pipeline-editor__errors">
          <For each={Object.entries(fieldErrors()).filter(([f]) => f.startsWith('stages'))}>
            {([field, message]) => (
              <li>
                {t('pipelines.stageError', { n: Number(field.split('.')[1] ?? 0) + 1 })}: {message}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={problem()}>
        <Alert tone="danger">{problem()}</Alert>
      </Show>
      <div class="pipeline-editor__footer">
        <Button
          variant="secondary"
          onClick={() => setDraft(produce((d) => d.stages.push({ name: '', probability: 50 })))}
          disabled={draft.stages.length >= 20}
        >
          {t('pipelines.addStage')}
        </Button>
        <Show when={props.onCancel}>
          <Button variant="ghost" onClick={() => props.onCancel?.()}>
            {t('pipelines.cancel')}
          </Button>
        </Show>
        <Button variant="primary" onClick={() => void save()} disabled={busy()}>
          {t('pipelines.save')}
        </Button>
      </div>
      <ConfirmDialog
        open={removing()}
        title={t('pipelines.removeTitle', { name: props.editing.draft.name })}
        message={t('pipelines.removeMessage')}
        confirmLabel={t('pipelines.remove')}
        cancelLabel={t('pipelines.cancel')}
        closeLabel={t('pipelines.cancel')}
        tone="danger"
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(false)}
      />
    </Panel>
  );
};

const RatesEditor = (props: { rates: RatesView; onSaved: (r: RatesView) => void }) => {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const [values, setValues] = createStore<Record<string, string>>({ ...props.rates.rates });
  const [problem, setProblem] = createSignal<string>();
  const [fieldErrors, setFieldErrors] = createSignal<Record<string, string>>({});
  const [busy, setBusy] = createSignal(false);
  const others = () => dealCurrencies.filter((c) => c !== props.rates.base);

  const save = async () => {
    setBusy(true);
    setProblem(undefined);
    setFieldErrors({});
    try {
      const rates = Object.fromEntries(
        Object.entries(values)
          .map(([c, v]) => [c, v.trim().replace(',', '.')] as const)
          .filter(([, v]) => v !== ''),
      );
      const saved = await api().pipelinesAdmin.saveRates(props.rates.version, rates);
      toast.show(t('pipelines.ratesSaved'));
      props.onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError)
        setFieldErrors(Object.fromEntries(error.fields.map((f) => [f.field, f.message])));
      setProblem(describeError(error, i18n).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel
      title={t('pipelines.ratesTitle')}
      description={t('pipelines.ratesHint', { base: props.rates.base })}
    >
      <div class="rates-grid">
        <For each={others()}>
          {(currency) => (
            <TextField
              label={t('pipelines.rateLabel', { currency, base: props.rates.base })}
              inputMode="decimal"
              value={values[currency] ?? ''}
              error={fieldErrors()[`rates.${currency}`]}
              placeholder="—"
              onInput={(e) => setValues(currency, e.currentTarget.value)}
            />
          )}
        </For>
      </div>
      <Show when={problem()}>
        <Alert tone="danger">{problem()}</Alert>
      </Show>
      <div class="pipeline-editor__footer">
        <Button variant="primary" onClick={() => void save()} disabled={busy()}>
          {t('pipelines.saveRates')}
        </Button>
      </div>
    </Panel>
  );
};

export const PipelinesAdmin = () => {
  const { t } = useI18n();
  const [pipelines, { refetch }] = createResource(() => api().deals.pipelines());
  const [rates, { mutate: setRates }] = createResource(() => api().pipelinesAdmin.rates());
  const [adding, setAdding] = createSignal(false);
  const saved = () => {
    setAdding(false);
    void refetch();
  };
  return (
    <div class="pipelines-admin">
      <div class="pipelines-admin__bar">
        <Button variant="primary" icon="plus" onClick={() => setAdding(true)} disabled={adding()}>
          {t('pipelines.newPipeline')}
        </Button>
      </div>
      <Show when={adding()}>
        <PipelineEditor
          editing={{
            version: 0,
            draft: {
              name: '',
              order: (loaded(pipelines)?.length ?? 0) * 10,
              stages: [{ name: '', probability: 10 }],
            },
          }}
          onSaved={saved}
          onCancel={() => setAdding(false)}
        />
      </Show>
      <Show when={loaded(pipelines)} fallback={<Skeleton lines={4} label={t('pipelines.loading')} />}>
        {(list) => (
          <For each={list()}>
            {(p) => (
              <PipelineEditor editing={{ id: p.id, version: p.version, draft: toDraft(p) }} onSaved={saved} />
            )}
          </For>
        )}
      </Show>
      <Show when={loaded(rates)}>
        {(r) => <RatesEditor rates={r()} onSaved={(next) => setRates(next)} />}
      </Show>
    </div>
  );
};
