// Import jobs through the API and the queue (docs/customer-base.md "Import and export"):
// create (a presigned upload), analyze (encoding, delimiter, columns, sample, suggested
// mapping, row count), dry run, start, progress, list, cancel — and the queue worker's side:
// a dry run over the whole file, or one chunk of the import, after which it queues the next.
// Who may: canImport; a job is seen by whoever created it, sales managers and admins.
import type { Readable } from 'node:stream';
import { GetCommand, PutCommand, paginateQuery, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { z } from 'zod';
import { nowIso } from '../../lib/clock.ts';
import { encodeCursor } from '../../lib/cursor.ts';
import { db, tableName } from '../../lib/dynamo.ts';
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { roles } from '../../lib/roles.ts';
import { parseInput } from '../../lib/validation.ts';
import type { CustomFieldDefinition } from '../custom-fields/custom-field.entity.ts';
import { loadDefinitions } from '../custom-fields/custom-fields.ts';
import { canImport } from '../records/access.ts';
import { type BaseIndex, loadStaff, queryBaseIndex } from './base-index.ts';
import { type CsvRecord, countDataRows, csvRecords, sampleCsv } from './csv-source.ts';
import { importTargets, mappingView, resolveColumns, suggestColumns } from './import-fields.ts';
import {
  createImportSchema,
  type DryRunReport,
  type ImportJobItem,
  type ImportPhase,
  importChunkRows,
  importFileObjectKey,
  importIssuesPrefix,
  importJobKey,
  importListKeys,
  importListPartition,
  importRate,
  importSettingsSchema,
  maxImportBytes,
  noCounts,
  type RowIssue,
  startableStatuses,
} from './import-job.entity.ts';
import {
  batchWrite,
  type Chunk,
  checkRows,
  type ImportActor,
  type ImportContext,
  moveStatus,
  planRows,
  runChunk,
  saveIssues,
} from './import-run.ts';

/** The files bucket as an import uses it (S3 in functions; tests may stand in). */
export type ImportFiles = {
  readonly presignUpload: (
    key: string,
    size: number,
    contentType: string,
  ) => Promise<{ url: string; headers: Record<string, string> }>;
  readonly size: (key: string) => Promise<number | undefined>;
  /** The object from `offset` to its end. */
  readonly read: (key: string, offset: number, length?: number) => Promise<Readable>;
};

export const importMessageSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('chunk'),
    jobId: z.string().min(1),
    chunk: z.number().int().min(0),
  }),
  z.object({ kind: z.literal('dry-run'), jobId: z.string().min(1) }),
]);
export type ImportMessage = z.infer<typeof importMessageSchema>;

export type Enqueue = (message: ImportMessage) => Promise<void>;

/** Files up to this many rows get their dry run answered at once; larger ones go to the worker. */
export const syncDryRunRows = 1000;

const principalSchema = z.object({
  userId: z.string(),
  username: z.string(),
  roles: z.array(z.enum(roles)),
});

type StoredJob = ImportJobItem & { readonly actor?: Principal };

const requireImporter = (principal: Principal): void => {
  if (!canImport(principal))
    throw new Forbidden('Your role may not import records; ask a sales manager or an administrator.');
};

const canSeeAll = (p: Principal) => p.roles.some((r) => r === 'admin' || r === 'sales-manager');

export const readImportJob = async (id: string): Promise<StoredJob | undefined> =>
  (await db.send(new GetCommand({ TableName: tableName, Key: importJobKey(id), ConsistentRead: true })))
    .Item as StoredJob | undefined;

const jobFor = async (principal: Principal, id: string): Promise<StoredJob> => {
  requireImporter(principal);
  const job = await readImportJob(id);
  if (!job || (job.createdBy !== principal.userId && !canSeeAll(principal))) throw new NotFound('import', id);
  return job;
};

