// /api/settings/automations: the organisation's automation switches (everyone reads, administrators
// change them at the version last read; version 0 = never saved, everything off).
import type { AutomationSettings } from '../../../functions/domain/settings/automation-settings.entity.ts';
import type { HttpClient } from './http-client.ts';

export type { AutomationSettings };
export type Automations = { automations: AutomationSettings; version: number };

export type AutomationsApi = {
  get: () => Promise<Automations>;
  /** Rejects with ApiError 409 StaleVersion when another administrator saved them first. */
  update: (expectedVersion: number, changes: Partial<AutomationSettings>) => Promise<Automations>;
};

export const automationsApi = (http: HttpClient): AutomationsApi => ({
  get: () => http.request<Automations>('GET', '/api/settings/automations'),
  update: (expectedVersion, changes) =>
    http.request<Automations>('PATCH', '/api/settings/automations', {
      body: { expectedVersion, ...changes },
    }),
});
