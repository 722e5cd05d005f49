// Exports (docs/customer-base.md "Import and export"): POST /api/exports records what to export
// — a list (filters, sort) or a saved view, the columns, CSV or vCard, the caller's language —
// and queues it; the worker pages through the list with the list module (the same reads, filters
// and order as GET /api/companies), writes the file to the files bucket under exports/, and
// GET /api/exports/{id} shows the progress and, when done, a download link. Anyone who may read
// records may export them; a job is seen by its creator, sales managers and admins.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { db, tableName } from '../../lib/dynamo.ts';
import { NotFound, ValidationFailed } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import type { CustomFieldDefinition } from '../custom-fields/custom-field.entity.ts';
import { loadDefinitions } from '../custom-fields/custom-fields.ts';
import { loadStaff } from '../imports/base-index.ts';
import { parseListRequest } from '../lists/list-query.ts';
import { listRecords } from '../lists/list-records.ts';
import { requireRecordReader } from '../records/access.ts';
import { readProfile } from '../users/profiles.ts';
import { type ViewItem, viewKey } from '../views/view.entity.ts';
import { canSeeView } from '../views/view-access.ts';
import { csvHeader, csvRows, type ExportContext, resolveExportColumns } from './export-columns.ts';
import {
  createExportSchema,
  type ExportJobItem,
  exportFileObjectKey,
  exportJobKey,
  toExportView,
} from './export-job.entity.ts';
import { contactVCard, type VCardContact } from './vcard.ts';

/** The files bucket as exports use it. */
export type ExportFiles = {
  readonly put: (key: string, body: Buffer, contentType: string) => Promise<void>;
  readonly presignDownload: (key: string, fileName: string) => Promise<string>;
};

const canSeeAll = (p: Principal) => p.roles.some((r) => r === 'admin' || r === 'sales-manager');

const readJob = async (id: string): Promise<ExportJobItem | undefined> =>
  (await db.send(new GetCommand({ TableName: tableName, Key: exportJobKey(id), ConsistentRead: true })))
    .Item as ExportJobItem | undefined;

const readView = async (principal: Principal, id: string): Promise<ViewItem> => {
  const view = (await db.send(new GetCommand({ TableName: tableName, Key: viewKey(id) }))).Item as
    | ViewItem
    | undefined;
  if (!view || !canSeeView(principal, view)) throw new NotFound('view', id);
  return view;
};

/** POST /api/exports */
export const createExport = async (
  principal: Principal,
  body: unknown,
  deps: { tenantLocale: 'ru' | 'en'; now: () => string; enqueue: (exportId: string) => Promise<void> },
) => {
  requireRecordReader(principal);
  const input = parseInput(createExportSchema, body);
  const view = input.viewId ? await readView(principal, input.viewId) : undefined;
  if (view && view.recordType !== input.entity)
    throw new ValidationFailed([{ field: 'viewId', message: `is a view of ${view.recordType} records` }]);
  const filters = view?.filters ?? input.filters ?? {};
  const sort = view?.sort ?? input.sort;
  const order = view?.order ?? input.order;
  // The filters are checked now, as the list would check them: a mistake is a 400 here, not a failed job.
  parseListRequest(input.entity, { ...filters, ...(sort ? { sort } : {}), ...(order ? { order } : {}) });
  const customFields = await loadDefinitions(input.entity);
  const columns = resolveExportColumns(input.entity, input.columns ?? view?.columns, customFields);
  if (input.format === 'csv' && columns.length === 0)
    throw new ValidationFailed([
      { field: 'columns', message: 'name at least one column that can be exported' },
    ]);
  const locale = input.locale ?? (await readProfile(principal.userId))?.locale ?? deps.tenantLocale;
  const at = deps.now();
  const id = ulid();
  const fileName = `${input.entity === 'company' ? 'companies' : 'contacts'}-${at.slice(0, 10)}.${input.format === 'csv' ? 'csv' : 'vcf'}`;
  const job: ExportJobItem = {
    ...exportJobKey(id),
    entity: 'export-job',
    id,
    recordType: input.entity,
    format: input.format,
    filters,
    ...(sort ? { sort } : {}),
    ...(order ? { order } : {}),
    ...(input.viewId ? { viewId: input.viewId } : {}),
    columns,
    locale,
    status: 'queued',
    rowsDone: 0,
    fileName,
    fileKey: exportFileObjectKey(id, fileName),
    version: 1,
    createdAt: at,
    createdBy: principal.userId,
    updatedAt: at,
    updatedBy: principal.userId,
  };
  await db.send(
    new PutCommand({ TableName: tableName, Item: job, ConditionExpression: 'attribute_not_exists(pk)' }),
  );
  await deps.enqueue(id);
  return toExportView(job);
};

