// «Счета» on the deal page: the invoices made from this deal (the company's invoices that name it) and
// «Выставить счёт», which opens the new-invoice dialog with the deal's company and lines.
import { A, useNavigate } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { api } from '../../api/client.ts';
import type { Deal } from '../../api/deals.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { Skeleton } from '../../ui/feedback.tsx';
import { Badge, Panel } from '../../ui/panel.tsx';
import { loaded } from '../../ui/resource.ts';
import { useToast } from '../../ui/toast.tsx';
import { formatDay } from '../deals/deal-format.ts';
import { useActor } from '../users/actor.ts';
import { invoiceHref, invoiceStatusTone } from './invoice-format.ts';
import { canCreateInvoice, canReadInvoices } from './invoice-permissions.ts';
import { NewInvoiceDialog } from './new-invoice-dialog.tsx';
import './invoices.css';

export const DealInvoicesPanel = (props: { deal: Deal; editable: boolean }) => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const actor = useActor();
  const toast = useToast();
  const navigate = useNavigate();
  const [creating, setCreating] = createSignal(false);
  const [page] = createResource(
    () => (canReadInvoices(actor()) ? props.deal.companyId : undefined),
    (companyId) => api().invoices.list({ companyId, limit: 100 }),
  );
  const invoices = () => (loaded(page)?.items ?? []).filter((i) => i.dealId === props.deal.id);

  return (
    <Show when={canReadInvoices(actor())}>
      <Panel
        title={t('invoices.deal.title')}
        class="deal-invoices"
        actions={
          <Show when={props.editable && canCreateInvoice(actor())}>
            <Button size="sm" variant="primary" icon="plus" onClick={() => setCreating(true)}>
              {t('invoices.create')}
            </Button>
          </Show>
        }
      >
        <Show when={loaded(page) || page.error} fallback={<Skeleton lines={2} label={t('common.loading')} />}>
          <Show when={invoices().length > 0} fallback={<p class="muted">{t('invoices.deal.none')}</p>}>
            <ul class="company-receivables__list" data-testid="deal-invoices">
              <For each={invoices()}>
                {(invoice) => (
                  <li class="company-receivables__item">
                    <A href={invoiceHref(invoice.id)} class="company-receivables__number">
                      {invoice.number ?? t('invoices.page.draftTitle')}
                    </A>
                    <Badge tone={invoiceStatusTone[invoice.status]}>
                      {t(`invoices.status.${invoice.status}`)}
                    </Badge>
                    <span class="company-receivables__amount">
                      {fmt.money(invoice.totals.gross, invoice.currency)}
                      <Show
                        when={invoice.issueDate}
                      >{` · ${formatDay(invoice.issueDate ?? '', i18n.locale())}`}</Show>
                    </span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
        <NewInvoiceDialog
          open={creating()}
          start={{ deal: props.deal }}
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
