import { describe, expect, it } from 'vitest';
import { auditItem } from '../domain/audit/audit.entity.ts';
import { createMockNote } from '../domain/notes/note.entity.ts';
import { createMockNotification } from '../domain/notifications/notification.entity.ts';
import { createMockMergeJob } from '../domain/records/merge-job.entity.ts';
import { createMockTimelineEntry } from '../domain/timeline/timeline-entry.entity.ts';
import { createMockUser } from '../domain/users/user.entity.ts';
import { eventChanges, eventsForChange } from './change-events.ts';

const at = '2026-11-24T09:00:00.000Z';

describe('eventsForChange', () => {
  it('turns a new profile into user.created.v1', () => {
    const events = eventsForChange({ kind: 'INSERT', newImage: createMockUser(), at });
    expect(events.map((e) => e.contract.detailType)).toEqual(['user.created.v1']);
    expect(events[0]?.detail).toMatchObject({ user: { name: 'Анна Смирнова', version: 1 }, at });
  });

  it('lists the changed fields of a profile update, without bookkeeping or index keys', () => {
    const before = createMockUser();
    const after = createMockUser({
      locale: 'en',
      version: 2,
      updatedAt: '2026-11-24T10:00:00.000Z',
      gsi1sk: 'x',
    });
    const [event] = eventsForChange({ kind: 'MODIFY', oldImage: before, newImage: after, at });
    expect(event?.contract.detailType).toBe('user.updated.v1');
    expect(event?.detail).toMatchObject({ changedFields: ['locale'], actorId: after.updatedBy });
  });

  it('publishes notification.created.v1 for a new notification only', () => {
    const n = createMockNotification();
    expect(eventsForChange({ kind: 'INSERT', newImage: n, at }).map((e) => e.contract.detailType)).toEqual([
      'notification.created.v1',
    ]);
    expect(eventsForChange({ kind: 'MODIFY', oldImage: n, newImage: { ...n, readAt: at }, at })).toEqual([]);
  });

  it('publishes nothing for items without events (counters, timeline entries)', () => {
    expect(eventsForChange({ kind: 'INSERT', newImage: { pk: 'SYSTEM', sk: 'HEARTBEAT' }, at })).toEqual([]);
    expect(eventsForChange({ kind: 'INSERT', newImage: createMockTimelineEntry(), at })).toEqual([]);
  });

  it('refuses to publish a detail that breaks its contract', () => {
    const broken = { ...createMockUser(), locale: 'de' };
    expect(() => eventsForChange({ kind: 'INSERT', newImage: broken, at })).toThrow();
  });

  it('publishes audit.recorded.v1 for every audit entry, with its id, changes and related records', () => {
    const entry = auditItem({
      subject: 'contact',
      subjectId: 'c-1',
      action: 'updated',
      actorId: 'u-1',
      at,
      effectiveAt: '2026-11-20T09:00:00.000Z',
      changes: [{ field: 'jobTitle', from: 'Менеджер', to: 'Директор' }],
      relatedTo: [{ type: 'company', id: 'co-1' }],
    });
    const [event] = eventsForChange({ kind: 'INSERT', newImage: entry, at });
    expect(event?.contract.detailType).toBe('audit.recorded.v1');
    expect(event?.detail).toEqual({
      entryId: entry.sk.split('#').at(-1),
      subject: 'contact',
      subjectId: 'c-1',
      action: 'updated',
      actorId: 'u-1',
      at,
      effectiveAt: '2026-11-20T09:00:00.000Z',
      backdated: true,
      changes: [{ field: 'jobTitle', from: 'Менеджер', to: 'Директор' }],
      changesOmitted: false,
      relatedTo: [{ type: 'company', id: 'co-1' }],
    });
    // An audit entry is written once: its later removal (TTL) publishes nothing.
    expect(eventsForChange({ kind: 'REMOVE', oldImage: entry, at })).toEqual([]);
  });

  it('keeps an audit event within the bus limit and survives entries of other shapes', () => {
    const huge = Array.from({ length: 1000 }, (_, i) => ({ field: `f${i}`, from: 'x'.repeat(50), to: 'y' }));
    expect(eventChanges(huge)).toMatchObject({ changesOmitted: true });
    expect((eventChanges(huge).changes[0] as { field: string }).field).toBe('f0');
    expect(JSON.stringify(eventChanges(huge)).length).toBeLessThan(64 * 1024);
    const [event] = eventsForChange({
      kind: 'INSERT',
      newImage: { pk: 'AUDIT#import#job-1', sk: `${at}#01JX`, entity: 'audit', changes: 'rows 1-500' },
      at,
    });
    expect(event?.detail).toMatchObject({
      subject: 'import',
      subjectId: 'job-1',
      action: 'recorded',
      changes: [],
    });
  });

  it('turns note writes into note.created, note.updated (with what moved) and note.deleted', () => {
    const note = createMockNote();
    expect(eventsForChange({ kind: 'INSERT', newImage: note, at })[0]?.contract.detailType).toBe(
      'note.created.v1',
    );
    const redated = { ...note, at: '2026-11-22T09:00:00.000Z', version: 2 };
    expect(
      eventsForChange({ kind: 'MODIFY', oldImage: note, newImage: redated, at })[0]?.detail,
    ).toMatchObject({
      note: { at: '2026-11-22T09:00:00.000Z', version: 2 },
      previousAt: note.at,
    });
    const moved = { ...note, subjects: [{ type: 'contact' as const, id: 'other' }], alsoOn: [], version: 2 };
    expect(eventsForChange({ kind: 'MODIFY', oldImage: note, newImage: moved, at })[0]?.detail).toMatchObject(
      {
        previousSubjects: [...note.subjects, ...note.alsoOn],
      },
    );
    const deleted = { ...note, deletedAt: at, version: 2 };
    expect(
      eventsForChange({ kind: 'MODIFY', oldImage: note, newImage: deleted, at }).map(
        (e) => e.contract.detailType,
      ),
    ).toEqual(['note.deleted.v1']);
  });

  it('asks for the next slice of a merge job only when its slice number moves', () => {
    const job = createMockMergeJob();
    expect(eventsForChange({ kind: 'INSERT', newImage: job, at })[0]?.detail).toMatchObject({ slice: 0 });
    const next = { ...job, slice: 1 };
    expect(eventsForChange({ kind: 'MODIFY', oldImage: job, newImage: next, at })[0]?.detail).toMatchObject({
      slice: 1,
    });
    expect(eventsForChange({ kind: 'MODIFY', oldImage: next, newImage: { ...next, moved: 3 }, at })).toEqual(
      [],
    );
    expect(
      eventsForChange({
        kind: 'MODIFY',
        oldImage: next,
        newImage: { ...next, slice: 2, status: 'done' },
        at,
      }),
    ).toEqual([]);
  });
});

