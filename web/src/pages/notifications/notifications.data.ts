// The notifications page's first page of data, loaded on route preview/entry; later pages load on demand.
import { query } from '@solidjs/router';
import { loadNotifications } from '../../features/notifications/unread-store.ts';

export const PAGE_SIZE = 20;

export const getFirstNotificationsPage = query(
  () => loadNotifications(undefined, PAGE_SIZE),
  'notifications',
);

export const preloadNotifications = (): void => {
  void getFirstNotificationsPage();
};
