// /api/exports: start an export of a list or saved view (CSV, or contacts as vCard), and read
// its progress and download link (functions/domain/exports/exports.ts).
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { createExport, getExport } from '../../domain/exports/exports.ts';
import { bucketExportFiles } from '../../domain/exports/files-bucket.ts';
import { nowIso } from '../../lib/clock.ts';
import { tenantConfig } from '../../lib/env.ts';
import { created, ok, userRoutes } from '../../lib/http.ts';
import { queueUrl, sqs } from '../../lib/queues.ts';

const tenant = tenantConfig();
const exportsQueue = queueUrl('export-jobs');

const enqueue = async (exportId: string) => {
  await sqs.send(
    new SendMessageCommand({ QueueUrl: exportsQueue, MessageBody: JSON.stringify({ exportId }) }),
  );
};

export const handler = userRoutes({
  'POST /api/exports': async ({ body }, principal) =>
    created(await createExport(principal, body, { tenantLocale: tenant.locale, now: nowIso, enqueue })),
  'GET /api/exports/{id}': async ({ params }, principal) =>
    ok(await getExport(principal, params.id ?? '', bucketExportFiles)),
});
