// deal.won.v1 → the tenant's automations (docs/deals.md "Automations"): when the tenant has
// "a won deal creates an onboarding call task for its owner" on, the deal's owner gets the task
// once per deal (its id derives from the deal's, so a redelivered event creates nothing more).
import { dealWonV1 } from '../../events/catalog.ts';
import { createOnboardingCallTask } from '../domain/automations/onboarding-call.ts';
import { tenantConfig } from '../lib/env.ts';
import { logger } from '../lib/logger.ts';
import { eventTargets, on } from '../lib/triggers.ts';

const tenant = tenantConfig();

export const handler = eventTargets(
  on(dealWonV1, async ({ detail }) => {
    const outcome = await createOnboardingCallTask(
      {
        dealId: detail.deal.dealId,
        title: detail.deal.title,
        ownerId: detail.deal.ownerId,
        companyId: detail.deal.companyId,
      },
      detail.at,
      tenant,
    );
    logger.info('onboarding call automation', { dealId: detail.deal.dealId, status: outcome.status });
  }),
);
