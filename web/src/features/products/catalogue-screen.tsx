// Товары (/products): the product catalogue by name — a name prefix or an exact SKU finds products
// (`?q=`), archived ones are hidden unless «Показывать архивные» (`?archived=1`) — with each product's
// unit, VAT rate and net price per price list; below, the price lists. Administrators and sales
// managers add and change products (archiving instead of deleting) and price lists; everyone else reads.
import { useSearchParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import type { PriceList, Product } from '../../api/products.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState, Skeleton } from '../../ui/feedback.tsx';
import { SwitchField, TextField } from '../../ui/field.tsx';
import { Icon } from '../../ui/icon.tsx';
import { Badge, PageHeader, Panel } from '../../ui/panel.tsx';
import { loaded } from '../../ui/resource.ts';
import { useToast } from '../../ui/toast.tsx';
import { formatPercent } from '../deals/deal-format.ts';
import { useActor } from '../users/actor.ts';
import { canEditCatalogue } from './catalogue.ts';
import { PriceListDialog } from './price-list-dialog.tsx';
import { ProductDialog } from './product-dialog.tsx';
import '../records/records.css';
import './products.css';

const pageSize = 50;

/** Where the next page comes from: offered products first, then (when shown) archived ones. */
type Next = { archived: boolean; cursor?: string };

export const CatalogueScreen = () => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const toast = useToast();
  const actor = useActor();
  usePageTitle(() => t('products.title'));
  const [params, setParams] = useSearchParams<{ q?: string; archived?: string }>();
  const query = () => (params.q ?? '').trim();
  const showArchived = () => params.archived === '1';
  const [typed, setTyped] = createSignal(params.q ?? '');
  const [priceLists, { refetch: reloadPriceLists }] = createResource(() => api().products.priceLists());
  const [rates] = createResource(() => api().deals.rates());
  const [items, setItems] = createSignal<Product[]>([]);
  const [skuMatch, setSkuMatch] = createSignal<Product>();
  const [next, setNext] = createSignal<Next>();
  const [loading, setLoading] = createSignal(false);
  const [failure, setFailure] = createSignal<unknown>();
  const [editing, setEditing] = createSignal<Product | 'new'>();
  const [editingList, setEditingList] = createSignal<PriceList | 'new'>();
  const [archiving, setArchiving] = createSignal<string>();
  const editable = () => canEditCatalogue(actor());
  const lists = () => loaded(priceLists) ?? [];
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));

  const load = async (first: boolean) => {
    const mine = first ? ++generation : generation;
    let from: Next | undefined = first ? { archived: false } : next();
    if (!from) return;
    setLoading(true);
    setFailure(undefined);
    if (first) {
      setItems([]);
      setSkuMatch(undefined);
    }
    try {
      let added = 0;
      while (from && added < pageSize) {
        const page = await api().products.list({
          q: query(),
          archived: from.archived,
          limit: pageSize,
          ...(from.cursor ? { cursor: from.cursor } : {}),
        });
        if (mine !== generation) return;
        setItems((all) => [...all, ...page.items]);
        if (page.skuMatch && !skuMatch()) setSkuMatch(page.skuMatch);
        added += page.items.length;
        from = page.nextCursor
          ? { archived: from.archived, cursor: page.nextCursor }
          : !from.archived && showArchived()
            ? { archived: true }
            : undefined;
      }
      setNext(from);
    } catch (error) {
      if (mine === generation) setFailure(error);
    } finally {
      if (mine === generation) setLoading(false);
    }
  };

  createEffect(on([query, showArchived], () => void load(true)));

  const search = (text: string) => {
    setTyped(text);
    clearTimeout(timer);
    timer = setTimeout(() => setParams({ q: text.trim() || undefined }, { replace: true }), 250);
  };

  /** The SKU match first when the name search did not find it itself. */
  const rows = () => {
    const match = skuMatch();
    return match && !items().some((p) => p.id === match.id) ? [match, ...items()] : items();
  };

  const replace = (product: Product) => {
    const keep = showArchived() || !product.archived;
    setItems((all) =>
      keep ? all.map((p) => (p.id === product.id ? product : p)) : all.filter((p) => p.id !== product.id),
    );
    if (skuMatch()?.id === product.id) setSkuMatch(keep ? product : undefined);
  };

  const toggleArchived = async (product: Product) => {
    setArchiving(product.id);
    try {
      const saved = await api().products.update(product.id, product.version, { archived: !product.archived });
      replace(saved);
      toast.show(
        t(saved.archived ? 'products.archivedToast' : 'products.restoredToast', { name: saved.name }),
        'success',
      );
    } catch (error) {
      if (error instanceof ApiError && error.code === 'StaleVersion') {
        const fresh = await api()
          .products.get(product.id)
          .catch(() => undefined);
        if (fresh) replace(fresh);
        toast.show(t('products.stale', { name: product.name }), 'info');
      } else toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setArchiving(undefined);
    }
  };

  const price = (product: Product, list: PriceList) => {
    const amount = product.prices[list.id];
    return amount === undefined ? (
      <span class="muted">{t('products.noPrice')}</span>
    ) : (
      fmt.money(amount, list.currency)
    );
  };

  return (
    <div class="page page--wide catalogue-page">
      <PageHeader
        title={t('products.title')}
        subtitle={t('products.subtitle')}
        actions={
          <Show when={editable()}>
            <Button icon="plus" onClick={() => setEditingList('new')}>
              {t('products.priceLists.add')}
            </Button>
            <Button variant="primary" icon="plus" onClick={() => setEditing('new')}>
              {t('products.add')}
            </Button>
          </Show>
        }
      />
      <Show when={!editable() && actor().roles.length > 0}>
        <p class="card-readonly" role="note">
          <Icon name="eye" size={14} /> {t('products.readOnly')}
        </p>
      </Show>

      <div class="toolbar catalogue-toolbar">
        <TextField
          label={t('products.search')}
          class="catalogue-toolbar__search"
          type="search"
          placeholder={t('products.searchPlaceholder')}
          value={typed()}
          data-testid="product-search"
          onInput={(event) => search(event.currentTarget.value)}
        />
        <SwitchField
          label={t('products.showArchived')}
          checked={showArchived()}
          onChange={(checked) => setParams({ archived: checked ? '1' : undefined }, { replace: true })}
        />
      </div>

      <Panel title={t('products.caption')} padded={false} class="catalogue-panel">
        <Show
          when={!failure()}
          fallback={<ApiErrorState error={failure()} onRetry={() => void load(true)} />}
        >
          <Show
            when={rows().length > 0}
            fallback={
              <Show when={!loading()} fallback={<Skeleton lines={5} label={t('common.loading')} />}>
                <Show
                  when={query()}
                  fallback={
                    <EmptyState
                      icon="package"
                      title={t('products.emptyTitle')}
                      text={t('products.emptyText')}
                    />
                  }
                >
                  <EmptyState
                    icon="search"
                    title={t('products.notFoundTitle')}
                    text={t('products.notFoundText', { query: query() })}
                  />
                </Show>
              </Show>
            }
          >
            <div class="table-scroll">
              <table class="data-table catalogue-table" data-testid="product-table">
                <caption class="sr-only">{t('products.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('products.columns.name')}</th>
                    <th scope="col">{t('products.columns.sku')}</th>
                    <th scope="col">{t('products.columns.unit')}</th>
                    <th scope="col" class="data-table__num-head">
                      {t('products.columns.vat')}
                    </th>
                    <For each={lists()}>
                      {(list) => (
                        <th scope="col" class="data-table__num-head">
                          {t('products.priceHead', { list: `${list.name}, ${list.currency}` })}
                        </th>
                      )}
                    </For>
                    <Show when={editable()}>
                      <th scope="col">
                        <span class="sr-only">{t('products.columns.actions')}</span>
                      </th>
                    </Show>
                  </tr>
                </thead>
                <tbody>
                  <For each={rows()}>
                    {(product) => (
                      <tr
                        data-testid="product-row"
                        data-product-id={product.id}
                        classList={{ 'is-archived': product.archived }}
                      >
                        <th scope="row" class="catalogue-table__name">
                          <span class="catalogue-table__title">
                            {product.name}
                            <Show when={product.archived}>
                              <Badge tone="warning">{t('products.archived')}</Badge>
                            </Show>
                            <Show when={skuMatch()?.id === product.id && query()}>
                              <Badge tone="accent">{t('products.skuMatch')}</Badge>
                            </Show>
                          </span>
                          <Show when={product.description}>
                            <span class="catalogue-table__description">{product.description}</span>
                          </Show>
                        </th>
                        <td>
                          <code class="code">{product.sku}</code>
                        </td>
                        <td>{product.unit}</td>
                        <td class="data-table__num">{formatPercent(product.vatRate, i18n.locale())}</td>
                        <For each={lists()}>
                          {(list) => <td class="data-table__num">{price(product, list)}</td>}
                        </For>
                        <Show when={editable()}>
                          <td class="data-table__actions">
                            <div class="row-actions">
                              <button
                                type="button"
                                class="icon-button icon-button--sm"
                                aria-label={t('products.edit', { name: product.name })}
                                onClick={() => setEditing(product)}
                              >
                                <Icon name="edit" size={16} />
                              </button>
                              <Button
                                size="sm"
                                variant="ghost"
                                busy={archiving() === product.id}
                                aria-label={t(
                                  product.archived ? 'products.restoreLabel' : 'products.archiveLabel',
                                  {
                                    name: product.name,
                                  },
                                )}
                                onClick={() => void toggleArchived(product)}
                              >
                                {product.archived ? t('products.restore') : t('products.archive')}
                              </Button>
                            </div>
                          </td>
                        </Show>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <Show when={next()}>
              <div class="catalogue-more">
                <Button variant="secondary" size="sm" busy={loading()} onClick={() => void load(false)}>
                  {t('products.loadMore')}
                </Button>
              </div>
            </Show>
          </Show>
        </Show>
      </Panel>

      <Panel
        title={t('products.priceLists.title')}
        description={t('products.priceLists.description')}
        padded={false}
        class="price-lists-panel"
      >
        <Show
          when={lists().length > 0}
          fallback={
            <Show when={!priceLists.loading} fallback={<Skeleton lines={2} label={t('common.loading')} />}>
              <p class="muted price-lists-panel__empty">{t('products.priceLists.empty')}</p>
            </Show>
          }
        >
          <table class="data-table" data-testid="price-list-table">
            <caption class="sr-only">{t('products.priceLists.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('products.priceLists.name')}</th>
                <th scope="col">{t('products.priceLists.currency')}</th>
                <Show when={editable()}>
                  <th scope="col">
                    <span class="sr-only">{t('products.columns.actions')}</span>
                  </th>
                </Show>
              </tr>
            </thead>
            <tbody>
              <For each={lists()}>
                {(list) => (
                  <tr data-testid="price-list-row">
                    <th scope="row" class="data-table__name">
                      {list.name}
                    </th>
                    <td>{list.currency}</td>
                    <Show when={editable()}>
                      <td class="data-table__actions">
                        <button
                          type="button"
                          class="icon-button icon-button--sm"
                          aria-label={t('products.priceLists.rename', { name: list.name })}
                          onClick={() => setEditingList(list)}
                        >
                          <Icon name="edit" size={16} />
                        </button>
                      </td>
                    </Show>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </Panel>

      <ProductDialog
        product={editing()}
        priceLists={lists()}
        onClose={() => setEditing(undefined)}
        onSaved={(product, created) => {
          setEditing(undefined);
          if (created) {
            setItems((all) => [product, ...all.filter((p) => p.id !== product.id)]);
            toast.show(t('products.created', { name: product.name }));
          } else {
            replace(product);
            toast.show(t('products.saved', { name: product.name }));
          }
        }}
      />
      <PriceListDialog
        priceList={editingList()}
        rates={loaded(rates)}
        onClose={() => setEditingList(undefined)}
        onSaved={(list, created) => {
          setEditingList(undefined);
          void reloadPriceLists();
          toast.show(
            t(created ? 'products.priceLists.created' : 'products.priceLists.saved', { name: list.name }),
          );
        }}
      />
    </div>
  );
};
