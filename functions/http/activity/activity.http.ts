// /api/notes and /api/timeline: notes on companies and contacts, and a record's timeline
// (audit entries and notes, a contact's also on its company's), newest first.
import { toNoteView } from '../../domain/notes/note.entity.ts';
import { createNote, deleteNote, updateNote } from '../../domain/notes/notes.ts';
import { listTimeline } from '../../domain/timeline/timeline.ts';
import { created, ok, userRoutes } from '../../lib/http.ts';
import { parseInput } from '../../lib/validation.ts';
import { versionQuerySchema } from '../records/record-routes.ts';

export const handler = userRoutes({
  'POST /api/notes': async ({ body }, principal) =>
    created({ note: toNoteView(await createNote(principal, body)) }),
  'PATCH /api/notes/{id}': async ({ params, body }, principal) =>
    ok({ note: toNoteView(await updateNote(principal, params.id ?? '', body)) }),
  'DELETE /api/notes/{id}': async ({ params, query }, principal) => {
    const { expectedVersion } = parseInput(versionQuerySchema, query);
    await deleteNote(principal, params.id ?? '', expectedVersion);
    return { status: 204 };
  },
  'GET /api/timeline/{type}/{id}': async ({ params, query }, principal) =>
    ok(await listTimeline(principal, params.type ?? '', params.id ?? '', query)),
});
