// The CSV import, step by step: choose what to import and the file (uploaded with progress), see the
// detected encoding, separator and first rows, adjust the suggested column mapping, choose what
// happens to duplicates, check every row (dry run: invalid rows with reasons, counts), start, and
// watch the progress (rate, time left) — stop and resume. A job can be reopened from the history.
import { A, useSearchParams } from '@solidjs/router';
import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  For,
  onCleanup,
  onMount,
  Show,
} from 'solid-js';
import { api } from '../../api/client.ts';
import type { DuplicateMode, ImportAnalysis, ImportJob, RowIssue } from '../../api/imports.ts';
import type { RecordType } from '../../api/records.ts';
import { putFile } from '../../api/upload.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { Alert } from '../../ui/feedback.tsx';
import { SegmentedControl } from '../../ui/field.tsx';
import { Icon } from '../../ui/icon.tsx';
import { Badge, Panel } from '../../ui/panel.tsx';
import { ProgressBar } from '../../ui/progress.tsx';
import { loaded } from '../../ui/resource.ts';
import { customFieldsOf, loadCustomFields } from '../custom-fields/definitions.ts';
import { listHref } from '../records/record-links.ts';
import { localizedFieldMessage } from '../records/save-outcome.ts';
import {
  assignTarget,
  type ImportTarget,
  importRate,
  importTargets,
  initialMapping,
  mappingIssues,
  toApiMapping,
} from './mapping-state.ts';

type Step = 'file' | 'mapping' | 'check' | 'run';
const steps: readonly Step[] = ['file', 'mapping', 'check', 'run'];
const maxImportBytes = 100 * 1024 * 1024;
const shownIssues = 50;

const runningStatuses = ['running', 'cancelling'];
const finishedStatuses = ['completed', 'cancelled', 'failed'];

export const stepOf = (job: ImportJob | undefined): Step => {
  if (!job) return 'file';
  if (runningStatuses.includes(job.status) || finishedStatuses.includes(job.status)) return 'run';
  if (job.status === 'validated' || job.status === 'validating') return 'check';
  if (job.status === 'analyzed') return 'mapping';
  return 'file';
};

