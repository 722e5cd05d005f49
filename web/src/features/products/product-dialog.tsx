// A product's form (new or changed): name, SKU, unit, VAT rate, description and its net price in each
// price list (empty: not in that list). A change sends only what changed, at the version read: a
// colleague's change first (409 StaleVersion) reloads the product into the form; a SKU another product
// has (409) is said beside the SKU with that product's name.
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import type { NewProduct, PriceList, Product, ProductChanges } from '../../api/products.ts';
import { currencyMinorDigits } from '../../format/format.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField } from '../../ui/choice-fields.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Alert } from '../../ui/feedback.tsx';
import { TextField } from '../../ui/field.tsx';
import { formatPercent } from '../deals/deal-format.ts';
import { parseAmount } from '../deals/money-input.ts';
import { localizedFieldMessage } from '../records/save-outcome.ts';
import { skuHolder, vatRates } from './catalogue.ts';
import { amountText } from './line-draft.ts';

type Form = {
  name: string;
  sku: string;
  unit: string;
  vatRate: string;
  description: string;
  /** Typed price per price list id. */
  prices: Record<string, string>;
};

type Errors = Partial<Record<'name' | 'sku' | 'unit' | 'vatRate' | 'description' | 'form', string>> & {
  prices?: Record<string, string>;
};

