// «Отправить КП»: to one of the deal's contacts that has an e-mail address, with the subject and the
// message the server would write (quote-email-draft.ts), both editable; the greeting and the signature
// are the server's, the PDF goes attached. Sending twice to one contact sends once (`already-sent`).
import { createEffect, createMemo, createSignal, on, Show } from 'solid-js';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import type { Quote } from '../../api/quotes.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField } from '../../ui/choice-fields.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Alert } from '../../ui/feedback.tsx';
import { TextField } from '../../ui/field.tsx';
import type { DealContact } from '../deals/deal-contacts.tsx';
import { localizedFieldMessage } from '../records/save-outcome.ts';
import { greetingName, quoteEmailDraft } from './quote-email-draft.ts';

export const SendQuoteDialog = (props: {
  quote: Quote | undefined;
  contacts: readonly DealContact[];
  onClose: () => void;
  onSent: (quote: Quote, email: 'sent' | 'already-sent', to: string) => void;
}) => {
  const i18n = useI18n();
  const { t } = i18n;
  const [contactId, setContactId] = createSignal('');
  const [subject, setSubject] = createSignal('');
  const [message, setMessage] = createSignal('');
  const [errors, setErrors] = createSignal<{ contactId?: string; subject?: string; form?: string }>({});
  const [busy, setBusy] = createSignal(false);

  const reachable = () => props.contacts.filter((c) => c.email);
  const contact = () => reachable().find((c) => c.id === contactId());
  const draft = createMemo(() => {
    const quote = props.quote;
    const to = contact();
    return quote ? quoteEmailDraft(quote, to ? greetingName(to, quote.locale) : '…') : undefined;
  });

  createEffect(
    on(
      () => props.quote?.id,
      (id) => {
        if (!id) return;
        const quote = props.quote;
        const first =
          reachable().find((c) => c.id === quote?.contact?.id) ??
          reachable().find((c) => !quote?.sentTo.some((r) => r.contactId === c.id)) ??
          reachable()[0];
        setContactId(first?.id ?? '');
        const start = draft();
        setSubject(start?.subject ?? '');
        setMessage(start?.message ?? '');
        setErrors({});
      },
    ),
  );

  const submit = async (event?: Event) => {
    event?.preventDefault();
    const quote = props.quote;
    const to = contact();
    if (!quote || !to?.email) return;
    if (!subject().trim()) {
      setErrors({ subject: t('records.problems.required') });
      return;
    }
    setBusy(true);
    try {
      const result = await api().quotes.send(quote.id, {
        contactId: to.id,
        subject: subject().trim(),
        ...(message().trim() ? { message: message().trim() } : {}),
      });
      props.onSent(result.quote, result.email, to.email);
    } catch (error) {
      const found: { contactId?: string; subject?: string; form?: string } = {
        form: describeError(error, i18n).message,
      };
      if (error instanceof ApiError)
        for (const f of error.fields)
          if (f.field === 'contactId' || f.field === 'subject')
            found[f.field] = localizedFieldMessage(f.field, f.message, i18n);
      setErrors(found);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={props.quote !== undefined}
      title={t('quotes.sendForm.title', { number: props.quote?.number ?? '' })}
      description={t('quotes.sendForm.description', { file: `${props.quote?.number ?? ''}.pdf` })}
      onClose={props.onClose}
      closeLabel={t('common.close')}
      size="lg"
      class="send-quote"
      footer={
        <>
          <Button variant="secondary" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </Button>
          <Button
            variant="primary"
            icon="send"
            busy={busy()}
            disabled={!contact()}
            onClick={() => void submit()}
          >
            {t('quotes.sendForm.submit')}
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
        <Show
          when={reachable().length > 0}
          fallback={<Alert tone="warning">{t('quotes.sendForm.noContacts')}</Alert>}
        >
          <SelectField
            label={t('quotes.sendForm.to')}
            options={reachable().map((c) => ({
              value: c.id,
              label: `${c.name} <${c.email}>${
                props.quote?.sentTo.some((r) => r.contactId === c.id)
                  ? ` — ${t('quotes.sendForm.alreadySentTo')}`
                  : ''
              }`,
            }))}
            value={contactId()}
            error={errors().contactId}
            onChange={(event) => setContactId(event.currentTarget.value)}
          />
          <TextField
            label={t('quotes.sendForm.subject')}
            maxLength={200}
            value={subject()}
            error={errors().subject}
            onInput={(event) => setSubject(event.currentTarget.value)}
          />
          <TextAreaField
            label={t('quotes.sendForm.message')}
            rows={5}
            maxLength={5000}
            value={message()}
            hint={t('quotes.sendForm.hint', { greeting: draft()?.greeting ?? '' })}
            onInput={(event) => setMessage(event.currentTarget.value)}
          />
        </Show>
      </form>
    </Dialog>
  );
};
