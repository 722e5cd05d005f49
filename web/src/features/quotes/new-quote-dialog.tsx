// «Создать КП»: how long the quote holds (30 days from the organisation's today unless changed), whom it
// is addressed to (one of the deal's contacts, or nobody in particular) and a note. The quote takes the
// deal's lines as they are now; the server numbers it (КП-2026-0001).
import { createEffect, createSignal, on, Show } from 'solid-js';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import type { Quote } from '../../api/quotes.ts';
import { dayInTimeZone } from '../../format/format.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField } from '../../ui/choice-fields.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Alert } from '../../ui/feedback.tsx';
import { TextField } from '../../ui/field.tsx';
import type { DealContact } from '../deals/deal-contacts.tsx';
import { localizedFieldMessage } from '../records/save-outcome.ts';

/** YYYY-MM-DD plus whole days (calendar arithmetic in UTC, no time zone involved). */
export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export const NewQuoteDialog = (props: {
  open: boolean;
  dealId: string;
  contacts: readonly DealContact[];
  onClose: () => void;
  onCreated: (quote: Quote) => void;
}) => {
  const i18n = useI18n();
  const { t } = i18n;
  const today = () => dayInTimeZone(Date.now(), i18n.timeZone());
  const [validUntil, setValidUntil] = createSignal('');
  const [contactId, setContactId] = createSignal('');
  const [note, setNote] = createSignal('');
  const [errors, setErrors] = createSignal<{ validUntil?: string; contactId?: string; form?: string }>({});
  const [busy, setBusy] = createSignal(false);

  createEffect(
    on(
      () => props.open,
      (open) => {
        if (!open) return;
        setValidUntil(addDays(today(), 30));
        setContactId(
          props.contacts.find((c) => c.role === 'decision-maker')?.id ?? props.contacts[0]?.id ?? '',
        );
        setNote('');
        setErrors({});
      },
    ),
  );

  const submit = async (event?: Event) => {
    event?.preventDefault();
    if (validUntil() && validUntil() < today()) {
      setErrors({ validUntil: t('quotes.form.validUntilPast') });
      return;
    }
    setBusy(true);
    try {
      const quote = await api().quotes.create(props.dealId, {
        ...(validUntil() ? { validUntil: validUntil() } : {}),
        ...(contactId() ? { contactId: contactId() } : {}),
        ...(note().trim() ? { note: note().trim() } : {}),
      });
      props.onCreated(quote);
    } catch (error) {
      const found: { validUntil?: string; contactId?: string; form?: string } = {
        form: describeError(error, i18n).message,
      };
      if (error instanceof ApiError)
        for (const f of error.fields)
          if (f.field === 'validUntil' || f.field === 'contactId')
            found[f.field] = localizedFieldMessage(f.field, f.message, i18n);
      if (error instanceof ApiError && error.status === 409) found.form = t('quotes.noLines');
      setErrors(found);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      title={t('quotes.form.title')}
      description={t('quotes.form.description')}
      onClose={props.onClose}
      closeLabel={t('common.close')}
      class="new-quote"
      footer={
        <>
          <Button variant="secondary" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" busy={busy()} onClick={() => void submit()}>
            {t('quotes.form.submit')}
          </Button>
        </>
      }
    >
      <form class="form-stack" onSubmit={(event) => void submit(event)} novalidate>
        <Show when={errors().form}>
          <Alert tone="danger" role="alert">
            {errors().form}
          </Alert>
        </Show>
        <TextField
          label={t('quotes.form.validUntil')}
          type="date"
          min={today()}
          value={validUntil()}
          error={errors().validUntil}
          onInput={(event) => setValidUntil(event.currentTarget.value)}
        />
        <SelectField
          label={t('quotes.form.contact')}
          placeholder={t('quotes.form.noContact')}
          options={props.contacts.map((c) => ({ value: c.id, label: c.name }))}
          value={contactId()}
          error={errors().contactId}
          onChange={(event) => setContactId(event.currentTarget.value)}
        />
        <TextAreaField
          label={t('quotes.form.note')}
          placeholder={t('quotes.form.notePlaceholder')}
          rows={3}
          maxLength={2000}
          value={note()}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
      </form>
    </Dialog>
  );
};