/** Reads the issues of a phase, chunk by chunk, up to `limit`. */
export const readIssues = async (
  jobId: string,
  phase: ImportPhase,
  limit = 1000,
): Promise<{ issues: RowIssue[]; truncated: boolean }> => {
  const issues: RowIssue[] = [];
  let truncated = false;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': importJobKey(jobId).pk, ':prefix': importIssuesPrefix(phase) },
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const list = (item.issues ?? []) as RowIssue[];
      if (Number(item.total ?? list.length) > list.length) truncated = true;
      for (const issue of list) {
        if (issues.length >= limit) truncated = true;
        else issues.push(issue);
      }
    }
    ExclusiveStartKey = issues.length >= limit ? undefined : page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { issues, truncated };
};

/** The job as the API shows it (the web app reads `progress` and `report`). */
export const toImportView = async (job: StoredJob, options: { issues?: boolean } = {}) => {
  const at = nowIso();
  const dryRun = job.dryRun;
  const phaseIssues = options.issues && job.issuesTotal > 0 ? await readIssues(job.id, 'import') : undefined;
  const dryIssues =
    options.issues && dryRun && dryRun.issuesTotal > 0 ? await readIssues(job.id, 'dry-run') : undefined;
  const rows = dryRun ? dryRun.rowsDone : 0;
  return {
    id: job.id,
    entity: job.recordType,
    source: job.source,
    fileName: job.fileName,
    ...(job.fileSize !== undefined ? { fileSize: job.fileSize } : {}),
    status: job.status,
    mode: job.mode,
    ...(job.encoding ? { encoding: job.encoding, delimiter: job.delimiter } : {}),
    ...(job.headers && job.columns
      ? { headers: job.headers, mapping: mappingView(job.headers, job.columns) }
      : {}),
    ...(job.defaultOwnerId ? { defaultOwnerId: job.defaultOwnerId } : {}),
    progress: {
      ...(job.totalRows !== undefined ? { total: job.totalRows } : {}),
      processed: job.rowsDone,
      ...job.counts,
      ...(job.totalRows ? { percent: Math.min(100, Math.round((job.rowsDone / job.totalRows) * 100)) } : {}),
      ...importRate(job, at),
    },
    ...(phaseIssues ? { issues: phaseIssues.issues, issuesTruncated: phaseIssues.truncated } : {}),
    issuesTotal: job.issuesTotal,
    ...(dryRun
      ? {
          report: {
            status: dryRun.status,
            rows,
            valid: rows - dryRun.failed,
            invalid: dryRun.failed,
            create: dryRun.created,
            update: dryRun.updated,
            skip: dryRun.skipped,
            issuesTotal: dryRun.issuesTotal,
            ...(dryIssues ? { issues: dryIssues.issues, issuesTruncated: dryIssues.truncated } : {}),
            ...(dryRun.error ? { error: dryRun.error } : {}),
          },
        }
      : {}),
    createdAt: job.createdAt,
    createdBy: job.createdBy,
    updatedAt: job.updatedAt,
    ...(job.startedAt ? { startedAt: job.startedAt } : {}),
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    ...(job.error ? { error: job.error } : {}),
    version: job.version,
  };
};

/** A new job item (status `created`), for an upload or a CLI run. */
export const newImportJob = (
  fields: Pick<ImportJobItem, 'recordType' | 'source' | 'fileName' | 'mode'> & Partial<ImportJobItem>,
  actor: Principal,
  at: string,
): StoredJob => {
  const id = fields.id ?? ulid();
  return {
    ...importJobKey(id),
    ...importListKeys(at, id),
    entity: 'import-job',
    status: 'created',
    rowsDone: 0,
    counts: noCounts,
    nextChunk: 0,
    nextOffset: 0,
    nextRow: 2,
    issuesTotal: 0,
    version: 1,
    createdAt: at,
    createdBy: actor.userId,
    updatedAt: at,
    updatedBy: actor.userId,
    actor,
    ...fields,
    id,
  };
};

