// A combobox that finds one company or contact through /api/search (the contact's company, a contact to
// link, the duplicate to merge). Typing searches (debounced); ↑/↓ and Enter choose; Escape closes the list.
// biome-ignore-all lint/a11y/useKeyWithClickEvents: options are chosen from the keyboard in the input (aria-activedescendant); the click is for the mouse.
// biome-ignore-all lint/a11y/useFocusableInteractive: focus stays in the combobox input; options are never focused themselves.
import { createEffect, createSignal, createUniqueId, For, onCleanup, Show } from 'solid-js';
import { api } from '../../api/client.ts';
import type { RecordType } from '../../api/records.ts';
import type { SearchHit } from '../../api/search.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { describedBy, FieldFrame } from '../../ui/field.tsx';
import { displaySubtitle, highlight, moveActive } from './palette.ts';
import './palette.css';

export type RecordPickerProps = {
  label: string;
  type: RecordType;
  placeholder?: string;
  excludeId?: string;
  hint?: string;
  error?: string | undefined;
  onPick: (hit: SearchHit) => void;
  testId?: string;
};

export const RecordPicker = (props: RecordPickerProps) => {
  const { t } = useI18n();
  const id = createUniqueId();
  const listId = `${id}-list`;
  const [query, setQuery] = createSignal('');
  const [hits, setHits] = createSignal<SearchHit[]>([]);
  const [open, setOpen] = createSignal(false);
  const [active, setActive] = createSignal(0);
  const [searching, setSearching] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;
  onCleanup(() => {
    clearTimeout(timer);
    controller?.abort();
  });

  createEffect(() => {
    const q = query().trim();
    clearTimeout(timer);
    controller?.abort();
    if (q.length < 2) {
      setHits([]);
      setSearching(false);
      return;
    }
    setSearching(true);
    timer = setTimeout(() => {
      const mine = new AbortController();
      controller = mine;
      api()
        .search.search(q, { types: [props.type], limit: 10, signal: mine.signal })
        .then((result) => {
          if (mine.signal.aborted) return;
          setHits(result.filter((hit) => hit.type === props.type && hit.id !== props.excludeId));
          setActive(0);
          setOpen(true);
        })
        .catch(() => setHits([]))
        .finally(() => {
          if (!mine.signal.aborted) setSearching(false);
        });
    }, 200);
  });

  const choose = (hit: SearchHit | undefined) => {
    if (!hit) return;
    props.onPick(hit);
    setQuery('');
    setHits([]);
    setOpen(false);
  };

  return (
    <FieldFrame id={id} label={props.label} error={props.error} hint={props.hint} class="picker">
      <div class="picker__control">
        <input
          id={id}
          class="input"
          type="text"
          role="combobox"
          autocomplete="off"
          aria-expanded={open() && hits().length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open() && hits().length > 0 ? `${listId}-${active()}` : undefined}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy(id, props.error, props.hint)}
          placeholder={props.placeholder}
          data-testid={props.testId}
          value={query()}
          onInput={(event) => setQuery(event.currentTarget.value)}
          onFocus={() => hits().length > 0 && setOpen(true)}
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
            aria-label={t('palette.searching')}
          />
        </Show>
      </div>
      <Show when={open() && hits().length > 0}>
        <div class="picker__list" id={listId} role="listbox" aria-label={props.label}>
          <For each={hits()}>
            {(hit, index) => (
              <div
                id={`${listId}-${index()}`}
                role="option"
                class="palette__option"
                classList={{ 'is-active': active() === index() }}
                aria-selected={active() === index()}
                onMouseDown={(event) => event.preventDefault()}
                onMouseMove={() => setActive(index())}
                onClick={() => choose(hit)}
              >
                <span class="palette__text">
                  <span class="palette__name">
                    <For each={highlight(hit.name, query())}>
                      {(part) => (part.hit ? <mark>{part.text}</mark> : part.text)}
                    </For>
                  </span>
                  <Show when={displaySubtitle(hit.subtitle, t('palette.match.inn'))}>
                    {(subtitle) => <span class="palette__subtitle">{subtitle()}</span>}
                  </Show>
                </span>
              </div>
            )}
          </For>
        </div>
      </Show>
      <Show when={query().trim().length >= 2 && !searching() && open() && hits().length === 0}>
        <p class="field__hint">{t('palette.noResults', { query: query().trim() })}</p>
      </Show>
    </FieldFrame>
  );
};
