// An import job (Импорт): one CSV file of companies or contacts on its way into the base. The
// job item records the file, how it is read (encoding, delimiter, headers), the column
// mapping, the duplicate mode, the status and the progress — a high-water mark (the next
// chunk, its byte offset and first row) and the counts — so that a stopped import continues
// where it stopped. Beside it, in the job's partition: the invalid rows of each chunk (one
// item per chunk), and in the audit partition of the job one entry per written batch.
//
// Record ids are derived from (jobId, row): the job id's time and first random characters,
// then the row number in base 32. A chunk run twice therefore writes the same items, and a
// record found in the base can be recognised as one this job wrote for a given row.
import { z } from 'zod';
import { auditKey } from '../audit/audit.entity.ts';
import type { Versioned } from '../mutations.ts';

export const importRecordTypes = ['company', 'contact'] as const;
export type ImportRecordType = (typeof importRecordTypes)[number];

/** What a row that duplicates a record (same INN, e-mail or phone) does. */
export const importModes = ['skip', 'update', 'create'] as const;
export type ImportMode = (typeof importModes)[number];

export const importStatuses = [
  'created',
  'analyzed',
  'validating',
  'validated',
  'running',
  'cancelling',
  'cancelled',
  'completed',
  'failed',
] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** Statuses from which `start` (or `crm import --resume`) may (re)start the import. */
export const startableStatuses: readonly ImportStatus[] = ['analyzed', 'validated', 'cancelled', 'failed'];

export const csvEncodings = ['utf-8', 'windows-1251'] as const;
export type CsvEncoding = (typeof csvEncodings)[number];
export const csvDelimiters = [',', ';'] as const;
export type CsvDelimiter = (typeof csvDelimiters)[number];

/** Rows per chunk: one queue message, one progress step, one item of invalid rows. */
export const importChunkRows = 500;
/** The largest file an import takes. */
export const maxImportBytes = 100 * 1024 * 1024;

export const importJobKey = (id: string) => ({ pk: `IMPORT#${id}`, sk: 'JOB' }) as const;

/** Jobs newest first (gsi4: a collection sorted by creation time). */
export const importListPartition = 'IMPORT';
export const importListKeys = (createdAt: string, id: string) => ({
  gsi4pk: importListPartition,
  gsi4sk: `${createdAt}#${id}`,
});

export type ImportPhase = 'dry-run' | 'import';

/** The invalid rows of one chunk of a dry run or an import. */
export const importIssuesKey = (jobId: string, phase: ImportPhase, chunk: number) =>
  ({ pk: `IMPORT#${jobId}`, sk: `ISSUES#${phase}#${String(chunk).padStart(6, '0')}` }) as const;
export const importIssuesPrefix = (phase: ImportPhase) => `ISSUES#${phase}#`;

/** Where an uploaded file lives in the tenant's files bucket. */
export const importFileObjectKey = (jobId: string) => `imports/${jobId}/source.csv`;

export type ImportCounts = {
  readonly created: number;
  readonly updated: number;
  readonly skipped: number;
  readonly failed: number;
};
export const noCounts: ImportCounts = { created: 0, updated: 0, skipped: 0, failed: 0 };

/** One reason a row cannot be imported: the field (as mapped), its column and value, why. */
export type RowIssue = {
  readonly row: number;
  readonly field: string;
  readonly column?: string;
  readonly value?: string;
  readonly message: string;
};

/** Target field per column (index-aligned with `headers`); null: the column is not imported. */
export type ColumnTargets = readonly (string | null)[];

export type DryRunReport = ImportCounts & {
  readonly status: 'running' | 'completed' | 'failed';
  readonly rowsDone: number;
  readonly issuesTotal: number;
  readonly error?: string;
};

export type ImportJobAttributes = {
  readonly id: string;
  readonly recordType: ImportRecordType;
  readonly source: 'upload' | 'cli';
  readonly fileName: string;
  readonly fileSize?: number;
  /** S3 object key (uploads) or absolute path on the operator's machine (CLI). */
  readonly fileKey?: string;
  readonly filePath?: string;
  /** SHA-256 of the file (CLI): a resume refuses another file. */
  readonly fileSha256?: string;
  readonly encoding?: CsvEncoding;
  readonly delimiter?: CsvDelimiter;
  readonly headers?: readonly string[];
  readonly columns?: ColumnTargets;
  readonly mode: ImportMode;
  /** Owner of rows without an owner column (or with it empty). */
  readonly defaultOwnerId?: string;
  readonly status: ImportStatus;
  readonly totalRows?: number;
  readonly rowsDone: number;
  readonly counts: ImportCounts;
  /** High-water mark: chunks below it are written and counted. */
  readonly nextChunk: number;
  readonly nextOffset: number;
  readonly nextRow: number;
  /** The chunk a run last began: a chunk that begins twice is a rerun after a crash. */
  readonly chunkStarted?: number;
  readonly issuesTotal: number;
  readonly dryRun?: DryRunReport;
  /** When the current run began and how far it was then: the rate is measured from there. */
  readonly runStartedAt?: string;
  readonly runStartedRows?: number;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly error?: string;
};

export type ImportJobItem = Versioned & ImportJobAttributes & ReturnType<typeof importListKeys>;

