// Runs one slice of a merge job (merge-job.entity.ts): moves links from the duplicate to the
// survivor — a company's contacts and the histories of its former contacts, files, notes,
// activities and timeline entries — until the slice's budget is spent, then records where it stopped and
// asks for the next slice. Links leave the duplicate's partition as they move, so every page
// starts from the first remaining link, and a slice run twice moves nothing twice.
import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../../lib/clock.ts';
import { db, isConditionFailed, tableName } from '../../lib/dynamo.ts';
import { logger } from '../../lib/logger.ts';
import { repointActivity } from '../activities/activities.ts';
import { attachmentLinkPrefix } from '../attachments/attachment.entity.ts';
import { moveAttachment } from '../attachments/attachment-moves.ts';
import { companyContactLinkPrefix, companyPastContactLinkPrefix } from '../contacts/contact.entity.ts';
import { moveContactToCompany, repointPastCompany } from '../contacts/contacts.ts';
import { repointNote } from '../notes/notes.ts';
import { moveTimelineEntries } from '../timeline/timeline.ts';
import { type MergeJobItem, type MergePhase, mergeJobKey, nextPhase } from './merge-job.entity.ts';
import { companyKind, type RecordRef, recordKinds } from './record-kinds.ts';

export type SliceBudget = { readonly maxMoves: number; readonly maxMs: number };

/** About a minute's Lambda timeout, with room to record progress. */
export const defaultSliceBudget: SliceBudget = { maxMoves: 300, maxMs: 25_000 };

const page = 25;

/** The first links under `prefix` left in the duplicate's partition. */
const links = async (pk: string, prefix: string): Promise<Record<string, unknown>[]> =>
  (
    await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        Limit: page,
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

/** A link whose record no longer points here (moved meanwhile) is simply dropped. */
const dropLink = (link: Record<string, unknown>) =>
  db.send(new DeleteCommand({ TableName: tableName, Key: { pk: link.pk, sk: link.sk } }));

/** Moves one page of the phase; returns how many links it handled (0 = the phase is done). */
const runPage = async (job: MergeJobItem, phase: MergePhase): Promise<number> => {
  const from: RecordRef = { type: job.type, id: job.duplicateId };
  const to: RecordRef = { type: job.type, id: job.survivorId };
  const duplicatePartition = recordKinds[job.type].partition(job.duplicateId);
  if (phase === 'contacts' || phase === 'past-contacts') {
    const found = await links(
      duplicatePartition,
      phase === 'contacts' ? companyContactLinkPrefix : companyPastContactLinkPrefix,
    );
    if (found.length === 0) return 0;
    const { Item: survivor } = await db.send(
      new GetCommand({ TableName: tableName, Key: companyKind.key(job.survivorId), ConsistentRead: true }),
    );
    for (const link of found) {
      const contactId = String(link.contactId);
      const moved =
        phase === 'contacts'
          ? await moveContactToCompany(
              contactId,
              job.duplicateId,
              { id: job.survivorId, name: String(survivor?.name ?? '') },
              job.actorId,
            )
          : await repointPastCompany(contactId, job.duplicateId, job.survivorId, job.actorId);
      if (!moved) await dropLink(link);
    }
    return found.length;
  }
  if (phase === 'attachments') {
    const found = await links(duplicatePartition, attachmentLinkPrefix);
    for (const link of found)
      if (!(await moveAttachment(String(link.attachmentId), from, to, job.actorId))) await dropLink(link);
    return found.length;
  }
  return moveTimelineEntries(from, to, page, async (entry) => {
    if (entry.kind === 'note' && entry.note) await repointNote(entry.note.id, from, to, job.actorId);
    if (entry.kind === 'activity' && entry.activity)
      await repointActivity(entry.activity.id, from, to, job.actorId);
  });
};

/**
 * Runs slice `slice` of the job for the duplicate: false when the job is done or that slice
 * already ran (a redelivery, or a retry after the next slice started).
 */
export const runRelinkSlice = async (
  type: MergeJobItem['type'],
  duplicateId: string,
  slice: number,
  budget: SliceBudget = defaultSliceBudget,
): Promise<boolean> => {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: mergeJobKey(type, duplicateId), ConsistentRead: true }),
  );
  const job = Item as MergeJobItem | undefined;
  if (job?.status !== 'running' || job.slice !== slice) return false;
  const started = Date.now();
  let phase: MergePhase | undefined = job.phase;
  let moved = 0;
  while (phase && moved < budget.maxMoves && Date.now() - started < budget.maxMs) {
    const handled = await runPage(job, phase);
    moved += handled;
    if (handled === 0) phase = nextPhase(type, phase);
  }
  const at = nowIso();
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: mergeJobKey(type, duplicateId),
        UpdateExpression: `SET #slice = :next, #status = :status, #moved = #moved + :moved, #updatedAt = :at, #version = #version + :one${phase ? ', #phase = :phase' : ' REMOVE #phase'}`,
        ConditionExpression: '#slice = :slice',
        ExpressionAttributeNames: {
          '#slice': 'slice',
          '#status': 'status',
          '#moved': 'moved',
          '#updatedAt': 'updatedAt',
          '#version': 'version',
          '#phase': 'phase',
        },
        ExpressionAttributeValues: {
          ':next': slice + 1,
          ':slice': slice,
          ':status': phase ? 'running' : 'done',
          ':moved': moved,
          ':at': at,
          ':one': 1,
          ...(phase ? { ':phase': phase } : {}),
        },
      }),
    );
  } catch (error) {
    // Another delivery of this slice finished first; its progress stands.
    if (!isConditionFailed(error)) throw error;
  }
  logger.info('merge relink slice', { type, duplicateId, slice, moved, next: phase ?? 'done' });
  return true;
};
