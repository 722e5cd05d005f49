// «Новый счёт»: the buyer (a company found with the record picker, or the company of the card or deal it
// was opened from), the billing contact (a contact of that company), the currency, the lines — the
// deal's lines copied as they are when opened from a deal, else catalogue products priced from a price
// list (the deal editor's picker and arithmetic) and free lines —, the payment schedule with its live
// «Осталось распределить», and a note. The server makes a draft; its refusals land beside their fields
// (a schedule that does not add up beside the schedule).
import { createEffect, createMemo, createResource, createSignal, For, Index, on, Show } from 'solid-js';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import type { Deal } from '../../api/deals.ts';
import type { Invoice, NewInvoice } from '../../api/invoices.ts';
import type { PriceList, Product } from '../../api/products.ts';
import { currencyMinorDigits, dayInTimeZone } from '../../format/format.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField } from '../../ui/choice-fields.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Alert } from '../../ui/feedback.tsx';
import { Icon } from '../../ui/icon.tsx';
import { loaded } from '../../ui/resource.ts';
import { formatPercent } from '../deals/deal-format.ts';
import { addProduct, amountText, formatDecimalText, formatDiscountText } from '../products/line-draft.ts';
import { ProductPicker } from '../products/product-picker.tsx';
import { localizedFieldMessage } from '../records/save-outcome.ts';
import { RecordPicker } from '../search/record-picker.tsx';
import { fieldProblem, scheduleErrorText } from './invoice-errors.ts';
import {
  blankFreeLine,
  type FreeLine,
  type InvoiceDraftLine,
  priceInvoiceDraft,
  toInvoiceLineInputs,
  vatRates,
} from './invoice-lines.ts';
import { addDays, checkSchedule, rowKey, type ScheduleRow, toInstallmentInputs } from './schedule.ts';
import { ScheduleEditor } from './schedule-editor.tsx';
import '../products/products.css';
import './invoices.css';

/** Where the dialog was opened: the list (nothing known), a company's card, or a deal. */
export type InvoiceStart = { company?: { id: string; name: string }; deal?: Deal };

type Errors = { company?: string; contact?: string; lines?: string; schedule?: string; form?: string };

const defaultPaymentDays = 10;

