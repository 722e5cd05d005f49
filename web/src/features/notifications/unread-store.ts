// The unread-notifications count behind the bell. Every notifications answer carries it, so whoever
// loads a page of notifications updates it; the shell also polls while the tab is visible.
import { createSignal } from 'solid-js';
import { api } from '../../api/client.ts';
import type { Notification, NotificationsPage } from '../../api/notifications.ts';

const [unreadCount, setUnreadCount] = createSignal<number>();

export { unreadCount };

export const loadNotifications = async (cursor?: string, limit = 20): Promise<NotificationsPage> => {
  const page = await api().notifications.list({ limit, cursor });
  setUnreadCount(page.unread);
  return page;
};

export const markNotificationRead = async (notification: Notification): Promise<Notification> => {
  const updated = await api().notifications.markRead(notification.id);
  if (!notification.readAt) setUnreadCount((count) => (count === undefined ? count : Math.max(0, count - 1)));
  return updated;
};

export const refreshUnreadCount = async (): Promise<void> => {
  try {
    await loadNotifications(undefined, 1);
  } catch {
    // The bell simply keeps its last known count.
  }
};

/** Starts polling; the returned function stops it and forgets the count (on sign-out). */
export const startUnreadPolling = (intervalMs = 60_000): (() => void) => {
  void refreshUnreadCount();
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') void refreshUnreadCount();
  }, intervalMs);
  const onVisible = () => {
    if (document.visibilityState === 'visible') void refreshUnreadCount();
  };
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
    setUnreadCount(undefined);
  };
};
