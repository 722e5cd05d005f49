// A combobox that finds a product of the catalogue (/api/products: a prefix of the name, or an exact
// SKU) for a deal's lines. Focusing it lists the first products; typing searches (debounced). Each
// option shows the SKU, the unit and the price in the chosen price list; a product without a price in
// that list is shown but cannot be picked. ↑/↓ and Enter choose, Escape closes the list.
// biome-ignore-all lint/a11y/useKeyWithClickEvents: options are chosen from the keyboard in the input (aria-activedescendant); the click is for the mouse.
// biome-ignore-all lint/a11y/useFocusableInteractive: focus stays in the combobox input; options are never focused themselves.
import { createSignal, createUniqueId, For, onCleanup, Show } from 'solid-js';
import { api } from '../../api/client.ts';
import type { PriceList, Product } from '../../api/products.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { FieldFrame } from '../../ui/field.tsx';
import { Icon } from '../../ui/icon.tsx';
import { highlight, moveActive } from '../search/palette.ts';
import '../search/palette.css';

export type ProductPickerProps = {
  label: string;
  priceList: PriceList | undefined;
  onPick: (product: Product) => void;
  testId?: string;
};

export const ProductPicker = (props: ProductPickerProps) => {
  const { t, fmt } = useI18n();
  const id = createUniqueId();
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const [query, setQuery] = createSignal('');
  const [hits, setHits] = createSignal<Product[]>([]);
  const [open, setOpen] = createSignal(false);
  const [active, setActive] = createSignal(0);
  const [searching, setSearching] = createSignal(false);
  const [searched, setSearched] = createSignal<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;
  onCleanup(() => {
    clearTimeout(timer);
    controller?.abort();
  });

  const priced = (p: Product) => props.priceList !== undefined && p.prices[props.priceList.id] !== undefined;

  const search = (text: string, delay: number) => {
    clearTimeout(timer);
    controller?.abort();
    setSearching(true);
    timer = setTimeout(() => {
      const mine = new AbortController();
      controller = mine;
      api()
        .products.list({ q: text, limit: 20 }, mine.signal)
        .then((page) => {
          if (mine.signal.aborted) return;
          const items = page.skuMatch
            ? [page.skuMatch, ...page.items.filter((p) => p.id !== page.skuMatch?.id)]
            : page.items;
          setHits(items);
          setSearched(text.trim());
          setActive(Math.max(0, items.findIndex(priced)));
          setOpen(true);
        })
        .catch(() => setHits([]))
        .finally(() => {
          if (!mine.signal.aborted) setSearching(false);
        });
    }, delay);
  };

  const choose = (product: Product | undefined) => {
    if (!product || !priced(product)) return;
    props.onPick(product);
    setQuery('');
    setOpen(false);
    setHits([]);
    setSearched(undefined);
  };

  return (
    <FieldFrame id={id} label={props.label} class="picker product-picker">
      <div class="picker__control">
        <Icon name="search" size={16} class="product-picker__icon" />
        <input
          id={id}
          class="input product-picker__input"
          type="text"
          role="combobox"
          autocomplete="off"
          aria-expanded={open() && hits().length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open() && hits().length > 0 ? `${listId}-${active()}` : undefined}
          aria-describedby={open() && searched() && hits().length === 0 ? hintId : undefined}
          placeholder={t('dealLines.pickerPlaceholder')}
          data-testid={props.testId}
          value={query()}
          onInput={(event) => {
            setQuery(event.currentTarget.value);
            search(event.currentTarget.value, 200);
          }}
          onFocus={() => {
            if (hits().length > 0) setOpen(true);
            else search(query(), 0);
          }}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              setOpen(true);
              setActive((i) => moveActive(i, 1, hits().length));
            } else if (event.key === 'ArrowUp') {
              event.preventDefault();
              setActive((i) => moveActive(i, -1, hits().length));
            } else if (event.key === 'Enter') {
              if (open() && hits().length > 0) {
                event.preventDefault();
                choose(hits()[active()]);
              }
            } else if (event.key === 'Escape' && open()) {
              event.preventDefault();
              event.stopPropagation();
              setOpen(false);
            }
          }}
        />
        <Show when={searching()}>
          <span
            class="spinner spinner--sm picker__spinner"
            role="status"
            aria-label={t('dealLines.pickerSearching')}
          />
        </Show>
      </div>
      <Show when={open() && hits().length > 0}>
        <div class="picker__list" id={listId} role="listbox" aria-label={props.label}>
          <For each={hits()}>
            {(product, index) => (
              <div
                id={`${listId}-${index()}`}
                role="option"
                class="palette__option product-option"
                classList={{ 'is-active': active() === index(), 'is-disabled': !priced(product) }}
                aria-selected={active() === index()}
                aria-disabled={!priced(product)}
                data-testid="product-option"
                onMouseDown={(event) => event.preventDefault()}
                onMouseMove={() => setActive(index())}
                onClick={() => choose(product)}
              >
                <span class="palette__text">
                  <span class="palette__name">
                    <For each={highlight(product.name, query())}>
                      {(part) => (part.hit ? <mark>{part.text}</mark> : part.text)}
                    </For>
                  </span>
                  <span class="palette__subtitle">
                    {product.sku} · {product.unit}
                  </span>
                </span>
                <span class="product-option__price">
                  <Show
                    when={props.priceList && product.prices[props.priceList.id] !== undefined}
                    fallback={<span class="muted">{t('dealLines.pickerNoPrice')}</span>}
                  >
                    {fmt.money(
                      product.prices[props.priceList?.id ?? ''] ?? 0,
                      props.priceList?.currency ?? 'RUB',
                    )}
                  </Show>
                </span>
              </div>
            )}
          </For>
        </div>
      </Show>
      <Show when={open() && !searching() && searched() && hits().length === 0}>
        <p class="field__hint" id={hintId}>
          {t('dealLines.pickerNothing', { query: searched() ?? '' })}
        </p>
      </Show>
    </FieldFrame>
  );
};
