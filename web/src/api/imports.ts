// /api/imports: CSV import jobs — create (presigned upload), analyze (encoding, delimiter, sample,
// suggested mapping), dry run, start, progress, cancel. Answers are read tolerantly: the job may come
// bare or as `{ job }` / `{ import }`.
import type { HttpClient } from './http-client.ts';
import type { RecordType } from './records.ts';
import { type PresignedUpload, parseUpload } from './upload.ts';

export type DuplicateMode = 'skip' | 'update' | 'create';

export type ImportStatus =
  | 'created'
  | 'analyzed'
  | 'validating'
  | 'validated'
  | 'running'
  | 'cancelling'
  | 'cancelled'
  | 'completed'
  | 'failed'
  | (string & {});

export type ImportProgress = {
  total?: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  percent?: number;
  /** Rows per second of the current run, as the server measured it. */
  rate?: number;
  etaSeconds?: number;
};

/** A field a column can fill, as the server lists it after the analysis. */
export type ImportField = { field: string; label: { ru: string; en: string }; multi: boolean };

/**
 * Target of each CSV column: a record field ("name", "inn", "phones"…), "customFields.<key>" or null
 * (skip). Keyed by header as the server shows it; sent keyed by column number ("#3"), which stays
 * unambiguous when two columns share a header.
 */
export type ColumnMapping = Record<string, string | null>;

export type ImportAnalysis = {
  encoding: string;
  delimiter: string;
  headers: string[];
  sample: string[][];
  rowCount?: number;
  suggestedMapping: ColumnMapping;
  fields: ImportField[];
};

export type RowIssue = { row: number; field?: string; column?: string; message: string; value?: string };

export type DryRunReport = {
  status: 'running' | 'completed' | 'failed' | (string & {});
  issuesTotal: number;
  issuesTruncated: boolean;
  error?: string;
  rows: number;
  valid: number;
  invalid: number;
  create: number;
  update: number;
  skip: number;
  issues: RowIssue[];
};

export type ImportJob = {
  id: string;
  entity: RecordType;
  fileName: string;
  status: ImportStatus;
  mode?: DuplicateMode;
  mapping?: ColumnMapping;
  progress: ImportProgress;
  createdAt?: string;
  startedAt?: string;
  finishedAt?: string;
  updatedAt?: string;
  error?: string;
  analysis?: ImportAnalysis;
  report?: DryRunReport;
  /** Rows the import itself refused. */
  issues?: RowIssue[];
};

const obj = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const optNum = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

const toMapping = (value: unknown): ColumnMapping => {
  if (Array.isArray(value)) {
    const mapping: ColumnMapping = {};
    for (const entry of value) {
      const e = obj(entry);
      const column = String(e.column ?? e.header ?? '');
      if (column) mapping[column] = typeof e.field === 'string' && e.field ? e.field : null;
    }
    return mapping;
  }
  const mapping: ColumnMapping = {};
  for (const [column, field] of Object.entries(obj(value)))
    mapping[column] = typeof field === 'string' && field ? field : null;
  return mapping;
};

export const parseAnalysis = (body: unknown): ImportAnalysis => {
  const outer = obj(body);
  const value = { ...obj(outer.job), ...obj(outer.import), ...outer, ...obj(outer.analysis) };
  const headers = Array.isArray(value.headers) ? value.headers.map(String) : [];
  const sample = (
    Array.isArray(value.sample) ? value.sample : Array.isArray(value.rows) ? value.rows : []
  ).map((row: unknown) =>
    Array.isArray(row)
      ? row.map((cell) => (cell === null || cell === undefined ? '' : String(cell)))
      : headers.map((h) => String(obj(row)[h] ?? '')),
  );
  return {
    encoding: String(value.encoding ?? 'utf-8'),
    delimiter: String(value.delimiter ?? ','),
    headers,
    sample,
    ...(optNum(value.rowCount ?? value.rows) !== undefined
      ? { rowCount: optNum(value.rowCount ?? value.rows) }
      : {}),
    suggestedMapping: toMapping(value.suggestedMapping ?? value.mapping),
    fields: (Array.isArray(value.fields) ? value.fields : []).flatMap((entry: unknown) => {
      const f = obj(entry);
      const label = obj(f.label);
      return typeof f.field === 'string'
        ? [
            {
              field: f.field,
              label: { ru: String(label.ru ?? f.field), en: String(label.en ?? f.field) },
              multi: f.multi === true,
            },
          ]
        : [];
    }),
  };
};

