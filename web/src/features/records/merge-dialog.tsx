// Merging a duplicate into this record: find the duplicate, see both side by side, pick per field
// which value stays (lists may keep both), and merge. Links (contacts, notes, files, history) move to
// this record; the duplicate goes to the trash.
import { createMemo, createSignal, For, Show } from 'solid-js';
import { recordsOf } from '../../api/client.ts';
import type { AnyRecord, MergePick, RecordType } from '../../api/records.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Alert } from '../../ui/feedback.tsx';
import { customFieldsOf } from '../custom-fields/definitions.ts';
import { RecordPicker } from '../search/record-picker.tsx';
import { formatFieldValue } from '../timeline/timeline-text.ts';
import { staffName } from '../users/staff.ts';
import { isEmptyValue } from './field-values.ts';

const mergeFields: Readonly<Record<RecordType, readonly { field: string; list: boolean }[]>> = {
  company: [
    { field: 'name', list: false },
    { field: 'legalName', list: false },
    { field: 'inn', list: false },
    { field: 'kpp', list: false },
    { field: 'lifecycleStage', list: false },
    { field: 'ownerId', list: false },
    { field: 'industry', list: false },
    { field: 'size', list: false },
    { field: 'website', list: false },
    { field: 'leadSource', list: false },
    { field: 'phones', list: true },
    { field: 'emails', list: true },
    { field: 'addresses', list: true },
    { field: 'tags', list: true },
  ],
  contact: [
    { field: 'lastName', list: false },
    { field: 'firstName', list: false },
    { field: 'middleName', list: false },
    { field: 'jobTitle', list: false },
    { field: 'companyId', list: false },
    { field: 'ownerId', list: false },
    { field: 'birthday', list: false },
    { field: 'leadSource', list: false },
    { field: 'marketingConsent', list: false },
    { field: 'phones', list: true },
    { field: 'emails', list: true },
    { field: 'messengers', list: true },
    { field: 'tags', list: true },
  ],
};

export type MergeDialogProps = {
  type: RecordType;
  survivor: AnyRecord;
  open: boolean;
  onClose: () => void;
  onMerged: (record: AnyRecord) => void;
};

