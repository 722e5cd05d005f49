// A price list's form: a new one (name and currency — one the organisation has a rate for, since deals
// priced from it convert to the organisation's currency), or a new name for one that exists (its
// currency stays: its prices are amounts of it).
import { createEffect, createSignal, on, Show } from 'solid-js';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import type { Rates } from '../../api/deals.ts';
import type { PriceList } from '../../api/products.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/choice-fields.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Alert } from '../../ui/feedback.tsx';
import { TextField } from '../../ui/field.tsx';
import { localizedFieldMessage } from '../records/save-outcome.ts';

export const PriceListDialog = (props: {
  priceList: PriceList | 'new' | undefined;
  rates: Rates | undefined;
  onClose: () => void;
  onSaved: (priceList: PriceList, created: boolean) => void;
}) => {
  const i18n = useI18n();
  const { t } = i18n;
  const [name, setName] = createSignal('');
  const [currency, setCurrency] = createSignal('');
  const [errors, setErrors] = createSignal<{ name?: string; currency?: string; form?: string }>({});
  const [busy, setBusy] = createSignal(false);
  const existing = () => (props.priceList === 'new' ? undefined : props.priceList);

  const currencies = () => {
    const base = props.rates?.base ?? i18n.currency();
    return [
      base,
      ...Object.keys(props.rates?.rates ?? {})
        .filter((c) => c !== base)
        .sort(),
    ];
  };

  createEffect(
    on(
      () => props.priceList,
      (list) => {
        if (list === undefined) return;
        setName(list === 'new' ? '' : list.name);
        setCurrency(list === 'new' ? (props.rates?.base ?? i18n.currency()) : list.currency);
        setErrors({});
      },
    ),
  );

  const submit = async (event?: Event) => {
    event?.preventDefault();
    if (!name().trim()) {
      setErrors({ name: t('products.priceLists.nameRequired') });
      return;
    }
    setBusy(true);
    try {
      const list = existing();
      if (list)
        props.onSaved(await api().products.renamePriceList(list.id, list.version, name().trim()), false);
      else
        props.onSaved(
          await api().products.createPriceList({ name: name().trim(), currency: currency() }),
          true,
        );
    } catch (error) {
      const found: { name?: string; currency?: string; form?: string } = {
        form: describeError(error, i18n).message,
      };
      if (error instanceof ApiError)
        for (const f of error.fields)
          if (f.field === 'name' || f.field === 'currency')
            found[f.field] = localizedFieldMessage(f.field, f.message, i18n);
      setErrors(found);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={props.priceList !== undefined}
      title={
        existing()
          ? t('products.priceLists.editTitle', { name: existing()?.name ?? '' })
          : t('products.priceLists.newTitle')
      }
      onClose={props.onClose}
      closeLabel={t('common.close')}
      size="sm"
      footer={
        <>
          <Button variant="secondary" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" busy={busy()} onClick={() => void submit()}>
            {t('common.save')}
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
          label={`${t('products.priceLists.name')} *`}
          placeholder={t('products.priceLists.namePlaceholder')}
          maxLength={100}
          required
          value={name()}
          error={errors().name}
          onInput={(event) => setName(event.currentTarget.value)}
        />
        <SelectField
          label={t('products.priceLists.currency')}
          options={currencies().map((c) => ({ value: c, label: c }))}
          value={currency()}
          disabled={existing() !== undefined}
          hint={existing() ? t('products.priceLists.currencyFixed') : t('products.priceLists.currencyHint')}
          error={errors().currency}
          onChange={(event) => setCurrency(event.currentTarget.value)}
        />
      </form>
    </Dialog>
  );
};
