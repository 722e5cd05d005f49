// /api/settings/receivables: reminder and escalation days, the default payment term
// (everyone reads; administrators change).
import { toReceivablesSettingsView } from '../../domain/settings/receivables-settings.entity.ts';
import {
  getReceivablesSettings,
  updateReceivablesSettings,
} from '../../domain/settings/receivables-settings.ts';
import { ok, userRoutes } from '../../lib/http.ts';

export const handler = userRoutes({
  'GET /api/settings/receivables': async (_request, principal) =>
    ok(toReceivablesSettingsView(await getReceivablesSettings(principal))),
  'PUT /api/settings/receivables': async ({ body }, principal) =>
    ok(toReceivablesSettingsView(await updateReceivablesSettings(principal, body))),
});