export const ProductDialog = (props: {
  /** 'new', a product to change, or undefined when closed. */
  product: Product | 'new' | undefined;
  priceLists: readonly PriceList[];
  onClose: () => void;
  onSaved: (product: Product, created: boolean) => void;
}) => {
  const i18n = useI18n();
  const { t } = i18n;
  const [form, setForm] = createStore<Form>({
    name: '',
    sku: '',
    unit: '',
    vatRate: '20',
    description: '',
    prices: {},
  });
  const [errors, setErrors] = createStore<Errors>({});
  const [busy, setBusy] = createSignal(false);
  /** The product the form was filled from (a 409 refills it from the colleague's version). */
  const [base, setBase] = createSignal<Product>();
  let nameInput: HTMLInputElement | undefined;

  const digits = (list: PriceList) => currencyMinorDigits(list.currency);

  const fill = (product: Product | undefined) => {
    setBase(product);
    setForm(
      reconcile({
        name: product?.name ?? '',
        sku: product?.sku ?? '',
        unit: product?.unit ?? (i18n.locale() === 'ru' ? 'шт' : 'pcs'),
        vatRate: String(product?.vatRate ?? 20),
        description: product?.description ?? '',
        prices: Object.fromEntries(
          props.priceLists.map((list) => {
            const amount = product?.prices[list.id];
            return [list.id, amount === undefined ? '' : amountText(amount, digits(list), i18n.locale())];
          }),
        ),
      }),
    );
    setErrors(reconcile({}));
  };

  createEffect(
    on(
      () => props.product,
      (product) => {
        if (product !== undefined) fill(product === 'new' ? undefined : product);
      },
    ),
  );

  const rateOptions = () => {
    const current = Number(form.vatRate);
    const rates: number[] = [...vatRates];
    if (!rates.includes(current)) rates.push(current);
    return rates.map((r) => ({ value: String(r), label: formatPercent(r, i18n.locale()) }));
  };

  const check = (): { errors: Errors; prices: Record<string, number | undefined> } => {
    const found: Errors = {};
    if (!form.name.trim()) found.name = t('products.form.errors.nameRequired');
    const sku = form.sku.trim();
    if (!sku) found.sku = t('products.form.errors.skuRequired');
    else if (!/^[^\s#]+(?: [^\s#]+)*$/.test(sku)) found.sku = t('products.form.errors.skuInvalid');
    if (!form.unit.trim()) found.unit = t('products.form.errors.unitRequired');
    const prices: Record<string, number | undefined> = {};
    const priceErrors: Record<string, string> = {};
    for (const list of props.priceLists) {
      const text = (form.prices[list.id] ?? '').trim();
      if (!text) {
        prices[list.id] = undefined;
        continue;
      }
      const amount = parseAmount(text, digits(list));
      if (amount === undefined || amount > 1e12)
        priceErrors[list.id] = t('products.form.errors.priceInvalid');
      else prices[list.id] = amount;
    }
    if (Object.keys(priceErrors).length > 0) found.prices = priceErrors;
    return { errors: found, prices };
  };

  const submit = async (event?: Event) => {
    event?.preventDefault();
    const { errors: found, prices } = check();
    setErrors(reconcile(found));
    if (Object.keys(found).length > 0) {
      queueMicrotask(() =>
        document.querySelector<HTMLElement>('.product-dialog [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    const current = base();
    setBusy(true);
    try {
      if (!current) {
        const input: NewProduct = {
          name: form.name.trim(),
          sku: form.sku.trim(),
          unit: form.unit.trim(),
          vatRate: Number(form.vatRate),
          ...(form.description.trim() ? { description: form.description.trim() } : {}),
          prices: Object.fromEntries(
            Object.entries(prices).filter((entry): entry is [string, number] => entry[1] !== undefined),
          ),
        };
        props.onSaved(await api().products.create(input), true);
        return;
      }
      const changes: ProductChanges = {};
      if (form.name.trim() !== current.name) changes.name = form.name.trim();
      if (form.sku.trim() !== current.sku) changes.sku = form.sku.trim();
      if (form.unit.trim() !== current.unit) changes.unit = form.unit.trim();
      if (Number(form.vatRate) !== current.vatRate) changes.vatRate = Number(form.vatRate);
      if (form.description.trim() !== (current.description ?? ''))
        changes.description = form.description.trim() || null;
      const priceChanges: Record<string, number | null> = {};
      for (const [list, amount] of Object.entries(prices))
        if (amount !== current.prices[list]) priceChanges[list] = amount ?? null;
      if (Object.keys(priceChanges).length > 0) changes.prices = priceChanges;
      const saved =
        Object.keys(changes).length > 0
          ? await api().products.update(current.id, current.version, changes)
          : current;
      props.onSaved(saved, false);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'StaleVersion' && current) {
        const fresh = await api()
          .products.get(current.id)
          .catch(() => undefined);
        if (fresh) fill(fresh);
        setErrors('form', t('products.stale', { name: current.name }));
        return;
      }
      if (error instanceof ApiError && error.status === 409) {
        const holder = skuHolder(error.message);
        setErrors(
          'sku',
          holder
            ? t('products.form.errors.skuTaken', { name: holder })
            : t('products.form.errors.skuTakenUnknown'),
        );
        return;
      }
      const next: Errors = { form: describeError(error, i18n).message };
      if (error instanceof ApiError)
        for (const f of error.fields) {
          const message = localizedFieldMessage(f.field, f.message, i18n);
          if (f.field.startsWith('prices.'))
            next.prices = { ...next.prices, [f.field.slice('prices.'.length)]: message };
          else if (['name', 'sku', 'unit', 'vatRate', 'description'].includes(f.field))
            next[f.field as 'name'] = message;
        }
      setErrors(reconcile(next));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={props.product !== undefined}
      title={
        props.product === 'new' || props.product === undefined
          ? t('products.form.newTitle')
          : t('products.form.editTitle', { name: props.product.name })
      }
      description={t('products.form.description')}
      onClose={props.onClose}
      closeLabel={t('common.close')}
      size="lg"
      class="product-dialog"
      initialFocus={() => nameInput}
      footer={
        <>
          <Button variant="secondary" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" busy={busy()} onClick={() => void submit()}>
            {base() ? t('products.form.submitEdit') : t('products.form.submitNew')}
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
            nameInput = element;
          }}
          class="form-grid__wide"
          label={`${t('products.form.name')} *`}
          placeholder={t('products.form.namePlaceholder')}
          maxLength={200}
          required
          value={form.name}
          error={errors.name}
          onInput={(event) => {
            setForm('name', event.currentTarget.value);
            setErrors('name', undefined);
          }}
        />
        <TextField
          label={`${t('products.form.sku')} *`}
          maxLength={64}
          required
          autocomplete="off"
          value={form.sku}
          error={errors.sku}
          onInput={(event) => {
            setForm('sku', event.currentTarget.value);
            setErrors('sku', undefined);
          }}
        />
        <TextField
          label={`${t('products.form.unit')} *`}
          hint={t('products.form.unitHint')}
          maxLength={20}
          required
          value={form.unit}
          error={errors.unit}
          onInput={(event) => {
            setForm('unit', event.currentTarget.value);
            setErrors('unit', undefined);
          }}
        />
        <SelectField
          label={t('products.form.vatRate')}
          options={rateOptions()}
          value={form.vatRate}
          error={errors.vatRate}
          onChange={(event) => setForm('vatRate', event.currentTarget.value)}
        />
        <fieldset class="form-grid__wide product-prices">
          <legend class="field__label">{t('products.form.prices')}</legend>
          <Show
            when={props.priceLists.length > 0}
            fallback={<p class="field__hint">{t('products.form.noPriceLists')}</p>}
          >
            <div class="product-prices__grid">
              <For each={props.priceLists}>
                {(list) => (
                  <TextField
                    label={t('products.form.priceIn', { list: list.name, currency: list.currency })}
                    inputmode="decimal"
                    autocomplete="off"
                    placeholder="—"
                    value={form.prices[list.id] ?? ''}
                    error={errors.prices?.[list.id]}
                    onInput={(event) => {
                      setForm('prices', list.id, event.currentTarget.value);
                      setErrors(
                        'prices',
                        (all) => ({ ...all, [list.id]: undefined }) as Record<string, string>,
                      );
                    }}
                  />
                )}
              </For>
            </div>
            <p class="field__hint">{t('products.form.priceHint')}</p>
          </Show>
        </fieldset>
        <TextAreaField
          class="form-grid__wide"
          label={t('products.form.notes')}
          rows={2}
          maxLength={5000}
          value={form.description}
          onInput={(event) => setForm('description', event.currentTarget.value)}
        />
      </form>
    </Dialog>
  );
};
