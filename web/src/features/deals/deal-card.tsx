// The deal card (/deals/:id): title, company, status and value in the header with won / lost / reopen;
// the stage bar of its pipeline (a click moves the deal there); its products (the value follows them);
// details and contacts; its quotes (КП) and invoices; the stage history with the days spent in each stage; and its
// timeline, where calls, meetings and e-mails are logged.
// Writes carry the version last read: a 409 reloads the deal and says that a colleague changed it.
import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import type { CloseDeal, Deal, Pipeline, Stage } from '../../api/deals.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button, LinkButton } from '../../ui/button.tsx';
import { Alert, EmptyState, Skeleton } from '../../ui/feedback.tsx';
import { Icon } from '../../ui/icon.tsx';
import { Badge, Panel } from '../../ui/panel.tsx';
import { loaded } from '../../ui/resource.ts';
import { useToast } from '../../ui/toast.tsx';
import { DealActivities } from '../activities/deal-activities.tsx';
import { DealInvoicesPanel } from '../invoices/deal-invoices.tsx';
import { canReadMarketing } from '../marketing/marketing-permissions.ts';
import { DealLinesPanel } from '../products/deal-lines-panel.tsx';
import { QuotesPanel } from '../quotes/quotes-panel.tsx';
import { canEditRecord } from '../records/permissions.ts';
import { recordHref } from '../records/record-links.ts';
import { useActor } from '../users/actor.ts';
import { staffName } from '../users/staff.ts';
import { createDealContacts, DealContactsPanel } from './deal-contacts.tsx';
import { dealsHref, formatDay, formatPercent, statusTone } from './deal-format.ts';
import { colleagueMessage, isColleaguesChange } from './deal-outcome.ts';
import { type LostChoice, LostDialog } from './lost-dialog.tsx';
import '../records/records.css';
import './deals.css';

