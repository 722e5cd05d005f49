// Attachments: announce a file (checked against the limits) and get a presigned upload;
// complete it (the object's size and type are checked, a mismatch is refused and removed);
// list a record's files, download one (presigned GET), delete one. Whoever may log
// activities on a record attaches files; the uploader, the record's editors and managers
// remove them.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { z } from 'zod';
import { now } from '../../lib/clock.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { db, tableName } from '../../lib/dynamo.ts';
import { Conflict, Forbidden, Merged, NotFound, ValidationFailed } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import type { AuditRef } from '../audit/audit.entity.ts';
import { createVersioned, deleteVersioned, updateVersioned } from '../mutations.ts';
import {
  canEditRecord,
  canLogActivities,
  canLogActivity,
  canManageActivity,
  requireRecordReader,
} from '../records/access.ts';
import { type RecordItem, type RecordRef, recordKinds, recordTypes } from '../records/record-kinds.ts';
import { readRecord } from '../records/records.ts';
import {
  type AttachmentItem,
  attachmentKey,
  attachmentLinkPrefix,
  attachmentObjectKey,
  createAttachmentSchema,
  pendingAttachmentTtlSeconds,
} from './attachment.entity.ts';
import { checkUpload, deleteObject, presignDownload, presignUpload } from './attachment-files.ts';
import { linkWrites, readAttachment } from './attachment-moves.ts';

const audited = ['subject', 'fileName', 'size', 'contentType', 'status'];

/** The record and, for a contact, its company: the timelines that show the file. */
const timelinesOf = (record: RecordItem, ref: RecordRef): AuditRef[] => [
  ref,
  ...(record.entity === 'contact' && record.companyId ? [{ type: 'company', id: record.companyId }] : []),
];

export const createAttachment = async (principal: Principal, body: unknown) => {
  requireRecordReader(principal);
  if (!canLogActivities(principal)) throw new Forbidden('Your role may read files but not attach them.');
  const input = parseInput(createAttachmentSchema, body);
  const record = await readRecord(recordKinds[input.subject.type], input.subject.id);
  if (!canLogActivity(principal, record))
    throw new Forbidden('Your role may not attach files to this record.');
  const id = ulid();
  const { item } = await createVersioned(
    { entity: 'attachment', id },
    attachmentKey(id),
    {
      id,
      subject: input.subject,
      fileName: input.fileName,
      size: input.size,
      contentType: input.contentType,
      objectKey: attachmentObjectKey(id),
      status: 'pending',
      expiresAt: Math.floor(now().getTime() / 1000) + pendingAttachmentTtlSeconds,
    },
    principal.userId,
    { auditedFields: audited },
  );
  const attachment = item as AttachmentItem;
  return { attachment, upload: await presignUpload(attachment) };
};

const readExisting = async (id: string): Promise<AttachmentItem> => {
  const item = await readAttachment(id);
  if (!item) throw new NotFound('attachment', id);
  return item;
};

/** The attachment's record, live; a merged one answers with its survivor. */
const subjectOf = async (a: AttachmentItem): Promise<{ record: RecordItem; ref: RecordRef }> => {
  try {
    return { record: await readRecord(recordKinds[a.subject.type], a.subject.id), ref: a.subject };
  } catch (error) {
    if (!(error instanceof Merged)) throw error;
    const ref = { type: a.subject.type, id: error.survivorId };
    return { record: await readRecord(recordKinds[ref.type], ref.id), ref };
  }
};

/** Checks the uploaded object and lists the file on its record; a mismatch is refused and removed. */
export const completeAttachment = async (principal: Principal, id: string): Promise<AttachmentItem> => {
  requireRecordReader(principal);
  const current = await readExisting(id);
  if (!canManageActivity(principal, { authorId: current.createdBy }))
    throw new Forbidden('Only the uploader, a sales manager or an administrator may complete this upload.');
  if (current.status === 'ready') return current;
  const { record, ref } = await subjectOf(current);
  const check = await checkUpload(current);
  if (!check.ok && check.missing)
    throw new Conflict('The file has not been uploaded yet: PUT it to the upload URL first.');
  if (!check.ok) {
    await deleteVersioned(
      { entity: 'attachment', id },
      attachmentKey(id),
      current.version,
      principal.userId,
      {
        current,
        auditedFields: audited,
      },
    );
    await deleteObject(current);
    throw new ValidationFailed(check.problems, 'The uploaded file is not the one announced; it was removed.');
  }
  const { expiresAt: _pending, ...rest } = current;
  const next: AttachmentItem = { ...rest, subject: ref, status: 'ready' };
  return updateVersioned<AttachmentItem>(
    { entity: 'attachment', id },
    attachmentKey(id),
    current.version,
    { subject: ref, status: 'ready', expiresAt: undefined },
    principal.userId,
    {
      current,
      auditedFields: audited,
      derived: linkWrites(current, next),
      audit: { relatedTo: timelinesOf(record, ref) },
    },
  );
};

export const listAttachmentsQuerySchema = z.object({
  subjectType: z.enum(recordTypes),
  subjectId: z.string().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});

/** A record's ready files, newest first. */
export const listAttachments = async (principal: Principal, query: unknown) => {
  requireRecordReader(principal);
  const q = parseInput(listAttachmentsQuerySchema, query);
  const kind = recordKinds[q.subjectType];
  await readRecord(kind, q.subjectId);
  const pk = kind.partition(q.subjectId);
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': attachmentLinkPrefix },
      ScanIndexForward: false,
      Limit: q.limit,
      ExclusiveStartKey: decodeCursor(q.cursor, { pk }),
    }),
  );
  const nextCursor = encodeCursor(result.LastEvaluatedKey as Record<string, string> | undefined);
  return {
    items: (result.Items ?? []).map((l) => ({
      id: String(l.attachmentId),
      subject: { type: q.subjectType, id: q.subjectId },
      fileName: String(l.fileName),
      size: Number(l.size),
      contentType: String(l.contentType),
      createdAt: String(l.createdAt),
      createdBy: String(l.createdBy),
    })),
    ...(nextCursor ? { nextCursor } : {}),
  };
};

export const downloadAttachment = async (principal: Principal, id: string) => {
  requireRecordReader(principal);
  const attachment = await readExisting(id);
  if (attachment.status !== 'ready') throw new NotFound('attachment', id);
  await subjectOf(attachment);
  return presignDownload(attachment);
};

export const deleteAttachment = async (
  principal: Principal,
  id: string,
  expectedVersion: number | undefined,
): Promise<void> => {
  requireRecordReader(principal);
  const current = await readExisting(id);
  const { record, ref } = await subjectOf(current);
  if (!canManageActivity(principal, { authorId: current.createdBy }) && !canEditRecord(principal, record))
    throw new Forbidden(
      "Only the uploader, the record's owner, a sales manager or an administrator may remove this file.",
    );
  await deleteVersioned(
    { entity: 'attachment', id },
    attachmentKey(id),
    expectedVersion ?? current.version,
    principal.userId,
    {
      current,
      auditedFields: audited,
      derived: linkWrites(current, undefined),
      ...(current.status === 'ready' ? { audit: { relatedTo: timelinesOf(record, ref) } } : {}),
    },
  );
  // After the item: an object left behind by a failure here is harmless, a listed file without one is not.
  await deleteObject(current);
};