export const createImportSchema = z
  .object({
    entity: z.enum(importRecordTypes),
    fileName: z.string().trim().min(1, 'must not be empty').max(255),
    size: z
      .number()
      .int()
      .positive('must be more than 0 bytes')
      .max(maxImportBytes, `must be at most ${maxImportBytes / 1024 / 1024} MB`),
    contentType: z
      .string()
      .refine(
        (t) => /^(text\/csv|text\/plain|application\/csv|application\/vnd\.ms-excel)\b/i.test(t),
        'must be text/csv',
      )
      .default('text/csv'),
    mode: z.enum(importModes).default('skip'),
  })
  .strict();

/** Column header → field (or null to leave the column out); merged over the suggestion. */
export const mappingSchema = z.record(z.string(), z.string().min(1).nullable());

export const importSettingsSchema = z
  .object({
    mapping: mappingSchema.optional(),
    mode: z.enum(importModes).optional(),
    /** The owner of rows without one (a staff member's id); the caller by default. */
    defaultOwnerId: z.string().min(1).max(100).optional(),
  })
  .strict();
export type ImportSettings = z.infer<typeof importSettingsSchema>;

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Characters of the job id kept in its records' ids: its time (10) and 30 bits of its randomness. */
const jobPrefixLength = 16;
const rowLength = 10;

/** The id of the record row `row` of job `jobId` creates: a ULID, the same on every run. */
export const importRecordId = (jobId: string, row: number): string => {
  let n = row;
  let encoded = '';
  for (let i = 0; i < rowLength; i++) {
    encoded = crockford[n % 32] + encoded;
    n = Math.floor(n / 32);
  }
  return `${jobId.slice(0, jobPrefixLength)}${encoded}`;
};

/** The row whose import created record `id`, if job `jobId` created it; undefined otherwise. */
export const importRowOf = (jobId: string, id: string): number | undefined => {
  if (id.length !== jobPrefixLength + rowLength || !id.startsWith(jobId.slice(0, jobPrefixLength)))
    return undefined;
  let row = 0;
  for (const c of id.slice(jobPrefixLength)) {
    const digit = crockford.indexOf(c);
    if (digit < 0) return undefined;
    row = row * 32 + digit;
  }
  return row;
};

export type ImportedRecordEntry = {
  readonly id: string;
  readonly row: number;
  readonly action: 'created' | 'updated';
  /** Created: the values written. Updated: the fields that changed, from what to what. */
  readonly values?: Readonly<Record<string, unknown>>;
  readonly changes?: readonly { field: string; from?: unknown; to?: unknown }[];
};

/** Batch entries are numbered above every row, so an entry id never equals a record id. */
const batchIdBase = 2 ** 40;

/**
 * The audit entry of one written batch. Its sort key comes from the job and the batch's first
 * row, not from the clock, so a batch written again (a chunk rerun) rewrites the same entry;
 * the key ends in a ULID of its own (the entry id events carry). `relatedTo` names the batch's
 * records, whose timelines show the import.
 */
export const importAuditItem = (entry: {
  readonly job: Pick<ImportJobAttributes, 'id' | 'recordType' | 'fileName'> & { readonly createdAt: string };
  readonly actorId: string;
  readonly at: string;
  readonly firstRow: number;
  readonly records: readonly ImportedRecordEntry[];
}) => ({
  ...auditKey('import', entry.job.id),
  sk: `${entry.job.createdAt}#${importRecordId(entry.job.id, batchIdBase + entry.firstRow)}`,
  entity: 'audit',
  subject: 'import',
  subjectId: entry.job.id,
  action: 'imported',
  actorId: entry.actorId,
  at: entry.at,
  backdated: false,
  changes: [],
  relatedTo: entry.records.map((r) => ({ type: entry.job.recordType, id: r.id })),
  recordType: entry.job.recordType,
  fileName: entry.job.fileName,
  records: entry.records,
});

/** Rows per second of the current run, and seconds left at that rate. */
export const importRate = (
  job: Pick<ImportJobAttributes, 'runStartedAt' | 'runStartedRows' | 'rowsDone' | 'totalRows' | 'status'>,
  now: string,
): { rate?: number; etaSeconds?: number } => {
  if (!job.runStartedAt) return {};
  const seconds = (Date.parse(now) - Date.parse(job.runStartedAt)) / 1000;
  const rows = job.rowsDone - (job.runStartedRows ?? 0);
  if (seconds <= 0 || rows <= 0) return {};
  const rate = rows / seconds;
  const left = job.totalRows === undefined ? undefined : Math.max(0, job.totalRows - job.rowsDone);
  return {
    rate: Math.round(rate * 10) / 10,
    ...(left !== undefined && job.status === 'running' ? { etaSeconds: Math.round(left / rate) } : {}),
  };
};

export const createMockImportJob = (overrides: Partial<ImportJobItem> = {}): ImportJobItem => {
  const id = overrides.id ?? '01JDEMP0RT0000000000000001';
  const at = '2026-11-24T09:00:00.000Z';
  return {
    ...importJobKey(id),
    ...importListKeys(at, id),
    entity: 'import-job',
    id,
    recordType: 'company',
    source: 'upload',
    fileName: 'companies.csv',
    fileKey: importFileObjectKey(id),
    mode: 'skip',
    status: 'created',
    rowsDone: 0,
    counts: noCounts,
    nextChunk: 0,
    nextOffset: 0,
    nextRow: 2,
    issuesTotal: 0,
    version: 1,
    createdAt: at,
    createdBy: 'user-anna',
    updatedAt: at,
    updatedBy: 'user-anna',
    ...overrides,
  };
};
