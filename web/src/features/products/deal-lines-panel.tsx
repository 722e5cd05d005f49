// «Товары» on the deal page: the deal's product lines with their discount, VAT and totals, and (for the
// deal's editors) an editor — a price list, products picked from the catalogue, quantity and discount per
// line, amounts recomputed as you type by the domain's own arithmetic — saved in one versioned
// PUT /api/deals/{id}/lines, after which the deal's value is the lines' total. A save that meets a
// colleague's change (409) reloads the deal and says so; the server's refusals land on their lines.
import { createMemo, createResource, createSignal, For, Index, Show } from 'solid-js';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import type { Deal } from '../../api/deals.ts';
import type { PriceList, Product } from '../../api/products.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/choice-fields.tsx';
import { Alert } from '../../ui/feedback.tsx';
import { Icon } from '../../ui/icon.tsx';
import { Panel } from '../../ui/panel.tsx';
import { loaded } from '../../ui/resource.ts';
import { useToast } from '../../ui/toast.tsx';
import { formatPercent } from '../deals/deal-format.ts';
import {
  addProduct,
  type DraftLine,
  draftFromDeal,
  formatDecimalText,
  formatDiscountText,
  type PricedDraft,
  priceDraft,
  toLineInputs,
} from './line-draft.ts';
import { ProductPicker } from './product-picker.tsx';
import './products.css';

type Totals = NonNullable<PricedDraft['totals']>;

