// "Календарь" in the profile settings: whether the user has a private calendar feed URL (since when),
// creating or rotating it — the URL is shown once, to copy, with how to subscribe in Google Calendar,
// Outlook and Thunderbird — and revoking it after a confirmation.
import { createResource, createSignal, Show } from 'solid-js';
import type { IssuedFeed } from '../../api/calendar-feed.ts';
import { api } from '../../api/client.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { Skeleton } from '../../ui/feedback.tsx';
import { Icon } from '../../ui/icon.tsx';
import { Panel } from '../../ui/panel.tsx';
import { loaded } from '../../ui/resource.ts';
import { useToast } from '../../ui/toast.tsx';
import './calendar.css';

/** Copies through the Clipboard API, or by selecting the field where that is not allowed. */
const copyText = async (text: string, field: HTMLInputElement | undefined): Promise<boolean> => {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!field) return false;
    field.select();
    return document.execCommand('copy');
  }
};

export const CalendarFeedPanel = () => {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const toast = useToast();
  const [status, { mutate, refetch }] = createResource(() => api().calendarFeed.status());
  const [issued, setIssued] = createSignal<IssuedFeed>();
  const [busy, setBusy] = createSignal<'issue' | 'revoke'>();
  const [confirming, setConfirming] = createSignal<'rotate' | 'revoke'>();
  let urlField: HTMLInputElement | undefined;

  const active = () => loaded(status)?.active === true;

  const issue = async () => {
    const rotating = active();
    setConfirming(undefined);
    setBusy('issue');
    try {
      const feed = await api().calendarFeed.issue();
      setIssued(feed);
      mutate({ active: true, issuedAt: feed.issuedAt });
      toast.show(rotating ? t('calendarFeed.rotated') : t('calendarFeed.created'));
      queueMicrotask(() => urlField?.focus());
    } catch (error) {
      toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setBusy(undefined);
    }
  };

  const revoke = async () => {
    setBusy('revoke');
    try {
      await api().calendarFeed.revoke();
      setIssued(undefined);
      mutate({ active: false });
      toast.show(t('calendarFeed.revoked'));
    } catch (error) {
      toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setBusy(undefined);
      setConfirming(undefined);
    }
  };

  const copy = async () => {
    const url = issued()?.url;
    if (!url) return;
    const done = await copyText(url, urlField);
    toast.show(done ? t('calendarFeed.copied') : t('calendarFeed.copyFailed'), done ? 'success' : 'danger');
  };

  return (
    <Panel title={t('calendarFeed.title')} description={t('calendarFeed.description')} class="calendar-feed">
      <Show
        when={!status.error}
        fallback={<ApiErrorState compact error={status.error} onRetry={() => void refetch()} />}
      >
        <Show when={loaded(status)} fallback={<Skeleton lines={2} label={t('common.loading')} />}>
          {(feed) => (
            <div class="calendar-feed__body" data-testid="calendar-feed">
              <p class="calendar-feed__status" data-testid="calendar-feed-status">
                <Icon name="calendar" size={16} />
                <span>
                  {feed().active && feed().issuedAt
                    ? t('calendarFeed.statusActive', { date: fmt.dateTime(feed().issuedAt ?? '') })
                    : t('calendarFeed.statusNone')}
                </span>
              </p>

              <Show when={issued()}>
                {(current) => (
                  <div class="calendar-feed__url">
                    <label class="field__label" for="calendar-feed-url">
                      {t('calendarFeed.urlLabel')}
                    </label>
                    <div class="calendar-feed__copy">
                      <input
                        ref={urlField}
                        id="calendar-feed-url"
                        class="input calendar-feed__input"
                        readOnly
                        value={current().url}
                        aria-describedby="calendar-feed-url-hint"
                        data-testid="calendar-feed-url"
                        onFocus={(event) => event.currentTarget.select()}
                      />
                      <Button icon="copy" onClick={() => void copy()} data-testid="calendar-feed-copy">
                        {t('calendarFeed.copy')}
                      </Button>
                    </div>
                    <p class="field__hint" id="calendar-feed-url-hint">
                      {t('calendarFeed.urlHint')}
                    </p>
                  </div>
                )}
              </Show>

              <div class="calendar-feed__actions">
                <Button
                  variant={feed().active ? 'secondary' : 'primary'}
                  icon={feed().active ? 'refresh' : 'plus'}
                  busy={busy() === 'issue'}
                  disabled={busy() !== undefined}
                  onClick={() => (feed().active ? setConfirming('rotate') : void issue())}
                >
                  {feed().active ? t('calendarFeed.rotate') : t('calendarFeed.create')}
                </Button>
                <Show when={feed().active}>
                  <Button
                    variant="ghost"
                    class="btn--danger-text"
                    icon="close"
                    busy={busy() === 'revoke'}
                    disabled={busy() !== undefined}
                    onClick={() => setConfirming('revoke')}
                  >
                    {t('calendarFeed.revoke')}
                  </Button>
                </Show>
              </div>

              <details class="calendar-feed__howto" open={issued() !== undefined}>
                <summary>{t('calendarFeed.howTo.title')}</summary>
                <ul>
                  <li>{t('calendarFeed.howTo.google')}</li>
                  <li>{t('calendarFeed.howTo.outlook')}</li>
                  <li>{t('calendarFeed.howTo.thunderbird')}</li>
                </ul>
                <p class="field__hint">{t('calendarFeed.howTo.refresh')}</p>
              </details>
            </div>
          )}
        </Show>
      </Show>
      <ConfirmDialog
        open={confirming() === 'rotate'}
        title={t('calendarFeed.rotateConfirm.title')}
        message={t('calendarFeed.rotateConfirm.message')}
        confirmLabel={t('calendarFeed.rotateConfirm.confirm')}
        cancelLabel={t('common.cancel')}
        closeLabel={t('common.close')}
        tone="primary"
        busy={busy() === 'issue'}
        onConfirm={() => void issue()}
        onCancel={() => setConfirming(undefined)}
      />
      <ConfirmDialog
        open={confirming() === 'revoke'}
        title={t('calendarFeed.revokeConfirm.title')}
        message={t('calendarFeed.revokeConfirm.message')}
        confirmLabel={t('calendarFeed.revokeConfirm.confirm')}
        cancelLabel={t('common.cancel')}
        closeLabel={t('common.close')}
        busy={busy() === 'revoke'}
        onConfirm={() => void revoke()}
        onCancel={() => setConfirming(undefined)}
      />
    </Panel>
  );
};