export const putImportJob = async (job: StoredJob): Promise<void> => {
  await db.send(
    new PutCommand({ TableName: tableName, Item: job, ConditionExpression: 'attribute_not_exists(pk)' }),
  );
};

/** POST /api/imports: the job and where to upload the file. */
export const createImport = async (principal: Principal, body: unknown, files: ImportFiles, at: string) => {
  requireImporter(principal);
  const input = parseInput(createImportSchema, body);
  const job = newImportJob(
    {
      recordType: input.entity,
      source: 'upload',
      fileName: input.fileName,
      fileSize: input.size,
      mode: input.mode,
    },
    principal,
    at,
  );
  const fileKey = importFileObjectKey(job.id);
  const withFile = { ...job, fileKey };
  await putImportJob(withFile);
  const upload = await files.presignUpload(fileKey, input.size, 'text/csv');
  return { job: await toImportView(withFile), upload: { ...upload, method: 'PUT' } };
};

/** Settings a job's file and mapping give: encoding, delimiter, headers, targets. */
const analyzeFile = async (job: StoredJob, files: ImportFiles) => {
  if (!job.fileKey) throw new Conflict('This import has no uploaded file.');
  const size = await files.size(job.fileKey);
  if (size === undefined)
    throw new Conflict('The file has not been uploaded yet: PUT it to the upload URL first.');
  if (size === 0) throw new ValidationFailed([{ field: 'file', message: 'is empty' }]);
  if (size > maxImportBytes)
    throw new ValidationFailed([
      { field: 'file', message: `is larger than ${maxImportBytes / 1024 / 1024} MB` },
    ]);
  const head = await streamToBuffer(await files.read(job.fileKey, 0, Math.min(size, 1024 * 1024)));
  const sample = await sampleCsv(head, size <= head.length);
  const totalRows = await countDataRows(await files.read(job.fileKey, 0), sample);
  return { size, sample, totalRows };
};

export const streamToBuffer = async (stream: Readable): Promise<Buffer> => {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Buffer));
  return Buffer.concat(parts);
};

const customFieldsOf = async (job: Pick<ImportJobItem, 'recordType'>): Promise<CustomFieldDefinition[]> =>
  loadDefinitions(job.recordType);

/** POST /api/imports/{id}/analyze */
export const analyzeImport = async (principal: Principal, id: string, files: ImportFiles, at: string) => {
  const job = await jobFor(principal, id);
  if (job.status === 'running' || job.status === 'cancelling' || job.status === 'validating')
    throw new Conflict(`The import is ${job.status}; analyze it before starting.`);
  const { size, sample, totalRows } = await analyzeFile(job, files);
  const customFields = await customFieldsOf(job);
  let columns: (string | null)[];
  try {
    columns = [...resolveColumns(job.recordType, sample.headers, customFields)];
  } catch {
    // Nothing required could be matched: show the suggestion anyway, the user maps by hand.
    columns = suggestColumns(job.recordType, sample.headers, customFields);
  }
  await db
    .send(
      new UpdateCommand({
        TableName: tableName,
        Key: importJobKey(id),
        UpdateExpression:
          'SET #status = :analyzed, fileSize = :size, encoding = :enc, delimiter = :del, headers = :headers, #columns = :columns, totalRows = :rows, nextOffset = :offset, nextRow = :row, updatedAt = :at, version = version + :one',
        ConditionExpression: 'nextChunk = :zero',
        ExpressionAttributeNames: { '#status': 'status', '#columns': 'columns' },
        ExpressionAttributeValues: {
          ':analyzed': 'analyzed',
          ':size': size,
          ':enc': sample.encoding,
          ':del': sample.delimiter,
          ':headers': sample.headers,
          ':columns': columns,
          ':rows': totalRows,
          ':offset': sample.dataOffset,
          ':row': 2,
          ':at': at,
          ':one': 1,
          ':zero': 0,
        },
      }),
    )
    .catch((error) => {
      if ((error as Error).name === 'ConditionalCheckFailedException')
        throw new Conflict('The import has begun writing; its file can no longer be analyzed again.');
      throw error;
    });
  return {
    encoding: sample.encoding,
    delimiter: sample.delimiter,
    headers: sample.headers,
    sample: sample.sample,
    rowCount: totalRows,
    suggestedMapping: mappingView(sample.headers, columns),
    fields: importTargets(job.recordType, customFields),
  };
};

