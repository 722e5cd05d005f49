// A quote's printable page (/quotes/:id/print, opened in a new tab from the deal): the server's A4
// document (GET /api/quotes/{id}/print, fetched with the session's token) in a frame that runs no
// script (sandboxed without allow-scripts; same origin only so that «Печать» can print the frame and the
// frame can be sized to its document), with the way back to the deal, printing and the PDF.
import { A } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button, LinkButton } from '../../ui/button.tsx';
import { EmptyState, LoadingState } from '../../ui/feedback.tsx';
import { Icon } from '../../ui/icon.tsx';
import { useToast } from '../../ui/toast.tsx';
import { dealHref } from '../deals/deal-format.ts';
import { downloadFrom } from './quotes-panel.tsx';
import '../records/records.css';
import './quotes.css';

export const QuotePrint = (props: { id: string }) => {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const [quote, { refetch }] = createResource(
    () => props.id,
    (id) => api().quotes.get(id),
  );
  const [html] = createResource(
    () => props.id,
    (id) => api().quotes.printHtml(id),
  );
  const [downloading, setDownloading] = createSignal(false);
  let frame: HTMLIFrameElement | undefined;
  usePageTitle(() => t('quotes.print.title', { number: quote.latest?.number ?? '' }));

  const fit = () => {
    const body = frame?.contentDocument?.documentElement;
    if (frame && body) frame.style.height = `${body.scrollHeight + 8}px`;
  };

  const download = async () => {
    setDownloading(true);
    try {
      downloadFrom(await api().quotes.pdfUrl(props.id), `${quote.latest?.number ?? props.id}.pdf`);
    } catch (error) {
      toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setDownloading(false);
    }
  };

  const failure = () => quote.error ?? html.error;

  return (
    <div class="page page--wide quote-print">
      <Show
        when={quote.latest && html.latest !== undefined}
        fallback={
          <Show when={failure()} fallback={<LoadingState label={t('quotes.print.loading')} />}>
            {(error) => (
              <Show
                when={error() instanceof ApiError && (error() as ApiError).status === 404}
                fallback={<ApiErrorState error={error()} onRetry={() => void refetch()} />}
              >
                <EmptyState
                  icon="search"
                  title={t('quotes.print.notFoundTitle')}
                  text={t('quotes.print.notFoundText')}
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
        <nav class="breadcrumbs" aria-label={t('nav.label')}>
          <A href={dealHref(quote.latest?.dealId ?? '')} class="breadcrumbs__link">
            <Icon name="chevronLeft" size={16} />
            {t('quotes.print.back')}: {quote.latest?.dealTitle}
          </A>
        </nav>
        <header class="quote-print__header">
          <h1 class="quote-print__title">
            {t('quotes.print.title', { number: quote.latest?.number ?? '' })}
          </h1>
          <div class="quote-print__actions">
            <Button variant="primary" icon="printer" onClick={() => frame?.contentWindow?.print()}>
              {t('quotes.print.print')}
            </Button>
            <Button icon="download" busy={downloading()} onClick={() => void download()}>
              {t('quotes.pdf')}
            </Button>
          </div>
        </header>
        <div class="quote-print__sheet">
          <iframe
            ref={frame}
            class="quote-print__frame"
            title={t('quotes.print.frame', { number: quote.latest?.number ?? '' })}
            sandbox="allow-same-origin allow-modals"
            srcdoc={html.latest ?? ''}
            data-testid="quote-frame"
            onLoad={fit}
          />
        </div>
      </Show>
    </div>
  );
};
