// /api/notifications: the user's in-app notifications, newest first, paged by an opaque cursor.
import type { HttpClient } from './http-client.ts';

export type Notification = {
  id: string;
  /** "welcome", or any kind a later feature adds; the text comes from the i18n dictionaries. */
  kind: string;
  params: Readonly<Record<string, string>>;
  createdAt: string;
  readAt?: string;
  link?: string;
};

export type NotificationsPage = {
  items: Notification[];
  nextCursor?: string;
  unread: number;
};

export type NotificationsApi = {
  list: (options?: { limit?: number; cursor?: string }) => Promise<NotificationsPage>;
  markRead: (id: string) => Promise<Notification>;
};

export const notificationsApi = (http: HttpClient): NotificationsApi => ({
  list: async ({ limit = 20, cursor } = {}) => {
    const page = await http.request<NotificationsPage>('GET', '/api/notifications', {
      query: { limit, cursor },
    });
    return { items: page.items ?? [], nextCursor: page.nextCursor || undefined, unread: page.unread ?? 0 };
  },
  markRead: async (id) =>
    (
      await http.request<{ notification: Notification }>(
        'POST',
        `/api/notifications/${encodeURIComponent(id)}/read`,
      )
    ).notification,
});
