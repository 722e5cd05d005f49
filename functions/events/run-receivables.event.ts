// receivables.daily-run-due.v1 (schedule `receivables-daily`, 09:00 in the tenant's time zone) →
// reminders, overdue alerts and escalations of the open installments, once per installment and
// step; "today" is the tenant's date of now() (the local runtime's clock when it was moved).
import { receivablesDailyRunDueV1 } from '../../events/catalog.ts';
import { runReceivables } from '../domain/receivables/daily-run.ts';
import { now } from '../lib/clock.ts';
import { logger } from '../lib/logger.ts';
import { eventTarget } from '../lib/triggers.ts';

export const handler = eventTarget(receivablesDailyRunDueV1, async () => {
  logger.info('receivables run', { ...(await runReceivables(now())) });
});
