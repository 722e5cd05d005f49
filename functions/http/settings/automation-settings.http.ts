// /api/settings/automations: which automations run (everyone reads; administrators change).

import { toAutomationSettingsView } from '../../domain/settings/automation-settings.entity.ts';
import {
  getAutomationSettings,
  updateAutomationSettings,
} from '../../domain/settings/automation-settings.ts';
import { ok, userRoutes } from '../../lib/http.ts';

export const handler = userRoutes({
  'GET /api/settings/automations': async (_request, principal) =>
    ok(toAutomationSettingsView(await getAutomationSettings(principal))),
  'PATCH /api/settings/automations': async ({ body }, principal) =>
    ok(toAutomationSettingsView(await updateAutomationSettings(principal, body))),
});
