// The company card's «Счета» block (GET /api/companies/{id}/receivables): what the company still owes,
// a warning when anything is overdue, the next installment due and its open invoices; «Выставить счёт»
// opens the new-invoice dialog with the company filled in.
import { A, useNavigate } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button } from '../../ui/button.tsx';
import { Alert, Skeleton } from '../../ui/feedback.tsx';
import { Badge, Panel } from '../../ui/panel.tsx';
import { loaded } from '../../ui/resource.ts';
import { useToast } from '../../ui/toast.tsx';
import { formatDay } from '../deals/deal-format.ts';
import { useActor } from '../users/actor.ts';
import { invoiceHref, invoiceStatusTone } from './invoice-format.ts';
import { canCreateInvoice, canReadInvoices, canWriteInvoice } from './invoice-permissions.ts';
import { NewInvoiceDialog } from './new-invoice-dialog.tsx';
import './invoices.css';

export const CompanyReceivables = (props: { company: { id: string; name: string; ownerId: string } }) => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const actor = useActor();
  const toast = useToast();
  const navigate = useNavigate();
  const [creating, setCreating] = createSignal(false);
  const [block, { refetch }] = createResource(
    () => (canReadInvoices(actor()) ? props.company.id : undefined),
    (id) => api().receivables.forCompany(id),
  );
  const day = (value: string) => formatDay(value, i18n.locale());
  const canCreate = () => canCreateInvoice(actor()) && canWriteInvoice(actor(), props.company);

  return (
    <Show when={canReadInvoices(actor())}>
      <Panel
        title={t('invoices.company.title')}
        class="company-receivables"
        actions={
          <Show when={canCreate()}>
            <Button size="sm" variant="primary" icon="plus" onClick={() => setCreating(true)}>
              {t('invoices.create')}
            </Button>
          </Show>
        }
      >
        <div data-testid="company-receivables">
          <Show
            when={!block.error}
            fallback={<ApiErrorState compact error={block.error} onRetry={() => void refetch()} />}
          >
            <Show when={loaded(block)} fallback={<Skeleton lines={2} label={t('common.loading')} />}>
              {(b) => (
                <>
                  <Show when={b().overdue}>
                    <Alert tone="danger" role="status">
                      <span data-testid="company-overdue">
                        {t('invoices.company.overdue', {
                          amount: b()
                            .overdueAmount.map((m) => fmt.money(m.amount, m.currency))
                            .join(' + '),
                        })}
                      </span>
                    </Alert>
                  </Show>
                  <Show
                    when={b().openInvoices.length > 0}
                    fallback={<p class="muted">{t('invoices.company.none')}</p>}
                  >
                    <dl class="details company-receivables__figures">
                      <div class="details__row">
                        <dt>{t('invoices.company.outstanding')}</dt>
                        <dd data-testid="company-outstanding">
                          {b()
                            .outstanding.map((m) => fmt.money(m.amount, m.currency))
                            .join(' + ')}
                        </dd>
                      </div>
                      <Show when={b().nextDue}>
                        {(next) => (
                          <div class="details__row">
                            <dt>{t('invoices.company.nextDue')}</dt>
                            <dd data-testid="company-next-due">
                              {t('invoices.company.nextDueText', {
                                date: day(next().dueDate),
                                amount: fmt.money(next().outstanding, next().currency),
                                number: next().number,
                                n: next().n,
                              })}
                              <Show when={next().overdue}>
                                {' '}
                                <Badge tone="danger">{t('invoices.status.overdue')}</Badge>
                              </Show>
                            </dd>
                          </div>
                        )}
                      </Show>
                    </dl>
                    <ul class="company-receivables__list">
                      <For each={b().openInvoices}>
                        {(invoice) => (
                          <li class="company-receivables__item" data-testid="company-invoice">
                            <A href={invoiceHref(invoice.id)} class="company-receivables__number">
                              {invoice.number}
                            </A>
                            <Badge tone={invoiceStatusTone[invoice.status]}>
                              {t(`invoices.status.${invoice.status}`)}
                            </Badge>
                            <span class="company-receivables__amount">
                              {t('invoices.company.owes', {
                                amount: fmt.money(invoice.outstanding, invoice.currency),
                                total: fmt.money(invoice.totals.gross, invoice.currency),
                              })}
                            </span>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                  <A
                    href={`/invoices?company=${encodeURIComponent(props.company.id)}`}
                    class="company-receivables__all"
                  >
                    {t('invoices.company.all')}
                  </A>
                </>
              )}
            </Show>
          </Show>
        </div>
        <NewInvoiceDialog
          open={creating()}
          start={{ company: { id: props.company.id, name: props.company.name } }}
          onClose={() => setCreating(false)}
          onCreated={(invoice) => {
            setCreating(false);
            toast.show(t('invoices.created'));
            navigate(invoiceHref(invoice.id));
          }}
        />
      </Panel>
    </Show>
  );
};
