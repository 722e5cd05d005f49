// /api/imports: CSV import jobs — create (with a presigned upload), analyze, dry run, start,
// progress, list, cancel. Each route is one call into functions/domain/imports/import-jobs.ts.
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { bucketFiles } from '../../domain/imports/files-bucket.ts';
import {
  analyzeImport,
  cancelImport,
  createImport,
  type Enqueue,
  getImport,
  listImports,
  startDryRun,
  startImport,
} from '../../domain/imports/import-jobs.ts';
import { nowIso } from '../../lib/clock.ts';
import { tenantConfig } from '../../lib/env.ts';
import { created, ok, userRoutes } from '../../lib/http.ts';
import { queueUrl, sqs } from '../../lib/queues.ts';

const tenant = tenantConfig();
const chunksQueue = queueUrl('import-chunks');

const enqueue: Enqueue = async (message) => {
  await sqs.send(new SendMessageCommand({ QueueUrl: chunksQueue, MessageBody: JSON.stringify(message) }));
};

const id = (params: Readonly<Record<string, string>>) => params.id ?? '';

export const handler = userRoutes({
  'POST /api/imports': async ({ body }, principal) =>
    created(await createImport(principal, body, bucketFiles, nowIso())),
  'GET /api/imports': async ({ query }, principal) => ok(await listImports(principal, query)),
  'GET /api/imports/{id}': async ({ params }, principal) => ok(await getImport(principal, id(params))),
  'POST /api/imports/{id}/analyze': async ({ params }, principal) =>
    ok(await analyzeImport(principal, id(params), bucketFiles, nowIso())),
  'POST /api/imports/{id}/dry-run': async ({ params, body }, principal) =>
    ok(
      await startDryRun(principal, id(params), body, {
        files: bucketFiles,
        enqueue,
        currency: tenant.currency,
        now: nowIso,
      }),
    ),
  'POST /api/imports/{id}/start': async ({ params, body }, principal) =>
    ok(await startImport(principal, id(params), body, { enqueue, now: nowIso })),
  'POST /api/imports/{id}/cancel': async ({ params }, principal) =>
    ok(await cancelImport(principal, id(params), nowIso)),
});
