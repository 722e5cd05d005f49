// GET /api/health (public): whether each dependency of the tenant answers; 503 if not.
import { checkHealth } from '../../domain/system/health.ts';
import { tenantConfig } from '../../lib/env.ts';
import { publicRoute } from '../../lib/http.ts';

const tenant = tenantConfig();

export const handler = publicRoute(async () => {
  const health = await checkHealth(tenant.id);
  return { status: health.status === 'ok' ? 200 : 503, body: health };
});