export const MergeDialog = (props: MergeDialogProps) => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const [duplicate, setDuplicate] = createSignal<AnyRecord>();
  const [picks, setPicks] = createSignal<Record<string, MergePick>>({});
  const [error, setError] = createSignal<unknown>();
  const [busy, setBusy] = createSignal(false);

  const ctx = () => ({
    ...i18n,
    userName: staffName,
    customFields: customFieldsOf(props.type),
    locale: i18n.locale(),
    formatDate: (iso: string) => fmt.date(iso),
    formatMoney: (amount: number, currency: string) => fmt.money(amount, currency),
    formatNumber: (n: number) => fmt.number(n),
    subjectType: props.type,
  });
  const fieldValue = (record: AnyRecord, field: string) =>
    (record as unknown as Record<string, unknown>)[field];
  const show = (record: AnyRecord, field: string) =>
    field === 'companyId'
      ? ((record as { companyName?: string }).companyName ?? t('records.empty'))
      : formatFieldValue(field, fieldValue(record, field), ctx());

  const rows = createMemo(() => {
    const other = duplicate();
    if (!other) return [];
    // A field the duplicate leaves empty keeps the survivor's value: nothing to choose there.
    return mergeFields[props.type].filter(
      ({ field }) =>
        JSON.stringify(fieldValue(props.survivor, field) ?? null) !==
          JSON.stringify(fieldValue(other, field) ?? null) && !isEmptyValue(fieldValue(other, field)),
    );
  });

  const pickFor = (field: string, list: boolean): MergePick => {
    const chosen = picks()[field];
    if (chosen) return chosen;
    if (list) return 'both';
    return isEmptyValue(fieldValue(props.survivor, field)) ? 'duplicate' : 'survivor';
  };

  const choose = async (hitId: string) => {
    setError(undefined);
    setPicks({});
    if (hitId === props.survivor.id) {
      setError(new Error(t('merge.sameRecord')));
      return;
    }
    try {
      setDuplicate(await recordsOf(props.type).get(hitId));
    } catch (cause) {
      setError(cause);
    }
  };

  const merge = async () => {
    const other = duplicate();
    if (!other) return;
    setBusy(true);
    setError(undefined);
    try {
      const pick: Record<string, MergePick> = {};
      for (const row of rows()) pick[row.field] = pickFor(row.field, row.list);
      const merged = await recordsOf(props.type).merge({
        survivorId: props.survivor.id,
        expectedVersion: props.survivor.version,
        duplicateId: other.id,
        duplicateVersion: other.version,
        pick,
      });
      props.onMerged(merged);
      close();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    setDuplicate(undefined);
    setPicks({});
    setError(undefined);
    props.onClose();
  };

  const label = (field: string) => i18n.lookup(`records.fields.${field}`) ?? field;

  return (
    <Dialog
      open={props.open}
      title={t('merge.title')}
      description={t('merge.description')}
      onClose={close}
      closeLabel={t('common.close')}
      size="lg"
    >
      <div class="form-stack" data-testid="merge-dialog">
        <RecordPicker
          label={t('merge.find')}
          type={props.type}
          placeholder={t('merge.findPlaceholder')}
          excludeId={props.survivor.id}
          onPick={(hit) => void choose(hit.id)}
        />
        <Show when={error()}>
          {(cause) => (
            <Alert tone="danger" role="alert">
              {cause() instanceof Error && !('status' in (cause() as object))
                ? (cause() as Error).message
                : describeError(cause(), i18n).message}
            </Alert>
          )}
        </Show>
        <Show when={duplicate()}>
          {(other) => (
            <>
              <Show when={rows().length > 0} fallback={<p class="muted">{t('merge.nothingToPick')}</p>}>
                <table class="merge-table">
                  <caption class="sr-only">{t('merge.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('merge.field')}</th>
                      <th scope="col">
                        {t('merge.survivor')}
                        <span class="merge-table__name">{props.survivor.name}</span>
                      </th>
                      <th scope="col">
                        {t('merge.duplicate')}
                        <span class="merge-table__name">{other().name}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={rows()}>
                      {(row) => (
                        <tr>
                          <th scope="row">{label(row.field)}</th>
                          <For each={['survivor', 'duplicate'] as const}>
                            {(side) => {
                              const record = () => (side === 'survivor' ? props.survivor : other());
                              const text = () => show(record(), row.field);
                              return (
                                <td>
                                  <label class="merge-choice">
                                    <input
                                      type="radio"
                                      name={`merge-${row.field}`}
                                      checked={pickFor(row.field, row.list) === side}
                                      aria-label={t('merge.keep', { value: text(), field: label(row.field) })}
                                      onChange={() => setPicks((p) => ({ ...p, [row.field]: side }))}
                                    />
                                    <span>{text()}</span>
                                  </label>
                                  <Show when={row.list && side === 'duplicate'}>
                                    <label class="merge-choice merge-choice--both">
                                      <input
                                        type="radio"
                                        name={`merge-${row.field}`}
                                        checked={pickFor(row.field, row.list) === 'both'}
                                        onChange={() => setPicks((p) => ({ ...p, [row.field]: 'both' }))}
                                      />
                                      <span>{t('merge.both')}</span>
                                    </label>
                                  </Show>
                                </td>
                              );
                            }}
                          </For>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
              <div class="form-actions">
                <Button variant="primary" icon="merge" busy={busy()} onClick={() => void merge()}>
                  {busy() ? t('merge.merging') : t('merge.confirm')}
                </Button>
                <Button variant="ghost" onClick={close}>
                  {t('common.cancel')}
                </Button>
              </div>
            </>
          )}
        </Show>
      </div>
    </Dialog>
  );
};