export const DealCard = (props: { id: string }) => {
  const i18n = useI18n();
  const { t, tp, fmt, lookup } = i18n;
  const toast = useToast();
  const actor = useActor();
  const [deal, { mutate, refetch }] = createResource(
    () => props.id,
    (id) => api().deals.get(id),
  );
  const [pipelines] = createResource(() => api().deals.pipelines());
  const [busy, setBusy] = createSignal<string>();
  const [losing, setLosing] = createSignal(false);
  const current = () => loaded(deal);
  const contacts = createDealContacts(current);
  usePageTitle(() => current()?.title ?? t('deals.title'));

  const pipeline = (): Pipeline | undefined => loaded(pipelines)?.find((p) => p.id === current()?.pipelineId);
  const stage = (): Stage | undefined => pipeline()?.stages.find((s) => s.id === current()?.stageId);
  const editable = () => {
    const d = current();
    return d !== undefined && canEditRecord(actor(), d);
  };

  /** Runs a versioned write; a colleague's change reloads the deal and says so. */
  const write = async (what: string, run: (d: Deal) => Promise<Deal>, done?: (saved: Deal) => string) => {
    const before = current();
    if (!before || busy()) return false;
    setBusy(what);
    try {
      const saved = await run(before);
      mutate(saved);
      if (done) toast.show(done(saved));
      return true;
    } catch (error) {
      if (isColleaguesChange(error)) {
        const fresh = await api()
          .deals.get(before.id)
          .catch(() => undefined);
        if (fresh) mutate(fresh);
        else void refetch();
        toast.show(
          fresh
            ? colleagueMessage(i18n, before, fresh, pipeline()?.stages ?? [])
            : t('deals.board.changedByColleague', { title: before.title }),
          'info',
        );
        return true;
      }
      toast.show(describeError(error, i18n).message, 'danger');
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  const moveTo = (target: Stage) =>
    write(
      `stage:${target.id}`,
      (d) => api().deals.move(d.id, d.version, target.id),
      (saved) => t('deals.board.moved', { title: saved.title, stage: target.name }),
    );

  const close = (choice: CloseDeal) =>
    write(
      choice.status,
      (d) => api().deals.close(d.id, d.version, choice),
      (saved) => t(choice.status === 'won' ? 'deals.card.won' : 'deals.card.lost', { title: saved.title }),
    );

  const confirmLost = async (choice: LostChoice) => {
    if (await close({ status: 'lost', ...choice })) setLosing(false);
  };

  const reopen = () =>
    write(
      'reopen',
      (d) => api().deals.reopen(d.id, d.version),
      (saved) => t('deals.card.reopened', { title: saved.title }),
    );

  const stageIndex = () => pipeline()?.stages.findIndex((s) => s.id === current()?.stageId) ?? -1;

  const detail = (label: string, value: unknown, testId?: string) => (
    <Show when={value !== undefined && value !== ''}>
      <div class="details__row">
        <dt>{label}</dt>
        <dd data-testid={testId}>{value as string}</dd>
      </div>
    </Show>
  );

  return (
    <div class="page page--wide card-page deal-page">
      <nav class="breadcrumbs" aria-label={t('nav.label')}>
        <A href={dealsHref(current()?.pipelineId)} class="breadcrumbs__link">
          <Icon name="chevronLeft" size={16} />
          {t('deals.page.back')}
        </A>
      </nav>
      <Show
        when={current()}
        fallback={
          <Show when={deal.error} fallback={<Skeleton lines={6} label={t('common.loading')} />}>
            {(error) => (
              <Show
                when={error() instanceof ApiError && (error() as ApiError).status === 404}
                fallback={<ApiErrorState error={error()} onRetry={() => void refetch()} />}
              >
                <EmptyState
                  icon="search"
                  title={t('deals.page.notFoundTitle')}
                  text={t('deals.page.notFoundText')}
                  action={
                    <LinkButton href="/deals" variant="secondary">
                      {t('deals.page.back')}
                    </LinkButton>
                  }
                />
              </Show>
            )}
          </Show>
        }
      >
        {(d) => (
          <>
            <header class="card-header" data-testid="deal-header">
              <span class="card-header__avatar" aria-hidden="true">
                <Icon name="briefcase" size={22} />
              </span>
              <div class="card-header__main">
                <h1 class="card-header__title" data-testid="deal-title">
                  {d().title}
                </h1>
                <p class="card-header__subtitle">
                  <A href={recordHref('company', d().companyId)} data-testid="deal-company-link">
                    {d().companyName}
                  </A>
                  <span class="deal-page__owner">
                    <Icon name="user" size={14} />
                    <span class="sr-only">{t('deals.page.owner')}: </span>
                    {staffName(d().ownerId) ?? t('records.unknownUser')}
                  </span>
                </p>
                <div class="card-header__chips">
                  <Badge tone={statusTone[d().status]}>
                    <span data-testid="deal-status">{t(`deals.status.${d().status}`)}</span>
                  </Badge>
                  <span class="deal-page__value" data-testid="deal-value">
                    {fmt.money(d().value.amount, d().value.currency)}
                  </span>
                  <Show when={d().stalled}>
                    <Badge tone="warning" class="deal-page__stalled">
                      <Icon name="clock" size={12} />
                      {t('deals.card.stalled')}
                    </Badge>
                  </Show>
                </div>
              </div>
              <Show when={editable()}>
                <div class="card-header__actions">
                  <Show
                    when={d().status === 'open'}
                    fallback={
                      <Button icon="refresh" busy={busy() === 'reopen'} onClick={() => void reopen()}>
                        {t('deals.page.reopen')}
                      </Button>
                    }
                  >
                    <Button
                      icon="check"
                      class="btn--success"
                      busy={busy() === 'won'}
                      onClick={() => void close({ status: 'won' })}
                    >
                      {t('deals.page.won')}
                    </Button>
                    <Button icon="close" class="btn--danger-outline" onClick={() => setLosing(true)}>
                      {t('deals.page.lost')}
                    </Button>
                  </Show>
                </div>
              </Show>
            </header>

            <Show when={pipeline()}>
              {(p) => (
                <nav class="stage-bar" aria-label={t('deals.page.stageBar', { name: p().name })}>
                  <ol class="stage-bar__list" data-testid="stage-bar">
                    <For each={p().stages}>
                      {(s, index) => {
                        const state = () =>
                          d().stageId === s.id ? 'current' : index() < stageIndex() ? 'done' : 'next';
                        const label = () =>
                          t(
                            state() === 'current'
                              ? 'deals.page.stageCurrent'
                              : state() === 'done'
                                ? 'deals.page.stageDone'
                                : 'deals.page.stageNext',
                            { stage: s.name },
                          );
                        return (
                          <li
                            class={`stage-bar__step stage-bar__step--${state()}`}
                            classList={{
                              'is-won': d().status === 'won',
                              'is-lost': d().status === 'lost' && state() === 'current',
                            }}
                          >
                            <Show
                              when={editable() && d().status === 'open' && state() !== 'current'}
                              fallback={
                                <span
                                  class="stage-bar__label"
                                  aria-current={state() === 'current' ? 'step' : undefined}
                                  title={label()}
                                >
                                  {s.name}
                                  <span class="stage-bar__probability">
                                    {formatPercent(s.probability, i18n.locale())}
                                  </span>
                                </span>
                              }
                            >
                              <button
                                type="button"
                                class="stage-bar__label"
                                aria-label={label()}
                                title={label()}
                                aria-busy={busy() === `stage:${s.id}` ? 'true' : undefined}
                                disabled={busy() !== undefined}
                                onClick={() => void moveTo(s)}
                              >
                                {s.name}
                                <span class="stage-bar__probability">
                                  {formatPercent(s.probability, i18n.locale())}
                                </span>
                              </button>
                            </Show>
                          </li>
                        );
                      }}
                    </For>
                  </ol>
                </nav>
              )}
            </Show>

            <Show when={d().stalled && stage()}>
              {(s) => (
                <Alert tone="warning" role="status">
                  {tp('deals.page.stalled', d().daysInStage, {
                    stage: s().name,
                    max: s().maxDaysInStage ?? 0,
                  })}
                </Alert>
              )}
            </Show>
            <Show when={!editable()}>
              <p class="card-readonly" role="note">
                <Icon name="eye" size={14} /> {t('deals.page.readOnly')}
              </p>
            </Show>

            <DealLinesPanel deal={d()} editable={editable()} onDealChanged={(saved) => mutate(saved)} />

            <div class="card-grid">
              <div class="card-side">
                <Panel title={t('deals.page.details')}>
                  <dl class="details" data-testid="deal-details">
                    {detail(t('deals.page.value'), fmt.money(d().value.amount, d().value.currency))}
                    {detail(t('deals.page.probability'), formatPercent(d().probability, i18n.locale()))}
                    {detail(
                      t('deals.page.weighted'),
                      fmt.money(Math.round((d().value.amount * d().probability) / 100), d().value.currency),
                    )}
                    {detail(
                      t('deals.page.closeDate'),
                      d().expectedCloseDate
                        ? formatDay(d().expectedCloseDate ?? '', i18n.locale())
                        : undefined,
                    )}
                    {detail(t('deals.page.owner'), staffName(d().ownerId) ?? t('records.unknownUser'))}
                    {detail(
                      t('deals.page.source'),
                      d().source ? (lookup(`records.sources.${d().source}`) ?? d().source) : undefined,
                    )}
                    <Show when={d().campaignId}>
                      <div class="details__row">
                        <dt>{t('deals.page.campaign')}</dt>
                        <dd data-testid="deal-campaign">
                          <Show when={canReadMarketing(actor())} fallback={d().campaignName}>
                            <A href={`/marketing/campaigns/${d().campaignId}`}>{d().campaignName}</A>
                          </Show>
                        </dd>
                      </div>
                    </Show>
                    {detail(t('deals.page.pipeline'), pipeline()?.name)}
                    {detail(t('deals.page.createdAt'), fmt.dateTime(d().createdAt))}
                    {detail(
                      t('deals.page.closedAt'),
                      d().closedAt ? fmt.dateTime(d().closedAt ?? '') : undefined,
                    )}
                    {detail(
                      t('deals.page.lostReason'),
                      d().lostReason ? t(`deals.lostReasons.${d().lostReason ?? 'other'}`) : undefined,
                      'deal-lost-reason',
                    )}
                    {detail(t('deals.page.lostNote'), d().lostNote)}
                    {detail(t('deals.page.notes'), d().description)}
                  </dl>
                </Panel>
                <DealContactsPanel
                  deal={d()}
                  contacts={contacts()}
                  editable={editable()}
                  busy={busy()}
                  write={write}
                />
              </div>
              <div class="card-main">
                <QuotesPanel deal={d()} editable={editable()} contacts={contacts()} />
                <DealInvoicesPanel deal={d()} editable={editable()} />
                <Panel title={t('deals.page.history')} padded={false}>
                  <div class="table-scroll">
                    <table class="data-table" data-testid="stage-history">
                      <thead>
                        <tr>
                          <th scope="col">{t('deals.page.historyStage')}</th>
                          <th scope="col">{t('deals.page.entered')}</th>
                          <th scope="col">{t('deals.page.left')}</th>
                          <th scope="col" class="data-table__num-head">
                            {t('deals.page.days')}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={d().stageHistory}>
                          {(visit) => (
                            <tr classList={{ 'is-current': !visit.leftAt && d().status === 'open' }}>
                              <th scope="row" class="data-table__name">
                                {visit.stageName}
                              </th>
                              <td class="data-table__num">{fmt.dateTime(visit.enteredAt)}</td>
                              <td class="data-table__num">
                                {visit.leftAt ? fmt.dateTime(visit.leftAt) : t('deals.page.now')}
                              </td>
                              <td class="data-table__num">{fmt.number(visit.days)}</td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </div>
                </Panel>
                <DealActivities deal={d()} />
              </div>
            </div>

            <LostDialog
              open={losing()}
              dealTitle={d().title}
              busy={busy() === 'lost'}
              onConfirm={(choice) => void confirmLost(choice)}
              onCancel={() => setLosing(false)}
            />
          </>
        )}
      </Show>
    </div>
  );
};
