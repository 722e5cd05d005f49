// task.overdue-scan-due.v1 (schedule `overdue-tasks`) → every open task whose due time has
// passed is reported overdue once (its marker's insert becomes task.overdue.v1).
import { taskOverdueScanDueV1 } from '../../events/catalog.ts';
import { scanOverdueTasks } from '../domain/tasks/overdue.ts';
import { now } from '../lib/clock.ts';
import { logger } from '../lib/logger.ts';
import { eventTarget } from '../lib/triggers.ts';

export const handler = eventTarget(taskOverdueScanDueV1, async () => {
  logger.info('overdue scan', { ...(await scanOverdueTasks(now())) });
});