/** Applies settings (mapping, mode, default owner) to an analyzed job; returns the job as saved. */
const applySettings = async (
  principal: Principal,
  job: StoredJob,
  body: unknown,
  at: string,
): Promise<StoredJob> => {
  const settings = parseInput(importSettingsSchema, body ?? {});
  if (!job.headers || !job.encoding) throw new Conflict('Analyze the file first (POST …/analyze).');
  const customFields = await customFieldsOf(job);
  const columns = resolveColumns(job.recordType, job.headers, customFields, settings.mapping ?? {});
  // A mapping the user sent replaces the suggestion; without one, the saved mapping stands.
  const finalColumns = settings.mapping ? columns : (job.columns ?? columns);
  const defaultOwnerId = settings.defaultOwnerId ?? job.defaultOwnerId ?? principal.userId;
  const mode = settings.mode ?? job.mode;
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: importJobKey(job.id),
      UpdateExpression:
        'SET #columns = :columns, #mode = :mode, defaultOwnerId = :owner, actor = :actor, updatedAt = :at, version = version + :one',
      ConditionExpression: 'nextChunk = :zero OR #status <> :running',
      ExpressionAttributeNames: { '#columns': 'columns', '#mode': 'mode', '#status': 'status' },
      ExpressionAttributeValues: {
        ':columns': finalColumns,
        ':mode': mode,
        ':owner': defaultOwnerId,
        ':actor': principalSchema.parse(principal),
        ':at': at,
        ':one': 1,
        ':zero': 0,
        ':running': 'running',
      },
    }),
  );
  return { ...job, columns: finalColumns, mode, defaultOwnerId, actor: principal };
};

/** The context of a run of `job` (staff, custom fields, the base index). */
export const importContext = async (
  job: StoredJob,
  options: {
    actor: ImportActor;
    index?: BaseIndex;
    currency: string;
    now: () => string;
    fileKeys?: Map<string, string>;
  } & Partial<Pick<ImportContext, 'writeBatch' | 'concurrency'>>,
): Promise<ImportContext> => {
  const [staff, customFields] = await Promise.all([loadStaff(), customFieldsOf(job)]);
  return {
    job,
    actor: options.actor,
    index: options.index ?? queryBaseIndex(),
    staff,
    customFields,
    currency: options.currency,
    now: options.now,
    fileKeys: options.fileKeys ?? new Map(),
    ...(options.writeBatch ? { writeBatch: options.writeBatch } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  };
};

/**
 * Chunks of `importChunkRows` records from a record stream, numbered from `firstIndex`; the
 * last one says so (one record of look-ahead).
 */
export async function* chunksOf(
  records: AsyncIterable<CsvRecord>,
  start: { index: number; offset: number; row: number },
): AsyncGenerator<Chunk> {
  const iterator = records[Symbol.asyncIterator]();
  let index = start.index;
  let lookahead = await iterator.next();
  let row = start.row;
  let offset = start.offset;
  try {
    while (!lookahead.done) {
      const batch: CsvRecord[] = [];
      while (!lookahead.done && batch.length < importChunkRows) {
        batch.push(lookahead.value);
        lookahead = await iterator.next();
      }
      const lastRecord = batch.at(-1) as CsvRecord;
      offset = lastRecord.endOffset;
      row = lastRecord.row + 1;
      yield { index, records: batch, endOffset: offset, nextRow: row, last: lookahead.done === true };
      index++;
    }
  } finally {
    await iterator.return?.();
  }
}

const readOptions = (job: StoredJob, offset: number, row: number) => ({
  encoding: job.encoding ?? 'utf-8',
  delimiter: job.delimiter ?? ',',
  startOffset: offset,
  firstRow: row,
});

const actorOf = (job: StoredJob): ImportActor => ({
  userId: job.actor?.userId ?? job.createdBy,
  ...(job.actor ? { principal: job.actor } : {}),
});

const setDryRun = async (jobId: string, report: DryRunReport, at: string, status?: string) => {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: importJobKey(jobId),
      UpdateExpression: `SET dryRun = :report, updatedAt = :at${status ? ', #status = :status' : ''}`,
      ExpressionAttributeNames: status ? { '#status': 'status' } : undefined,
      ExpressionAttributeValues: { ':report': report, ':at': at, ...(status ? { ':status': status } : {}) },
    }),
  );
};

