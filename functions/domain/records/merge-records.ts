// Merging a duplicate into a survivor: one transaction writes the survivor with the picked
// values, turns the duplicate into `mergedInto: <survivor>` in the trash (reads of it answer
// 410 from then on), audits `merged` with both ids on both, and starts the job that moves
// the duplicate's links (relink.ts) — which may be many, so it runs in slices afterwards.
import { nowIso } from '../../lib/clock.ts';
import { conditionFailedAt, tableName } from '../../lib/dynamo.ts';
import { Conflict, Forbidden, StaleVersion, ValidationFailed } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import { cityOf } from '../companies/company.entity.ts';
import { transactWrite } from '../mutations.ts';
import { canReassign, requireEditor, requireRecordWriter } from './access.ts';
import { type MailStatus, mergeAttributes, mergedMailStatus, mergeSchema } from './merge.ts';
import { newMergeJob } from './merge-job.entity.ts';
import { recordAttributes, softDeleted } from './record-changes.ts';
import type { RecordItem, RecordKind } from './record-kinds.ts';
import { prepareRecordSave, readRecord } from './records.ts';

/** What follows from the picked values: a company's city, a contact's company name. */
const completeMerge = (
  kind: RecordKind,
  values: Record<string, unknown>,
  survivor: RecordItem,
  duplicate: RecordItem,
): Record<string, unknown> => {
  const merged: Record<string, unknown> = {
    ...recordAttributes(survivor),
    ...values,
    lastActivityAt:
      survivor.lastActivityAt > duplicate.lastActivityAt ? survivor.lastActivityAt : duplicate.lastActivityAt,
  };
  for (const [field, value] of Object.entries(merged)) if (value === undefined) delete merged[field];
  if (kind.type === 'company') {
    const city = cityOf((merged.addresses as { city?: string; line: string; kind: 'actual' }[]) ?? []);
    if (city) merged.city = city;
    else delete merged.city;
  } else {
    const from = [survivor, duplicate].find((r) => r.companyId === merged.companyId);
    if (merged.companyId && from?.companyName) merged.companyName = from.companyName;
    else delete merged.companyName;
    delete merged.marketingUnsubscribedAt;
    delete merged.emailSuppressed;
    Object.assign(merged, mergedMailStatus(merged, survivor as MailStatus, duplicate as MailStatus));
  }
  return merged;
};

export const mergeRecords = async (
  kind: RecordKind,
  principal: Principal,
  survivorId: string,
  body: unknown,
): Promise<RecordItem> => {
  requireRecordWriter(principal, 'records');
  const input = parseInput(mergeSchema, body);
  if (input.duplicateId === survivorId)
    throw new ValidationFailed([
      { field: 'duplicateId', message: 'must be another record than the survivor' },
    ]);
  const [survivor, duplicate] = await Promise.all([
    readRecord(kind, survivorId),
    readRecord(kind, input.duplicateId),
  ]);
  requireEditor(principal, survivor, kind.type);
  requireEditor(principal, duplicate, kind.type);
  const { values, errors } = mergeAttributes(kind.mergeFields, survivor, duplicate, input.pick);
  if (errors.length > 0) throw new ValidationFailed(errors);
  if (values.ownerId !== survivor.ownerId && !canReassign(principal, survivor, String(values.ownerId)))
    throw new Forbidden('Only a sales manager or an administrator may give the merged record another owner.');

  const at = nowIso();
  const merge = { survivorId, duplicateId: duplicate.id };
  const merged = completeMerge(kind, values, survivor, duplicate);
  const kept = prepareRecordSave(kind, survivor, () => merged, principal.userId, {
    expectedVersion: input.expectedVersion,
    action: 'merged',
    merge,
    at,
  });
  const gone = prepareRecordSave(
    kind,
    duplicate,
    () => ({ ...softDeleted(duplicate, at, principal.userId), mergedInto: survivorId }),
    principal.userId,
    { expectedVersion: input.duplicateVersion, action: 'merged', merge, at },
  );
  const job = newMergeJob(kind.type, duplicate.id, survivorId, principal.userId, at);
  const core = [
    ...kept.items,
    ...gone.items,
    { Put: { TableName: tableName, Item: job, ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
  try {
    await transactWrite(core, [...kept.derived, ...gone.derived]);
  } catch (error) {
    if (conditionFailedAt(error, 0)) throw new StaleVersion(kind.type, survivorId, undefined);
    if (conditionFailedAt(error, kept.items.length))
      throw new StaleVersion(kind.type, duplicate.id, undefined);
    if (conditionFailedAt(error, core.length - 1))
      throw new Conflict(`${kind.type} ${duplicate.id} is already being merged.`);
    throw error;
  }
  return kept.item;
};
