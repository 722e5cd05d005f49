// Events about notes on companies and contacts (the timeline projects them).
import { z } from 'zod';
import { defineEvent } from '../contract.ts';

const ref = z.object({ type: z.enum(['company', 'contact']), id: z.string().min(1) });

const noteSnapshot = z.object({
  noteId: z.string().min(1),
  subjects: z.array(ref).min(1),
  /** Records that show the note besides its subjects: the companies of contact subjects. */
  alsoOn: z.array(ref),
  text: z.string(),
  /** When it happened (may be in the past). */
  at: z.iso.datetime(),
  authorId: z.string().min(1),
  backdated: z.boolean(),
  version: z.number().int().positive(),
});

export const noteCreatedV1 = defineEvent({
  detailType: 'note.created.v1',
  source: 'crm.notes',
  description: 'A note was written on one or more companies or contacts.',
  schema: z.object({ note: noteSnapshot, at: z.iso.datetime() }),
});

export const noteUpdatedV1 = defineEvent({
  detailType: 'note.updated.v1',
  source: 'crm.notes',
  description: 'A note was changed (its text or its date), or moved to another record by a merge.',
  schema: z.object({
    note: noteSnapshot,
    /** The note's date before the change, when it changed. */
    previousAt: z.iso.datetime().optional(),
    /** Records the note was on before the change, when they changed (a merge). */
    previousSubjects: z.array(ref).optional(),
    actorId: z.string().min(1),
    at: z.iso.datetime(),
  }),
});

export const noteDeletedV1 = defineEvent({
  detailType: 'note.deleted.v1',
  source: 'crm.notes',
  description: 'A note was deleted; timelines stop showing it.',
  schema: z.object({ note: noteSnapshot, actorId: z.string().min(1), at: z.iso.datetime() }),
});
