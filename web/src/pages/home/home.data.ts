// Home's data: the system status and the latest notifications, started as soon as the route is
// previewed or entered. The current user comes from the shell.
import { query } from '@solidjs/router';
import { api } from '../../api/client.ts';
import { loadNotifications } from '../../features/notifications/unread-store.ts';

export const getHealth = query(() => api().health.get(), 'health');

export const getLatestNotifications = query(() => loadNotifications(undefined, 3), 'latest-notifications');

export const preloadHome = (): void => {
  void getHealth();
  void getLatestNotifications();
};