/** GET /api/exports/{id}: progress, and a download link once the file is written. */
export const getExport = async (principal: Principal, id: string, files: ExportFiles) => {
  requireRecordReader(principal);
  const job = await readJob(id);
  if (!job || (job.createdBy !== principal.userId && !canSeeAll(principal))) throw new NotFound('export', id);
  const url = job.status === 'completed' ? await files.presignDownload(job.fileKey, job.fileName) : undefined;
  return toExportView(job, url);
};

const setProgress = async (id: string, fields: Readonly<Record<string, unknown>>, at: string) => {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':at': at, ':one': 1 };
  const sets = Object.entries(fields).map(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:f${i}`] = v;
    return `#f${i} = :f${i}`;
  });
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: exportJobKey(id),
      UpdateExpression: `SET ${[...sets, 'updatedAt = :at', 'version = version + :one'].join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
};

/** The records of an export, page by page, as the list API reads them. */
async function* exportPages(
  job: ExportJobItem,
  now: Date,
): AsyncGenerator<{ items: Record<string, unknown>[]; total?: number }> {
  const request = parseListRequest(job.recordType, {
    ...job.filters,
    ...(job.sort ? { sort: job.sort } : {}),
    ...(job.order ? { order: job.order } : {}),
    limit: '200',
  });
  let cursor: string | undefined;
  do {
    const page = await listRecords({ ...request, ...(cursor ? { cursor } : {}) }, now);
    yield {
      items: page.items as Record<string, unknown>[],
      ...(page.total !== undefined ? { total: page.total } : {}),
    };
    cursor = page.nextCursor;
  } while (cursor);
}

/** The export-jobs worker: writes the file, once (a finished job is left alone). */
export const runExport = async (
  exportId: string,
  deps: { files: ExportFiles; timezone: string; now: () => string; isLastAttempt: boolean },
): Promise<void> => {
  const job = await readJob(exportId);
  if (!job || job.status === 'completed') return;
  await setProgress(job.id, { status: 'running' }, deps.now());
  try {
    const [customFields, staff] = await Promise.all([
      loadDefinitions(job.recordType) as Promise<CustomFieldDefinition[]>,
      loadStaff(),
    ]);
    const ctx: ExportContext = {
      locale: job.locale,
      timezone: deps.timezone,
      customFields,
      staffName: staff.nameOf,
    };
    const parts: string[] = [job.format === 'csv' ? csvHeader(job.recordType, job.columns, ctx) : ''];
    let rows = 0;
    let lastSaved = Date.now();
    for await (const page of exportPages(job, new Date(deps.now()))) {
      parts.push(
        job.format === 'csv'
          ? csvRows(page.items, job.columns, ctx)
          : page.items.map((c) => contactVCard(c as unknown as VCardContact)).join(''),
      );
      rows += page.items.length;
      if (Date.now() - lastSaved > 2000) {
        lastSaved = Date.now();
        await setProgress(
          job.id,
          { rowsDone: rows, ...(page.total !== undefined ? { total: page.total } : {}) },
          deps.now(),
        );
      }
    }
    await deps.files.put(
      job.fileKey,
      Buffer.from(parts.join(''), 'utf8'),
      job.format === 'csv' ? 'text/csv; charset=utf-8' : 'text/vcard; charset=utf-8',
    );
    await setProgress(
      job.id,
      { status: 'completed', rowsDone: rows, total: rows, finishedAt: deps.now() },
      deps.now(),
    );
  } catch (error) {
    if (deps.isLastAttempt)
      await setProgress(job.id, { status: 'failed', error: (error as Error).message }, deps.now());
    throw error;
  }
};
