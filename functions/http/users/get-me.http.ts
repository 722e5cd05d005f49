// GET /api/me: the caller's profile (created on first sign-in), their tenant and roles.

import { getOrCreateProfile } from '../../domain/users/profiles.ts';
import { toUserView } from '../../domain/users/user.entity.ts';
import { tenantConfig } from '../../lib/env.ts';
import { ok, userRoute } from '../../lib/http.ts';

const tenant = tenantConfig();

export const handler = userRoute(async (_request, principal) => {
  const profile = await getOrCreateProfile(principal, tenant.locale);
  return ok({
    user: toUserView(profile),
    tenant: {
      id: tenant.id,
      name: tenant.name,
      timezone: tenant.timezone,
      currency: tenant.currency,
      locale: tenant.locale,
    },
    roles: principal.roles,
  });
});
