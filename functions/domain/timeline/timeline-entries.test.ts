import { describe, expect, it } from 'vitest';
import { createMockActivity, toActivitySnapshot } from '../activities/activity.entity.ts';
import { createNoteSchema } from '../notes/note.entity.ts';
import {
  type AuditRecorded,
  activityEntries,
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

describe('activity entries on timelines', () => {
  const call = toActivitySnapshot(
    createMockActivity({
      dealId: 'd-1',
      timelines: [
        { type: 'contact', id: 'p-1' },
        { type: 'company', id: 'c-1' },
        { type: 'deal', id: 'd-1' },
      ],
      backdated: true,
      version: 3,
    }),
  );

  it('put the activity on every timeline it names, a deal’s too, with what the timeline shows of it', () => {
    const entries = activityEntries(call, audit.at);
    expect(entries.map((e) => e.pk)).toEqual(['TL#contact#p-1', 'TL#company#c-1', 'TL#deal#d-1']);
    expect(entries[0]).toMatchObject({
      sk: `${call.at}#activity#${call.activityId}`,
      kind: 'activity',
      version: 3,
      backdated: true,
      actorId: call.authorId,
      activity: { id: call.activityId, kind: 'call', call: { direction: 'outbound', outcome: 'connected' } },
    });
    expect(entries[0]?.subjects).toEqual([
      { type: 'company', id: '01JCOMPANY0000000000000001' },
      { type: 'contact', id: '01JCONTACT0000000000000001' },
      { type: 'deal', id: 'd-1' },
    ]);
  });

  it('leave tombstones at the old date and on the timelines the activity left; all hidden when deleted', () => {
    const moved = activityEntries(call, audit.at, {
      previousAt: '2026-11-20T10:00:00.000Z',
      previousTimelines: [{ type: 'contact', id: 'gone' }],
    });
    expect(moved.filter((e) => e.hidden).map((e) => `${e.pk} ${e.sk.slice(0, 10)}`)).toEqual([
      'TL#contact#p-1 2026-11-20',
      'TL#company#c-1 2026-11-20',
      'TL#deal#d-1 2026-11-20',
      `TL#contact#gone ${call.at.slice(0, 10)}`,
      'TL#contact#gone 2026-11-20',
    ]);
    expect(activityEntries(call, audit.at, { deleted: true }).every((e) => e.hidden)).toBe(true);
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
