// The API grouped by resource, configured once at start-up (main.tsx) and used by the pages' loaders.
import { type HealthApi, healthApi } from './health.ts';
import type { HttpClient } from './http-client.ts';
import { type MeApi, meApi } from './me.ts';
import { type NotificationsApi, notificationsApi } from './notifications.ts';

export type Api = {
  me: MeApi;
  notifications: NotificationsApi;
  health: HealthApi;
};

export const createApi = (http: HttpClient): Api => ({
  me: meApi(http),
  notifications: notificationsApi(http),
  health: healthApi(http),
});

let configured: Api | undefined;

export const configureApi = (value: Api): void => {
  configured = value;
};

export const api = (): Api => {
  if (!configured) throw new Error('api() called before configureApi() in main.tsx');
  return configured;
};
