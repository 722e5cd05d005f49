// «Записать платёж»: the amount (what is still owed to start from), the day the money came in — a past
// day is allowed and then the payment is entered «задним числом» (backdated), a future one is not —,
// optionally the installment it pays (else the server allocates it to the open installments oldest
// first), and the payment order's reference. More than is owed is refused beside the amount.
import { createEffect, createSignal, on, Show } from 'solid-js';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import type { Invoice } from '../../api/invoices.ts';
import { currencyMinorDigits, dayInTimeZone } from '../../format/format.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField } from '../../ui/choice-fields.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Alert } from '../../ui/feedback.tsx';
import { TextField } from '../../ui/field.tsx';
import { Badge } from '../../ui/panel.tsx';
import { formatDay } from '../deals/deal-format.ts';
import { parseAmount } from '../deals/money-input.ts';
import { amountText } from '../products/line-draft.ts';
import { fieldProblem, paymentAmountErrorText } from './invoice-errors.ts';
import { installmentRemaining } from './invoice-format.ts';

type Errors = { amount?: string; paidOn?: string; installment?: string; form?: string };

export const PaymentDialog = (props: {
  invoice: Invoice | undefined;
  onClose: () => void;
  onRecorded: (invoice: Invoice) => void;
  /** A colleague changed the invoice meanwhile (409): the card reads it again. */
  onStale: () => void;
}) => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const today = () => dayInTimeZone(Date.now(), i18n.timeZone());
  const [amount, setAmount] = createSignal('');
  const [paidOn, setPaidOn] = createSignal('');
  const [installment, setInstallment] = createSignal('');
  const [reference, setReference] = createSignal('');
  const [note, setNote] = createSignal('');
  const [errors, setErrors] = createSignal<Errors>({});
  const [busy, setBusy] = createSignal(false);

  const currency = () => props.invoice?.currency ?? i18n.currency();
  const digits = () => currencyMinorDigits(currency());
  const money = (minor: number) => fmt.money(minor, currency());
  const open = () => (props.invoice?.installments ?? []).filter((i) => i.paid < i.amount);
  const backdated = () => /^\d{4}-\d{2}-\d{2}$/.test(paidOn()) && paidOn() < today();
  const owed = () => {
    const n = Number(installment());
    const chosen = open().find((i) => i.n === n);
    return chosen ? installmentRemaining(chosen) : (props.invoice?.outstanding ?? 0);
  };

  createEffect(
    on(
      () => props.invoice?.id,
      (id) => {
        if (!id) return;
        setAmount(amountText(props.invoice?.outstanding ?? 0, digits(), i18n.locale()));
        setPaidOn(today());
        setInstallment('');
        setReference('');
        setNote('');
        setErrors({});
      },
    ),
  );

  const submit = async (event?: Event) => {
    event?.preventDefault();
    const invoice = props.invoice;
    if (!invoice) return;
    const found: Errors = {};
    const minor = parseAmount(amount(), digits());
    // More than is owed is the server's to refuse (400 on `amount` with what is owed).
    if (minor === undefined || minor <= 0) found.amount = t('invoices.payment.errors.amount');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(paidOn())) found.paidOn = t('invoices.payment.errors.paidOn');
    else if (paidOn() > today()) found.paidOn = t('invoices.payment.errors.future');
    setErrors(found);
    if (Object.keys(found).length > 0 || minor === undefined) return;
    setBusy(true);
    try {
      const saved = await api().invoices.recordPayment(invoice.id, invoice.version, {
        amount: minor,
        paidOn: paidOn(),
        ...(installment() ? { installment: Number(installment()) } : {}),
        ...(reference().trim() ? { reference: reference().trim() } : {}),
        ...(note().trim() ? { note: note().trim() } : {}),
      });
      props.onRecorded(saved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        props.onStale();
        setErrors({ form: t('invoices.page.changedByColleague') });
        return;
      }
      const next: Errors = {};
      const amountError = paymentAmountErrorText(error, i18n, money);
      if (amountError) next.amount = amountError;
      const dateError = fieldProblem(error, 'paidOn');
      if (dateError) next.paidOn = t('invoices.payment.errors.future');
      if (Object.keys(next).length === 0) next.form = describeError(error, i18n).message;
      setErrors(next);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={props.invoice !== undefined}
      title={t('invoices.payment.title')}
      description={t('invoices.payment.description', {
        number: props.invoice?.number ?? '',
        outstanding: money(props.invoice?.outstanding ?? 0),
      })}
      onClose={props.onClose}
      closeLabel={t('common.close')}
      class="payment-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" busy={busy()} onClick={() => void submit()} data-testid="payment-submit">
            {t('invoices.payment.submit')}
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
          label={`${t('invoices.payment.amount')}, ${currency()} *`}
          inputmode="decimal"
          autocomplete="off"
          value={amount()}
          error={errors().amount}
          hint={t('invoices.payment.owedHint', { owed: money(owed()) })}
          onInput={(event) => {
            setAmount(event.currentTarget.value);
            setErrors((e) => ({ ...e, amount: undefined }));
          }}
        />
        <TextField
          label={`${t('invoices.payment.paidOn')} *`}
          type="date"
          max={today()}
          value={paidOn()}
          error={errors().paidOn}
          hint={
            backdated()
              ? t('invoices.payment.backdatedHint', { date: formatDay(paidOn(), i18n.locale()) })
              : undefined
          }
          onInput={(event) => {
            setPaidOn(event.currentTarget.value);
            setErrors((e) => ({ ...e, paidOn: undefined }));
          }}
          addon={
            <Show when={backdated()}>
              <span class="payment-dialog__backdated" data-testid="payment-backdated">
                <Badge tone="warning">{t('invoices.payment.backdated')}</Badge>
              </span>
            </Show>
          }
        />
        <SelectField
          label={t('invoices.payment.installment')}
          placeholder={t('invoices.payment.anyInstallment')}
          options={open().map((i) => ({
            value: String(i.n),
            label: t('invoices.payment.installmentOption', {
              n: i.n,
              date: formatDay(i.dueDate, i18n.locale()),
              remaining: money(installmentRemaining(i)),
            }),
          }))}
          value={installment()}
          onChange={(event) => {
            setInstallment(event.currentTarget.value);
            setErrors((e) => ({ ...e, amount: undefined }));
          }}
        />
        <TextField
          label={t('invoices.payment.reference')}
          placeholder={t('invoices.payment.referencePlaceholder')}
          maxLength={200}
          value={reference()}
          onInput={(event) => setReference(event.currentTarget.value)}
        />
        <TextAreaField
          label={t('invoices.payment.note')}
          rows={2}
          maxLength={2000}
          value={note()}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
      </form>
    </Dialog>
  );
};
