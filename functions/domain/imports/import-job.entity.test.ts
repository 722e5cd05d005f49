import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { auditEntryId } from '../audit/audit.entity.ts';
import {
  createMockImportJob,
  importAuditItem,
  importRate,
  importRecordId,
  importRowOf,
} from './import-job.entity.ts';

describe('record ids from (job, row)', () => {
  it('are ULID-shaped, the same on every run, different per row and job, and lead back to the row', () => {
    const job = createMockImportJob({ id: ulid() });
    const a = importRecordId(job.id, 2);
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(importRecordId(job.id, 2)).toBe(a);
    expect(importRecordId(job.id, 3)).not.toBe(a);
    expect(importRecordId(ulid(), 2)).not.toBe(a);
    expect(importRowOf(job.id, importRecordId(job.id, 300_001))).toBe(300_001);
    expect(importRowOf(job.id, ulid())).toBeUndefined();
  });
});

describe('the audit entry of a batch', () => {
  const job = createMockImportJob({ id: ulid() });
  const entry = (firstRow: number, at: string) =>
    importAuditItem({
      job,
      actorId: 'user-anna',
      at,
      firstRow,
      records: [
        { id: importRecordId(job.id, firstRow), row: firstRow, action: 'created', values: { name: 'Альфа' } },
      ],
    });

  it('has the same key when a rerun writes the batch again, and an entry id no record has', () => {
    const first = entry(2, '2026-11-24T09:00:00.000Z');
    const again = entry(2, '2026-11-24T10:00:00.000Z');
    expect(again.pk).toBe(`AUDIT#import#${job.id}`);
    expect(again.sk).toBe(first.sk);
    const id = auditEntryId(first.sk);
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(id).not.toBe(importRecordId(job.id, 2));
    expect(entry(2, first.at).sk < entry(27, first.at).sk).toBe(true);
  });

  it('names its records, so their timelines can show the import', () => {
    expect(entry(2, '2026-11-24T09:00:00.000Z')).toMatchObject({
      subject: 'import',
      subjectId: job.id,
      action: 'imported',
      fileName: 'companies.csv',
      relatedTo: [{ type: 'company', id: importRecordId(job.id, 2) }],
    });
  });
});

describe('importRate', () => {
  it('measures rows per second of the current run and the time left', () => {
    const job = {
      runStartedAt: '2026-11-24T09:00:00.000Z',
      runStartedRows: 1000,
      rowsDone: 3000,
      totalRows: 5000,
      status: 'running' as const,
    };
    expect(importRate(job, '2026-11-24T09:00:10.000Z')).toEqual({ rate: 200, etaSeconds: 10 });
    expect(importRate({ ...job, runStartedAt: undefined }, '2026-11-24T09:00:10.000Z')).toEqual({});
  });
});
