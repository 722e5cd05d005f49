// Rule target handle-ses-events: SES's delivery, bounce, complaint, open and click events of
// the tenant's configuration set (forwarded from the default bus, infra/constructs/tenant-mail.ts).
import { handleSesEvent } from '../domain/ses-events/handle-ses-event.ts';
import { sesEventSchema } from '../domain/ses-events/ses-event.ts';
import { logger } from '../lib/logger.ts';
import { awsEventTarget } from '../lib/triggers.ts';

export const handler = awsEventTarget(sesEventSchema, async ({ detail }) => {
  const result = await handleSesEvent(detail);
  if (result.suppressed.length || result.paused.length) logger.info('SES event handled', { ...result });
});
