// export-jobs → the export's file in the files bucket (functions/domain/exports/exports.ts).
// A redelivered message of a finished export writes nothing again.
import { workQueues } from '../../events/queues.ts';
import { exportMessageSchema } from '../domain/exports/export-job.entity.ts';
import { runExport } from '../domain/exports/exports.ts';
import { bucketExportFiles } from '../domain/exports/files-bucket.ts';
import { nowIso } from '../lib/clock.ts';
import { tenantConfig } from '../lib/env.ts';
import { logger } from '../lib/logger.ts';
import { queueConsumer } from '../lib/triggers.ts';

const tenant = tenantConfig();
const maxReceiveCount = workQueues.find((q) => q.name === 'export-jobs')?.maxReceiveCount ?? 3;

export const handler = queueConsumer(async (record) => {
  const { exportId } = exportMessageSchema.parse(JSON.parse(record.body));
  logger.appendKeys({ exportId });
  await runExport(exportId, {
    files: bucketExportFiles,
    timezone: tenant.timezone,
    now: nowIso,
    isLastAttempt: Number(record.attributes.ApproximateReceiveCount ?? 1) >= maxReceiveCount,
  });
  logger.info('export written');
});
