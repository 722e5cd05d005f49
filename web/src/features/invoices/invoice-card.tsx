// The invoice page (/invoices/:id): number, status and totals in the header with the actions each role
// may take (issue, send to the billing contact, PDF, print, record or reverse a payment, cancel); the
// lines with VAT; the payment schedule — each installment's due date, amount, paid and remaining,
// overdue ones marked —; and the payments, backdated ones said to be «задним числом». Writes carry the
// version last read: a 409 reloads the invoice and says a colleague changed it.
import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import type { Invoice, InvoicePayment } from '../../api/invoices.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button, LinkButton } from '../../ui/button.tsx';
import { TextAreaField } from '../../ui/choice-fields.tsx';
import { ConfirmDialog, Dialog } from '../../ui/dialog.tsx';
import { EmptyState, LoadingState, Skeleton } from '../../ui/feedback.tsx';
import { Icon } from '../../ui/icon.tsx';
import { Badge, Panel } from '../../ui/panel.tsx';
import { loaded } from '../../ui/resource.ts';
import { useToast } from '../../ui/toast.tsx';
import { dealHref, formatDay, formatPercent } from '../deals/deal-format.ts';
import { formatDecimalText, formatDiscountText } from '../products/line-draft.ts';
import { downloadFrom } from '../quotes/quotes-panel.tsx';
import { recordHref } from '../records/record-links.ts';
import { useActor } from '../users/actor.ts';
import { staffName } from '../users/staff.ts';
import { installmentRemaining, invoiceStatusTone, invoicesHref, isLive } from './invoice-format.ts';
import { canReverseOrCancel, canWriteInvoice } from './invoice-permissions.ts';
import { PaymentDialog } from './payment-dialog.tsx';
import '../records/records.css';
import '../products/products.css';
import './invoices.css';

