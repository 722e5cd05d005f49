// /api/exports: a list or saved view to CSV (contacts also to vCard) as a background job; the job's
// progress is polled and, when done, carries a download URL.
import type { HttpClient } from './http-client.ts';
import type { ListFilters, RecordType, SortKey, SortOrder } from './records.ts';

export type ExportFormat = 'csv' | 'vcard';

export type ExportJob = {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed' | (string & {});
  processed: number;
  total?: number;
  url?: string;
  fileName?: string;
  error?: string;
};

export type ExportInput = {
  entity: RecordType;
  format: ExportFormat;
  columns: string[];
  /** The language of the file's headers and values. */
  locale?: 'ru' | 'en';
} & ({ viewId: string } | { filters: ListFilters; sort?: SortKey; order?: SortOrder });

const obj = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

export const parseExportJob = (body: unknown): ExportJob => {
  const outer = obj(body);
  const value = { ...outer, ...obj(outer.job), ...obj(outer.export) };
  const progress = { ...value, ...obj(value.progress) };
  const total = progress.total ?? progress.rows;
  const url = value.url ?? value.downloadUrl;
  return {
    id: String(value.id ?? value.jobId ?? ''),
    status: String(value.status ?? 'queued'),
    processed: typeof progress.processed === 'number' ? progress.processed : 0,
    ...(typeof total === 'number' ? { total } : {}),
    ...(typeof url === 'string' && url ? { url } : {}),
    ...(typeof value.fileName === 'string' ? { fileName: value.fileName } : {}),
    ...(typeof value.error === 'string' ? { error: value.error } : {}),
  };
};

export type ExportsApi = {
  start: (input: ExportInput) => Promise<ExportJob>;
  get: (id: string) => Promise<ExportJob>;
};

export const exportsApi = (http: HttpClient): ExportsApi => ({
  start: async (input) => parseExportJob(await http.request('POST', '/api/exports', { body: input })),
  get: async (id) => parseExportJob(await http.request('GET', `/api/exports/${encodeURIComponent(id)}`)),
});
