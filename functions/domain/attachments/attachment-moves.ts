// Moving an attachment to another record (a merge re-points the duplicate's files): the item
// names its new subject and the link moves partitions, in one versioned, audited write.
// Kept apart from attachments.ts so that the merge job needs no access to the files bucket.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../lib/dynamo.ts';
import { StaleVersion } from '../../lib/errors.ts';
import { updateVersioned } from '../mutations.ts';
import { derivedWrites } from '../records/record-changes.ts';
import { type RecordRef, sameRef } from '../records/record-kinds.ts';
import { type AttachmentItem, attachmentKey, attachmentLink } from './attachment.entity.ts';

const links = (a: AttachmentItem | undefined) => {
  const link = a && attachmentLink(a);
  return link ? [link] : [];
};

/** The link item's Delete and Put between two states of an attachment. */
export const linkWrites = (before: AttachmentItem | undefined, after: AttachmentItem | undefined) =>
  derivedWrites(tableName, links(before), links(after));

export const readAttachment = async (id: string): Promise<AttachmentItem | undefined> =>
  (await db.send(new GetCommand({ TableName: tableName, Key: attachmentKey(id), ConsistentRead: true })))
    .Item as AttachmentItem | undefined;

/** True when it moved; false when it is gone or no longer on `from`. */
export const moveAttachment = async (
  id: string,
  from: RecordRef,
  to: RecordRef,
  actorId: string,
): Promise<boolean> => {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await readAttachment(id);
    if (!current || !sameRef(current.subject, from)) return false;
    const next = { ...current, subject: to };
    try {
      await updateVersioned<AttachmentItem>(
        { entity: 'attachment', id },
        attachmentKey(id),
        current.version,
        { subject: to },
        actorId,
        { current, derived: linkWrites(current, next), audit: { relatedTo: [to] } },
      );
      return true;
    } catch (error) {
      if (!(error instanceof StaleVersion)) throw error;
    }
  }
  return false;
};
