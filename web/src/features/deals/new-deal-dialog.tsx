// "Новая сделка": title, the company (found with the record picker), value and currency, expected close
// date, stage of the current pipeline, owner (managers may choose anyone), source and, for the source
// «Рассылка», the launched campaign (for the campaign's report). The form checks
// what it can before sending; the server's field errors land beside the same fields.
import { createEffect, createResource, createSignal, on, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import type { Deal, NewDeal, Pipeline, Rates } from '../../api/deals.ts';
import { currencyMinorDigits } from '../../format/format.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField } from '../../ui/choice-fields.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Alert } from '../../ui/feedback.tsx';
import { TextField } from '../../ui/field.tsx';
import { canReassign } from '../records/permissions.ts';
import { leadSources } from '../records/record-constants.ts';
import { localizedFieldMessage } from '../records/save-outcome.ts';
import { RecordPicker } from '../search/record-picker.tsx';
import { useActor } from '../users/actor.ts';
import { staff } from '../users/staff.ts';
import { parseAmount } from './money-input.ts';

type Form = {
  title: string;
  companyId: string;
  companyName: string;
  amount: string;
  currency: string;
  expectedCloseDate: string;
  stageId: string;
  ownerId: string;
  source: string;
  campaignId: string;
  description: string;
};

type Errors = Partial<Record<keyof Form | 'form', string>>;

/** The form field a server error names (`value.amount` → amount). */
const formField = (field: string): keyof Form | undefined => {
  const map: Record<string, keyof Form> = {
    title: 'title',
    companyId: 'companyId',
    'value.amount': 'amount',
    'value.currency': 'currency',
    expectedCloseDate: 'expectedCloseDate',
    stageId: 'stageId',
    ownerId: 'ownerId',
    source: 'source',
    campaignId: 'campaignId',
    description: 'description',
  };
  return map[field];
};

