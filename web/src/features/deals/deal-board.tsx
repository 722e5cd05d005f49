// The kanban board of a pipeline: a column per stage with its probability and totals (count, sum,
// weighted sum in the tenant's currency) and the open deals as cards. A card moves by drag and drop
// (HTML5), by its actions menu ("Переместить на этап …") or with Alt+←/→ on its title; the move shows
// at once, is sent with the version the card was read at, is announced in a live region, rolls back
// if the server refuses it, and after a 409 the deal is read again and a toast says a colleague
// changed it. Won and lost (with a reason) take the deal off the board.
import { A } from '@solidjs/router';
import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  createUniqueId,
  For,
  Index,
  on,
  Show,
} from 'solid-js';
import { api } from '../../api/client.ts';
import type { BoardColumn, CloseDeal, Deal, DealFilters, Pipeline, Rates, Stage } from '../../api/deals.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Skeleton } from '../../ui/feedback.tsx';
import { Icon } from '../../ui/icon.tsx';
import { MenuButton, type MenuItem } from '../../ui/menu.tsx';
import { Badge } from '../../ui/panel.tsx';
import { loaded } from '../../ui/resource.ts';
import { useToast } from '../../ui/toast.tsx';
import { canEditRecord } from '../records/permissions.ts';
import { useActor } from '../users/actor.ts';
import { staffName } from '../users/staff.ts';
import { findDeal, movedTo, neighbourStage, placeDeal } from './board-state.ts';
import { dealHref, formatPercent } from './deal-format.ts';
import { colleagueMessage, isColleaguesChange } from './deal-outcome.ts';
import { type LostChoice, LostDialog } from './lost-dialog.tsx';

export type DealBoardProps = {
  pipeline: Pipeline;
  filters: DealFilters;
  rates: Rates | undefined;
  /** A deal just created on this screen: placed on the board without reading it again. */
  created: Deal | undefined;
  onShowList: () => void;
};

const dealMime = 'application/x-crm-deal';

