// /api/me: the signed-in user, their organisation and roles; PATCH is conditional on the profile's version.
import type { Locale } from '../i18n/locales.ts';
import type { HttpClient } from './http-client.ts';

export type Role = 'admin' | 'sales-manager' | 'sales' | 'marketing' | 'support';

export type User = {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  emailNotifications: boolean;
  version: number;
  createdAt: string;
};

export type Tenant = {
  id: string;
  name: string;
  timezone: string;
  currency: string;
  locale: Locale;
};

export type Me = { user: User; tenant: Tenant; roles: Role[] };

export type MeChanges = Partial<Pick<User, 'name' | 'locale' | 'emailNotifications'>>;

export type MeApi = {
  get: () => Promise<Me>;
  /** Fails with ApiError code StaleVersion (409) when the profile changed since `expectedVersion`. */
  update: (expectedVersion: number, changes: MeChanges) => Promise<User>;
};

export const meApi = (http: HttpClient): MeApi => ({
  get: () => http.request<Me>('GET', '/api/me'),
  update: async (expectedVersion, changes) =>
    (await http.request<{ user: User }>('PATCH', '/api/me', { body: { expectedVersion, ...changes } })).user,
});
