// The command palette (Ctrl/Cmd-K anywhere): one box to find a company or contact by a word of its
// name, an INN, a phone or an e-mail (debounced GET /api/search), and to run quick actions. A combobox
// with a listbox (WAI-ARIA APG): ↑/↓ move, Enter opens, Escape closes; the matched part is marked.
// biome-ignore-all lint/a11y/useKeyWithClickEvents: options are chosen from the keyboard in the input (aria-activedescendant); Escape closes the dialog natively.
// biome-ignore-all lint/a11y/useFocusableInteractive: focus stays in the combobox input; options are never focused themselves.
// biome-ignore-all lint/a11y/useSemanticElements: a listbox option with an icon, text and badges cannot be an <option>.
import { useNavigate } from '@solidjs/router';
import {
  createContext,
  createEffect,
  createMemo,
  createSignal,
  createUniqueId,
  For,
  onCleanup,
  onMount,
  type ParentComponent,
  Show,
  useContext,
} from 'solid-js';
import { api } from '../../api/client.ts';
import type { RecordType } from '../../api/records.ts';
import type { SearchHit } from '../../api/search.ts';
import { useAppConfig } from '../../config/config-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Icon, type IconName } from '../../ui/icon.tsx';
import './palette.css';
import { canCreateRecord, canImport } from '../records/permissions.ts';
import { recordHref } from '../records/record-links.ts';
import { useActor } from '../users/actor.ts';
import {
  displaySubtitle,
  flattenGroups,
  highlight,
  moveActive,
  type PaletteEntry,
  paletteGroups,
  pushRecent,
  type QuickAction,
  type RecentRecord,
  readRecent,
  recentKey,
} from './palette.ts';

type Palette = { open: () => void; remember: (record: RecentRecord) => void };

const PaletteContext = createContext<Palette>({ open: () => undefined, remember: () => undefined });

export const usePalette = (): Palette => useContext(PaletteContext);

const debounceMs = 180;

const Highlighted = (props: { text: string; query: string }) => (
  <For each={highlight(props.text, props.query)}>
    {(part) => (part.hit ? <mark>{part.text}</mark> : part.text)}
  </For>
);