export const DealBoard = (props: DealBoardProps) => {
  const i18n = useI18n();
  const { t, tp, fmt } = i18n;
  const toast = useToast();
  const actor = useActor();
  const hintId = createUniqueId();

  const query = () => JSON.stringify({ id: props.pipeline.id, filters: props.filters });
  const [board, { mutate, refetch }] = createResource(query, (key) => {
    const { id, filters } = JSON.parse(key) as { id: string; filters: DealFilters };
    return api().deals.board(id, filters);
  });
  const current = () => loaded(board);
  const stages = () => props.pipeline.stages;

  const [pending, setPending] = createSignal<ReadonlySet<string>>(new Set());
  const [dragging, setDragging] = createSignal<string>();
  const [over, setOver] = createSignal<string>();
  const [announcement, setAnnouncement] = createSignal('');
  const [losing, setLosing] = createSignal<Deal>();
  const [closing, setClosing] = createSignal(false);
  let readAgain = false;

  const announce = (text: string) => {
    // The same text twice in a row is still announced: clear first.
    setAnnouncement('');
    queueMicrotask(() => setAnnouncement(text));
  };

  const togglePending = (id: string, on: boolean) =>
    setPending((set) => {
      const next = new Set(set);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  /** Puts the deal where it belongs now; totals it cannot compute make the board read again later. */
  const place = (deal: Deal) => {
    const shown = current();
    if (!shown) return;
    const placed = placeDeal(shown, deal, props.filters, props.rates);
    mutate(placed.board);
    if (!placed.exact) readAgain = true;
  };

  const settle = (id: string) => {
    togglePending(id, false);
    if (readAgain && pending().size === 0) {
      readAgain = false;
      void refetch();
    }
  };

  createEffect(
    on(
      () => props.created,
      (deal) => deal && place(deal),
      { defer: true },
    ),
  );

  const focusCard = (id: string) =>
    document.querySelector<HTMLElement>(`[data-deal-id="${CSS.escape(id)}"] .deal-card__title`)?.focus();
  const focusColumn = (stageId: string) =>
    document
      .querySelector<HTMLElement>(`[data-stage-id="${CSS.escape(stageId)}"] .board-column__title`)
      ?.focus();

  /** After a refused write: read the deal again, show it as it is now and say why. */
  const colleagueChanged = async (before: Deal) => {
    const fresh = await api()
      .deals.get(before.id)
      .catch(() => undefined);
    if (!fresh) {
      place(before);
      void refetch();
      toast.show(t('deals.board.changedByColleague', { title: before.title }), 'info');
      return;
    }
    place(fresh);
    // The toasts are a live region of their own: what they say is not announced twice.
    toast.show(colleagueMessage(i18n, before, fresh, stages()), 'info');
  };

  const move = async (deal: Deal, stage: Stage, keepFocus: boolean) => {
    if (pending().has(deal.id) || stage.id === deal.stageId) return;
    togglePending(deal.id, true);
    place(movedTo(deal, stage));
    if (keepFocus) focusCard(deal.id);
    try {
      const saved = await api().deals.move(deal.id, deal.version, stage.id);
      place(saved);
      // The server's time of entering the stage may reorder the column and so move the element.
      if (keepFocus && document.activeElement === document.body) focusCard(deal.id);
      announce(t('deals.board.moved', { title: deal.title, stage: stage.name }));
    } catch (error) {
      if (isColleaguesChange(error)) await colleagueChanged(deal);
      else {
        place(deal);
        toast.show(
          t('deals.board.moveFailed', { title: deal.title, reason: describeError(error, i18n).message }),
          'danger',
        );
      }
      const shown = current();
      if (keepFocus && shown && findDeal(shown, deal.id)) focusCard(deal.id);
    } finally {
      settle(deal.id);
    }
  };

  const close = async (deal: Deal, choice: CloseDeal): Promise<boolean> => {
    if (pending().has(deal.id)) return false;
    togglePending(deal.id, true);
    try {
      const saved = await api().deals.close(deal.id, deal.version, choice);
      place(saved);
      toast.show(t(choice.status === 'won' ? 'deals.card.won' : 'deals.card.lost', { title: deal.title }));
      focusColumn(deal.stageId);
      return true;
    } catch (error) {
      if (isColleaguesChange(error)) {
        await colleagueChanged(deal);
        return true;
      }
      toast.show(describeError(error, i18n).message, 'danger');
      return false;
    } finally {
      settle(deal.id);
    }
  };

  const confirmLost = async (choice: LostChoice) => {
    const deal = losing();
    if (!deal) return;
    setClosing(true);
    const done = await close(deal, { status: 'lost', ...choice });
    setClosing(false);
    if (done) setLosing(undefined);
  };

  const moveBy = (deal: Deal, step: -1 | 1) => {
    const stage = neighbourStage(stages(), deal.stageId, step);
    if (stage) void move(deal, stage, true);
    else announce(t(step < 0 ? 'deals.board.firstStage' : 'deals.board.lastStage', { title: deal.title }));
  };

  // Cards are keyed by id (a moved or saved deal is a new object): a card that stays in its column
  // keeps its element, and with it the keyboard focus.
  const byId = createMemo(() => {
    const map = new Map<string, Deal>();
    for (const column of current()?.columns ?? []) for (const deal of column.deals) map.set(deal.id, deal);
    return map;
  });

  const dropOn = (column: BoardColumn, event: DragEvent) => {
    event.preventDefault();
    const id = dragging() ?? event.dataTransfer?.getData(dealMime);
    setOver(undefined);
    setDragging(undefined);
    const deal = id ? byId().get(id) : undefined;
    if (deal) void move(deal, column.stage, false);
  };

  const canDrop = (column: BoardColumn) => {
    const deal = byId().get(dragging() ?? '');
    return deal !== undefined && deal.stageId !== column.stage.id;
  };

  const money = (amount: number, currency: string) => fmt.money(amount, currency);

  return (
    <div class="board-screen">
      <Show
        when={!board.error}
        fallback={<ApiErrorState error={board.error} onRetry={() => void refetch()} />}
      >
        <Show when={current()} fallback={<Skeleton lines={5} label={t('common.loading')} />}>
          {(shown) => (
            <>
              <div class="board-summary">
                <p class="board-summary__totals" data-testid="board-total">
                  {tp('deals.summary', shown().totals.count, {
                    sum: money(shown().totals.sum, shown().totals.currency),
                    weighted: money(shown().totals.weighted, shown().totals.currency),
                  })}
                </p>
                <p class="board-summary__hint" id={hintId}>
                  {t('deals.board.keyboardHint')}
                </p>
              </div>
              <section
                class="board"
                classList={{ 'is-loading': board.loading }}
                aria-busy={board.loading ? 'true' : undefined}
                aria-label={t('deals.board.label', { name: props.pipeline.name })}
                data-testid="deal-board"
              >
                <Index each={shown().columns}>
                  {(column) => {
                    const headingId = createUniqueId();
                    return (
                      <section
                        class="board-column"
                        classList={{
                          'is-drop-target': over() === column().stage.id,
                          'is-dragging': dragging() !== undefined,
                        }}
                        aria-labelledby={headingId}
                        data-testid="board-column"
                        data-stage-id={column().stage.id}
                        onDragEnter={(event) => {
                          if (!canDrop(column())) return;
                          event.preventDefault();
                          setOver(column().stage.id);
                        }}
                        onDragOver={(event) => {
                          if (!canDrop(column())) return;
                          event.preventDefault();
                          if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
                          setOver(column().stage.id);
                        }}
                        onDragLeave={(event) => {
                          const to = event.relatedTarget as Node | null;
                          if (!to || !event.currentTarget.contains(to))
                            setOver((id) => (id === column().stage.id ? undefined : id));
                        }}
                        onDrop={(event) => dropOn(column(), event)}
                      >
                        <header class="board-column__header">
                          <div class="board-column__heading">
                            <h2 class="board-column__title" id={headingId} tabIndex={-1}>
                              {column().stage.name}
                            </h2>
                            <span
                              class="board-column__probability"
                              title={t('deals.board.probability')}
                              data-testid="column-probability"
                            >
                              <span class="sr-only">{t('deals.board.probability')}: </span>
                              {formatPercent(column().stage.probability, i18n.locale())}
                            </span>
                          </div>
                          <p class="board-column__count" data-testid="column-count">
                            {tp('deals.board.count', column().totals.count)}
                          </p>
                          <p class="board-column__sum" data-testid="column-sum">
                            <span class="sr-only">{t('deals.board.sum')}: </span>
                            {money(column().totals.sum, column().totals.currency)}
                          </p>
                          <p
                            class="board-column__weighted"
                            data-testid="column-weighted"
                            title={t('deals.board.weightedHint')}
                          >
                            {t('deals.board.weighted', {
                              sum: money(column().totals.weighted, column().totals.currency),
                            })}
                          </p>
                          <Show when={column().partial}>
                            <p class="board-column__note" role="note">
                              <Icon name="alert" size={14} /> {t('deals.board.partial')}
                            </p>
                          </Show>
                        </header>
                        <ul class="board-column__cards" aria-labelledby={headingId}>
                          <For each={column().deals.map((d) => d.id)}>
                            {(id) => (
                              <Show when={byId().get(id)}>
                                {(deal) => (
                                  <li>
                                    <DealCardItem
                                      deal={deal()}
                                      stage={column().stage}
                                      stages={stages()}
                                      hintId={hintId}
                                      pending={pending().has(id)}
                                      dragging={dragging() === id}
                                      canEdit={canEditRecord(actor(), deal())}
                                      ownerName={staffName(deal().ownerId) ?? t('records.unknownUser')}
                                      onDragStart={(event) => {
                                        event.dataTransfer?.setData(dealMime, id);
                                        event.dataTransfer?.setData('text/plain', deal().title);
                                        if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
                                        setDragging(id);
                                      }}
                                      onDragEnd={() => {
                                        setDragging(undefined);
                                        setOver(undefined);
                                      }}
                                      onMove={(stage) => void move(deal(), stage, true)}
                                      onStep={(step) => moveBy(deal(), step)}
                                      onWon={() => void close(deal(), { status: 'won' })}
                                      onLost={() => setLosing(deal())}
                                    />
                                  </li>
                                )}
                              </Show>
                            )}
                          </For>
                        </ul>
                        <Show when={column().deals.length === 0}>
                          <p class="board-column__empty">
                            {over() === column().stage.id
                              ? t('deals.board.dropHere')
                              : t('deals.board.empty')}
                          </p>
                        </Show>
                        <Show when={column().more}>
                          <p class="board-column__more">
                            {t('deals.board.more')}.{' '}
                            <button type="button" class="link-button" onClick={() => props.onShowList()}>
                              {t('deals.board.openList')}
                            </button>
                          </p>
                        </Show>
                      </section>
                    );
                  }}
                </Index>
              </section>
            </>
          )}
        </Show>
      </Show>
      <div class="sr-only" role="status" aria-live="assertive" data-testid="board-announcement">
        {announcement()}
      </div>
      <LostDialog
        open={losing() !== undefined}
        dealTitle={losing()?.title ?? ''}
        busy={closing()}
        onConfirm={(choice) => void confirmLost(choice)}
        onCancel={() => setLosing(undefined)}
      />
    </div>
  );
};

type DealCardItemProps = {
  deal: Deal;
  stage: Stage;
  stages: readonly Stage[];
  hintId: string;
  pending: boolean;
  dragging: boolean;
  canEdit: boolean;
  ownerName: string;
  onDragStart: (event: DragEvent) => void;
  onDragEnd: () => void;
  onMove: (stage: Stage) => void;
  onStep: (step: -1 | 1) => void;
  onWon: () => void;
  onLost: () => void;
};

/** One card: title (the card's link and keyboard handle), company, value, owner, days in stage, stalled. */
const DealCardItem = (props: DealCardItemProps) => {
  const i18n = useI18n();
  const { t, tp, fmt } = i18n;
  const titleId = createUniqueId();
  const items = (): MenuItem[] => [
    ...props.stages
      .filter((s) => s.id !== props.deal.stageId)
      .map(
        (s): MenuItem => ({
          label: t('deals.card.moveTo', { stage: s.name }),
          icon: 'arrowRight',
          onSelect: () => props.onMove(s),
        }),
      ),
    { label: t('deals.card.markWon'), icon: 'check', onSelect: () => props.onWon(), testId: 'deal-won' },
    {
      label: t('deals.card.markLost'),
      icon: 'close',
      tone: 'danger',
      onSelect: () => props.onLost(),
      testId: 'deal-lost',
    },
  ];
  return (
    // Alt+←/→ bubble up from the card's focusable parts: its title link and its menu button.
    <article
      class="deal-card"
      classList={{
        'is-stalled': props.deal.stalled,
        'is-pending': props.pending,
        'is-dragging': props.dragging,
        'is-draggable': props.canEdit,
      }}
      aria-labelledby={titleId}
      aria-busy={props.pending ? 'true' : undefined}
      data-testid="deal-card"
      data-deal-id={props.deal.id}
      draggable={props.canEdit && !props.pending ? 'true' : 'false'}
      onDragStart={(event) => props.onDragStart(event)}
      onDragEnd={() => props.onDragEnd()}
      onKeyDown={(event) => {
        if (!props.canEdit || !event.altKey || event.ctrlKey || event.metaKey) return;
        if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
          event.preventDefault();
          props.onStep(event.key === 'ArrowLeft' ? -1 : 1);
        }
      }}
    >
      <div class="deal-card__top">
        <A
          href={dealHref(props.deal.id)}
          class="deal-card__title"
          id={titleId}
          aria-describedby={props.canEdit ? props.hintId : undefined}
          draggable="false"
        >
          {props.deal.title}
        </A>
        <Show when={props.canEdit}>
          <MenuButton
            label={t('deals.card.actions', { title: props.deal.title })}
            items={items()}
            class="deal-card__menu"
            testId="deal-actions"
          >
            <Icon name="more" size={18} />
          </MenuButton>
        </Show>
      </div>
      <p class="deal-card__company">{props.deal.companyName}</p>
      <p class="deal-card__value">{fmt.money(props.deal.value.amount, props.deal.value.currency)}</p>
      <p class="deal-card__owner" title={t('deals.card.owner', { name: props.ownerName })}>
        <Icon name="user" size={14} />
        <span class="sr-only">{t('deals.list.owner')}: </span>
        {props.ownerName}
      </p>
      <div class="deal-card__footer">
        <span class="deal-card__days">
          <Icon name="clock" size={14} />
          {tp('deals.card.days', props.deal.daysInStage)}
        </span>
        <Show when={props.deal.stalled}>
          <Badge tone="warning" class="deal-card__stalled">
            <span title={tp('deals.card.stalledHint', props.stage.maxDaysInStage ?? 0)}>
              {t('deals.card.stalled')}
            </span>
            <span class="sr-only">. {tp('deals.card.stalledHint', props.stage.maxDaysInStage ?? 0)}</span>
          </Badge>
        </Show>
      </div>
    </article>
  );
};
