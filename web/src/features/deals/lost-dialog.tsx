// "Сделка проиграна": the lost reason (required, from the fixed list reports group by) and an
// optional comment, asked before the deal is closed as lost.
import { createEffect, createSignal, on } from 'solid-js';
import type { LostReason } from '../../api/deals.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField } from '../../ui/choice-fields.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { lostReasons } from './deal-constants.ts';

export type LostChoice = { lostReason: LostReason; lostNote?: string };

export const LostDialog = (props: {
  open: boolean;
  dealTitle: string;
  busy?: boolean;
  onConfirm: (choice: LostChoice) => void;
  onCancel: () => void;
}) => {
  const { t } = useI18n();
  const [reason, setReason] = createSignal('');
  const [note, setNote] = createSignal('');
  const [error, setError] = createSignal<string>();
  let select: HTMLSelectElement | undefined;
  createEffect(
    on(
      () => props.open,
      (open) => {
        if (!open) return;
        setReason('');
        setNote('');
        setError(undefined);
      },
    ),
  );

  const submit = (event?: Event) => {
    event?.preventDefault();
    const lostReason = lostReasons.find((r) => r === reason());
    if (!lostReason) {
      setError(t('deals.lost.reasonRequired'));
      select?.focus();
      return;
    }
    const text = note().trim();
    props.onConfirm({ lostReason, ...(text ? { lostNote: text } : {}) });
  };

  return (
    <Dialog
      open={props.open}
      title={t('deals.lost.title')}
      description={`«${props.dealTitle}». ${t('deals.lost.description')}`}
      onClose={props.onCancel}
      closeLabel={t('common.close')}
      size="sm"
      initialFocus={() => select}
      footer={
        <>
          <Button variant="secondary" onClick={() => props.onCancel()}>
            {t('common.cancel')}
          </Button>
          <Button variant="danger" busy={props.busy} onClick={() => submit()} data-testid="lost-confirm">
            {t('deals.lost.confirm')}
          </Button>
        </>
      }
    >
      <form class="form-stack" onSubmit={submit} novalidate>
        <SelectField
          ref={(element) => {
            select = element;
          }}
          label={t('deals.lost.reason')}
          placeholder={t('deals.lost.reasonPlaceholder')}
          options={lostReasons.map((r) => ({ value: r, label: t(`deals.lostReasons.${r}`) }))}
          value={reason()}
          error={error()}
          required
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setError(undefined);
          }}
        />
        <TextAreaField
          label={t('deals.lost.note')}
          placeholder={t('deals.lost.notePlaceholder')}
          rows={3}
          maxLength={1000}
          value={note()}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
      </form>
    </Dialog>
  );
};
