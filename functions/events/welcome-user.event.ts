// user.created.v1 → a welcome notification for the new user (once, whatever the retries).
import { userCreatedV1 } from '../../events/catalog.ts';
import { notify } from '../domain/notifications/notifications.ts';
import { tenantConfig } from '../lib/env.ts';
import { eventTarget } from '../lib/triggers.ts';

const tenant = tenantConfig();

export const handler = eventTarget(userCreatedV1, async ({ detail }) => {
  await notify(
    {
      userId: detail.user.userId,
      kind: 'welcome',
      params: { name: detail.user.name, tenant: tenant.name },
      link: '/settings',
      email: true,
      dedupeKey: 'welcome',
    },
    'system:welcome-user',
  );
});
