import { describe, expect, it } from 'vitest';
import { createNoteSchema } from '../notes/note.entity.ts';
import {
  type AuditRecorded,
  auditEntry,
  auditTimelines,
  type NoteSnapshot,
  noteEntries,
} from './timeline-entries.ts';

const audit: AuditRecorded = {
  entryId: '01JAUDIT',
  subject: 'contact',
  subjectId: 'p-1',
  action: 'updated',
  actorId: 'u-1',
  at: '2026-11-24T09:00:00.000Z',
  backdated: false,
  changes: [{ field: 'jobTitle', from: 'a', to: 'b' }],
  changesOmitted: false,
  relatedTo: [
    { type: 'company', id: 'c-1' },
    { type: 'company', id: 'c-1' },
  ],
};

const note: NoteSnapshot = {
  noteId: 'n-1',
  subjects: [{ type: 'contact', id: 'p-1' }],
  alsoOn: [{ type: 'company', id: 'c-1' }],
  text: 'Перезвонить',
  at: '2026-11-20T10:00:00.000Z',
  authorId: 'u-1',
  backdated: true,
  version: 2,
};

describe('audit entries on timelines', () => {
  it('appear on their record’s timeline and each related record’s, once', () => {
    expect(auditTimelines(audit)).toEqual([
      { type: 'contact', id: 'p-1' },
      { type: 'company', id: 'c-1' },
    ]);
    expect(auditTimelines({ ...audit, subject: 'attachment', subjectId: 'a-1' })).toEqual([
      { type: 'company', id: 'c-1' },
    ]);
    expect(auditTimelines({ ...audit, subject: 'user', relatedTo: [] })).toEqual([]);
  });

  it('are keyed by their source and sorted at their effective date', () => {
    const entry = auditEntry(
      { ...audit, effectiveAt: '2026-11-01T00:00:00.000Z', backdated: true },
      {
        type: 'company',
        id: 'c-1',
      },
    );
    expect(entry).toMatchObject({
      pk: 'TL#company#c-1',
      sk: '2026-11-01T00:00:00.000Z#audit#01JAUDIT',
      at: '2026-11-01T00:00:00.000Z',
      recordedAt: audit.at,
      backdated: true,
      subjects: [{ type: 'contact', id: 'p-1' }],
    });
  });
});

describe('note entries on timelines', () => {
  it('put the note on its subjects’ and their companies’ timelines at its date', () => {
    expect(
      noteEntries(note, audit.at).map((e) => `${e.pk} ${e.sk} ${e.hidden ? 'hidden' : 'shown'}`),
    ).toEqual([
      'TL#contact#p-1 2026-11-20T10:00:00.000Z#note#n-1 shown',
      'TL#company#c-1 2026-11-20T10:00:00.000Z#note#n-1 shown',
    ]);
  });

  it('leave tombstones where a re-dated, moved or deleted note no longer is', () => {
    const moved = noteEntries(note, audit.at, {
      previousAt: '2026-11-19T10:00:00.000Z',
      previousSubjects: [{ type: 'company', id: 'old' }],
    });
    expect(moved.filter((e) => e.hidden).map((e) => `${e.pk} ${e.sk}`)).toEqual([
      'TL#contact#p-1 2026-11-19T10:00:00.000Z#note#n-1',
      'TL#company#c-1 2026-11-19T10:00:00.000Z#note#n-1',
      'TL#company#old 2026-11-20T10:00:00.000Z#note#n-1',
      'TL#company#old 2026-11-19T10:00:00.000Z#note#n-1',
    ]);
    expect(moved.every((e) => e.version === 2)).toBe(true);
    expect(noteEntries(note, audit.at, { deleted: true }).every((e) => e.hidden)).toBe(true);
  });
});

describe('note input', () => {
  it('stores dates in UTC whatever offset they came with, and each subject once', () => {
    const parsed = createNoteSchema.parse({
      subjects: [
        { type: 'company', id: 'c' },
        { type: 'company', id: 'c' },
      ],
      text: '  Встреча  ',
      at: '2026-11-24T14:30:00+03:00',
    });
    expect(parsed).toEqual({
      subjects: [{ type: 'company', id: 'c' }],
      text: 'Встреча',
      at: '2026-11-24T11:30:00.000Z',
    });
    expect(
      createNoteSchema.safeParse({ subjects: [], text: '' }).error?.issues.map((i) => i.path.join('.')),
    ).toEqual(['subjects', 'text']);
  });
});
