// Export of the current list or saved view: choose the format (CSV; vCard for contacts), start a job,
// watch its progress (polled), then download the file.
import { createSignal, onCleanup, Show } from 'solid-js';
import { api } from '../../api/client.ts';
import type { ExportFormat, ExportJob } from '../../api/exports.ts';
import type { ListFilters, RecordType, SortKey, SortOrder } from '../../api/records.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Alert } from '../../ui/feedback.tsx';
import { SegmentedControl } from '../../ui/field.tsx';
import { ProgressBar } from '../../ui/progress.tsx';

export type ExportDialogProps = {
  open: boolean;
  onClose: () => void;
  entity: RecordType;
  filters: ListFilters;
  sort: SortKey;
  order: SortOrder;
  columns: readonly string[];
  view?: { id: string; name: string } | undefined;
};

const finished = (job: ExportJob) => job.status === 'completed' || job.status === 'failed';

export const ExportDialog = (props: ExportDialogProps) => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const [format, setFormat] = createSignal<ExportFormat>('csv');
  const [job, setJob] = createSignal<ExportJob>();
  const [error, setError] = createSignal<unknown>();
  const [starting, setStarting] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));

  const poll = (id: string) => {
    timer = setTimeout(async () => {
      try {
        const next = await api().exports.get(id);
        setJob(next);
        if (!finished(next)) poll(id);
      } catch (cause) {
        setError(cause);
      }
    }, 1000);
  };

  const start = async () => {
    setError(undefined);
    setStarting(true);
    try {
      const columns = [...props.columns];
      const started = await api().exports.start(
        props.view
          ? { entity: props.entity, format: format(), columns, locale: i18n.locale(), viewId: props.view.id }
          : {
              entity: props.entity,
              format: format(),
              columns,
              locale: i18n.locale(),
              filters: props.filters,
              sort: props.sort,
              order: props.order,
            },
      );
      setJob(started);
      if (!finished(started)) poll(started.id);
    } catch (cause) {
      setError(cause);
    } finally {
      setStarting(false);
    }
  };

  const close = () => {
    clearTimeout(timer);
    setJob(undefined);
    setError(undefined);
    props.onClose();
  };

  const percent = () => {
    const current = job();
    if (!current) return undefined;
    if (current.status === 'completed') return 100;
    return current.total ? (current.processed / current.total) * 100 : undefined;
  };
  const progressText = () => {
    const current = job();
    if (!current) return '';
    return current.total !== undefined
      ? t('exports.progress', { done: fmt.number(current.processed), total: fmt.number(current.total) })
      : t('exports.progressNoTotal', { done: fmt.number(current.processed) });
  };

  return (
    <Dialog
      open={props.open}
      title={t('exports.title')}
      description={
        props.view ? t('exports.descriptionView', { name: props.view.name }) : t('exports.descriptionList')
      }
      onClose={close}
      closeLabel={t('common.close')}
      size="sm"
    >
      <div class="form-stack" data-testid="export-dialog">
        <Show when={props.entity === 'contact'}>
          <SegmentedControl
            legend={t('exports.format')}
            name="export-format"
            value={format()}
            choices={[
              { value: 'csv', label: t('exports.csv') },
              { value: 'vcard', label: t('exports.vcard') },
            ]}
            onChange={setFormat}
            disabled={job() !== undefined}
          />
        </Show>
        <Show when={error()}>
          {(cause) => (
            <Alert tone="danger" role="alert" title={t('exports.failed')}>
              {describeError(cause(), i18n).message}
            </Alert>
          )}
        </Show>
        <Show
          when={job()}
          fallback={
            <div class="form-actions">
              <Button variant="primary" icon="download" busy={starting()} onClick={() => void start()}>
                {t('exports.start')}
              </Button>
            </div>
          }
        >
          {(current) => (
            <div class="export-progress" role="status">
              <Show
                when={current().status !== 'failed'}
                fallback={
                  <Alert tone="danger" title={t('exports.failed')}>
                    {current().error ?? ''}
                  </Alert>
                }
              >
                <ProgressBar
                  label={current().status === 'completed' ? t('exports.ready') : t('exports.preparing')}
                  percent={percent()}
                  valueText={progressText()}
                  tone={current().status === 'completed' ? 'success' : 'accent'}
                />
                <p class="muted">
                  {current().status === 'completed'
                    ? t('exports.ready')
                    : progressText() || t('exports.preparing')}
                </p>
                <Show when={current().url}>
                  {(url) => (
                    <a
                      class="btn btn--primary"
                      href={url()}
                      download={current().fileName ?? ''}
                      data-testid="export-download"
                    >
                      <span>{t('exports.download')}</span>
                    </a>
                  )}
                </Show>
              </Show>
            </div>
          )}
        </Show>
      </div>
    </Dialog>
  );
};
