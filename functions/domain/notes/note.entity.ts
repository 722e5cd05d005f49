// A note (Заметка) on one or more companies and contacts. One item per note; its subjects
// and — for a contact — the contact's company (`alsoOn`) get it on their timelines through
// note.*.v1 events (project-timeline). A note may be dated in the past ("backdated", marked
// in its audit entry); a deleted note stays 30 days (TTL) so that its history can be read.
import { z } from 'zod';
import type { Versioned } from '../mutations.ts';
import { type RecordRef, recordRefSchema, uniqueRefs } from '../records/record-kinds.ts';

export const noteKey = (id: string) => ({ pk: `NOTE#${id}`, sk: 'NOTE' }) as const;

/** How far ahead of now a note's date may be (clocks differ a little), in milliseconds. */
export const noteFutureToleranceMs = 5 * 60 * 1000;

const text = z.string().trim().min(1, 'must not be empty').max(10_000, 'at most 10 000 characters');

/** An ISO 8601 date-time with any offset, stored in UTC. */
const at = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date and time, e.g. 2026-11-24T14:30:00+03:00' })
  .transform((v) => new Date(v).toISOString());

export const createNoteSchema = z
  .object({
    subjects: z
      .array(recordRefSchema)
      .min(1, 'name at least one company or contact')
      .max(10, 'at most 10')
      .transform(uniqueRefs),
    text,
    /** When it happened; now when left out. In the past = backdated. */
    at: at.optional(),
  })
  .strict();
export type CreateNote = z.infer<typeof createNoteSchema>;

export const updateNoteSchema = z
  .object({ expectedVersion: z.number().int().positive(), text: text.optional(), at: at.optional() })
  .strict();
export type UpdateNote = z.infer<typeof updateNoteSchema>;

export type NoteAttributes = {
  readonly id: string;
  readonly subjects: readonly RecordRef[];
  /** Records whose timelines show the note besides its subjects: the companies of contact subjects. */
  readonly alsoOn: readonly RecordRef[];
  readonly text: string;
  /** When it happened (the user may date it in the past). */
  readonly at: string;
  readonly authorId: string;
  readonly deletedAt?: string;
  readonly deletedBy?: string;
};

export type NoteItem = Versioned & NoteAttributes & { readonly backdated?: boolean };

export const toNoteView = (n: NoteItem) => ({
  id: n.id,
  subjects: n.subjects,
  alsoOn: n.alsoOn,
  text: n.text,
  at: n.at,
  authorId: n.authorId,
  backdated: n.backdated === true,
  version: n.version,
  createdAt: n.createdAt,
  updatedAt: n.updatedAt,
});

/** The note as its events carry it (events/schemas/notes.ts). */
export const toNoteSnapshot = (n: NoteItem) => ({
  noteId: n.id,
  subjects: [...n.subjects],
  alsoOn: [...(n.alsoOn ?? [])],
  text: n.text,
  at: n.at,
  authorId: n.authorId,
  backdated: n.backdated === true,
  version: n.version,
});

export const createMockNote = (overrides: Partial<NoteItem> = {}): NoteItem => {
  const id = overrides.id ?? '01JNOTE0000000000000000001';
  return {
    ...noteKey(id),
    entity: 'note',
    id,
    subjects: [{ type: 'contact', id: '01JCONTACT0000000000000001' }],
    alsoOn: [{ type: 'company', id: '01JCOMPANY0000000000000001' }],
    text: 'Созвонились, ждут КП до пятницы.',
    at: '2026-11-24T09:00:00.000Z',
    authorId: 'user-anna',
    backdated: false,
    version: 1,
    createdAt: '2026-11-24T09:00:00.000Z',
    createdBy: 'user-anna',
    updatedAt: '2026-11-24T09:00:00.000Z',
    updatedBy: 'user-anna',
    ...overrides,
  };
};
