// Notes (/api/notes) and the timeline of a record (/api/timeline/{type}/{id}), newest first by cursor.
// Timeline entries are projected from audit entries (of companies, contacts, files, deals, quotes),
// notes, activities (calls, meetings, e-mails), imports and merges; later features add kinds of their
// own, which the timeline shows generically until it learns them.
import type { HttpClient } from './http-client.ts';
import { parseListPage, type RecordType } from './records.ts';

/** What has a timeline: companies, contacts and deals. */
export type TimelineType = RecordType | 'deal';

/** A call, meeting or e-mail as its timeline entry carries it (kind `activity`). */
export type ActivityDetails = {
  id: string;
  kind: string;
  authorId?: string;
  notes?: string;
  companyId?: string;
  contactIds: string[];
  dealId?: string;
  call?: { direction: string; durationSeconds: number; outcome: string };
  meeting?: { title: string; endAt: string; place?: string; staffIds: string[] };
  email?: { subject: string; body: string; direction: string };
};

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
  /** What an audit entry is about: company, contact, deal, quote, attachment… */
  auditSubject?: string;
  /** The records the entry's source is about (a deal's or quote's id for their audit entries). */
  subjects: { type: string; id: string }[];
  activity?: ActivityDetails;
  raw: Readonly<Record<string, unknown>>;
};

const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

const obj = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** An activity's details, when the entry has them in a shape this version reads. */
const toActivityDetails = (value: unknown): ActivityDetails | undefined => {
  const a = obj(value);
  const id = str(a.id) ?? str(a.activityId);
  const kind = str(a.kind);
  if (!id || !kind) return undefined;
  const call = obj(a.call);
  const meeting = obj(a.meeting);
  const email = obj(a.email);
  return {
    id,
    kind,
    ...(str(a.authorId) ? { authorId: str(a.authorId) } : {}),
    ...(str(a.notes) ? { notes: str(a.notes) } : {}),
    ...(str(a.companyId) ? { companyId: str(a.companyId) } : {}),
    contactIds: strings(a.contactIds),
    ...(str(a.dealId) ? { dealId: str(a.dealId) } : {}),
    ...(str(call.direction)
      ? {
          call: {
            direction: str(call.direction) as string,
            durationSeconds: typeof call.durationSeconds === 'number' ? call.durationSeconds : 0,
            outcome: str(call.outcome) ?? '',
          },
        }
      : {}),
    ...(str(meeting.title)
      ? {
          meeting: {
            title: str(meeting.title) as string,
            endAt: str(meeting.endAt) ?? '',
            ...(str(meeting.place) ? { place: str(meeting.place) } : {}),
            staffIds: strings(meeting.staffIds),
          },
        }
      : {}),
    ...(str(email.direction)
      ? {
          email: {
            subject: typeof email.subject === 'string' ? email.subject : '',
            body: typeof email.body === 'string' ? email.body : '',
            direction: str(email.direction) as string,
          },
        }
      : {}),
  };
};

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
    ...(str(data.auditSubject) ? { auditSubject: str(data.auditSubject) } : {}),
    subjects: Array.isArray(data.subjects)
      ? data.subjects.flatMap((s) => {
          const ref = obj(s);
          return str(ref.type) && str(ref.id)
            ? [{ type: str(ref.type) as string, id: str(ref.id) as string }]
            : [];
        })
      : [],
    ...(toActivityDetails(data.activity) ? { activity: toActivityDetails(data.activity) } : {}),
    raw,
  };
};

export type NoteInput = { subjects: { type: RecordType; id: string }[]; text: string; at?: string };
export type Note = { id: string; text: string; at: string; authorId?: string; version?: number };

export type ActivityApi = {
  timeline: (
    type: TimelineType,
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