/**
 * The dry run: every row checked and planned as the import would (duplicates within the file
 * and against the base), nothing written but the report. `source` reads the file from its
 * data offset.
 */
export const runDryRun = async (
  ctx: ImportContext,
  records: AsyncIterable<CsvRecord>,
  onProgress?: (report: DryRunReport) => void,
): Promise<DryRunReport> => {
  const { job } = ctx;
  await clearIssues(job.id, 'dry-run');
  const report = { status: 'running' as DryRunReport['status'], rowsDone: 0, issuesTotal: 0, ...noCounts };
  let lastSaved = Date.now();
  for await (const chunk of chunksOf(records, { index: 0, offset: 0, row: 2 })) {
    const checked = await checkRows(ctx, chunk.records);
    const plan = await planRows(ctx, checked, 'dry-run', Number.POSITIVE_INFINITY);
    await saveIssues(job, 'dry-run', chunk.index, plan.issues);
    report.rowsDone += chunk.records.length;
    report.issuesTotal += plan.issues.length;
    report.created += plan.counts.created;
    report.updated += plan.counts.updated;
    report.skipped += plan.counts.skipped;
    report.failed += plan.counts.failed;
    onProgress?.({ ...report });
    if (Date.now() - lastSaved > 2000) {
      lastSaved = Date.now();
      await setDryRun(job.id, { ...report }, ctx.now());
    }
  }
  const done: DryRunReport = { ...report, status: 'completed' };
  await setDryRun(job.id, done, ctx.now(), 'validated');
  return done;
};

/** Deletes the issue items of a phase (a new dry run replaces the last one's). */
const clearIssues = async (jobId: string, phase: ImportPhase): Promise<void> => {
  const pages = paginateQuery(
    { client: db },
    {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': importJobKey(jobId).pk, ':prefix': importIssuesPrefix(phase) },
      ProjectionExpression: 'pk, sk',
    },
  );
  for await (const page of pages) {
    const keys = (page.Items ?? []) as { pk: string; sk: string }[];
    for (let i = 0; i < keys.length; i += 25)
      await batchWrite(keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } })));
  }
};

const dataRecords = async (job: StoredJob, files: ImportFiles, offset: number, row: number) => {
  if (!job.fileKey) throw new Conflict('This import has no uploaded file.');
  return csvRecords(await files.read(job.fileKey, offset), readOptions(job, offset, row));
};

/** Where the data rows begin (after the header): what analyze found. */
const dataStart = (job: StoredJob) => {
  if (job.nextChunk === 0) return { offset: job.nextOffset, row: job.nextRow };
  throw new Conflict('The import has begun; a dry run is for before it starts.');
};

