// «Коммерческие предложения» on the deal page: the deal's quotes newest first — number, date, total,
// validity, status (sent when and to whom) — each opened as its printable page in a new tab, downloaded
// as a PDF through a short-lived link, and (the deal's editors) e-mailed to a contact of the deal;
// «Создать КП» makes a new one from the deal's lines.
import { createResource, createSignal, For, Show } from 'solid-js';
import { api } from '../../api/client.ts';
import type { Deal } from '../../api/deals.ts';
import type { Quote } from '../../api/quotes.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { Skeleton } from '../../ui/feedback.tsx';
import { Icon } from '../../ui/icon.tsx';
import { Badge, Panel } from '../../ui/panel.tsx';
import { useToast } from '../../ui/toast.tsx';
import type { DealContact } from '../deals/deal-contacts.tsx';
import { formatDay } from '../deals/deal-format.ts';
import { NewQuoteDialog } from './new-quote-dialog.tsx';
import { SendQuoteDialog } from './send-quote-dialog.tsx';
import './quotes.css';

export const quotePrintHref = (id: string): string => `/quotes/${encodeURIComponent(id)}/print`;

/**
 * Saves a file from a presigned link. The link asks S3 for an attachment disposition under the
 * quote's number; `download` also names the file where the URL is same-origin (the local gateway),
 * whatever the store answers.
 */
export const downloadFrom = (url: string, fileName: string): void => {
  const link = document.createElement('a');
  link.href = url;
  link.rel = 'noopener';
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
};

