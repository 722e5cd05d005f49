// Notifications: newest first, "mark as read" per item, "show more" by cursor, empty and error states.
import { createAsync, revalidate } from '@solidjs/router';
import { createSignal, ErrorBoundary, For, Show, Suspense } from 'solid-js';
import type { Notification } from '../../api/notifications.ts';
import { NotificationItem } from '../../features/notifications/notification-item.tsx';
import {
  loadNotifications,
  markNotificationRead,
  unreadCount,
} from '../../features/notifications/unread-store.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button } from '../../ui/button.tsx';
import { Alert, EmptyState, Skeleton } from '../../ui/feedback.tsx';
import { PageHeader } from '../../ui/panel.tsx';
import { useToast } from '../../ui/toast.tsx';
import { getFirstNotificationsPage, PAGE_SIZE } from './notifications.data.ts';
import './notifications.css';

export const NotificationsPage = () => {
  const i18n = useI18n();
  const { t, tp } = i18n;
  const toast = useToast();
  usePageTitle(() => t('notifications.title'));

  const first = createAsync(() => getFirstNotificationsPage());
  const [more, setMore] = createSignal<Notification[]>([]);
  const [cursor, setCursor] = createSignal<string | undefined>();
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [moreError, setMoreError] = createSignal<unknown>();
  const [readAt, setReadAt] = createSignal<Record<string, string>>({});
  const [marking, setMarking] = createSignal<Record<string, boolean>>({});

  // A plain derivation, read only inside the ErrorBoundary below: a failed first page must be caught there,
  // not by the shell (a memo created here would rethrow into the page's owner).
  const items = () => {
    const page = first();
    if (!page) return [];
    const seen = new Set<string>();
    return [...page.items, ...more()]
      .filter((item) => !seen.has(item.id) && seen.add(item.id))
      .map((item) => (readAt()[item.id] && !item.readAt ? { ...item, readAt: readAt()[item.id] } : item));
  };
  const nextCursor = () => (more().length > 0 ? cursor() : first()?.nextCursor);

  const loadMore = async () => {
    const from = nextCursor();
    if (!from || loadingMore()) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await loadNotifications(from, PAGE_SIZE);
      setMore((list) => [...list, ...page.items]);
      setCursor(page.nextCursor);
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  const markRead = async (notification: Notification) => {
    if (marking()[notification.id]) return;
    setMarking((state) => ({ ...state, [notification.id]: true }));
    try {
      const updated = await markNotificationRead(notification);
      setReadAt((state) => ({ ...state, [notification.id]: updated.readAt ?? new Date().toISOString() }));
    } catch (error) {
      toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setMarking((state) => ({ ...state, [notification.id]: false }));
    }
  };

  const retryFirst = (reset: () => void) => {
    setMore([]);
    setCursor(undefined);
    void revalidate(getFirstNotificationsPage.key)
      .catch(() => undefined)
      .then(reset);
  };

  // Read from the shared count (not from `first`) so the header does not wait for the list.
  const summary = () => {
    const count = unreadCount();
    if (count === undefined) return undefined;
    return count > 0 ? tp('notifications.summaryUnread', count) : t('notifications.summaryNone');
  };

  return (
    <div class="page notifications-page">
      <PageHeader title={t('notifications.title')} subtitle={summary()} />
      <ErrorBoundary
        fallback={(error, reset) => <ApiErrorState error={error} onRetry={() => retryFirst(reset)} />}
      >
        <Suspense fallback={<Skeleton lines={5} label={t('common.loading')} />}>
          <Show when={first()}>
            <Show
              when={items().length > 0}
              fallback={
                <EmptyState
                  icon="bell"
                  title={t('notifications.emptyTitle')}
                  text={t('notifications.emptyText')}
                />
              }
            >
              <section class="panel" aria-label={t('notifications.title')}>
                <ul class="notification-list" data-testid="notification-list">
                  <For each={items()}>
                    {(notification) => (
                      <NotificationItem
                        notification={notification}
                        marking={marking()[notification.id]}
                        onMarkRead={markRead}
                      />
                    )}
                  </For>
                </ul>
              </section>
              <div class="list-footer">
                <Show when={moreError()}>
                  {(error) => (
                    <Alert tone="danger" role="alert">
                      {describeError(error(), i18n).message}
                    </Alert>
                  )}
                </Show>
                <Show
                  when={nextCursor()}
                  fallback={
                    <Show when={more().length > 0}>
                      <p class="muted">{t('notifications.allLoaded')}</p>
                    </Show>
                  }
                >
                  <Button variant="secondary" busy={loadingMore()} onClick={() => void loadMore()}>
                    {loadingMore() ? t('notifications.loadingMore') : t('notifications.loadMore')}
                  </Button>
                </Show>
              </div>
            </Show>
          </Show>
        </Suspense>
      </ErrorBoundary>
    </div>
  );
};