/** POST /api/imports/{id}/dry-run: answered at once for small files, by the worker otherwise. */
export const startDryRun = async (
  principal: Principal,
  id: string,
  body: unknown,
  deps: { files: ImportFiles; enqueue: Enqueue; currency: string; now: () => string },
) => {
  const found = await jobFor(principal, id);
  if (found.status === 'running' || found.status === 'cancelling' || found.status === 'validating')
    throw new Conflict(`The import is ${found.status}.`);
  dataStart(found);
  const job = await applySettings(principal, found, body, deps.now());
  const start = dataStart(job);
  const running: DryRunReport = { status: 'running', rowsDone: 0, issuesTotal: 0, ...noCounts };
  if ((job.totalRows ?? 0) <= syncDryRunRows) {
    const ctx = await importContext(job, { actor: actorOf(job), currency: deps.currency, now: deps.now });
    await runDryRun(ctx, await dataRecords(job, deps.files, start.offset, start.row));
  } else {
    await setDryRun(id, running, deps.now(), 'validating');
    await deps.enqueue({ kind: 'dry-run', jobId: id });
  }
  const saved = await readImportJob(id);
  if (!saved) throw new NotFound('import', id);
  return toImportView(saved, { issues: true });
};

/** POST /api/imports/{id}/start: (re)starts writing from the high-water mark. */
export const startImport = async (
  principal: Principal,
  id: string,
  body: unknown,
  deps: { enqueue: Enqueue; now: () => string },
) => {
  let job = await jobFor(principal, id);
  if (!startableStatuses.includes(job.status))
    throw new Conflict(
      job.status === 'completed'
        ? 'The import is complete.'
        : `The import is ${job.status}; it cannot start now.`,
    );
  if (job.nextChunk === 0) job = await applySettings(principal, job, body, deps.now());
  const at = deps.now();
  const moved = await moveStatus(id, startableStatuses, 'running', at, {
    runStartedAt: at,
    runStartedRows: job.rowsDone,
    ...(job.startedAt ? {} : { startedAt: at }),
  });
  if (!moved) throw new Conflict('The import changed meanwhile; reload it.');
  await deps.enqueue({ kind: 'chunk', jobId: id, chunk: job.nextChunk });
  const saved = (await readImportJob(id)) as StoredJob;
  return toImportView(saved);
};

/** POST /api/imports/{id}/cancel: a running import stops after the chunk it is writing. */
export const cancelImport = async (principal: Principal, id: string, now: () => string) => {
  const job = await jobFor(principal, id);
  const at = now();
  if (job.status === 'running') await moveStatus(id, ['running'], 'cancelling', at);
  else if (job.status === 'validating') await moveStatus(id, ['validating'], 'analyzed', at);
  else if (!['cancelling', 'cancelled'].includes(job.status))
    throw new Conflict(`The import is ${job.status}; there is nothing to cancel.`);
  return toImportView((await readImportJob(id)) as StoredJob);
};

export const getImport = async (principal: Principal, id: string) =>
  toImportView(await jobFor(principal, id), { issues: true });

const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().optional(),
});

/** A cursor of the jobs list: a LastEvaluatedKey of gsi4 in the jobs' partition, nothing else. */
const listCursor = (cursor: string | undefined): Record<string, unknown> | undefined => {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (key.gsi4pk === importListPartition && typeof key.pk === 'string') return key;
  } catch {
    // falls through to the refusal
  }
  throw new ValidationFailed([{ field: 'cursor', message: 'is not a cursor this list returned' }]);
};

/** GET /api/imports: newest first; sales and marketing see their own. */
export const listImports = async (principal: Principal, query: unknown) => {
  requireImporter(principal);
  const { limit, cursor } = parseInput(listQuerySchema, query);
  const mine = !canSeeAll(principal);
  const page = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :pk',
      ...(mine ? { FilterExpression: 'createdBy = :me' } : {}),
      ExpressionAttributeValues: { ':pk': importListPartition, ...(mine ? { ':me': principal.userId } : {}) },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: listCursor(cursor),
    }),
  );
  const nextCursor = encodeCursor(page.LastEvaluatedKey as Record<string, string> | undefined);
  return {
    items: await Promise.all(((page.Items ?? []) as StoredJob[]).map((j) => toImportView(j))),
    ...(nextCursor ? { nextCursor } : {}),
  };
};

