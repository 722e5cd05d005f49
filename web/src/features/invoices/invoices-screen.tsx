// Счета (/invoices): every invoice newest first, or those of one status (overdue included; `?status=` in
// the URL), read by cursor — number, company, issue date, total, what is still owed and the next due
// date, in the organisation's formats — and «Новый счёт» for those who make them.
import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { api } from '../../api/client.ts';
import type { Invoice, InvoiceListQuery } from '../../api/invoices.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/choice-fields.tsx';
import { EmptyState, Skeleton } from '../../ui/feedback.tsx';
import { Badge } from '../../ui/panel.tsx';
import { loaded } from '../../ui/resource.ts';
import { useToast } from '../../ui/toast.tsx';
import { formatDay } from '../deals/deal-format.ts';
import { recordHref } from '../records/record-links.ts';
import { useActor } from '../users/actor.ts';
import { staffName } from '../users/staff.ts';
import { invoiceHref, invoiceStatuses, invoiceStatusTone, isInvoiceStatus } from './invoice-format.ts';
import { canCreateInvoice } from './invoice-permissions.ts';
import { NewInvoiceDialog } from './new-invoice-dialog.tsx';
import '../records/records.css';
import '../deals/deals.css';
import './invoices.css';

const pageSize = 50;

export const InvoicesScreen = () => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const toast = useToast();
  const actor = useActor();
  const navigate = useNavigate();
  usePageTitle(() => t('invoices.title'));
  const [search, setSearch] = useSearchParams();
  const status = () => (isInvoiceStatus(search.status) ? search.status : undefined);
  const companyId = () => (typeof search.company === 'string' ? search.company : undefined);
  const query = (): InvoiceListQuery => ({
    ...(status() ? { status: status() } : {}),
    ...(companyId() ? { companyId: companyId() } : {}),
    limit: pageSize,
  });
  const [more, setMore] = createSignal<Invoice[]>([]);
  const [cursor, setCursor] = createSignal<string>();
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [creating, setCreating] = createSignal(false);
  const [first, { refetch }] = createResource(
    () => JSON.stringify(query()),
    async (key) => {
      setMore([]);
      const page = await api().invoices.list(JSON.parse(key) as InvoiceListQuery);
      setCursor(page.nextCursor);
      return page;
    },
  );
  const rows = () => [...(loaded(first)?.items ?? []), ...more()];
  const day = (value: string | undefined) => (value ? formatDay(value, i18n.locale()) : '—');

  const loadMore = async () => {
    const from = cursor();
    if (!from) return;
    setLoadingMore(true);
    try {
      const page = await api().invoices.list({ ...query(), cursor: from });
      setMore((list) => [...list, ...page.items]);
      setCursor(page.nextCursor);
    } catch (error) {
      toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <div class="page page--wide invoices-page">
      <header class="list-header">
        <div class="list-header__title">
          <h1 class="page-header__title">{t('invoices.title')}</h1>
          <p class="page-header__subtitle">{t('invoices.subtitle')}</p>
        </div>
        <div class="list-header__actions">
          <Button variant="secondary" icon="refresh" busy={first.loading} onClick={() => void refetch()}>
            {t('invoices.refresh')}
          </Button>
          <Show when={canCreateInvoice(actor())}>
            <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
              {t('invoices.create')}
            </Button>
          </Show>
        </div>
      </header>

      <fieldset class="deal-filters invoice-filters">
        <legend class="sr-only">{t('invoices.filters.label')}</legend>
        <SelectField
          label={t('invoices.filters.status')}
          placeholder={t('invoices.filters.all')}
          options={invoiceStatuses.map((s) => ({ value: s, label: t(`invoices.status.${s}`) }))}
          value={status() ?? ''}
          data-testid="invoice-status-filter"
          onChange={(event) => setSearch({ status: event.currentTarget.value || undefined })}
        />
        <Show when={companyId()}>
          <Button
            size="sm"
            variant="ghost"
            icon="close"
            class="deal-filters__reset"
            onClick={() => setSearch({ company: undefined })}
          >
            {t('invoices.filters.allCompanies')}
          </Button>
        </Show>
      </fieldset>

      <Show
        when={!first.error}
        fallback={<ApiErrorState error={first.error} onRetry={() => void refetch()} />}
      >
        <Show when={loaded(first)} fallback={<Skeleton lines={6} label={t('common.loading')} />}>
          <Show
            when={rows().length > 0}
            fallback={
              <EmptyState
                icon="note"
                title={status() ? t('invoices.list.emptyFiltered') : t('invoices.list.emptyTitle')}
                text={t('invoices.list.emptyText')}
              />
            }
          >
            <div class="panel table-scroll">
              <table
                class="data-table deal-table invoice-list"
                classList={{ 'is-loading': first.loading }}
                aria-busy={first.loading ? 'true' : undefined}
                data-testid="invoice-list"
              >
                <caption class="sr-only">{t('invoices.list.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('invoices.list.number')}</th>
                    <th scope="col">{t('invoices.list.company')}</th>
                    <th scope="col">{t('invoices.list.status')}</th>
                    <th scope="col">{t('invoices.list.issueDate')}</th>
                    <th scope="col" class="data-table__num-head">
                      {t('invoices.list.total')}
                    </th>
                    <th scope="col" class="data-table__num-head">
                      {t('invoices.list.outstanding')}
                    </th>
                    <th scope="col">{t('invoices.list.nextDue')}</th>
                    <th scope="col">{t('invoices.list.owner')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={rows()}>
                    {(invoice) => (
                      <tr
                        data-testid="invoice-row"
                        data-invoice-id={invoice.id}
                        classList={{ 'is-overdue': invoice.overdue }}
                      >
                        <th scope="row" class="data-table__name">
                          <A href={invoiceHref(invoice.id)}>
                            {invoice.number ?? t('invoices.page.draftTitle')}
                          </A>
                        </th>
                        <td>
                          <A href={recordHref('company', invoice.companyId)}>{invoice.company.name}</A>
                        </td>
                        <td>
                          <Badge tone={invoiceStatusTone[invoice.status]}>
                            {t(`invoices.status.${invoice.status}`)}
                          </Badge>
                        </td>
                        <td class="data-table__num">{day(invoice.issueDate)}</td>
                        <td class="data-table__num">{fmt.money(invoice.totals.gross, invoice.currency)}</td>
                        <td class="data-table__num">
                          {invoice.storedStatus === 'draft'
                            ? '—'
                            : fmt.money(invoice.outstanding, invoice.currency)}
                        </td>
                        <td class="data-table__num" classList={{ 'invoice-list__late': invoice.overdue }}>
                          {day(invoice.nextDueDate)}
                        </td>
                        <td>{staffName(invoice.ownerId) ?? t('records.unknownUser')}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <Show when={cursor()}>
              <div class="list-footer">
                <Button variant="secondary" busy={loadingMore()} onClick={() => void loadMore()}>
                  {t('invoices.list.loadMore')}
                </Button>
              </div>
            </Show>
          </Show>
        </Show>
      </Show>

      <NewInvoiceDialog
        open={creating()}
        start={{}}
        onClose={() => setCreating(false)}
        onCreated={(invoice) => {
          setCreating(false);
          toast.show(t('invoices.created'));
          navigate(invoiceHref(invoice.id));
        }}
      />
    </div>
  );
};