export const NewDealDialog = (props: {
  open: boolean;
  pipeline: Pipeline;
  rates: Rates | undefined;
  onClose: () => void;
  onCreated: (deal: Deal) => void;
}) => {
  const i18n = useI18n();
  const { t, lookup } = i18n;
  const actor = useActor();
  const blank = (): Form => ({
    title: '',
    companyId: '',
    companyName: '',
    amount: '',
    currency: props.rates?.base ?? i18n.currency(),
    expectedCloseDate: '',
    stageId: props.pipeline.stages[0]?.id ?? '',
    ownerId: actor().userId,
    source: '',
    campaignId: '',
    description: '',
  });
  const [form, setForm] = createStore<Form>(blank());
  const [errors, setErrors] = createStore<Errors>({});
  const [busy, setBusy] = createSignal(false);
  let titleInput: HTMLInputElement | undefined;
  // Launched campaigns, read once the source «Рассылка» is picked.
  const [campaigns] = createResource(
    () => props.open && form.source === 'campaign',
    () => api().campaigns.sources(),
  );

  createEffect(
    on(
      () => props.open,
      (open) => {
        if (!open) return;
        setForm(blank());
        setErrors(reconcile({}));
      },
    ),
  );

  const currencies = () => {
    const base = props.rates?.base ?? i18n.currency();
    return [
      base,
      ...Object.keys(props.rates?.rates ?? {})
        .filter((c) => c !== base)
        .sort(),
    ];
  };

  const set = (key: keyof Form, value: string) => {
    setForm(key, value);
    setErrors(key, undefined);
  };

  const check = (): Errors => {
    const found: Errors = {};
    if (!form.title.trim()) found.title = t('deals.form.errors.titleRequired');
    if (!form.companyId) found.companyId = t('deals.form.errors.companyRequired');
    if (parseAmount(form.amount, currencyMinorDigits(form.currency)) === undefined)
      found.amount = t('deals.form.errors.amountInvalid');
    return found;
  };

  const submit = async (event?: Event) => {
    event?.preventDefault();
    const found = check();
    setErrors(reconcile(found));
    if (Object.keys(found).length > 0) {
      document.querySelector<HTMLElement>('.new-deal [aria-invalid="true"]')?.focus();
      return;
    }
    const input: NewDeal = {
      title: form.title.trim(),
      companyId: form.companyId,
      value: {
        amount: parseAmount(form.amount, currencyMinorDigits(form.currency)) ?? 0,
        currency: form.currency,
      },
      pipelineId: props.pipeline.id,
      stageId: form.stageId,
      ...(form.expectedCloseDate ? { expectedCloseDate: form.expectedCloseDate } : {}),
      ...(form.ownerId ? { ownerId: form.ownerId } : {}),
      ...(form.source ? { source: form.source } : {}),
      ...(form.source === 'campaign' && form.campaignId ? { campaignId: form.campaignId } : {}),
      ...(form.description.trim() ? { description: form.description.trim() } : {}),
    };
    setBusy(true);
    try {
      const deal = await api().deals.create(input);
      props.onCreated(deal);
    } catch (error) {
      const fields: Errors = {};
      if (error instanceof ApiError)
        for (const problem of error.fields) {
          const key = formField(problem.field);
          if (!key) continue;
          fields[key] =
            key === 'currency'
              ? t('deals.form.errors.noRate', { currency: form.currency })
              : localizedFieldMessage(problem.field, problem.message, i18n);
        }
      setErrors(reconcile({ ...fields, form: describeError(error, i18n).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      title={t('deals.form.title')}
      description={t('deals.form.description')}
      onClose={props.onClose}
      closeLabel={t('common.close')}
      size="lg"
      class="new-deal"
      initialFocus={() => titleInput}
      footer={
        <>
          <Button variant="secondary" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" busy={busy()} onClick={() => void submit()}>
            {t('deals.form.submit')}
          </Button>
        </>
      }
    >
      <form class="form-grid" onSubmit={(event) => void submit(event)} novalidate>
        <Show when={errors.form}>
          <div class="form-grid__wide">
            <Alert tone="danger" role="alert">
              {errors.form}
            </Alert>
          </div>
        </Show>
        <TextField
          ref={(element) => {
            titleInput = element;
          }}
          class="form-grid__wide"
          label={`${t('deals.form.name')} *`}
          placeholder={t('deals.form.namePlaceholder')}
          maxLength={200}
          required
          value={form.title}
          error={errors.title}
          onInput={(event) => set('title', event.currentTarget.value)}
        />
        <div class="form-grid__wide">
          <Show
            when={form.companyId}
            fallback={
              <RecordPicker
                label={`${t('deals.form.company')} *`}
                type="company"
                placeholder={t('deals.form.companyPlaceholder')}
                error={errors.companyId}
                testId="deal-company-picker"
                onPick={(hit) => {
                  setForm({ companyId: hit.id, companyName: hit.name });
                  setErrors('companyId', undefined);
                }}
              />
            }
          >
            <div class="field">
              <span class="field__label">{`${t('deals.form.company')} *`}</span>
              <div class="picked">
                <span class="picked__name" data-testid="deal-company">
                  {form.companyName}
                </span>
                <button
                  type="button"
                  class="link-button"
                  onClick={() => setForm({ companyId: '', companyName: '' })}
                >
                  {t('deals.form.companyChange')}
                </button>
              </div>
              <Show when={errors.companyId}>
                <p class="field__error">{errors.companyId}</p>
              </Show>
            </div>
          </Show>
        </div>
        <div class="deal-money">
          <TextField
            label={`${t('deals.form.amount')} *`}
            placeholder={t('deals.form.amountPlaceholder')}
            inputmode="decimal"
            autocomplete="off"
            required
            value={form.amount}
            error={errors.amount}
            onInput={(event) => set('amount', event.currentTarget.value)}
          />
          <SelectField
            label={t('deals.form.currency')}
            options={currencies().map((c) => ({ value: c, label: c }))}
            value={form.currency}
            error={errors.currency}
            onChange={(event) => set('currency', event.currentTarget.value)}
          />
        </div>
        <TextField
          label={t('deals.form.closeDate')}
          type="date"
          value={form.expectedCloseDate}
          error={errors.expectedCloseDate}
          onInput={(event) => set('expectedCloseDate', event.currentTarget.value)}
        />
        <SelectField
          label={t('deals.form.stage')}
          options={props.pipeline.stages.map((s) => ({ value: s.id, label: s.name }))}
          value={form.stageId}
          error={errors.stageId}
          onChange={(event) => set('stageId', event.currentTarget.value)}
        />
        <Show when={canReassign(actor()) && staff().length > 0}>
          <SelectField
            label={t('deals.form.owner')}
            options={staff().map((s) => ({ value: s.id, label: s.name }))}
            value={form.ownerId}
            error={errors.ownerId}
            onChange={(event) => set('ownerId', event.currentTarget.value)}
          />
        </Show>
        <SelectField
          label={t('deals.form.source')}
          placeholder={t('deals.form.noSource')}
          options={leadSources.map((s) => ({ value: s, label: lookup(`records.sources.${s}`) ?? s }))}
          value={form.source}
          error={errors.source}
          onChange={(event) => set('source', event.currentTarget.value)}
        />
        <Show when={form.source === 'campaign'}>
          <SelectField
            label={t('deals.form.campaign')}
            placeholder={campaigns()?.length === 0 ? t('deals.form.noCampaigns') : t('deals.form.noCampaign')}
            options={(campaigns() ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={form.campaignId}
            error={errors.campaignId}
            onChange={(event) => set('campaignId', event.currentTarget.value)}
          />
        </Show>
        <TextAreaField
          class="form-grid__wide"
          label={t('deals.form.notes')}
          rows={2}
          maxLength={5000}
          value={form.description}
          onInput={(event) => set('description', event.currentTarget.value)}
        />
      </form>
    </Dialog>
  );
};