/**
 * The queue worker: a dry run, or one chunk followed by the next chunk's message. A chunk that
 * is not next (a redelivered message) writes nothing; when the message was redelivered after
 * its chunk was counted but before the next was queued, the next is queued now.
 */
export const handleImportMessage = async (
  message: ImportMessage,
  deps: {
    files: ImportFiles;
    enqueue: Enqueue;
    currency: string;
    now: () => string;
    receiveCount: number;
    maxReceiveCount: number;
    /** Tests inject write faults here. */
    writeBatch?: ImportContext['writeBatch'];
  },
): Promise<void> => {
  const job = await readImportJob(message.jobId);
  if (!job) return;
  if (message.kind === 'dry-run') {
    if (job.status !== 'validating') return;
    const ctx = await importContext(job, { actor: actorOf(job), currency: deps.currency, now: deps.now });
    const start = dataStart(job);
    try {
      await runDryRun(ctx, await dataRecords(job, deps.files, start.offset, start.row));
    } catch (error) {
      if (deps.receiveCount >= deps.maxReceiveCount)
        await setDryRun(
          job.id,
          { ...(job.dryRun as DryRunReport), status: 'failed', error: (error as Error).message },
          deps.now(),
          'analyzed',
        );
      throw error;
    }
    return;
  }
  if (job.status === 'cancelling') {
    await moveStatus(job.id, ['cancelling'], 'cancelled', deps.now());
    return;
  }
  if (job.nextChunk !== message.chunk) {
    if (job.nextChunk === message.chunk + 1 && job.status === 'running' && deps.receiveCount > 1)
      await deps.enqueue({ kind: 'chunk', jobId: job.id, chunk: job.nextChunk });
    return;
  }
  if (job.status !== 'running') return;
  const ctx = await importContext(job, {
    actor: actorOf(job),
    currency: deps.currency,
    now: deps.now,
    ...(deps.writeBatch ? { writeBatch: deps.writeBatch } : {}),
  });
  let after: ImportJobItem | undefined;
  const complete = () =>
    moveStatus(job.id, ['running', 'cancelling'], 'completed', deps.now(), { finishedAt: deps.now() });
  try {
    const records = await dataRecords(job, deps.files, job.nextOffset, job.nextRow);
    let read = false;
    for await (const chunk of chunksOf(records, {
      index: job.nextChunk,
      offset: job.nextOffset,
      row: job.nextRow,
    })) {
      read = true;
      const result = await runChunk(ctx, chunk);
      if (!result) {
        // Not this run's chunk any more: counted already, or the job was cancelled between
        // the read above and the claim. A cancel must still end as cancelled.
        await moveStatus(job.id, ['cancelling'], 'cancelled', deps.now());
        return;
      }
      after = result.job;
      if (chunk.last) {
        await complete();
        return;
      }
      break;
    }
    // Nothing after the mark: the file ends there (an empty file, or the last chunk's message again).
    if (!read) {
      await complete();
      return;
    }
  } catch (error) {
    if (deps.receiveCount >= deps.maxReceiveCount)
      await moveStatus(job.id, ['running', 'cancelling'], 'failed', deps.now(), {
        error: `Stopped at row ${job.nextRow}: ${(error as Error).message}. Start it again to continue from there.`,
      });
    throw error;
  }
  if (!after) return;
  if (after.status === 'cancelling') {
    await moveStatus(job.id, ['cancelling'], 'cancelled', deps.now());
    return;
  }
  await deps.enqueue({ kind: 'chunk', jobId: job.id, chunk: after.nextChunk });
};

/** A job id for tests and the CLI that is unique and sortable like every other. */
export const newJobId = (): string => ulid();