export const CommandPaletteProvider: ParentComponent = (props) => {
  const i18n = useI18n();
  const { t } = i18n;
  const navigate = useNavigate();
  const config = useAppConfig();
  const actor = useActor();
  const listboxId = createUniqueId();
  const inputId = createUniqueId();
  let dialog: HTMLDialogElement | undefined;
  let input: HTMLInputElement | undefined;

  const [isOpen, setOpen] = createSignal(false);
  const [query, setQuery] = createSignal('');
  const [hits, setHits] = createSignal<SearchHit[]>([]);
  const [searching, setSearching] = createSignal(false);
  const [failed, setFailed] = createSignal(false);
  const [active, setActive] = createSignal(0);
  const [recent, setRecent] = createSignal<RecentRecord[]>([]);
  const storageKey = () => recentKey(config.tenant.id, actor().userId || 'anonymous');

  const actions = createMemo((): QuickAction[] => {
    const list: QuickAction[] = [];
    if (canCreateRecord(actor())) {
      list.push(
        {
          id: 'new-company',
          label: t('palette.actions.newCompany'),
          href: '/companies/new',
          keywords: t('palette.actions.keywordsNew'),
        },
        {
          id: 'new-contact',
          label: t('palette.actions.newContact'),
          href: '/contacts/new',
          keywords: t('palette.actions.keywordsNew'),
        },
      );
    }
    if (canImport(actor()))
      list.push({
        id: 'import',
        label: t('palette.actions.import'),
        href: '/import',
        keywords: t('palette.actions.keywordsImport'),
      });
    list.push(
      { id: 'companies', label: t('palette.actions.companies'), href: '/companies' },
      { id: 'contacts', label: t('palette.actions.contacts'), href: '/contacts' },
      { id: 'trash', label: t('palette.actions.trash'), href: '/trash' },
    );
    return list;
  });

  const groups = createMemo(() => paletteGroups(query(), hits(), actions(), recent()));
  const entries = createMemo(() => flattenGroups(groups()));

  // Debounced search; a newer query aborts the older request.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;
  createEffect(() => {
    const q = query().trim();
    clearTimeout(timer);
    controller?.abort();
    setFailed(false);
    if (!q) {
      setHits([]);
      setSearching(false);
      return;
    }
    setSearching(true);
    timer = setTimeout(() => {
      const mine = new AbortController();
      controller = mine;
      api()
        .search.search(q, { limit: 20, signal: mine.signal })
        .then((result) => {
          if (mine.signal.aborted) return;
          setHits(result);
          setActive(0);
        })
        .catch(() => {
          if (!mine.signal.aborted) {
            setHits([]);
            setFailed(true);
          }
        })
        .finally(() => {
          if (!mine.signal.aborted) setSearching(false);
        });
    }, debounceMs);
  });
  onCleanup(() => {
    clearTimeout(timer);
    controller?.abort();
  });

  const open = () => {
    setRecent(readRecent(localStorage, storageKey()));
    setQuery('');
    setHits([]);
    setActive(0);
    setOpen(true);
    if (dialog && !dialog.open) dialog.showModal();
    queueMicrotask(() => input?.focus());
  };
  const close = () => {
    setOpen(false);
    if (dialog?.open) dialog.close();
  };

  const remember = (record: RecentRecord) => {
    const next = pushRecent(readRecent(localStorage, storageKey()), record);
    try {
      localStorage.setItem(storageKey(), JSON.stringify(next));
    } catch {
      // Recent records are a convenience.
    }
  };

  const choose = (entry: PaletteEntry | undefined) => {
    if (!entry) return;
    close();
    if (entry.kind === 'action') navigate(entry.action.href);
    else {
      remember({
        type: entry.type,
        id: entry.id,
        name: entry.name,
        ...(entry.subtitle ? { subtitle: entry.subtitle } : {}),
      });
      navigate(recordHref(entry.type, entry.id));
    }
  };

  onMount(() => {
    const onKey = (event: KeyboardEvent) => {
      if (
        (event.ctrlKey || event.metaKey) &&
        !event.altKey &&
        (event.key === 'k' || event.key === 'K' || event.code === 'KeyK')
      ) {
        event.preventDefault();
        if (isOpen()) close();
        else open();
      }
    };
    document.addEventListener('keydown', onKey);
    onCleanup(() => document.removeEventListener('keydown', onKey));
  });

  const onInputKeyDown = (event: KeyboardEvent) => {
    const count = entries().length;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((index) => moveActive(index, 1, count));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => moveActive(index, -1, count));
    } else if (event.key === 'Home' && event.ctrlKey) {
      setActive(0);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(entries()[active()]);
    }
  };

  // Keep the active option in view.
  createEffect(() => {
    const index = active();
    if (!isOpen()) return;
    queueMicrotask(() =>
      document.getElementById(`${listboxId}-${index}`)?.scrollIntoView({ block: 'nearest' }),
    );
  });

  const typeIcon = (type: RecordType): IconName => (type === 'company' ? 'building' : 'user');
  const actionIcon = (id: QuickAction['id']): IconName =>
    id === 'import' ? 'upload' : id === 'trash' ? 'trash' : id.startsWith('new-') ? 'plus' : 'arrowRight';
  const matchLabel = (hit: SearchHit | undefined) =>
    hit?.match && hit.match.field !== 'name' ? i18n.lookup(`palette.match.${hit.match.field}`) : undefined;

  const groupLabel = (id: string) => i18n.lookup(`palette.groups.${id}`) ?? id;

  const indexOf = (entry: PaletteEntry) => entries().indexOf(entry);

  return (
    <PaletteContext.Provider value={{ open, remember }}>
      {props.children}
      <dialog
        ref={dialog}
        class="palette"
        aria-label={t('palette.dialog')}
        data-testid="command-palette"
        onCancel={(event) => {
          event.preventDefault();
          close();
        }}
        onClick={(event) => {
          if (event.target === dialog) close();
        }}
      >
        <Show when={isOpen()}>
          <div class="palette__box">
            <div class="palette__search">
              <Icon name="search" size={18} />
              <label for={inputId} class="sr-only">
                {t('palette.input')}
              </label>
              <input
                ref={input}
                id={inputId}
                class="palette__input"
                type="text"
                role="combobox"
                aria-expanded="true"
                aria-controls={listboxId}
                aria-autocomplete="list"
                aria-activedescendant={entries().length > 0 ? `${listboxId}-${active()}` : undefined}
                placeholder={t('palette.placeholder')}
                autocomplete="off"
                spellcheck={false}
                value={query()}
                onInput={(event) => setQuery(event.currentTarget.value)}
                onKeyDown={onInputKeyDown}
              />
              <Show when={searching()}>
                <span
                  class="spinner spinner--sm palette__spinner"
                  role="status"
                  aria-label={t('palette.searching')}
                />
              </Show>
              <kbd class="kbd">Esc</kbd>
            </div>
            <div class="palette__results" id={listboxId} role="listbox" aria-label={t('palette.results')}>
              <For each={groups()}>
                {(group) => {
                  const headingId = `${listboxId}-${group.id}`;
                  return (
                    <div role="group" aria-labelledby={headingId} class="palette__group">
                      <div class="palette__group-title" id={headingId} role="presentation">
                        {groupLabel(group.id)}
                      </div>
                      <For each={group.entries}>
                        {(entry) => {
                          const index = () => indexOf(entry);
                          return (
                            <div
                              id={`${listboxId}-${index()}`}
                              role="option"
                              class="palette__option"
                              classList={{ 'is-active': active() === index() }}
                              aria-selected={active() === index()}
                              data-testid="palette-option"
                              onMouseMove={() => setActive(index())}
                              onMouseDown={(event) => event.preventDefault()}
                              onClick={() => choose(entry)}
                            >
                              <Show
                                when={entry.kind === 'record' ? entry : undefined}
                                fallback={
                                  <Show when={entry.kind === 'action' ? entry : undefined}>
                                    {(action) => (
                                      <>
                                        <span class="palette__icon palette__icon--action">
                                          <Icon name={actionIcon(action().action.id)} size={16} />
                                        </span>
                                        <span class="palette__text">
                                          <span class="palette__name">
                                            <Highlighted text={action().action.label} query={query()} />
                                          </span>
                                        </span>
                                      </>
                                    )}
                                  </Show>
                                }
                              >
                                {(record) => (
                                  <>
                                    <span class="palette__icon">
                                      <Icon name={typeIcon(record().type)} size={16} />
                                    </span>
                                    <span class="palette__text">
                                      <span class="palette__name">
                                        <Highlighted text={record().name} query={query()} />
                                      </span>
                                      <Show when={displaySubtitle(record().subtitle, t('palette.match.inn'))}>
                                        {(subtitle) => (
                                          <span class="palette__subtitle">
                                            <Highlighted text={subtitle()} query={query()} />
                                          </span>
                                        )}
                                      </Show>
                                    </span>
                                    <span class="palette__meta">
                                      <Show when={matchLabel(record().hit)}>
                                        {(label) => <span class="badge badge--neutral">{label()}</span>}
                                      </Show>
                                      <span class="palette__type">
                                        {t(
                                          record().type === 'company' ? 'records.company' : 'records.contact',
                                        )}
                                      </span>
                                    </span>
                                  </>
                                )}
                              </Show>
                            </div>
                          );
                        }}
                      </For>
                    </div>
                  );
                }}
              </For>
              <Show when={query().trim() && !searching() && hits().length === 0}>
                <p class="palette__empty" role="status">
                  {failed() ? t('palette.failed') : t('palette.noResults', { query: query().trim() })}
                </p>
              </Show>
            </div>
            <footer class="palette__footer">{t('palette.help')}</footer>
          </div>
        </Show>
      </dialog>
    </PaletteContext.Provider>
  );
};

/** The header's search button: shows the shortcut, opens the palette. */
export const PaletteButton = () => {
  const { t } = useI18n();
  const palette = usePalette();
  const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  return (
    <button type="button" class="palette-button" data-testid="palette-button" onClick={() => palette.open()}>
      <Icon name="search" size={16} />
      <span class="palette-button__text">{t('palette.open')}</span>
      <kbd class="kbd">{isMac ? '⌘K' : t('palette.shortcut')}</kbd>
    </button>
  );
};
