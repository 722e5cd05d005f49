// Notes: written by whoever may log activities on each of their records (support included),
// changed and deleted by their author or a manager, every change versioned and audited
// (the audit entry of a backdated note is marked). Timelines follow through note.*.v1 events.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { now, nowIso } from '../../lib/clock.ts';
import { db, tableName } from '../../lib/dynamo.ts';
import { Forbidden, NotFound, StaleVersion, ValidationFailed } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import { backdatingToleranceMs } from '../audit/audit.entity.ts';
import { createVersioned, updateVersioned } from '../mutations.ts';
import {
  canLogActivities,
  canLogActivity,
  canManageActivity,
  requireRecordReader,
} from '../records/access.ts';
import { type RecordRef, recordKinds, sameRef, uniqueRefs } from '../records/record-kinds.ts';
import { readRecord } from '../records/records.ts';
import {
  createNoteSchema,
  type NoteItem,
  noteFutureToleranceMs,
  noteKey,
  updateNoteSchema,
} from './note.entity.ts';

/** How long a deleted note stays readable in the table before TTL removes it. */
const deletedNoteTtlDays = 30;

const noteAudited = ['subjects', 'alsoOn', 'text', 'at', 'authorId', 'deletedAt'];

const checkDate = (at: string | undefined): void => {
  if (at !== undefined && Date.parse(at) > now().getTime() + noteFutureToleranceMs)
    throw new ValidationFailed([{ field: 'at', message: 'must not be in the future' }]);
};

const isBackdated = (at: string, writtenAt: string): boolean =>
  Date.parse(writtenAt) - Date.parse(at) > backdatingToleranceMs;

export const createNote = async (principal: Principal, body: unknown): Promise<NoteItem> => {
  requireRecordReader(principal);
  if (!canLogActivities(principal)) throw new Forbidden('Your role may read notes but not write them.');
  const input = parseInput(createNoteSchema, body);
  checkDate(input.at);
  const records = await Promise.all(input.subjects.map((s) => readRecord(recordKinds[s.type], s.id)));
  for (const record of records)
    if (!canLogActivity(principal, record))
      throw new Forbidden('Your role may not write notes on this record.');
  const alsoOn = uniqueRefs(
    records.flatMap((r) =>
      r.entity === 'contact' && r.companyId ? [{ type: 'company' as const, id: r.companyId }] : [],
    ),
  ).filter((ref) => !input.subjects.some((s) => sameRef(s, ref)));
  const writtenAt = nowIso();
  const at = input.at ?? writtenAt;
  const id = ulid();
  const { item } = await createVersioned(
    { entity: 'note', id },
    noteKey(id),
    {
      id,
      subjects: input.subjects,
      alsoOn,
      text: input.text,
      at,
      authorId: principal.userId,
      backdated: isBackdated(at, writtenAt),
    },
    principal.userId,
    { at: writtenAt, effectiveAt: at, auditedFields: noteAudited },
  );
  return item as NoteItem;
};

const readNote = async (id: string): Promise<NoteItem> => {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: noteKey(id), ConsistentRead: true }),
  );
  if (!Item || Item.deletedAt) throw new NotFound('note', id);
  return Item as NoteItem;
};

const requireNoteManager = (principal: Principal, note: NoteItem): void => {
  requireRecordReader(principal);
  if (!canManageActivity(principal, note))
    throw new Forbidden('Only the author of a note, a sales manager or an administrator may change it.');
};

export const updateNote = async (principal: Principal, id: string, body: unknown): Promise<NoteItem> => {
  requireRecordReader(principal);
  const note = await readNote(id);
  requireNoteManager(principal, note);
  const { expectedVersion, ...change } = parseInput(updateNoteSchema, body);
  checkDate(change.at);
  const writtenAt = nowIso();
  return updateVersioned<NoteItem>(
    { entity: 'note', id },
    noteKey(id),
    expectedVersion,
    { ...change, ...(change.at ? { backdated: isBackdated(change.at, writtenAt) } : {}) },
    principal.userId,
    {
      current: note,
      at: writtenAt,
      auditedFields: noteAudited,
      ...(change.at ? { effectiveAt: change.at } : {}),
    },
  );
};

/** Soft delete: timelines hide it (note.deleted.v1); the item expires after 30 days. */
export const deleteNote = async (
  principal: Principal,
  id: string,
  expectedVersion: number,
): Promise<NoteItem> => {
  requireRecordReader(principal);
  const note = await readNote(id);
  requireNoteManager(principal, note);
  const at = nowIso();
  return updateVersioned<NoteItem>(
    { entity: 'note', id },
    noteKey(id),
    expectedVersion,
    {
      deletedAt: at,
      deletedBy: principal.userId,
      expiresAt: Math.floor(Date.parse(at) / 1000) + deletedNoteTtlDays * 24 * 3600,
    },
    principal.userId,
    { current: note, at, action: 'deleted', auditedFields: noteAudited },
  );
};

/** A merge moves a note from the duplicate record to the survivor (versioned and audited). */
export const repointNote = async (
  noteId: string,
  from: RecordRef,
  to: RecordRef,
  actorId: string,
): Promise<boolean> => {
  for (let attempt = 0; attempt < 5; attempt++) {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: noteKey(noteId), ConsistentRead: true }),
    );
    const note = Item as NoteItem | undefined;
    if (!note) return false;
    const swap = (refs: readonly RecordRef[]) => uniqueRefs(refs.map((r) => (sameRef(r, from) ? to : r)));
    const subjects = swap(note.subjects);
    const alsoOn = swap(note.alsoOn ?? []).filter((r) => !subjects.some((s) => sameRef(s, r)));
    try {
      await updateVersioned<NoteItem>(
        { entity: 'note', id: noteId },
        noteKey(noteId),
        note.version,
        { subjects, alsoOn },
        actorId,
        { current: note, auditedFields: noteAudited },
      );
      return true;
    } catch (error) {
      if (!(error instanceof StaleVersion)) throw error;
    }
  }
  return false;
};
