// Notes (/api/notes) and the timeline of a record (/api/timeline/{type}/{id}), newest first by cursor.
// Timeline entries are projected from audit entries, notes, imports and merges; later features add
// kinds of their own, which the timeline shows generically until it learns them.
import type { HttpClient } from './http-client.ts';
import { parseListPage, type RecordType } from './records.ts';

export type FieldChange = { field: string; from?: unknown; to?: unknown };

export type TimelineEntry = {
  id: string;
  /** audit | note | import | merge | …: what produced the entry. */
  kind: string;
  /** For audit entries: created | updated | deleted | restored | merged. */
  action?: string;
  /** When the recorded fact happened (the note's date, the change's effective date). */
  at: string;
  /** When it was written, if different from `at`. */
  recordedAt?: string;
  backdated: boolean;
  actorId?: string;
  actorName?: string;
  changes: FieldChange[];
  text?: string;
  noteId?: string;
  fileName?: string;
  jobId?: string;
  /** Another record involved (the contact whose change this is, on its company's timeline). */
  related?: { type: RecordType; id: string; name?: string };
  merge?: { survivorId: string; duplicateId: string };
  raw: Readonly<Record<string, unknown>>;
};

const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

const obj = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** Reads an entry whatever its exact envelope: fields at the top or under `data`/`payload`. */
export const toTimelineEntry = (input: unknown): TimelineEntry => {
  const raw = obj(input);
  const data = { ...obj(raw.payload), ...obj(raw.data), ...raw };
  const kind = str(data.kind) ?? str(data.type) ?? str(data.source) ?? 'unknown';
  const note = obj(data.note);
  const importInfo = obj(data.import);
  // The record the entry is about when it is not the timeline's own: a contact on its company's
  // timeline (`subjects`), or the other side of a merge.
  const subject = Array.isArray(data.subjects) ? obj(data.subjects[0]) : {};
  const merge = obj(data.merge);
  const related = obj(data.related ?? data.merged ?? (str(subject.type) ? subject : undefined));
  const relatedType = str(related.type) ?? str(related.entity);
  const nameFromChanges = () => {
    const changes = data.changes;
    if (!Array.isArray(changes)) return undefined;
    const value = (field: string) => {
      const change = changes.map(obj).find((c) => c.field === field);
      return str(change?.to) ?? str(change?.from);
    };
    return (
      [value('lastName'), value('firstName'), value('middleName')].filter(Boolean).join(' ') || value('name')
    );
  };
  const at = str(data.effectiveAt) ?? str(data.at) ?? str(data.createdAt) ?? '';
  const recordedAt = str(data.recordedAt) ?? (str(data.effectiveAt) ? str(data.at) : undefined);
  return {
    id: str(data.id) ?? str(data.sk) ?? `${kind}:${at}`,
    kind,
    ...(str(data.action) ? { action: str(data.action) } : {}),
    at,
    ...(recordedAt && recordedAt !== at ? { recordedAt } : {}),
    backdated: data.backdated === true,
    ...((str(data.actorId) ?? str(data.authorId))
      ? { actorId: str(data.actorId) ?? str(data.authorId) }
      : {}),
    ...((str(data.actorName) ?? str(data.authorName))
      ? { actorName: str(data.actorName) ?? str(data.authorName) }
      : {}),
    changes: Array.isArray(data.changes)
      ? data.changes.flatMap((c) => {
          const change = obj(c);
          return typeof change.field === 'string'
            ? [{ field: change.field, from: change.from, to: change.to }]
            : [];
        })
      : [],
    ...((str(data.text) ?? str(note.text)) ? { text: str(data.text) ?? str(note.text) } : {}),
    ...((str(data.noteId) ?? str(note.id)) ? { noteId: str(data.noteId) ?? str(note.id) } : {}),
    ...((str(data.fileName) ?? str(importInfo.fileName))
      ? { fileName: str(data.fileName) ?? str(importInfo.fileName) }
      : {}),
    ...((str(data.jobId) ?? str(importInfo.jobId))
      ? { jobId: str(data.jobId) ?? str(importInfo.jobId) }
      : {}),
    ...(relatedType === 'company' || relatedType === 'contact'
      ? {
          related: {
            type: relatedType,
            id: str(related.id) ?? '',
            ...((str(related.name) ?? nameFromChanges())
              ? { name: str(related.name) ?? nameFromChanges() }
              : {}),
          },
        }
      : {}),
    ...(str(merge.survivorId) && str(merge.duplicateId)
      ? {
          merge: {
            survivorId: str(merge.survivorId) as string,
            duplicateId: str(merge.duplicateId) as string,
          },
        }
      : {}),
    raw,
  };
};

export type NoteInput = { subjects: { type: RecordType; id: string }[]; text: string; at?: string };
export type Note = { id: string; text: string; at: string; authorId?: string; version?: number };

export type ActivityApi = {
  timeline: (
    type: RecordType,
    id: string,
    options?: { cursor?: string; limit?: number },
  ) => Promise<{ items: TimelineEntry[]; nextCursor?: string }>;
  addNote: (input: NoteInput) => Promise<Note>;
  updateNote: (
    id: string,
    changes: { text?: string; at?: string; expectedVersion?: number },
  ) => Promise<Note>;
  deleteNote: (id: string) => Promise<void>;
};

export const activityApi = (http: HttpClient): ActivityApi => ({
  timeline: async (type, id, { cursor, limit = 30 } = {}) => {
    const page = parseListPage<unknown>(
      await http.request('GET', `/api/timeline/${encodeURIComponent(type)}/${encodeURIComponent(id)}`, {
        query: { cursor, limit },
      }),
    );
    return {
      items: page.items.map(toTimelineEntry),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
  addNote: async (input) => {
    const body = await http.request<{ note?: Note } & Note>('POST', '/api/notes', { body: input });
    return body?.note ?? body;
  },
  updateNote: async (id, changes) => {
    const body = await http.request<{ note?: Note } & Note>('PATCH', `/api/notes/${encodeURIComponent(id)}`, {
      body: changes,
    });
    return body?.note ?? body;
  },
  deleteNote: async (id) => {
    await http.request('DELETE', `/api/notes/${encodeURIComponent(id)}`);
  },
});