export const DealLinesPanel = (props: {
  deal: Deal;
  editable: boolean;
  /** The deal as the server answered a save (or read it again after a 409). */
  onDealChanged: (deal: Deal) => void;
}) => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const toast = useToast();
  const [priceLists] = createResource(() => api().products.priceLists());
  const [editing, setEditing] = createSignal(false);
  const [starting, setStarting] = createSignal(false);
  const [saving, setSaving] = createSignal(false);
  const [lines, setLines] = createSignal<DraftLine[]>([]);
  const [priceListId, setPriceListId] = createSignal('');
  /** The server's refusals by line key (and 'form' for the rest). */
  const [refusals, setRefusals] = createSignal<Record<string, string[]>>({});
  const [showProblems, setShowProblems] = createSignal(false);

  const lists = () => loaded(priceLists) ?? [];
  const listOf = (id: string | undefined): PriceList | undefined => lists().find((l) => l.id === id);
  const chosen = () => listOf(priceListId());
  const draft = createMemo(() =>
    priceDraft(lines(), priceListId(), chosen()?.currency ?? props.deal.value.currency),
  );

  const money = (amount: number, currency: string) => fmt.money(amount, currency);
  const percent = (rate: number) => formatPercent(rate, i18n.locale());
  const amountOr = (amount: number | undefined, currency: string) =>
    amount === undefined ? '—' : money(amount, currency);

  const start = async () => {
    setStarting(true);
    try {
      const saved = props.deal.lines ?? [];
      const products = new Map<string, Product>();
      const found = await Promise.all(
        [...new Set(saved.map((l) => l.productId))].map((id) =>
          api()
            .products.get(id)
            .catch(() => undefined),
        ),
      );
      for (const p of found) if (p) products.set(p.id, p);
      const fallback =
        lists().find((l) => l.currency === props.deal.value.currency)?.id ?? lists()[0]?.id ?? '';
      const listId = props.deal.priceListId ?? fallback;
      setPriceListId(listId);
      setLines(draftFromDeal(saved, listId, products, i18n.locale()));
      setRefusals({});
      setShowProblems(false);
      setEditing(true);
    } finally {
      setStarting(false);
    }
  };

  const update = (key: string, change: Partial<Pick<DraftLine, 'quantity' | 'discount'>>) => {
    setLines((all) => all.map((l) => (l.key === key ? { ...l, ...change } : l)));
    setRefusals(({ [key]: _dropped, ...rest }) => rest);
  };

  const pick = (product: Product) => {
    const { lines: next, again } = addProduct(lines(), product, i18n.locale());
    setLines(next);
    toast.show(t(again ? 'dealLines.addedAgain' : 'dealLines.added', { name: product.name }), 'info');
  };

  const save = async () => {
    setShowProblems(true);
    if (!draft().valid || saving()) {
      toast.show(t('dealLines.errors.notSaved'), 'danger');
      return;
    }
    const before = props.deal;
    const sent = lines();
    setSaving(true);
    try {
      const saved = await api().deals.setLines(before.id, before.version, priceListId(), toLineInputs(sent));
      props.onDealChanged(saved);
      setEditing(false);
      toast.show(
        saved.lines?.length
          ? t('dealLines.saved', { total: money(saved.value.amount, saved.value.currency) })
          : t('dealLines.cleared'),
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        const fresh = await api()
          .deals.get(before.id)
          .catch(() => undefined);
        if (fresh) props.onDealChanged(fresh);
        setEditing(false);
        toast.show(t('dealLines.changedByColleague', { title: before.title }), 'info');
        return;
      }
      if (error instanceof ApiError && error.fields.length > 0) {
        const found: Record<string, string[]> = {};
        for (const problem of error.fields) {
          const index = /^lines\.(\d+)\./.exec(problem.field)?.[1];
          const key = index === undefined ? 'form' : (sent[Number(index)]?.key ?? 'form');
          found[key] = [...(found[key] ?? []), problem.message];
        }
        setRefusals(found);
      }
      toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setSaving(false);
    }
  };

  const problemText = (line: DraftLine, problem: string) =>
    problem === 'quantity'
      ? t('dealLines.errors.quantity')
      : problem === 'discount'
        ? t('dealLines.errors.discount')
        : t('dealLines.errors.noPrice', { list: chosen()?.name ?? '' }) +
          (line.archived ? ` · ${t('dealLines.errors.archived')}` : '');

  const totalsBlock = (totals: () => Totals) => (
    <dl class="line-totals" data-testid="lines-totals">
      <Show when={totals().discount > 0}>
        <div class="line-totals__row">
          <dt>{t('dealLines.totals.amount')}</dt>
          <dd>{money(totals().amount, totals().currency)}</dd>
        </div>
        <div class="line-totals__row">
          <dt>{t('dealLines.totals.discount')}</dt>
          <dd>−{money(totals().discount, totals().currency)}</dd>
        </div>
      </Show>
      <div class="line-totals__row">
        <dt>{t('dealLines.totals.net')}</dt>
        <dd data-testid="lines-net">{money(totals().net, totals().currency)}</dd>
      </div>
      <For each={totals().vatByRate.filter((g) => g.vat > 0)}>
        {(group) => (
          <div class="line-totals__row line-totals__row--sub">
            <dt>{t('dealLines.totals.vatAt', { rate: percent(group.rate) })}</dt>
            <dd>{money(group.vat, totals().currency)}</dd>
          </div>
        )}
      </For>
      <div class="line-totals__row">
        <dt>{t('dealLines.totals.vat')}</dt>
        <dd data-testid="lines-vat">{money(totals().vat, totals().currency)}</dd>
      </div>
      <div class="line-totals__row line-totals__row--total">
        <dt>{t('dealLines.totals.total')}</dt>
        <dd data-testid="lines-total">{money(totals().total, totals().currency)}</dd>
      </div>
    </dl>
  );

  const head = (withRemove: boolean) => (
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
          {t('dealLines.columns.net')}
        </th>
        <th scope="col" class="data-table__num-head">
          {t('dealLines.columns.vat')}
        </th>
        <th scope="col" class="data-table__num-head">
          {t('dealLines.columns.total')}
        </th>
        <Show when={withRemove}>
          <th scope="col">
            <span class="sr-only">{t('products.columns.actions')}</span>
          </th>
        </Show>
      </tr>
    </thead>
  );

  const nameCell = (name: string, sku: string) => (
    <th scope="row" class="lines-table__name">
      <span class="lines-table__product">{name}</span>
      <span class="lines-table__sku">{sku}</span>
    </th>
  );

  const vatCell = (vat: number, rate: number, currency: string) => (
    <td class="data-table__num">
      {money(vat, currency)}
      <span class="lines-table__sub">{percent(rate)}</span>
    </td>
  );

  /** The saved lines, read-only. */
  const savedTable = () => (
    <>
      <div class="table-scroll">
        <table class="data-table lines-table" data-testid="deal-lines">
          <caption class="sr-only">{t('dealLines.caption')}</caption>
          {head(false)}
          <tbody>
            <For each={props.deal.lines ?? []}>
              {(line, index) => (
                <tr data-testid="deal-line">
                  <td class="lines-table__no">{index() + 1}</td>
                  {nameCell(line.name, line.sku)}
                  <td class="data-table__num">
                    {formatDecimalText(line.quantity, i18n.locale())} {line.unit}
                  </td>
                  <td class="data-table__num">{money(line.unitPrice.amount, line.unitPrice.currency)}</td>
                  <td class="data-table__num">
                    {line.discountPercent === '0'
                      ? '—'
                      : formatDiscountText(line.discountPercent, i18n.locale())}
                  </td>
                  <td class="data-table__num">{money(line.net, line.unitPrice.currency)}</td>
                  {vatCell(line.vat, line.vatRate, line.unitPrice.currency)}
                  <td class="data-table__num lines-table__total">
                    {money(line.total, line.unitPrice.currency)}
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <div class="lines-footer">
        <p class="muted lines-footer__note">
          <Show when={listOf(props.deal.priceListId)}>
            {(list) => (
              <>
                {t('dealLines.priceList')}: {list().name} ({list().currency}).{' '}
              </>
            )}
          </Show>
          {t('dealLines.valueFollows')}
        </p>
        {totalsBlock(() => props.deal.linesTotals as Totals)}
      </div>
    </>
  );

  const editor = () => (
    <div class="lines-editor" data-testid="lines-editor">
      <div class="lines-editor__toolbar">
        <SelectField
          label={t('dealLines.priceList')}
          class="lines-editor__list"
          options={lists().map((l) => ({ value: l.id, label: `${l.name} (${l.currency})` }))}
          value={priceListId()}
          data-testid="price-list-select"
          onChange={(event) => setPriceListId(event.currentTarget.value)}
        />
        <ProductPicker
          label={t('dealLines.picker')}
          priceList={chosen()}
          onPick={pick}
          testId="product-picker"
        />
      </div>
      <Show when={chosen() && chosen()?.currency !== props.deal.value.currency}>
        <Alert tone="info">{t('dealLines.currencyChange', { currency: chosen()?.currency ?? '' })}</Alert>
      </Show>
      <Show when={refusals().form}>
        {(messages) => (
          <Alert tone="danger" role="alert">
            {messages().join(' ')}
          </Alert>
        )}
      </Show>
      <Show
        when={lines().length > 0}
        fallback={<p class="muted lines-editor__empty">{t('dealLines.emptyText')}</p>}
      >
        <div class="table-scroll">
          <table class="data-table lines-table lines-table--editing" data-testid="deal-lines">
            <caption class="sr-only">{t('dealLines.caption')}</caption>
            {head(true)}
            <tbody>
              <Index each={draft().lines}>
                {(row, index) => {
                  const currency = () => chosen()?.currency ?? props.deal.value.currency;
                  const problems = () => (showProblems() ? row().problems : []);
                  const refused = () => refusals()[row().line.key] ?? [];
                  const quantityBad = () => problems().includes('quantity');
                  const discountBad = () => problems().includes('discount');
                  const messageId = () => `line-problem-${row().line.key}`;
                  const messages = () => [
                    ...problems().map((p) => problemText(row().line, p)),
                    ...(!showProblems() && row().problems.includes('noPrice')
                      ? [problemText(row().line, 'noPrice')]
                      : []),
                    ...refused(),
                  ];
                  return (
                    <>
                      <tr data-testid="deal-line" classList={{ 'has-problem': messages().length > 0 }}>
                        <td class="lines-table__no">{index + 1}</td>
                        <th scope="row" class="lines-table__name">
                          <span class="lines-table__product">{row().line.name}</span>
                          <span class="lines-table__sku">{row().line.sku}</span>
                        </th>
                        <td class="data-table__num lines-table__input-cell">
                          <input
                            class="input input--sm lines-table__input"
                            inputmode="decimal"
                            autocomplete="off"
                            aria-label={t('dealLines.quantityFor', { name: row().line.name })}
                            aria-invalid={quantityBad() ? 'true' : undefined}
                            aria-describedby={messages().length > 0 ? messageId() : undefined}
                            value={row().line.quantity}
                            onInput={(event) =>
                              update(row().line.key, { quantity: event.currentTarget.value })
                            }
                          />
                          <span class="lines-table__unit">{row().line.unit}</span>
                        </td>
                        <td class="data-table__num">{amountOr(row().unitPrice, currency())}</td>
                        <td class="data-table__num lines-table__input-cell">
                          <input
                            class="input input--sm lines-table__input lines-table__input--discount"
                            inputmode="decimal"
                            autocomplete="off"
                            placeholder="0"
                            aria-label={t('dealLines.discountFor', { name: row().line.name })}
                            aria-invalid={discountBad() ? 'true' : undefined}
                            aria-describedby={messages().length > 0 ? messageId() : undefined}
                            value={row().line.discount}
                            onInput={(event) =>
                              update(row().line.key, { discount: event.currentTarget.value })
                            }
                          />
                          <span class="lines-table__unit">%</span>
                        </td>
                        <td class="data-table__num">{amountOr(row().amounts?.net, currency())}</td>
                        <td class="data-table__num">
                          {amountOr(row().amounts?.vat, currency())}
                          <span class="lines-table__sub">{percent(row().line.vatRate)}</span>
                        </td>
                        <td class="data-table__num lines-table__total" data-testid="line-total">
                          {amountOr(row().amounts?.total, currency())}
                        </td>
                        <td class="data-table__actions">
                          <button
                            type="button"
                            class="icon-button icon-button--sm"
                            aria-label={t('dealLines.remove', { name: row().line.name })}
                            onClick={() => setLines((all) => all.filter((l) => l.key !== row().line.key))}
                          >
                            <Icon name="trash" size={16} />
                          </button>
                        </td>
                      </tr>
                      <Show when={messages().length > 0}>
                        <tr class="lines-table__problem">
                          <td />
                          <td colSpan={8} id={messageId()} role="alert">
                            {messages().join(' · ')}
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
      <div class="lines-footer">
        <div class="lines-footer__actions">
          <Button variant="primary" icon="check" busy={saving()} onClick={() => void save()}>
            {t('dealLines.save')}
          </Button>
          <Button variant="secondary" disabled={saving()} onClick={() => setEditing(false)}>
            {t('common.cancel')}
          </Button>
        </div>
        <Show when={draft().totals}>{(totals) => totalsBlock(totals)}</Show>
      </div>
    </div>
  );

  return (
    <Panel
      title={t('dealLines.title')}
      class="deal-lines"
      padded={false}
      actions={
        <Show when={props.editable && !editing() && lists().length > 0 && props.deal.lines?.length}>
          <Button size="sm" icon="edit" busy={starting()} onClick={() => void start()}>
            {t('dealLines.edit')}
          </Button>
        </Show>
      }
    >
      <Show when={!editing()} fallback={editor()}>
        <Show
          when={props.deal.lines?.length && props.deal.linesTotals}
          fallback={
            <div class="lines-empty">
              <span class="lines-empty__icon" aria-hidden="true">
                <Icon name="package" size={22} />
              </span>
              <div class="lines-empty__text">
                <p class="lines-empty__title">{t('dealLines.emptyTitle')}</p>
                <p class="muted">
                  <Show
                    when={priceLists.state !== 'ready' || lists().length > 0 || !props.editable}
                    fallback={t('dealLines.noPriceLists')}
                  >
                    {t('dealLines.emptyText')}
                  </Show>
                </p>
              </div>
              <Show when={props.editable && lists().length > 0}>
                <Button variant="primary" icon="plus" busy={starting()} onClick={() => void start()}>
                  {t('dealLines.add')}
                </Button>
              </Show>
            </div>
          }
        >
          {savedTable()}
        </Show>
      </Show>
    </Panel>
  );
};