describe('deal events', () => {
  it('publishes a move, a win and a loss, and nothing for other edits', async () => {
    const { createMockDeal } = await import('../domain/deals/deal.entity.ts');
    const before = createMockDeal();
    const moved = createMockDeal({ stageId: 'proposal', stageEnteredAt: at, version: 4 });
    const [move] = eventsForChange({ kind: 'MODIFY', oldImage: before, newImage: moved, at });
    expect(move?.contract.detailType).toBe('deal.stage-changed.v1');
    expect(move?.detail).toMatchObject({
      from: { stageId: 'meeting' },
      deal: { stageId: 'proposal', version: 4 },
    });
    const won = createMockDeal({ status: 'won', closedAt: at, version: 4 });
    expect(
      eventsForChange({ kind: 'MODIFY', oldImage: before, newImage: won, at })[0]?.contract.detailType,
    ).toBe('deal.won.v1');
    const lost = createMockDeal({ status: 'lost', lostReason: 'price', version: 4 });
    expect(
      eventsForChange({ kind: 'MODIFY', oldImage: before, newImage: lost, at })[0]?.detail,
    ).toMatchObject({ lostReason: 'price' });
    const renamed = createMockDeal({ title: 'Другое', version: 4 });
    expect(eventsForChange({ kind: 'MODIFY', oldImage: before, newImage: renamed, at })).toEqual([]);
    expect(eventsForChange({ kind: 'INSERT', newImage: before, at })).toEqual([]);
  });
});