export const QuotesPanel = (props: { deal: Deal; editable: boolean; contacts: readonly DealContact[] }) => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const toast = useToast();
  const [page, { mutate }] = createResource(
    () => props.deal.id,
    (id) => api().quotes.listForDeal(id),
  );
  const [more, setMore] = createSignal(false);
  const [creating, setCreating] = createSignal(false);
  const [sending, setSending] = createSignal<Quote>();
  const [downloading, setDownloading] = createSignal<string>();

  const quotes = () => page.latest?.items ?? [];
  const hasLines = () => (props.deal.lines?.length ?? 0) > 0;
  const contactName = (id: string) => props.contacts.find((c) => c.id === id)?.name;

  const replace = (quote: Quote) =>
    mutate((current) =>
      current ? { ...current, items: current.items.map((q) => (q.id === quote.id ? quote : q)) } : current,
    );

  const loadMore = async () => {
    const cursor = page.latest?.nextCursor;
    if (!cursor) return;
    setMore(true);
    try {
      const next = await api().quotes.listForDeal(props.deal.id, cursor);
      mutate((current) => ({
        items: [...(current?.items ?? []), ...next.items],
        ...(next.nextCursor ? { nextCursor: next.nextCursor } : {}),
      }));
    } catch (error) {
      toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setMore(false);
    }
  };

  const download = async (quote: Quote) => {
    setDownloading(quote.id);
    try {
      downloadFrom(await api().quotes.pdfUrl(quote.id), `${quote.number}.pdf`);
    } catch (error) {
      toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setDownloading(undefined);
    }
  };

  return (
    <Panel
      title={t('quotes.title')}
      class="quotes-panel"
      actions={
        <Show when={props.editable}>
          <Button
            size="sm"
            variant="primary"
            icon="plus"
            disabled={!hasLines()}
            title={hasLines() ? undefined : t('quotes.noLines')}
            onClick={() => setCreating(true)}
          >
            {t('quotes.create')}
          </Button>
        </Show>
      }
    >
      <Show when={props.editable && !hasLines()}>
        <p class="muted quotes__hint">{t('quotes.noLines')}</p>
      </Show>
      <Show
        when={page.state !== 'pending' || page.latest}
        fallback={<Skeleton lines={2} label={t('common.loading')} />}
      >
        <Show
          when={quotes().length > 0}
          fallback={
            <Show
              when={!page.error}
              fallback={<p class="field__error">{describeError(page.error, i18n).message}</p>}
            >
              <p class="muted">{t('quotes.empty')}</p>
            </Show>
          }
        >
          <ul class="quote-list" aria-label={t('quotes.caption')} data-testid="quote-list">
            <For each={quotes()}>
              {(quote) => (
                <li class="quote" data-testid="quote" data-quote-id={quote.id}>
                  <div class="quote__head">
                    <span class="quote__icon" aria-hidden="true">
                      <Icon name="note" size={18} />
                    </span>
                    <div class="quote__main">
                      <p class="quote__title">
                        <span class="quote__number" data-testid="quote-number">
                          {quote.number}
                        </span>
                        <Badge tone={quote.status === 'sent' ? 'success' : 'neutral'}>
                          <span data-testid="quote-status">{t(`quotes.status.${quote.status}`)}</span>
                        </Badge>
                      </p>
                      <p class="quote__meta">
                        <span>{formatDay(quote.issuedOn, i18n.locale())}</span>
                        <span class="quote__total" data-testid="quote-total">
                          {fmt.money(quote.totals.total, quote.currency)}
                        </span>
                        <span>
                          {t('quotes.validUntil', { date: formatDay(quote.validUntil, i18n.locale()) })}
                        </span>
                      </p>
                      <Show when={quote.sentAt}>
                        {(at) => (
                          <p class="quote__sent" data-testid="quote-sent">
                            <Icon name="check" size={14} class="quote__sent-icon" />
                            <span>
                              {t('quotes.sentAt', { date: fmt.dateTime(at()) })}
                              {' · '}
                              {t('quotes.sentTo', {
                                names: quote.sentTo
                                  .map((r) => `${contactName(r.contactId) ?? ''} <${r.email}>`.trim())
                                  .join(', '),
                              })}
                            </span>
                          </p>
                        )}
                      </Show>
                    </div>
                  </div>
                  <div class="quote__actions">
                    <a
                      href={quotePrintHref(quote.id)}
                      target="_blank"
                      rel="noopener"
                      class="btn btn--secondary btn--sm"
                      aria-label={t('quotes.openLabel', { number: quote.number })}
                    >
                      <Icon name="printer" size={16} />
                      <span>{t('quotes.open')}</span>
                    </a>
                    <Button
                      size="sm"
                      icon="download"
                      busy={downloading() === quote.id}
                      aria-label={t('quotes.pdfLabel', { number: quote.number })}
                      onClick={() => void download(quote)}
                    >
                      {t('quotes.pdf')}
                    </Button>
                    <Show when={props.editable}>
                      <Button
                        size="sm"
                        icon="send"
                        aria-label={t('quotes.sendLabel', { number: quote.number })}
                        onClick={() => setSending(quote)}
                      >
                        {t('quotes.send')}
                      </Button>
                    </Show>
                  </div>
                </li>
              )}
            </For>
          </ul>
          <Show when={page.latest?.nextCursor}>
            <Button size="sm" variant="ghost" busy={more()} onClick={() => void loadMore()}>
              {t('products.loadMore')}
            </Button>
          </Show>
        </Show>
      </Show>

      <NewQuoteDialog
        open={creating()}
        dealId={props.deal.id}
        contacts={props.contacts}
        onClose={() => setCreating(false)}
        onCreated={(quote) => {
          setCreating(false);
          mutate((current) => ({ ...current, items: [quote, ...(current?.items ?? [])] }));
          toast.show(t('quotes.created', { number: quote.number }));
        }}
      />
      <SendQuoteDialog
        quote={sending()}
        contacts={props.contacts}
        onClose={() => setSending(undefined)}
        onSent={(quote, email, to) => {
          setSending(undefined);
          replace(quote);
          toast.show(
            t(email === 'sent' ? 'quotes.sendForm.sent' : 'quotes.sendForm.alreadySent', {
              number: quote.number,
              email: to,
            }),
            email === 'sent' ? 'success' : 'info',
          );
        }}
      />
    </Panel>
  );
};