export const InvoiceCard = (props: { id: string }) => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const toast = useToast();
  const actor = useActor();
  const [invoice, { mutate, refetch }] = createResource(
    () => props.id,
    (id) => api().invoices.get(id),
  );
  const [busy, setBusy] = createSignal<string>();
  const [paying, setPaying] = createSignal(false);
  const [reversing, setReversing] = createSignal<InvoicePayment>();
  const [cancelling, setCancelling] = createSignal(false);
  const [cancelReason, setCancelReason] = createSignal('');
  const [cancelError, setCancelError] = createSignal<string>();
  const [printing, setPrinting] = createSignal(false);
  const current = () => loaded(invoice);
  const title = (i: Invoice) =>
    i.number ? t('invoices.page.title', { number: i.number }) : t('invoices.page.draftTitle');
  usePageTitle(() => (current() ? title(current() as Invoice) : t('invoices.title')));

  const money = (minor: number) => fmt.money(minor, current()?.currency ?? i18n.currency());
  const day = (value: string) => formatDay(value, i18n.locale());
  const writable = () => {
    const i = current();
    return i !== undefined && canWriteInvoice(actor(), i);
  };

  /** Runs a versioned write; a colleague's change reloads the invoice and says so. */
  const write = async (
    what: string,
    run: (i: Invoice) => Promise<Invoice>,
    done: (saved: Invoice) => string,
  ) => {
    const before = current();
    if (!before || busy()) return false;
    setBusy(what);
    try {
      const saved = await run(before);
      // Writes answer the invoice without its payments: keep those read, then read them again.
      mutate({ ...saved, payments: saved.payments ?? before.payments });
      if (!saved.payments) void refetch();
      toast.show(done(saved));
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        await refetch();
        toast.show(t('invoices.page.changedByColleague'), 'info');
        return false;
      }
      toast.show(describeError(error, i18n).message, 'danger');
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  const issue = () =>
    write(
      'issue',
      (i) => api().invoices.issue(i.id, i.version),
      (saved) => t('invoices.page.issued', { number: saved.number ?? '' }),
    );

  const send = async () => {
    const before = current();
    if (!before || busy()) return;
    setBusy('send');
    try {
      const { invoice: saved } = await api().invoices.send(before.id);
      mutate({ ...saved, payments: saved.payments ?? before.payments });
      toast.show(
        t('invoices.page.sent', {
          number: saved.number ?? '',
          email: saved.sentTo.at(-1)?.email ?? before.billingContactName ?? '',
        }),
      );
    } catch (error) {
      toast.show(
        error instanceof ApiError && error.status === 400 && !before.billingContactId
          ? t('invoices.page.noBillingContact')
          : describeError(error, i18n).message,
        'danger',
      );
    } finally {
      setBusy(undefined);
    }
  };

  const download = async () => {
    const i = current();
    if (!i || busy()) return;
    setBusy('pdf');
    try {
      downloadFrom(await api().invoices.pdfUrl(i.id), `${i.number ?? i.id}.pdf`);
    } catch (error) {
      toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setBusy(undefined);
    }
  };

  const reverse = async (payment: InvoicePayment) => {
    if (
      await write(
        `reverse:${payment.id}`,
        (i) => api().invoices.reversePayment(i.id, payment.id, i.version),
        () => t('invoices.page.reversed', { amount: money(payment.amount) }),
      )
    )
      setReversing(undefined);
  };

  const cancel = async () => {
    if (!cancelReason().trim()) {
      setCancelError(t('invoices.cancel.reasonRequired'));
      return;
    }
    if (
      await write(
        'cancel',
        (i) => api().invoices.cancel(i.id, i.version, cancelReason().trim()),
        (saved) => t('invoices.cancel.done', { number: saved.number ?? t('invoices.page.draftTitle') }),
      )
    )
      setCancelling(false);
  };

  const notFound = () => invoice.error instanceof ApiError && invoice.error.status === 404;

  return (
    <div class="page page--wide invoice-page">
      <nav class="breadcrumbs" aria-label={t('nav.label')}>
        <A href={invoicesHref()} class="breadcrumbs__link">
          <Icon name="chevronLeft" size={16} />
          {t('invoices.page.back')}
        </A>
      </nav>
      <Show
        when={current()}
        fallback={
          <Show when={invoice.error} fallback={<Skeleton lines={8} label={t('common.loading')} />}>
            <Show
              when={notFound()}
              fallback={<ApiErrorState error={invoice.error} onRetry={() => void refetch()} />}
            >
              <EmptyState
                icon="search"
                title={t('invoices.page.notFoundTitle')}
                text={t('invoices.page.notFoundText')}
                action={
                  <LinkButton href={invoicesHref()} variant="secondary">
                    {t('invoices.page.back')}
                  </LinkButton>
                }
              />
            </Show>
          </Show>
        }
      >
        {(i) => (
          <>
            <header class="card-header invoice-header" data-testid="invoice-header">
              <span class="card-header__avatar" aria-hidden="true">
                <Icon name="note" size={22} />
              </span>
              <div class="card-header__main">
                <h1 class="card-header__title" data-testid="invoice-number">
                  {title(i())}
                </h1>
                <p class="card-header__subtitle">
                  <A href={recordHref('company', i().companyId)} data-testid="invoice-company-link">
                    {i().company.name}
                  </A>
                  <Show when={i().company.inn}>
                    <span>
                      {t('palette.match.inn')} {i().company.inn}
                    </span>
                  </Show>
                  <Show when={i().dealId}>
                    <A href={dealHref(i().dealId ?? '')}>
                      {t('invoices.page.deal')}: {i().dealTitle}
                    </A>
                  </Show>
                </p>
                <div class="card-header__chips">
                  <Badge tone={invoiceStatusTone[i().status]}>
                    <span data-testid="invoice-status">{t(`invoices.status.${i().status}`)}</span>
                  </Badge>
                  <Show when={i().issueDate}>
                    <span class="invoice-header__meta">
                      {t('invoices.page.issuedOn', { date: day(i().issueDate ?? '') })}
                    </span>
                  </Show>
                  <span class="invoice-header__meta">
                    <Icon name="user" size={14} /> {staffName(i().ownerId) ?? t('records.unknownUser')}
                  </span>
                </div>
              </div>
              <div class="card-header__actions invoice-actions">
                <Show when={i().storedStatus === 'draft' && writable()}>
                  <Button
                    variant="primary"
                    icon="check"
                    busy={busy() === 'issue'}
                    onClick={() => void issue()}
                  >
                    {t('invoices.page.issue')}
                  </Button>
                </Show>
                <Show when={isLive(i()) && writable()}>
                  <Button variant="primary" icon="plus" onClick={() => setPaying(true)}>
                    {t('invoices.page.recordPayment')}
                  </Button>
                </Show>
                <Show when={i().storedStatus !== 'draft' && i().storedStatus !== 'cancelled' && writable()}>
                  <Button
                    icon="send"
                    busy={busy() === 'send'}
                    disabled={!i().billingContactId}
                    title={i().billingContactId ? undefined : t('invoices.page.noBillingContact')}
                    onClick={() => void send()}
                  >
                    {t('invoices.page.send')}
                  </Button>
                </Show>
                <Show when={i().storedStatus !== 'draft'}>
                  <Button icon="download" busy={busy() === 'pdf'} onClick={() => void download()}>
                    {t('invoices.page.pdf')}
                  </Button>
                </Show>
                <Button icon="printer" onClick={() => setPrinting(true)}>
                  {t('invoices.page.print')}
                </Button>
                <Show
                  when={
                    canReverseOrCancel(actor()) &&
                    (i().storedStatus === 'draft' || i().storedStatus === 'issued') &&
                    i().paidTotal === 0
                  }
                >
                  <Button
                    variant="danger"
                    icon="close"
                    onClick={() => {
                      setCancelReason('');
                      setCancelError(undefined);
                      setCancelling(true);
                    }}
                  >
                    {t('invoices.page.cancel')}
                  </Button>
                </Show>
              </div>
            </header>

            <Show when={i().storedStatus === 'cancelled'}>
              <p class="card-readonly" role="note">
                <Icon name="info" size={14} />{' '}
                {t('invoices.page.cancelledNote', {
                  date: i().cancelledAt ? fmt.date(i().cancelledAt ?? '') : '',
                  reason: i().cancelReason ?? '',
                })}
              </p>
            </Show>
            <Show when={i().sentAt}>
              <p class="invoice-sent" data-testid="invoice-sent">
                <Icon name="check" size={14} />
                {t('invoices.page.sentAt', {
                  date: fmt.dateTime(i().sentAt ?? ''),
                  to: i()
                    .sentTo.map((r) => r.email)
                    .filter((e, n, all) => all.indexOf(e) === n)
                    .join(', '),
                })}
              </p>
            </Show>

            <dl class="stats invoice-totals" data-testid="invoice-totals">
              <div class="stat">
                <dt>{t('invoices.page.total')}</dt>
                <dd data-testid="invoice-total">{money(i().totals.gross)}</dd>
                <dd class="stat__note">{t('invoices.page.vatIncluded', { vat: money(i().totals.vat) })}</dd>
              </div>
              <div class="stat">
                <dt>{t('invoices.page.paid')}</dt>
                <dd data-testid="invoice-paid">{money(i().paidTotal)}</dd>
              </div>
              <div class="stat" classList={{ 'stat--danger': i().overdue }}>
                <dt>{t('invoices.page.outstanding')}</dt>
                <dd data-testid="invoice-outstanding">{money(i().outstanding)}</dd>
                <Show when={i().nextDueDate}>
                  <dd class="stat__note">
                    {t('invoices.page.nextDue', { date: day(i().nextDueDate ?? '') })}
                  </dd>
                </Show>
              </div>
              <div class="stat">
                <dt>{t('invoices.page.billingContact')}</dt>
                <dd class="invoice-totals__text">{i().billingContactName ?? t('invoices.page.noContact')}</dd>
              </div>
            </dl>

            <div class="invoice-grid">
              <Panel title={t('invoices.page.schedule')} padded={false} class="invoice-schedule">
                <div class="table-scroll">
                  <table class="data-table invoice-table" data-testid="invoice-schedule">
                    <caption class="sr-only">{t('invoices.page.schedule')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('invoices.schedule.number')}</th>
                        <th scope="col">{t('invoices.schedule.dueDate')}</th>
                        <th scope="col" class="data-table__num-head">
                          {t('invoices.schedule.amount')}
                        </th>
                        <th scope="col" class="data-table__num-head">
                          {t('invoices.page.paid')}
                        </th>
                        <th scope="col" class="data-table__num-head">
                          {t('invoices.page.remaining')}
                        </th>
                        <th scope="col">{t('invoices.page.installmentState')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <Show
                        when={i().installments.length > 0}
                        fallback={
                          <tr>
                            <td colSpan={6} class="muted">
                              {t('invoices.page.defaultSchedule')}
                            </td>
                          </tr>
                        }
                      >
                        <For each={i().installments}>
                          {(x) => (
                            <tr
                              data-testid="installment-row"
                              data-n={x.n}
                              classList={{ 'is-overdue': x.overdue }}
                            >
                              <th scope="row">{x.n}</th>
                              <td>{day(x.dueDate)}</td>
                              <td class="data-table__num">{money(x.amount)}</td>
                              <td class="data-table__num" data-testid="installment-paid">
                                {money(x.paid)}
                              </td>
                              <td class="data-table__num" data-testid="installment-remaining">
                                {money(installmentRemaining(x))}
                              </td>
                              <td>
                                <Show
                                  when={x.paid < x.amount}
                                  fallback={
                                    <Badge tone="success">{t('invoices.page.installmentPaid')}</Badge>
                                  }
                                >
                                  <Show when={x.overdue}>
                                    <Badge tone="danger">
                                      <span data-testid="installment-overdue">
                                        {t('invoices.page.installmentOverdue')}
                                      </span>
                                    </Badge>
                                  </Show>
                                  <Show when={!x.overdue && x.paid > 0}>
                                    <Badge tone="warning">{t('invoices.page.installmentPartly')}</Badge>
                                  </Show>
                                  <Show when={!x.overdue && x.paid === 0}>
                                    <span class="muted">{t('invoices.page.installmentOpen')}</span>
                                  </Show>
                                </Show>
                              </td>
                            </tr>
                          )}
                        </For>
                      </Show>
                    </tbody>
                  </table>
                </div>
              </Panel>

              <Panel title={t('invoices.page.payments')} padded={false} class="invoice-payments">
                <Show
                  when={(i().payments ?? []).length > 0}
                  fallback={<p class="muted invoice-payments__empty">{t('invoices.page.noPayments')}</p>}
                >
                  <ul class="payment-list" data-testid="payment-list">
                    <For each={i().payments ?? []}>
                      {(payment) => (
                        <li
                          class="payment"
                          classList={{ 'is-reversed': payment.reversed }}
                          data-testid="payment"
                          data-payment-id={payment.id}
                        >
                          <div class="payment__main">
                            <p class="payment__title">
                              <span class="payment__amount">{money(payment.amount)}</span>
                              <span>{day(payment.paidOn)}</span>
                              <Show when={payment.backdated}>
                                <Badge tone="warning">
                                  <span data-testid="payment-backdated">{t('invoices.page.backdated')}</span>
                                </Badge>
                              </Show>
                              <Show when={payment.reversed}>
                                <Badge tone="neutral">{t('invoices.page.paymentReversed')}</Badge>
                              </Show>
                            </p>
                            <p class="payment__meta">
                              <Show when={payment.allocations.length > 0}>
                                <span>
                                  {t('invoices.page.allocatedTo', {
                                    list: payment.allocations
                                      .map((a) =>
                                        t('invoices.page.allocation', { n: a.n, amount: money(a.amount) }),
                                      )
                                      .join(', '),
                                  })}
                                </span>
                              </Show>
                              <Show when={payment.reference}>
                                <span>
                                  {t('invoices.page.reference')}: {payment.reference}
                                </span>
                              </Show>
                              <span>
                                {t('invoices.page.recordedBy', {
                                  name: staffName(payment.recordedBy) ?? t('records.unknownUser'),
                                  date: fmt.dateTime(payment.recordedAt),
                                })}
                              </span>
                            </p>
                          </div>
                          <Show when={!payment.reversed && canReverseOrCancel(actor())}>
                            <Button
                              size="sm"
                              variant="ghost"
                              icon="refresh"
                              aria-label={t('invoices.page.reverseLabel', {
                                amount: money(payment.amount),
                                date: day(payment.paidOn),
                              })}
                              onClick={() => setReversing(payment)}
                            >
                              {t('invoices.page.reverse')}
                            </Button>
                          </Show>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </Panel>

              <Panel title={t('invoices.page.lines')} padded={false} class="invoice-lines">
                <div class="table-scroll">
                  <table class="data-table lines-table" data-testid="invoice-lines">
                    <caption class="sr-only">{t('invoices.page.lines')}</caption>
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
                      </tr>
                    </thead>
                    <tbody>
                      <For each={i().lines}>
                        {(line, index) => (
                          <tr data-testid="invoice-line">
                            <td class="lines-table__no">{index() + 1}</td>
                            <th scope="row" class="lines-table__name">
                              <span class="lines-table__product">{line.name}</span>
                              <Show when={line.sku}>
                                <span class="lines-table__sku">{line.sku}</span>
                              </Show>
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
                            <td class="data-table__num">{money(line.net)}</td>
                            <td class="data-table__num">
                              {money(line.vat)}
                              <span class="lines-table__sub">
                                {formatPercent(line.vatRate, i18n.locale())}
                              </span>
                            </td>
                            <td class="data-table__num lines-table__total">{money(line.total)}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
                <div class="lines-footer">
                  <p class="muted lines-footer__note">{i().note}</p>
                  <dl class="line-totals">
                    <div class="line-totals__row">
                      <dt>{t('dealLines.totals.net')}</dt>
                      <dd>{money(i().totals.net)}</dd>
                    </div>
                    <div class="line-totals__row">
                      <dt>{t('dealLines.totals.vat')}</dt>
                      <dd>{money(i().totals.vat)}</dd>
                    </div>
                    <div class="line-totals__row line-totals__row--total">
                      <dt>{t('dealLines.totals.total')}</dt>
                      <dd>{money(i().totals.gross)}</dd>
                    </div>
                  </dl>
                </div>
              </Panel>
            </div>

            <PaymentDialog
              invoice={paying() ? i() : undefined}
              onClose={() => setPaying(false)}
              onStale={() => void refetch()}
              onRecorded={(saved) => {
                setPaying(false);
                mutate({ ...saved, payments: saved.payments ?? i().payments });
                void refetch();
                toast.show(t('invoices.payment.recorded', { status: t(`invoices.status.${saved.status}`) }));
              }}
            />
            <ConfirmDialog
              open={reversing() !== undefined}
              title={t('invoices.page.reverseTitle')}
              message={t('invoices.page.reverseConfirm', {
                amount: money(reversing()?.amount ?? 0),
                date: reversing() ? day(reversing()?.paidOn ?? '') : '',
              })}
              confirmLabel={t('invoices.page.reverse')}
              cancelLabel={t('common.cancel')}
              closeLabel={t('common.close')}
              busy={busy()?.startsWith('reverse:')}
              onConfirm={() => {
                const payment = reversing();
                if (payment) void reverse(payment);
              }}
              onCancel={() => setReversing(undefined)}
            />
            <Dialog
              open={cancelling()}
              title={t('invoices.cancel.title')}
              description={t('invoices.cancel.description')}
              onClose={() => setCancelling(false)}
              closeLabel={t('common.close')}
              size="sm"
              footer={
                <>
                  <Button variant="secondary" onClick={() => setCancelling(false)}>
                    {t('common.cancel')}
                  </Button>
                  <Button variant="danger" busy={busy() === 'cancel'} onClick={() => void cancel()}>
                    {t('invoices.cancel.submit')}
                  </Button>
                </>
              }
            >
              <TextAreaField
                label={`${t('invoices.cancel.reason')} *`}
                rows={3}
                maxLength={500}
                value={cancelReason()}
                error={cancelError()}
                onInput={(event) => {
                  setCancelReason(event.currentTarget.value);
                  setCancelError(undefined);
                }}
              />
            </Dialog>
            <PrintDialog
              open={printing()}
              invoice={i()}
              onClose={() => setPrinting(false)}
              title={title(i())}
            />
          </>
        )}
      </Show>
    </div>
  );
};

/** The server's printable document in a frame that runs no script, printable from the dialog. */
const PrintDialog = (props: { open: boolean; invoice: Invoice; title: string; onClose: () => void }) => {
  const { t } = useI18n();
  const [html] = createResource(
    () => (props.open ? `${props.invoice.id}#${props.invoice.version}` : undefined),
    () => api().invoices.printHtml(props.invoice.id),
  );
  let frame: HTMLIFrameElement | undefined;
  return (
    <Dialog
      open={props.open}
      title={t('invoices.print.title', { title: props.title })}
      onClose={props.onClose}
      closeLabel={t('common.close')}
      size="xl"
      class="invoice-print"
      footer={
        <>
          <Button variant="secondary" onClick={() => props.onClose()}>
            {t('common.close')}
          </Button>
          <Button
            variant="primary"
            icon="printer"
            disabled={html.latest === undefined}
            onClick={() => frame?.contentWindow?.print()}
          >
            {t('invoices.print.print')}
          </Button>
        </>
      }
    >
      <Show
        when={html.latest !== undefined}
        fallback={
          <Show when={html.error} fallback={<LoadingState label={t('invoices.print.loading')} />}>
            <ApiErrorState compact error={html.error} />
          </Show>
        }
      >
        <iframe
          ref={frame}
          class="invoice-print__frame"
          title={t('invoices.print.frame', { title: props.title })}
          sandbox="allow-same-origin allow-modals"
          srcdoc={html.latest ?? ''}
          data-testid="invoice-print-frame"
        />
      </Show>
    </Dialog>
  );
};
