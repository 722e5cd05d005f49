// Bulk actions on up to 100 companies or contacts: delete, restore, reassign, add or remove
// tags, set the lifecycle stage (companies). Permissions are checked for every record first —
// one forbidden record refuses the whole request (403) and nothing changes. Then each record
// is written on its own, versioned and audited; the answer says what happened to each
// (a record changed meanwhile is re-read and tried once more).
import { Forbidden, Merged, NotFound, StaleVersion, ValidationFailed } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import { canEditRecord, canReassign, requireRecordWriter } from './access.ts';
import { applyBulkAction, type BulkInput, type BulkResult, bulkSchema } from './bulk-actions.ts';
import type { RecordItem, RecordKind } from './record-kinds.ts';
import { deleteRecord, readRecord, saveRecord } from './records.ts';

const mapLimit = async <T, R>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> => {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await run(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
};

export type BulkOperations = {
  readonly kind: RecordKind;
  /** Restores a record (contacts follow a merged company). */
  readonly restore: (principal: Principal, id: string, expectedVersion: number) => Promise<RecordItem>;
};

const allowed = (principal: Principal, record: RecordItem, input: BulkInput): boolean =>
  canEditRecord(principal, record) &&
  (input.action !== 'reassign' || canReassign(principal, record, input.ownerId));

export const runBulkAction = async (
  { kind, restore }: BulkOperations,
  principal: Principal,
  body: unknown,
): Promise<BulkResult[]> => {
  requireRecordWriter(principal, 'records');
  const input = parseInput(bulkSchema, body);
  if (input.action === 'set-stage' && kind.type !== 'company')
    throw new ValidationFailed([{ field: 'action', message: 'contacts have no lifecycle stage' }]);
  const read = (id: string) => readRecord(kind, id, { includeDeleted: input.action === 'restore' });
  const found = await mapLimit(input.ids, 10, async (id) => {
    try {
      return { id, record: await read(id) };
    } catch (error) {
      if (error instanceof NotFound || error instanceof Merged) return { id, error };
      throw error;
    }
  });
  const refused = found.filter((f) => f.record && !allowed(principal, f.record, input)).map((f) => f.id);
  if (refused.length > 0)
    throw new Forbidden(`Nothing was changed: your role may not change ${refused.join(', ')}.`);

  const apply = async (record: RecordItem): Promise<BulkResult> => {
    if (input.action === 'delete') {
      const item = await deleteRecord(kind, principal, record.id, record.version);
      return { id: record.id, status: 'ok', version: item.version };
    }
    if (input.action === 'restore') {
      if (!record.deletedAt) return { id: record.id, status: 'conflict', message: 'is not in the trash' };
      const item = await restore(principal, record.id, record.version);
      return { id: record.id, status: 'ok', version: item.version };
    }
    const change = applyBulkAction(record, input);
    if ('invalid' in change) return { id: record.id, status: 'invalid', message: change.invalid };
    const item = await saveRecord(kind, record, () => change.attributes, principal.userId, {
      expectedVersion: record.version,
    });
    return { id: record.id, status: 'ok', version: item.version };
  };

  return mapLimit(found, 8, async (f): Promise<BulkResult> => {
    if (!f.record)
      return f.error instanceof Merged
        ? { id: f.id, status: 'merged', survivorId: f.error.survivorId }
        : { id: f.id, status: 'not-found' };
    try {
      return await apply(f.record);
    } catch (error) {
      if (!(error instanceof StaleVersion)) throw error;
      // Changed by someone else since the check: once more on the fresh version, if still allowed.
      try {
        const fresh = await read(f.id);
        if (!allowed(principal, fresh, input))
          return { id: f.id, status: 'conflict', message: 'changed meanwhile' };
        return await apply(fresh);
      } catch (again) {
        if (again instanceof StaleVersion || again instanceof NotFound || again instanceof Merged)
          return { id: f.id, status: 'conflict', message: 'changed meanwhile' };
        throw again;
      }
    }
  });
};