export const ImportWizard = () => {
  const i18n = useI18n();
  const { t, tp, fmt } = i18n;
  const [search, setSearch] = useSearchParams();
  const [entity, setEntity] = createSignal<RecordType>(search.entity === 'contact' ? 'contact' : 'company');
  const [job, setJob] = createSignal<ImportJob>();
  const [analysis, setAnalysis] = createSignal<ImportAnalysis>();
  const [mapping, setMapping] = createSignal<(string | null)[]>([]);
  const [mode, setMode] = createSignal<DuplicateMode>('skip');
  const [step, setStep] = createSignal<Step>('file');
  const [uploadPercent, setUploadPercent] = createSignal<number>();
  const [phase, setPhase] = createSignal<'idle' | 'uploading' | 'analyzing' | 'checking' | 'starting'>(
    'idle',
  );
  const [error, setError] = createSignal<string>();
  const [confirmCancel, setConfirmCancel] = createSignal(false);
  const [dragging, setDragging] = createSignal(false);
  const samples: { at: number; processed: number }[] = [];
  let fileInput: HTMLInputElement | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));

  onMount(() => void loadCustomFields());

  const [history, { refetch: refetchHistory }] = createResource(() =>
    api()
      .imports.list()
      .catch(() => []),
  );

  const targets = createMemo(() =>
    importTargets(entity(), customFieldsOf(entity()), analysis()?.suggestedMapping, analysis()?.fields),
  );
  const issues = createMemo(() => mappingIssues(entity(), mapping(), targets()));
  const targetLabel = (target: ImportTarget) =>
    target.labelKey
      ? (i18n.lookup(target.labelKey) ?? target.key)
      : (target.label?.[i18n.locale()] ?? target.key);

  const fail = (cause: unknown) => {
    const fields = (cause as { fields?: { field: string; message: string }[] }).fields ?? [];
    const detail = fields.map((f) => localizedFieldMessage(f.field, f.message, i18n)).join('; ');
    setError(detail ? `${describeError(cause, i18n).message} ${detail}` : describeError(cause, i18n).message);
  };

  // Polling while the server works (dry run of a large file, the import itself).
  const poll = (id: string) => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      try {
        const next = await api().imports.get(id);
        setJob(next);
        samples.push({ at: Date.now(), processed: next.progress.processed });
        if (samples.length > 20) samples.shift();
        if (next.status === 'validated') setStep('check');
        if (runningStatuses.includes(next.status) || next.status === 'validating') poll(id);
        else void refetchHistory();
      } catch (cause) {
        fail(cause);
        poll(id);
      }
    }, 1000);
  };

  const adoptAnalysis = (result: ImportAnalysis) => {
    setAnalysis(result);
    const list = importTargets(entity(), customFieldsOf(entity()), result.suggestedMapping, result.fields);
    setMapping(initialMapping(result.headers, result.suggestedMapping, list));
  };

  // ?job=<id>: reopen a job where it stands.
  const openJob = async (id: string) => {
    setError(undefined);
    try {
      const loaded = await api().imports.get(id);
      setEntity(loaded.entity);
      setJob(loaded);
      setMode(loaded.mode ?? 'skip');
      const at = stepOf(loaded);
      if (at === 'mapping' || at === 'check') {
        adoptAnalysis(await api().imports.analyze(id));
        if (loaded.mapping && loaded.analysis) {
          const list = importTargets(
            loaded.entity,
            customFieldsOf(loaded.entity),
            loaded.mapping,
            analysis()?.fields,
          );
          setMapping(initialMapping(loaded.analysis.headers, loaded.mapping, list));
        }
      }
      setStep(at);
      if (runningStatuses.includes(loaded.status) || loaded.status === 'validating') poll(id);
    } catch (cause) {
      fail(cause);
    }
  };
  createEffect(() => {
    const id = typeof search.job === 'string' ? search.job : undefined;
    if (id && id !== job()?.id) void openJob(id);
  });

  const chooseFile = async (file: File) => {
    setError(undefined);
    if (!/\.(csv|txt)$/i.test(file.name) && !/csv|excel|text\/plain/i.test(file.type)) {
      setError(t('imports.notCsv'));
      return;
    }
    if (file.size > maxImportBytes) {
      setError(t('imports.tooBig'));
      return;
    }
    try {
      setPhase('uploading');
      setUploadPercent(0);
      const created = await api().imports.create({
        entity: entity(),
        fileName: file.name,
        size: file.size,
        contentType: 'text/csv',
      });
      await putFile(created.upload, file, (loaded, total) =>
        setUploadPercent(total ? (loaded / total) * 100 : 0),
      ).promise;
      setPhase('analyzing');
      adoptAnalysis(await api().imports.analyze(created.job.id));
      setJob({ ...created.job, status: 'analyzed' });
      setSearch({ job: created.job.id, entity: entity() });
      setStep('mapping');
      void refetchHistory();
    } catch (cause) {
      fail(cause);
    } finally {
      setPhase('idle');
      setUploadPercent(undefined);
    }
  };

  const settings = () => ({ mapping: toApiMapping(analysis()?.headers ?? [], mapping()), mode: mode() });

  const dryRun = async () => {
    const current = job();
    if (!current || issues().length > 0) return;
    setError(undefined);
    setPhase('checking');
    try {
      const checked = await api().imports.dryRun(current.id, settings());
      setJob(checked);
      setStep('check');
      void refetchHistory();
      if (checked.status === 'validating' || checked.report?.status === 'running') poll(checked.id);
    } catch (cause) {
      fail(cause);
    } finally {
      setPhase('idle');
    }
  };

  const start = async () => {
    const current = job();
    if (!current) return;
    setError(undefined);
    setPhase('starting');
    samples.length = 0;
    try {
      // A stopped import resumes with the settings it was started with.
      const resuming = current.status === 'cancelled' || current.status === 'failed';
      const started = await api().imports.start(current.id, resuming ? undefined : settings());
      setJob(started);
      setStep('run');
      void refetchHistory();
      samples.push({ at: Date.now(), processed: started.progress.processed });
      poll(started.id);
    } catch (cause) {
      fail(cause);
    } finally {
      setPhase('idle');
    }
  };

  const cancel = async () => {
    const current = job();
    setConfirmCancel(false);
    if (!current) return;
    try {
      setJob(await api().imports.cancel(current.id));
      poll(current.id);
    } catch (cause) {
      fail(cause);
    }
  };

  const restart = () => {
    clearTimeout(timer);
    setJob(undefined);
    setAnalysis(undefined);
    setMapping([]);
    setError(undefined);
    setStep('file');
    setSearch({ job: undefined, entity: entity() });
  };

  const delimiterName = (d: string) =>
    d === ';'
      ? t('imports.delimiters.semicolon')
      : d === '\t'
        ? t('imports.delimiters.tab')
        : t('imports.delimiters.comma');

  const duration = (seconds: number) => {
    const tag = i18n.locale() === 'ru' ? 'ru-RU' : 'en-GB';
    const unit = (value: number, name: 'second' | 'minute' | 'hour') =>
      new Intl.NumberFormat(tag, {
        style: 'unit',
        unit: name,
        unitDisplay: 'short',
        maximumFractionDigits: 0,
      }).format(value);
    if (seconds < 60) return unit(Math.max(1, seconds), 'second');
    if (seconds < 3600) return unit(Math.round(seconds / 60), 'minute');
    return `${unit(Math.floor(seconds / 3600), 'hour')} ${unit(Math.round((seconds % 3600) / 60), 'minute')}`;
  };

  const rateAndEta = () => {
    const current = job();
    if (current?.status !== 'running') return undefined;
    const measured = importRate(
      samples[0],
      samples[samples.length - 1] ?? { at: Date.now(), processed: current.progress.processed },
      current.progress.total,
    );
    const rate = current.progress.rate ?? measured.rate;
    const eta = current.progress.etaSeconds ?? measured.etaSeconds;
    if (!rate) return undefined;
    return [
      t('imports.rate', { rate: fmt.number(Math.round(rate)) }),
      eta === undefined
        ? undefined
        : eta <= 1
          ? t('imports.etaSoon')
          : t('imports.eta', { time: duration(eta) }),
    ]
      .filter(Boolean)
      .join(' · ');
  };

  const percent = () => {
    const current = job();
    if (!current) return undefined;
    if (current.status === 'completed') return 100;
    if (current.progress.percent !== undefined) return current.progress.percent;
    return current.progress.total ? (current.progress.processed / current.progress.total) * 100 : undefined;
  };

  const progressText = () => {
    const p = job()?.progress;
    if (!p) return '';
    return p.total !== undefined
      ? t('imports.progress', { processed: fmt.number(p.processed), total: fmt.number(p.total) })
      : t('imports.progressNoTotal', { processed: fmt.number(p.processed) });
  };

  const example = (column: number) => analysis()?.sample.find((row) => row[column]?.trim())?.[column] ?? '';

  const IssueTable = (props: { issues: readonly RowIssue[]; total: number }) => (
    <Show when={props.issues.length > 0}>
      <div class="table-scroll">
        <table class="data-table" data-testid="import-issues">
          <caption class="sr-only">{t('imports.invalidRows')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('imports.row')}</th>
              <th scope="col">{t('imports.field')}</th>
              <th scope="col">{t('card.value')}</th>
              <th scope="col">{t('imports.reason')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.issues.slice(0, shownIssues)}>
              {(issue) => (
                <tr>
                  <td class="data-table__num">{fmt.number(issue.row)}</td>
                  <td>{issue.column ?? issue.field ?? ''}</td>
                  <td class="data-table__value">{issue.value ?? ''}</td>
                  <td>
                    {issue.field ? localizedFieldMessage(issue.field, issue.message, i18n) : issue.message}
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={props.total > Math.min(shownIssues, props.issues.length)}>
        <p class="muted">
          {tp('imports.moreIssues', props.total - Math.min(shownIssues, props.issues.length))}
        </p>
      </Show>
    </Show>
  );

  return (
    <div class="import">
      <ol class="stepper" aria-label={t('imports.title')}>
        <For each={steps}>
          {(name, index) => (
            <li
              class="stepper__step"
              classList={{ 'is-current': step() === name, 'is-done': steps.indexOf(step()) > index() }}
              aria-current={step() === name ? 'step' : undefined}
            >
              <span class="stepper__number" aria-hidden="true">
                <Show when={steps.indexOf(step()) > index()} fallback={index() + 1}>
                  <Icon name="check" size={14} />
                </Show>
              </span>
              <span class="sr-only">
                {t('imports.stepOf', { step: index() + 1, total: steps.length, name: '' })}
              </span>
              <span>{t(`imports.steps.${name}`)}</span>
            </li>
          )}
        </For>
      </ol>

      <Show when={error()}>
        <Alert
          tone="danger"
          role="alert"
          onDismiss={() => setError(undefined)}
          dismissLabel={t('common.dismiss')}
        >
          {error()}
        </Alert>
      </Show>

      <Show when={step() === 'file'}>
        <Panel title={t('imports.steps.file')}>
          <div class="form-stack">
            <SegmentedControl
              legend={t('imports.entity')}
              name="import-entity"
              value={entity()}
              choices={[
                { value: 'company', label: t('imports.companies') },
                { value: 'contact', label: t('imports.contacts') },
              ]}
              onChange={setEntity}
              disabled={phase() !== 'idle'}
            />
            {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop zone only receives dragged files; its button is the keyboard path */}
            <div
              class="dropzone dropzone--large"
              classList={{ 'is-dragging': dragging() }}
              onDragOver={(event) => {
                event.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={(event) => {
                event.preventDefault();
                setDragging(false);
                const file = event.dataTransfer?.files[0];
                if (file) void chooseFile(file);
              }}
            >
              <Icon name="upload" size={24} />
              <p>{t('imports.dropHint')}</p>
              <Button
                variant="primary"
                icon="upload"
                busy={phase() !== 'idle'}
                onClick={() => fileInput?.click()}
              >
                {t('imports.chooseFile')}
              </Button>
              <input
                ref={fileInput}
                type="file"
                accept=".csv,text/csv,text/plain"
                class="sr-only"
                tabIndex={-1}
                aria-label={t('imports.file')}
                data-testid="import-file"
                onChange={(event) => {
                  const file = event.currentTarget.files?.[0];
                  event.currentTarget.value = '';
                  if (file) void chooseFile(file);
                }}
              />
              <Show when={phase() === 'uploading'}>
                <ProgressBar
                  label={t('imports.uploading', { percent: Math.round(uploadPercent() ?? 0) })}
                  percent={uploadPercent()}
                  valueText={t('imports.uploading', { percent: Math.round(uploadPercent() ?? 0) })}
                />
              </Show>
              <Show when={phase() === 'analyzing'}>
                <p role="status" class="import__status">
                  <span class="spinner spinner--sm" aria-hidden="true" /> {t('imports.analyzing')}
                </p>
              </Show>
            </div>
          </div>
        </Panel>
      </Show>

      <Show when={step() === 'mapping' && analysis()}>
        {(found) => (
          <>
            <Panel
              title={t('imports.sample')}
              description={`${job()?.fileName ?? ''} · ${t('imports.detected', { encoding: found().encoding.toUpperCase(), delimiter: delimiterName(found().delimiter), rows: fmt.number(found().rowCount ?? 0) })}`}
            >
              <div class="table-scroll">
                <table class="data-table data-table--sample" data-testid="import-sample">
                  <thead>
                    <tr>
                      <For each={found().headers}>{(header) => <th scope="col">{header}</th>}</For>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={found().sample.slice(0, 5)}>
                      {(row) => (
                        <tr>
                          <For each={found().headers}>{(_, index) => <td>{row[index()] ?? ''}</td>}</For>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Panel>
            <Panel title={t('imports.mapping')} description={t('imports.mappingHint')}>
              <table class="data-table mapping-table" data-testid="import-mapping">
                <thead>
                  <tr>
                    <th scope="col">{t('imports.column')}</th>
                    <th scope="col">{t('imports.example')}</th>
                    <th scope="col">{t('imports.target')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={found().headers}>
                    {(header, index) => (
                      <tr classList={{ 'is-skipped': !mapping()[index()] }}>
                        <th scope="row">{header}</th>
                        <td class="data-table__value">{example(index())}</td>
                        <td>
                          <select
                            class="input select input--sm"
                            aria-label={t('imports.targetFor', { column: header })}
                            onChange={(event) =>
                              setMapping(
                                assignTarget(
                                  mapping(),
                                  index(),
                                  event.currentTarget.value || null,
                                  targets(),
                                ),
                              )
                            }
                          >
                            <option value="" selected={!mapping()[index()]}>
                              {t('imports.skip')}
                            </option>
                            <optgroup label={t('imports.standardGroup')}>
                              <For each={targets().filter((target) => target.group === 'standard')}>
                                {(target) => (
                                  <option value={target.key} selected={mapping()[index()] === target.key}>
                                    {targetLabel(target)}
                                    {target.required ? ' *' : ''}
                                  </option>
                                )}
                              </For>
                            </optgroup>
                            <Show when={targets().some((target) => target.group === 'custom')}>
                              <optgroup label={t('imports.customFieldsGroup')}>
                                <For each={targets().filter((target) => target.group === 'custom')}>
                                  {(target) => (
                                    <option value={target.key} selected={mapping()[index()] === target.key}>
                                      {targetLabel(target)}
                                    </option>
                                  )}
                                </For>
                              </optgroup>
                            </Show>
                          </select>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <Show when={issues().length > 0}>
                <ul class="import__issues" role="status">
                  <For each={issues()}>
                    {(issue) => (
                      <li class="field__error">
                        {issue.kind === 'required'
                          ? t('imports.required', { field: targetLabel(issue.target) })
                          : t('imports.usedTwice', { field: targetLabel(issue.target) })}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </Panel>
            <Panel title={t('imports.mode')}>
              <fieldset class="radio-list">
                <legend class="sr-only">{t('imports.mode')}</legend>
                <For each={['skip', 'update', 'create'] as const}>
                  {(value) => (
                    <label class="radio-list__item">
                      <input
                        type="radio"
                        name="import-mode"
                        value={value}
                        checked={mode() === value}
                        onChange={() => setMode(value)}
                      />
                      <span>{t(`imports.modes.${value}`)}</span>
                    </label>
                  )}
                </For>
              </fieldset>
            </Panel>
            <div class="form-actions">
              <Button
                variant="primary"
                icon="check"
                busy={phase() === 'checking'}
                disabled={issues().length > 0}
                onClick={() => void dryRun()}
              >
                {phase() === 'checking' ? t('imports.dryRunning') : t('imports.dryRun')}
              </Button>
              <Button variant="ghost" onClick={restart}>
                {t('imports.another')}
              </Button>
            </div>
          </>
        )}
      </Show>

      <Show when={step() === 'check' && job()}>
        {(current) => (
          <Panel title={t('imports.report')} description={current().fileName}>
            <Show
              when={
                current().report &&
                current().report?.status !== 'running' &&
                current().status !== 'validating'
              }
              fallback={
                <div class="form-stack" role="status">
                  <ProgressBar label={t('imports.dryRunning')} percent={undefined} />
                  <p class="muted">{t('imports.dryRunning')}</p>
                </div>
              }
            >
              {(() => {
                const report = () => current().report;
                return (
                  <div class="form-stack" data-testid="import-report">
                    <dl class="stats">
                      <div class="stat">
                        <dt>{t('imports.willCreate')}</dt>
                        <dd data-testid="report-create">{fmt.number(report()?.create ?? 0)}</dd>
                      </div>
                      <div class="stat">
                        <dt>{t('imports.willUpdate')}</dt>
                        <dd>{fmt.number(report()?.update ?? 0)}</dd>
                      </div>
                      <div class="stat">
                        <dt>{t('imports.willSkip')}</dt>
                        <dd>{fmt.number(report()?.skip ?? 0)}</dd>
                      </div>
                      <div class="stat" classList={{ 'stat--danger': (report()?.invalid ?? 0) > 0 }}>
                        <dt>{t('imports.invalid')}</dt>
                        <dd data-testid="report-invalid">{fmt.number(report()?.invalid ?? 0)}</dd>
                      </div>
                    </dl>
                    <Show
                      when={(report()?.invalid ?? 0) > 0}
                      fallback={<Alert tone="success">{t('imports.noIssues')}</Alert>}
                    >
                      <h3 class="section-title">{t('imports.invalidRows')}</h3>
                      <p class="muted">{t('imports.invalidHint')}</p>
                      <IssueTable issues={report()?.issues ?? []} total={report()?.issuesTotal ?? 0} />
                    </Show>
                    <div class="form-actions">
                      <Button
                        variant="primary"
                        icon="upload"
                        busy={phase() === 'starting'}
                        onClick={() => void start()}
                      >
                        {phase() === 'starting' ? t('imports.starting') : t('imports.start')}
                      </Button>
                      <Button variant="secondary" onClick={() => setStep('mapping')} disabled={!analysis()}>
                        {t('imports.back')}
                      </Button>
                    </div>
                  </div>
                );
              })()}
            </Show>
          </Panel>
        )}
      </Show>

      <Show when={step() === 'run' && job()}>
        {(current) => (
          <Panel
            title={current().status === 'completed' ? t('imports.done') : t('imports.progressTitle')}
            description={current().fileName}
          >
            <div class="form-stack" data-testid="import-progress">
              <ProgressBar
                label={t('imports.progressLabel')}
                percent={percent()}
                valueText={progressText()}
                tone={
                  current().status === 'completed'
                    ? 'success'
                    : current().status === 'failed'
                      ? 'danger'
                      : 'accent'
                }
                testId="import-progressbar"
              />
              <p class="import__progress-text">
                <span data-testid="import-progress-text">{progressText()}</span>
                <Show when={rateAndEta()}>
                  <span class="muted"> · {rateAndEta()}</span>
                </Show>
                <Badge
                  tone={
                    current().status === 'completed'
                      ? 'success'
                      : current().status === 'failed'
                        ? 'danger'
                        : 'neutral'
                  }
                  class="import__status-badge"
                >
                  {i18n.lookup(`imports.statuses.${current().status}`) ?? current().status}
                </Badge>
              </p>
              <dl class="stats">
                <div class="stat">
                  <dt>{t('imports.created')}</dt>
                  <dd data-testid="result-created">{fmt.number(current().progress.created)}</dd>
                </div>
                <div class="stat">
                  <dt>{t('imports.updated')}</dt>
                  <dd>{fmt.number(current().progress.updated)}</dd>
                </div>
                <div class="stat">
                  <dt>{t('imports.skipped')}</dt>
                  <dd>{fmt.number(current().progress.skipped)}</dd>
                </div>
                <div class="stat" classList={{ 'stat--danger': current().progress.failed > 0 }}>
                  <dt>{t('imports.failed')}</dt>
                  <dd>{fmt.number(current().progress.failed)}</dd>
                </div>
              </dl>
              <Show when={current().error}>
                <Alert tone="danger">{t('imports.crashed', { message: current().error ?? '' })}</Alert>
              </Show>
              <Show when={current().issues && (current().issues?.length ?? 0) > 0}>
                <h3 class="section-title">{t('imports.invalidRows')}</h3>
                <IssueTable issues={current().issues ?? []} total={current().issues?.length ?? 0} />
              </Show>
              <div class="form-actions">
                <Show when={current().status === 'running'}>
                  <Button variant="secondary" icon="close" onClick={() => setConfirmCancel(true)}>
                    {t('imports.cancel')}
                  </Button>
                </Show>
                <Show when={current().status === 'cancelled' || current().status === 'failed'}>
                  <Button
                    variant="primary"
                    icon="refresh"
                    busy={phase() === 'starting'}
                    onClick={() => void start()}
                  >
                    {t('imports.resume')}
                  </Button>
                </Show>
                <Show when={current().status === 'completed' || current().status === 'cancelled'}>
                  <A href={listHref(current().entity)} class="btn btn--primary">
                    <span>
                      {current().entity === 'company'
                        ? t('imports.openCompanies')
                        : t('imports.openContacts')}
                    </span>
                  </A>
                </Show>
                <Show when={!runningStatuses.includes(current().status)}>
                  <Button variant="ghost" onClick={restart}>
                    {t('imports.another')}
                  </Button>
                </Show>
              </div>
            </div>
          </Panel>
        )}
      </Show>

      <Panel title={t('imports.history')} class="import-history">
        <Show
          when={(loaded(history) ?? []).length > 0}
          fallback={<p class="muted">{t('imports.historyEmpty')}</p>}
        >
          <ul class="history-list">
            <For each={(loaded(history) ?? []).slice(0, 10)}>
              {(item) => (
                <li class="history-list__item">
                  <Icon name={item.entity === 'company' ? 'building' : 'user'} size={16} />
                  <span class="history-list__name">{item.fileName}</span>
                  <span class="muted">{item.createdAt ? fmt.dateTime(item.createdAt) : ''}</span>
                  <Badge
                    tone={
                      item.status === 'completed'
                        ? 'success'
                        : item.status === 'failed'
                          ? 'danger'
                          : 'neutral'
                    }
                  >
                    {i18n.lookup(`imports.statuses.${item.status}`) ?? item.status}
                  </Badge>
                  <span class="muted">
                    {item.progress.total !== undefined ? tp('imports.rows', item.progress.total) : ''}
                  </span>
                  <Show when={item.id !== job()?.id}>
                    <button
                      type="button"
                      class="link-button"
                      onClick={() => setSearch({ job: item.id, entity: item.entity })}
                    >
                      {t('imports.open')}
                    </button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Panel>

      <ConfirmDialog
        open={confirmCancel()}
        title={t('imports.cancel')}
        message={t('imports.cancelConfirm')}
        confirmLabel={t('imports.cancel')}
        cancelLabel={t('common.cancel')}
        closeLabel={t('common.close')}
        onConfirm={() => void cancel()}
        onCancel={() => setConfirmCancel(false)}
      />
    </div>
  );
};
