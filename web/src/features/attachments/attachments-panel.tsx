// Files on a card: drop them (or choose them), watch each upload's progress (presigned PUT straight to
// the bucket), then download or delete. Size and type are checked here first with the API's rules
// (≤ 25 MB; documents, spreadsheets, images, archives), so a refusal is explained before the upload.
import { createResource, createSignal, For, Show } from 'solid-js';
import type { Attachment } from '../../api/attachments.ts';
import { api } from '../../api/client.ts';
import type { RecordType } from '../../api/records.ts';
import { putFile } from '../../api/upload.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { Icon } from '../../ui/icon.tsx';
import { Panel } from '../../ui/panel.tsx';
import { ProgressBar } from '../../ui/progress.tsx';
import { loaded } from '../../ui/resource.ts';
import { useToast } from '../../ui/toast.tsx';
import { attachmentProblem, contentTypeOf } from './attachment-rules.ts';

type Upload = { key: string; name: string; percent: number; abort: () => void; error?: string };

export const AttachmentsPanel = (props: {
  type: RecordType;
  id: string;
  canUpload: boolean;
  canDelete: boolean;
}) => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const toast = useToast();
  const subject = () => ({ type: props.type, id: props.id });
  // Keyed by a string: a new object with the same record must not reload the list.
  const [files, { refetch, mutate }] = createResource(
    () => `${props.type}:${props.id}`,
    () => api().attachments.list(subject()),
  );
  const [uploads, setUploads] = createSignal<Upload[]>([]);
  const [problems, setProblems] = createSignal<string[]>([]);
  const [dragging, setDragging] = createSignal(false);
  const [deleting, setDeleting] = createSignal<Attachment>();
  const [busy, setBusy] = createSignal(false);
  let input: HTMLInputElement | undefined;

  const size = (bytes: number) =>
    bytes >= 1024 * 1024
      ? new Intl.NumberFormat(i18n.locale() === 'ru' ? 'ru-RU' : 'en-GB', {
          style: 'unit',
          unit: 'megabyte',
          maximumFractionDigits: 1,
        }).format(bytes / 1024 / 1024)
      : new Intl.NumberFormat(i18n.locale() === 'ru' ? 'ru-RU' : 'en-GB', {
          style: 'unit',
          unit: 'kilobyte',
          maximumFractionDigits: 0,
        }).format(Math.max(1, bytes / 1024));

  const setUpload = (key: string, patch: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  const uploadOne = async (file: File) => {
    const key = `${file.name}-${file.size}-${Date.now()}-${Math.random()}`;
    let abort: () => void = () => undefined;
    setUploads((list) => [...list, { key, name: file.name, percent: 0, abort: () => abort() }]);
    try {
      const { attachment, upload } = await api().attachments.create({
        subject: subject(),
        fileName: file.name,
        size: file.size,
        contentType: contentTypeOf(file),
      });
      const handle = putFile(upload, file, (loaded, total) =>
        setUpload(key, { percent: total ? (loaded / total) * 100 : 0 }),
      );
      abort = handle.abort;
      await handle.promise;
      const done = await api().attachments.complete(attachment.id);
      mutate((list) => [done, ...(list ?? []).filter((a) => a.id !== done.id)]);
      setUploads((list) => list.filter((u) => u.key !== key));
      toast.show(t('attachments.uploaded', { name: file.name }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'Aborted') setUploads((list) => list.filter((u) => u.key !== key));
      else
        setUpload(key, {
          error: `${t('attachments.failed', { name: file.name })}: ${describeError(error, i18n).message}`,
        });
    }
  };

  const accept = (list: FileList | readonly File[]) => {
    const found: string[] = [];
    for (const file of Array.from(list)) {
      const problem = attachmentProblem(file);
      if (problem) found.push(t(`attachments.${problem}`, { name: file.name }));
      else void uploadOne(file);
    }
    setProblems(found);
  };

  const download = async (attachment: Attachment) => {
    try {
      const url = await api().attachments.downloadUrl(attachment.id);
      if (!url) return;
      // The presigned URL asks S3 for an attachment disposition; `download` also names the file where
      // the URL is same-origin (the local gateway), whatever the store answers.
      const link = document.createElement('a');
      link.href = url;
      link.download = attachment.fileName;
      link.rel = 'noopener';
      document.body.append(link);
      link.click();
      link.remove();
    } catch (error) {
      toast.show(describeError(error, i18n).message, 'danger');
    }
  };

  const remove = async () => {
    const attachment = deleting();
    if (!attachment) return;
    setBusy(true);
    try {
      await api().attachments.remove(attachment.id);
      mutate((list) => (list ?? []).filter((a) => a.id !== attachment.id));
      toast.show(t('attachments.deleted', { name: attachment.fileName }));
    } catch (error) {
      toast.show(describeError(error, i18n).message, 'danger');
      void refetch();
    } finally {
      setBusy(false);
      setDeleting(undefined);
    }
  };

  return (
    <Panel title={t('attachments.title')} class="attachments">
      <Show when={props.canUpload}>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop zone only receives dragged files; its button is the keyboard path */}
        <div
          class="dropzone"
          classList={{ 'is-dragging': dragging() }}
          data-testid="dropzone"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            if (event.dataTransfer?.files.length) accept(event.dataTransfer.files);
          }}
        >
          <Icon name="paperclip" size={18} />
          <span>
            {t('attachments.drop')}{' '}
            <button type="button" class="link-button" onClick={() => input?.click()}>
              {t('attachments.choose')}
            </button>
          </span>
          <span class="dropzone__hint">{t('attachments.limits')}</span>
          <input
            ref={input}
            type="file"
            multiple
            class="sr-only"
            tabIndex={-1}
            aria-label={t('attachments.chooseLabel')}
            onChange={(event) => {
              if (event.currentTarget.files) accept(event.currentTarget.files);
              event.currentTarget.value = '';
            }}
          />
        </div>
      </Show>
      <For each={problems()}>
        {(problem) => (
          <p class="field__error" role="alert">
            {problem}
          </p>
        )}
      </For>
      <ul class="uploads">
        <For each={uploads()}>
          {(upload) => (
            <li class="upload">
              <span class="upload__name">{upload.name}</span>
              <Show
                when={!upload.error}
                fallback={
                  <p class="field__error" role="alert">
                    {upload.error}
                  </p>
                }
              >
                <ProgressBar
                  label={t('attachments.uploading', { name: upload.name })}
                  percent={upload.percent}
                  valueText={t('attachments.uploadProgress', {
                    name: upload.name,
                    percent: Math.round(upload.percent),
                  })}
                />
                <button
                  type="button"
                  class="icon-button icon-button--sm"
                  aria-label={t('attachments.cancel', { name: upload.name })}
                  onClick={() => upload.abort()}
                >
                  <Icon name="close" size={14} />
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show
        when={(loaded(files)?.length ?? 0) > 0}
        fallback={
          <Show when={files.state === 'ready'}>
            <p class="muted attachments__empty">{t('attachments.empty')}</p>
          </Show>
        }
      >
        <ul class="file-list" data-testid="attachments">
          <For each={loaded(files)?.filter((a) => a.status !== 'pending')}>
            {(attachment) => (
              <li class="file">
                <Icon name="paperclip" size={16} />
                <button
                  type="button"
                  class="link-button file__name"
                  aria-label={t('attachments.download', { name: attachment.fileName })}
                  onClick={() => void download(attachment)}
                >
                  {attachment.fileName}
                </button>
                <span class="file__meta">
                  {size(attachment.size)}
                  {attachment.createdAt ? ` · ${fmt.date(attachment.createdAt)}` : ''}
                </span>
                <Show when={props.canDelete}>
                  <button
                    type="button"
                    class="icon-button icon-button--sm"
                    aria-label={t('attachments.delete', { name: attachment.fileName })}
                    onClick={() => setDeleting(attachment)}
                  >
                    <Icon name="trash" size={14} />
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <ConfirmDialog
        open={deleting() !== undefined}
        title={t('common.delete')}
        message={t('attachments.confirmDelete', { name: deleting()?.fileName ?? '' })}
        confirmLabel={t('common.delete')}
        cancelLabel={t('common.cancel')}
        closeLabel={t('common.close')}
        busy={busy()}
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(undefined)}
      />
    </Panel>
  );
};