export const parseReport = (body: unknown): DryRunReport => {
  const outer = obj(body);
  const value = { ...outer, ...obj(outer.report), ...obj(outer.dryRun) };
  const counts = obj(value.counts);
  const rawIssues = Array.isArray(value.issues)
    ? value.issues
    : Array.isArray(value.invalidRows)
      ? value.invalidRows
      : Array.isArray(value.errors)
        ? value.errors
        : [];
  const issues: RowIssue[] = rawIssues.flatMap((entry: unknown) => {
    const e = obj(entry);
    const row = num(e.row ?? e.line ?? e.rowNumber);
    const nested = Array.isArray(e.issues) ? e.issues : Array.isArray(e.fields) ? e.fields : undefined;
    if (nested)
      return nested.map((issue: unknown) => {
        const i = obj(issue);
        return {
          row,
          ...(typeof i.field === 'string' ? { field: i.field } : {}),
          ...(typeof i.column === 'string' ? { column: i.column } : {}),
          message: String(i.message ?? ''),
        };
      });
    return [
      {
        row,
        ...(typeof e.field === 'string' ? { field: e.field } : {}),
        ...(typeof e.column === 'string' ? { column: e.column } : {}),
        message: String(e.message ?? e.reason ?? ''),
        ...(typeof e.value === 'string' ? { value: e.value } : {}),
      },
    ];
  });
  const invalid = optNum(value.invalid ?? counts.invalid) ?? new Set(issues.map((i) => i.row)).size;
  const rows = optNum(value.rows ?? value.total ?? counts.rows) ?? 0;
  return {
    status: String(value.status ?? 'completed'),
    issuesTotal: optNum(value.issuesTotal) ?? issues.length,
    issuesTruncated: value.issuesTruncated === true,
    ...(typeof value.error === 'string' ? { error: value.error } : {}),
    rows,
    valid: optNum(value.valid ?? counts.valid) ?? Math.max(0, rows - invalid),
    invalid,
    create: num(value.create ?? value.created ?? counts.create ?? counts.created),
    update: num(value.update ?? value.updated ?? counts.update ?? counts.updated),
    skip: num(value.skip ?? value.skipped ?? counts.skip ?? counts.skipped),
    issues,
  };
};

export const parseImportJob = (body: unknown): ImportJob => {
  const outer = obj(body);
  const value = { ...outer, ...obj(outer.job), ...obj(outer.import) };
  const progress = { ...value, ...obj(value.progress) };
  return {
    id: String(value.id ?? value.jobId ?? ''),
    entity: value.entity === 'contact' ? 'contact' : 'company',
    fileName: String(value.fileName ?? ''),
    status: String(value.status ?? 'created'),
    ...(typeof value.mode === 'string' ? { mode: value.mode as DuplicateMode } : {}),
    ...(value.mapping ? { mapping: toMapping(value.mapping) } : {}),
    progress: {
      ...(optNum(progress.total ?? progress.rows ?? progress.totalRows) !== undefined
        ? { total: optNum(progress.total ?? progress.rows ?? progress.totalRows) }
        : {}),
      processed: num(progress.processed ?? progress.processedRows ?? progress.done),
      created: num(progress.created),
      updated: num(progress.updated),
      skipped: num(progress.skipped),
      failed: num(progress.failed ?? progress.invalid),
      ...(optNum(progress.percent) !== undefined ? { percent: optNum(progress.percent) } : {}),
      ...(optNum(progress.rate) !== undefined ? { rate: optNum(progress.rate) } : {}),
      ...(optNum(progress.etaSeconds) !== undefined ? { etaSeconds: optNum(progress.etaSeconds) } : {}),
    },
    ...(typeof value.createdAt === 'string' ? { createdAt: value.createdAt } : {}),
    ...(typeof value.startedAt === 'string' ? { startedAt: value.startedAt } : {}),
    ...(typeof value.finishedAt === 'string' ? { finishedAt: value.finishedAt } : {}),
    ...(typeof value.updatedAt === 'string' ? { updatedAt: value.updatedAt } : {}),
    ...(typeof value.error === 'string' ? { error: value.error } : {}),
    ...(Array.isArray(value.headers) || value.analysis ? { analysis: parseAnalysis(value) } : {}),
    ...(value.report ? { report: parseReport(value.report) } : {}),
    ...(Array.isArray(value.issues) ? { issues: parseReport({ issues: value.issues }).issues } : {}),
  };
};

export type ImportsApi = {
  create: (input: {
    entity: RecordType;
    fileName: string;
    size: number;
    contentType: string;
  }) => Promise<{ job: ImportJob; upload: PresignedUpload }>;
  list: () => Promise<ImportJob[]>;
  get: (id: string) => Promise<ImportJob>;
  analyze: (id: string) => Promise<ImportAnalysis>;
  /** Small files are checked at once (the job comes back with its report); large ones report `validating`. */
  dryRun: (id: string, input: { mapping: ColumnMapping; mode: DuplicateMode }) => Promise<ImportJob>;
  /** Without settings: resume with those saved on the job. */
  start: (id: string, input?: { mapping: ColumnMapping; mode: DuplicateMode }) => Promise<ImportJob>;
  cancel: (id: string) => Promise<ImportJob>;
};

const jobPath = (id: string, suffix = '') => `/api/imports/${encodeURIComponent(id)}${suffix}`;

export const importsApi = (http: HttpClient): ImportsApi => ({
  create: async (input) => {
    const body = await http.request('POST', '/api/imports', { body: input });
    return { job: parseImportJob(body), upload: parseUpload(body) };
  },
  list: async () => {
    const body = await http.request<{ items?: unknown[] }>('GET', '/api/imports');
    return (body?.items ?? []).map(parseImportJob);
  },
  get: async (id) => parseImportJob(await http.request('GET', jobPath(id))),
  analyze: async (id) => parseAnalysis(await http.request('POST', jobPath(id, '/analyze'))),
  dryRun: async (id, input) =>
    parseImportJob(await http.request('POST', jobPath(id, '/dry-run'), { body: input })),
  start: async (id, input) =>
    parseImportJob(await http.request('POST', jobPath(id, '/start'), { body: input ?? {} })),
  cancel: async (id) => parseImportJob(await http.request('POST', jobPath(id, '/cancel'))),
});