export const NewInvoiceDialog = (props: {
  open: boolean;
  start: InvoiceStart;
  onClose: () => void;
  onCreated: (invoice: Invoice) => void;
}) => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const today = () => dayInTimeZone(Date.now(), i18n.timeZone());
  const [company, setCompany] = createSignal<{ id: string; name: string }>();
  /** undefined until chosen: then the company's first contact with an e-mail; '' is "nobody". */
  const [chosenContact, setContactId] = createSignal<string>();
  const [currency, setCurrency] = createSignal(i18n.currency());
  const [priceListId, setPriceListId] = createSignal('');
  const [lines, setLines] = createSignal<InvoiceDraftLine[]>([]);
  const [rows, setRows] = createSignal<ScheduleRow[]>([]);
  /** One installment that follows the total until the schedule is edited by hand. */
  const [autoSchedule, setAutoSchedule] = createSignal(true);
  const [note, setNote] = createSignal('');
  const [errors, setErrors] = createSignal<Errors>({});
  const [showProblems, setShowProblems] = createSignal(false);
  const [busy, setBusy] = createSignal(false);

  const [contacts] = createResource(
    () => (props.open ? company()?.id : undefined),
    async (id) => (await api().companyContacts.list(id)).items,
  );
  const [rates] = createResource(
    () => props.open,
    () => api().deals.rates(),
  );
  const [priceLists] = createResource(
    () => props.open,
    () => api().products.priceLists(),
  );
  const [settings] = createResource(
    () => props.open,
    () =>
      api()
        .receivables.settings()
        .catch(() => undefined),
  );

  const deal = () => props.start.deal;
  const dealLines = () => deal()?.lines ?? [];
  const fromDeal = () => dealLines().length > 0 && deal()?.linesTotals !== undefined;
  const digits = () => currencyMinorDigits(currency());
  const paymentDays = () => loaded(settings)?.settings.defaultPaymentDays ?? defaultPaymentDays;
  const firstDue = () => addDays(today(), paymentDays());
  const lists = (): PriceList[] => (loaded(priceLists) ?? []).filter((l) => l.currency === currency());
  const chosenList = () => lists().find((l) => l.id === priceListId());
  const currencies = () => {
    const base = loaded(rates)?.base ?? i18n.currency();
    return [
      base,
      ...Object.keys(loaded(rates)?.rates ?? {})
        .filter((c) => c !== base)
        .sort(),
    ];
  };

  const draft = createMemo(() => priceInvoiceDraft(lines(), priceListId(), currency(), digits()));
  const total = (): number | undefined =>
    fromDeal() ? deal()?.linesTotals?.total : draft().valid ? draft().totals?.total : undefined;
  const money = (minor: number) => fmt.money(minor, currency());

  createEffect(
    on(
      () => props.open,
      (open) => {
        if (!open) return;
        const start = props.start;
        setCompany(
          start.company ??
            (start.deal ? { id: start.deal.companyId, name: start.deal.companyName ?? '' } : undefined),
        );
        setContactId(undefined);
        setCurrency(start.deal?.linesTotals?.currency ?? start.deal?.value.currency ?? i18n.currency());
        setPriceListId(start.deal?.priceListId ?? '');
        setLines([]);
        setRows([{ key: rowKey(), dueDate: firstDue(), amount: '' }]);
        setAutoSchedule(true);
        setNote('');
        setErrors({});
        setShowProblems(false);
      },
    ),
  );

  // The price list follows the currency; the first list of that currency unless one is chosen.
  createEffect(() => {
    if (!chosenList() && lists()[0]) setPriceListId(lists()[0]?.id ?? '');
  });

  const contactId = (): string => {
    const chosen = chosenContact();
    if (chosen !== undefined) return chosen;
    const list = loaded(contacts) ?? [];
    return (list.find((c) => c.primaryEmail) ?? list[0])?.contactId ?? '';
  };

  // A single untouched installment carries the whole total; its date follows the payment term.
  createEffect(() => {
    const sum = total();
    if (!autoSchedule()) return;
    setRows((current) => [
      {
        key: current[0]?.key ?? rowKey(),
        dueDate: firstDue(),
        amount: sum === undefined ? '' : amountText(sum, digits(), i18n.locale()),
      },
    ]);
  });

  const setError = (key: keyof Errors, value: string | undefined) =>
    setErrors((current) => ({ ...current, [key]: value }));

  const pickProduct = (product: Product) => {
    const products = lines().flatMap((l) => (l.kind === 'product' ? [l.line] : []));
    const { lines: next } = addProduct(products, product, i18n.locale());
    const added = next.find((l) => !products.some((p) => p.key === l.key));
    if (added) setLines((all) => [...all, { kind: 'product', line: added }]);
    else
      setLines((all) =>
        all.map((l) =>
          l.kind === 'product'
            ? { kind: 'product', line: next.find((n) => n.key === l.line.key) ?? l.line }
            : l,
        ),
      );
    setError('lines', undefined);
  };

  const updateLine = (key: string, change: Partial<FreeLine> & { quantity?: string; discount?: string }) => {
    setLines((all) =>
      all.map((entry): InvoiceDraftLine => {
        if (entry.line.key !== key) return entry;
        if (entry.kind === 'product')
          return {
            kind: 'product',
            line: {
              ...entry.line,
              ...(change.quantity !== undefined ? { quantity: change.quantity } : {}),
              ...(change.discount !== undefined ? { discount: change.discount } : {}),
            },
          };
        return { kind: 'free', line: { ...entry.line, ...change } };
      }),
    );
    setError('lines', undefined);
  };

  const lineProblemText = (problem: string) => t(`invoices.form.lineProblems.${problem}` as never);

  const submit = async (event?: Event) => {
    event?.preventDefault();
    setShowProblems(true);
    const found: Errors = {};
    const buyer = company();
    if (!buyer) found.company = t('invoices.form.errors.company');
    if (!fromDeal() && !draft().valid)
      found.lines =
        lines().length === 0 ? t('invoices.form.errors.noLines') : t('invoices.form.errors.lines');
    const schedule = checkSchedule(rows(), total() ?? 0, digits());
    if (schedule.problems.some((p) => p.length > 0)) found.schedule = t('invoices.schedule.errors.rows');
    setErrors(found);
    if (Object.keys(found).length > 0 || !buyer) {
      queueMicrotask(() =>
        document.querySelector<HTMLElement>('.new-invoice [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    const hasProducts = lines().some((l) => l.kind === 'product');
    const input: NewInvoice = {
      companyId: buyer.id,
      ...(deal() ? { dealId: deal()?.id } : {}),
      ...(contactId() ? { billingContactId: contactId() } : {}),
      currency: currency(),
      ...(!fromDeal() && hasProducts && priceListId() ? { priceListId: priceListId() } : {}),
      ...(!fromDeal() ? { lines: toInvoiceLineInputs(lines(), digits()) } : {}),
      installments: toInstallmentInputs(rows(), digits()),
      ...(note().trim() ? { note: note().trim() } : {}),
    };
    setBusy(true);
    try {
      props.onCreated(await api().invoices.create(input));
    } catch (error) {
      const next: Errors = {};
      const scheduleText = scheduleErrorText(error, i18n, money);
      if (scheduleText) next.schedule = scheduleText;
      const linesText = fieldProblem(error, 'lines');
      if (linesText) next.lines = t('invoices.form.errors.server', { message: linesText });
      const contactText = fieldProblem(error, 'billingContactId');
      if (contactText) next.contact = localizedFieldMessage('billingContactId', contactText, i18n);
      const companyText = fieldProblem(error, 'companyId');
      if (companyText) next.company = localizedFieldMessage('companyId', companyText, i18n);
      if (!(error instanceof ApiError) || error.status !== 400 || Object.keys(next).length === 0)
        next.form =
          error instanceof ApiError && error.status === 403
            ? t('invoices.form.errors.forbidden')
            : describeError(error, i18n).message;
      setErrors(next);
    } finally {
      setBusy(false);
    }
  };

  const totals = () => (fromDeal() ? deal()?.linesTotals : draft().totals);

  return (
    <Dialog
      open={props.open}
      title={t('invoices.form.title')}
      description={
        deal() ? t('invoices.form.fromDeal', { title: deal()?.title ?? '' }) : t('invoices.form.description')
      }
      onClose={props.onClose}
      closeLabel={t('common.close')}
      size="xl"
      class="new-invoice"
      footer={
        <>
          <Button variant="secondary" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" busy={busy()} onClick={() => void submit()} data-testid="invoice-submit">
            {t('invoices.form.submit')}
          </Button>
        </>
      }
    >
      <form class="invoice-form" onSubmit={(event) => void submit(event)} novalidate>
        <Show when={errors().form}>
          <Alert tone="danger" role="alert">
            {errors().form}
          </Alert>
        </Show>

        <fieldset class="invoice-form__section invoice-form__buyer">
          <legend class="invoice-form__legend">{t('invoices.form.buyer')}</legend>
          <Show
            when={company()}
            fallback={
              <RecordPicker
                label={`${t('invoices.form.company')} *`}
                type="company"
                placeholder={t('invoices.form.companyPlaceholder')}
                error={errors().company}
                testId="invoice-company-picker"
                onPick={(hit) => {
                  setCompany({ id: hit.id, name: hit.name });
                  setContactId(undefined);
                  setError('company', undefined);
                }}
              />
            }
          >
            {(picked) => (
              <div class="field invoice-form__company">
                <span class="field__label">{t('invoices.form.company')}</span>
                <div class="picked">
                  <Icon name="building" size={16} />
                  <span class="picked__name" data-testid="invoice-company">
                    {picked().name}
                  </span>
                  <Show when={!props.start.company && !deal()}>
                    <button
                      type="button"
                      class="link-button"
                      aria-label={t('invoices.form.changeCompany', { name: picked().name })}
                      onClick={() => {
                        setCompany(undefined);
                        setContactId(undefined);
                      }}
                    >
                      {t('common.edit')}
                    </button>
                  </Show>
                </div>
                <Show when={errors().company}>
                  <p class="field__error">{errors().company}</p>
                </Show>
              </div>
            )}
          </Show>
          <SelectField
            label={t('invoices.form.contact')}
            placeholder={company() ? t('invoices.form.noContact') : t('invoices.form.pickCompanyFirst')}
            disabled={!company()}
            options={(loaded(contacts) ?? []).map((c) => ({
              value: c.contactId,
              label: c.primaryEmail
                ? `${c.name} <${c.primaryEmail}>`
                : `${c.name} (${t('invoices.form.noEmail')})`,
            }))}
            value={contactId()}
            error={errors().contact}
            hint={t('invoices.form.contactHint')}
            onChange={(event) => {
              setContactId(event.currentTarget.value);
              setError('contact', undefined);
            }}
          />
          <SelectField
            label={t('invoices.form.currency')}
            options={currencies().map((c) => ({ value: c, label: c }))}
            value={currency()}
            disabled={fromDeal()}
            onChange={(event) => {
              setCurrency(event.currentTarget.value);
              setPriceListId('');
            }}
          />
        </fieldset>

        <fieldset class="invoice-form__section">
          <legend class="invoice-form__legend">{t('invoices.form.lines')}</legend>
          <Show
            when={!fromDeal()}
            fallback={
              <>
                <p class="muted invoice-form__hint">{t('invoices.form.dealLinesHint')}</p>
                <div class="table-scroll">
                  <table class="data-table lines-table" data-testid="invoice-draft-lines">
                    <caption class="sr-only">{t('invoices.form.lines')}</caption>
                    <thead>
                      <tr>
                        <th scope="col" class="lines-table__no">
                          {t('dealLines.columns.number')}
                        </th>
                        <th scope="col">{t('dealLines.columns.name')}</th>
                        <th scope="col" class="data-table__num-head">
                          {t('dealLines.columns.quantity')}
                        </th>
                        <th scope="col" class="data-table__num-head">
                          {t('dealLines.columns.price')}
                        </th>
                        <th scope="col" class="data-table__num-head">
                          {t('dealLines.columns.discount')}
                        </th>
                        <th scope="col" class="data-table__num-head">
                          {t('dealLines.columns.total')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={dealLines()}>
                        {(line, index) => (
                          <tr data-testid="invoice-draft-line">
                            <td class="lines-table__no">{index() + 1}</td>
                            <th scope="row" class="lines-table__name">
                              <span class="lines-table__product">{line.name}</span>
                              <span class="lines-table__sku">{line.sku}</span>
                            </th>
                            <td class="data-table__num">
                              {formatDecimalText(line.quantity, i18n.locale())} {line.unit}
                            </td>
                            <td class="data-table__num">
                              {fmt.money(line.unitPrice.amount, line.unitPrice.currency)}
                            </td>
                            <td class="data-table__num">
                              {line.discountPercent === '0'
                                ? '—'
                                : formatDiscountText(line.discountPercent, i18n.locale())}
                            </td>
                            <td class="data-table__num lines-table__total">
                              {fmt.money(line.total, line.unitPrice.currency)}
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </>
            }
          >
            <div class="lines-editor__toolbar invoice-form__toolbar">
              <Show when={lists().length > 0}>
                <SelectField
                  label={t('dealLines.priceList')}
                  class="lines-editor__list"
                  options={lists().map((l) => ({ value: l.id, label: `${l.name} (${l.currency})` }))}
                  value={priceListId()}
                  onChange={(event) => setPriceListId(event.currentTarget.value)}
                />
                <ProductPicker
                  label={t('dealLines.picker')}
                  priceList={chosenList()}
                  onPick={pickProduct}
                  testId="invoice-product-picker"
                />
              </Show>
              <Button
                icon="plus"
                class="invoice-form__free"
                onClick={() => {
                  setLines((all) => [...all, { kind: 'free', line: blankFreeLine() }]);
                  setError('lines', undefined);
                }}
              >
                {t('invoices.form.addFreeLine')}
              </Button>
            </div>
            <Show
              when={lines().length > 0}
              fallback={<p class="muted invoice-form__hint">{t('invoices.form.noLinesYet')}</p>}
            >
              <div class="table-scroll">
                <table
                  class="data-table lines-table lines-table--editing invoice-lines-editor"
                  data-testid="invoice-draft-lines"
                >
                  <caption class="sr-only">{t('invoices.form.lines')}</caption>
                  <thead>
                    <tr>
                      <th scope="col" class="lines-table__no">
                        {t('dealLines.columns.number')}
                      </th>
                      <th scope="col">{t('dealLines.columns.name')}</th>
                      <th scope="col" class="data-table__num-head">
                        {t('dealLines.columns.quantity')}
                      </th>
                      <th scope="col" class="data-table__num-head">
                        {t('invoices.form.netPrice')}
                      </th>
                      <th scope="col" class="data-table__num-head">
                        {t('dealLines.columns.discount')}
                      </th>
                      <th scope="col" class="data-table__num-head">
                        {t('dealLines.columns.vat')}
                      </th>
                      <th scope="col" class="data-table__num-head">
                        {t('dealLines.columns.total')}
                      </th>
                      <th scope="col">
                        <span class="sr-only">{t('products.columns.actions')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <Index each={lines()}>
                      {(entry, index) => {
                        const n = index + 1;
                        const priced = () => draft().lines[index];
                        const problems = () => (showProblems() ? (priced()?.problems ?? []) : []);
                        const bad = (p: string) => (problems().includes(p as never) ? 'true' : undefined);
                        const messageId = () => `invoice-line-problem-${entry().line.key}`;
                        const free = () => (entry().kind === 'free' ? (entry().line as FreeLine) : undefined);
                        return (
                          <>
                            <tr
                              data-testid="invoice-draft-line"
                              classList={{ 'has-problem': problems().length > 0 }}
                            >
                              <td class="lines-table__no">{n}</td>
                              <Show
                                when={free()}
                                fallback={
                                  <th scope="row" class="lines-table__name">
                                    <span class="lines-table__product">{entry().line.name}</span>
                                    <span class="lines-table__sku">
                                      {entry().kind === 'product'
                                        ? (entry().line as { sku: string }).sku
                                        : ''}
                                    </span>
                                  </th>
                                }
                              >
                                {(line) => (
                                  <td class="lines-table__name">
                                    <input
                                      class="input input--sm invoice-lines-editor__name"
                                      aria-label={t('invoices.form.lineName', { n })}
                                      aria-invalid={bad('name')}
                                      placeholder={t('invoices.form.lineNamePlaceholder')}
                                      maxLength={300}
                                      value={line().name}
                                      onInput={(e) => updateLine(line().key, { name: e.currentTarget.value })}
                                    />
                                  </td>
                                )}
                              </Show>
                              <td class="data-table__num lines-table__input-cell">
                                <input
                                  class="input input--sm lines-table__input"
                                  inputmode="decimal"
                                  autocomplete="off"
                                  aria-label={
                                    free()
                                      ? t('invoices.form.lineQuantity', { n })
                                      : t('dealLines.quantityFor', { name: entry().line.name })
                                  }
                                  aria-invalid={bad('quantity')}
                                  aria-describedby={problems().length > 0 ? messageId() : undefined}
                                  value={entry().line.quantity}
                                  onInput={(e) =>
                                    updateLine(entry().line.key, { quantity: e.currentTarget.value })
                                  }
                                />
                                <Show
                                  when={free()}
                                  fallback={<span class="lines-table__unit">{entry().line.unit}</span>}
                                >
                                  {(line) => (
                                    <input
                                      class="input input--sm invoice-lines-editor__unit"
                                      aria-label={t('invoices.form.lineUnit', { n })}
                                      aria-invalid={bad('unit')}
                                      placeholder={t('invoices.form.unitPlaceholder')}
                                      maxLength={20}
                                      value={line().unit}
                                      onInput={(e) => updateLine(line().key, { unit: e.currentTarget.value })}
                                    />
                                  )}
                                </Show>
                              </td>
                              <td class="data-table__num lines-table__input-cell">
                                <Show
                                  when={free()}
                                  fallback={
                                    <span>
                                      {(() => {
                                        const price = draft().lines[index];
                                        const e = entry();
                                        const unit =
                                          e.kind === 'product' ? e.line.prices[priceListId()] : undefined;
                                        return price && unit !== undefined ? money(unit) : '—';
                                      })()}
                                    </span>
                                  }
                                >
                                  {(line) => (
                                    <input
                                      class="input input--sm lines-table__input invoice-lines-editor__price"
                                      inputmode="decimal"
                                      autocomplete="off"
                                      aria-label={t('invoices.form.linePrice', { n })}
                                      aria-invalid={bad('unitPrice')}
                                      value={line().unitPrice}
                                      onInput={(e) =>
                                        updateLine(line().key, { unitPrice: e.currentTarget.value })
                                      }
                                    />
                                  )}
                                </Show>
                              </td>
                              <td class="data-table__num lines-table__input-cell">
                                <input
                                  class="input input--sm lines-table__input lines-table__input--discount"
                                  inputmode="decimal"
                                  autocomplete="off"
                                  placeholder="0"
                                  aria-label={
                                    free()
                                      ? t('invoices.form.lineDiscount', { n })
                                      : t('dealLines.discountFor', { name: entry().line.name })
                                  }
                                  aria-invalid={bad('discount')}
                                  value={entry().line.discount}
                                  onInput={(e) =>
                                    updateLine(entry().line.key, { discount: e.currentTarget.value })
                                  }
                                />
                                <span class="lines-table__unit">%</span>
                              </td>
                              <td class="data-table__num">
                                <Show
                                  when={free()}
                                  fallback={formatPercent(
                                    entry().kind === 'product'
                                      ? (entry().line as { vatRate: number }).vatRate
                                      : 0,
                                    i18n.locale(),
                                  )}
                                >
                                  {(line) => (
                                    <select
                                      class="input input--sm select invoice-lines-editor__vat"
                                      aria-label={t('invoices.form.lineVat', { n })}
                                      value={line().vatRate}
                                      onChange={(e) =>
                                        updateLine(line().key, { vatRate: e.currentTarget.value })
                                      }
                                    >
                                      <For each={vatRates}>
                                        {(rate) => (
                                          <option
                                            value={String(rate)}
                                            selected={String(rate) === line().vatRate}
                                          >
                                            {formatPercent(rate, i18n.locale())}
                                          </option>
                                        )}
                                      </For>
                                    </select>
                                  )}
                                </Show>
                              </td>
                              <td class="data-table__num lines-table__total">
                                {priced()?.amounts ? money(priced()?.amounts?.total ?? 0) : '—'}
                              </td>
                              <td class="data-table__actions">
                                <button
                                  type="button"
                                  class="icon-button icon-button--sm"
                                  aria-label={t('invoices.form.removeLine', { n })}
                                  onClick={() =>
                                    setLines((all) => all.filter((l) => l.line.key !== entry().line.key))
                                  }
                                >
                                  <Icon name="trash" size={16} />
                                </button>
                              </td>
                            </tr>
                            <Show when={problems().length > 0}>
                              <tr class="lines-table__problem">
                                <td />
                                <td colSpan={7} id={messageId()}>
                                  {problems().map(lineProblemText).join(' · ')}
                                </td>
                              </tr>
                            </Show>
                          </>
                        );
                      }}
                    </Index>
                  </tbody>
                </table>
              </div>
            </Show>
          </Show>
          <Show when={errors().lines}>
            <p class="field__error" role="alert">
              {errors().lines}
            </p>
          </Show>
          <Show when={totals()}>
            {(sum) => (
              <dl class="line-totals invoice-form__totals" data-testid="invoice-draft-totals">
                <div class="line-totals__row">
                  <dt>{t('dealLines.totals.net')}</dt>
                  <dd>{fmt.money(sum().net, sum().currency)}</dd>
                </div>
                <div class="line-totals__row">
                  <dt>{t('dealLines.totals.vat')}</dt>
                  <dd>{fmt.money(sum().vat, sum().currency)}</dd>
                </div>
                <div class="line-totals__row line-totals__row--total">
                  <dt>{t('dealLines.totals.total')}</dt>
                  <dd data-testid="invoice-draft-total">{fmt.money(sum().total, sum().currency)}</dd>
                </div>
              </dl>
            )}
          </Show>
        </fieldset>

        <ScheduleEditor
          rows={rows()}
          onChange={(next) => {
            setAutoSchedule(false);
            setRows(next);
            setError('schedule', undefined);
          }}
          total={total()}
          currency={currency()}
          digits={digits()}
          firstDue={firstDue()}
          showProblems={showProblems()}
          error={errors().schedule}
        />

        <TextAreaField
          label={t('invoices.form.note')}
          rows={2}
          maxLength={2000}
          value={note()}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
      </form>
    </Dialog>
  );
};
