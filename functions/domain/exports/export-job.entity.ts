// An export (Экспорт): a list or saved view of companies or contacts written to a file in the
// tenant's files bucket — CSV for Excel (UTF-8 with a BOM, ";" and Russian headers for ru) or
// contacts as vCard 4.0. The job item says what was asked, how far the worker is, and where
// the file is when it is done.
import { z } from 'zod';
import type { Versioned } from '../mutations.ts';

export const exportFormats = ['csv', 'vcard'] as const;
export type ExportFormat = (typeof exportFormats)[number];
export const exportStatuses = ['queued', 'running', 'completed', 'failed'] as const;
export type ExportStatus = (typeof exportStatuses)[number];
export type ExportRecordType = 'company' | 'contact';

export const exportJobKey = (id: string) => ({ pk: `EXPORT#${id}`, sk: 'JOB' }) as const;

/** Where the file of an export lives in the files bucket. */
export const exportFileObjectKey = (id: string, fileName: string) => `exports/${id}/${fileName}`;

export type ExportJobAttributes = {
  readonly id: string;
  readonly recordType: ExportRecordType;
  readonly format: ExportFormat;
  /** List filters as GET /api/companies takes them (owner, stage, tag, …, cf.<key>). */
  readonly filters: Readonly<Record<string, string>>;
  readonly sort?: string;
  readonly order?: string;
  readonly viewId?: string;
  readonly columns: readonly string[];
  readonly locale: 'ru' | 'en';
  readonly status: ExportStatus;
  readonly rowsDone: number;
  readonly total?: number;
  readonly fileName: string;
  readonly fileKey: string;
  readonly finishedAt?: string;
  readonly error?: string;
};

export type ExportJobItem = Versioned & ExportJobAttributes;

export const createExportSchema = z
  .object({
    entity: z.enum(['company', 'contact'], { error: 'must be company or contact' }),
    format: z.enum(exportFormats, { error: 'must be csv or vcard' }).default('csv'),
    columns: z.array(z.string().min(1).max(60)).max(60, 'at most 60 columns').optional(),
    filters: z.record(z.string().max(60), z.string().max(200)).optional(),
    sort: z.enum(['name', 'created', 'updated', 'activity']).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    viewId: z.string().min(1).max(100).optional(),
    locale: z.enum(['ru', 'en']).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.format === 'vcard' && input.entity !== 'contact')
      ctx.addIssue({ code: 'custom', path: ['format'], message: 'vCard is for contacts only' });
    if (input.viewId && (input.filters || input.sort || input.order))
      ctx.addIssue({ code: 'custom', path: ['viewId'], message: 'give a saved view or filters, not both' });
  });
export type CreateExport = z.infer<typeof createExportSchema>;

export const exportMessageSchema = z.object({ exportId: z.string().min(1) });

export const toExportView = (job: ExportJobItem, url?: string) => ({
  id: job.id,
  entity: job.recordType,
  format: job.format,
  status: job.status,
  processed: job.rowsDone,
  ...(job.total !== undefined ? { total: job.total } : {}),
  fileName: job.fileName,
  columns: job.columns,
  ...(job.viewId ? { viewId: job.viewId } : { filters: job.filters }),
  createdAt: job.createdAt,
  ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
  ...(job.error ? { error: job.error } : {}),
  ...(url ? { url } : {}),
});

export const createMockExportJob = (overrides: Partial<ExportJobItem> = {}): ExportJobItem => {
  const id = overrides.id ?? '01JEXP0RT00000000000000001';
  const at = '2026-11-24T09:00:00.000Z';
  return {
    ...exportJobKey(id),
    entity: 'export-job',
    id,
    recordType: 'contact',
    format: 'csv',
    filters: {},
    columns: ['fullName', 'phones', 'emails'],
    locale: 'ru',
    status: 'queued',
    rowsDone: 0,
    fileName: 'contacts.csv',
    fileKey: exportFileObjectKey(id, 'contacts.csv'),
    version: 1,
    createdAt: at,
    createdBy: 'user-anna',
    updatedAt: at,
    updatedBy: 'user-anna',
    ...overrides,
  };
};
