// Reads and versioned writes of companies and contacts, alike for both kinds: a read answers
// 404 for a deleted record and 410 for a merged one; every write is conditional on the
// version, rewrites the record's index keys and derived items (tokens, links) and writes its
// audit entry in the same transaction (functions/domain/mutations.ts).
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { nowIso } from '../../lib/clock.ts';
import { conditionFailedAt, db, isConditionFailed, tableName } from '../../lib/dynamo.ts';
import { Conflict, Merged, NotFound, StaleVersion } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import type { AuditAction, AuditEntry, AuditRef } from '../audit/audit.entity.ts';
import {
  createVersioned,
  type PreparedUpdate,
  prepareUpdate,
  type TransactItem,
  transactWrite,
} from '../mutations.ts';
import { requireEditor, requireRecordReader } from './access.ts';
import {
  changesAnyAttribute,
  changesBetween,
  derivedWrites,
  restored,
  softDeleted,
} from './record-changes.ts';
import type { RecordItem, RecordKind } from './record-kinds.ts';

export const newRecordId = (): string => ulid();

/** The record, or NotFound (missing or deleted, unless `includeDeleted`) / Merged (410). */
export const readRecord = async (
  kind: RecordKind,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<RecordItem> => {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: kind.key(id), ConsistentRead: true }),
  );
  const item = Item as RecordItem | undefined;
  if (!item) throw new NotFound(kind.type, id);
  if (item.mergedInto) throw new Merged(kind.type, id, item.mergedInto);
  if (item.deletedAt && !options.includeDeleted) throw new NotFound(kind.type, id);
  return item;
};

/** GET of one record by anyone with a role. */
export const getRecord = async (kind: RecordKind, principal: Principal, id: string): Promise<RecordItem> => {
  requireRecordReader(principal);
  return readRecord(kind, id);
};

/** Writes a new record at version 1 (`build` gets the creation time) with its keys, derived items and audit. */
export const createRecord = async (
  kind: RecordKind,
  build: (at: string) => Record<string, unknown> & { id: string },
  actorId: string,
): Promise<RecordItem> => {
  const at = nowIso();
  const attributes = build(at);
  const stamped = { ...attributes, createdAt: at, updatedAt: at } as unknown as RecordItem;
  const item = { ...attributes, ...kind.indexKeys(stamped) };
  const { created, item: written } = await createVersioned(
    { entity: kind.type, id: attributes.id },
    kind.key(attributes.id),
    item,
    actorId,
    {
      at,
      auditedFields: kind.auditedFields,
      derived: derivedWrites(tableName, [], kind.derivedItems(stamped)),
      audit: { relatedTo: kind.relatedTo(stamped) },
    },
  );
  if (!created) throw new Conflict(`${kind.type} ${attributes.id} already exists.`);
  return written as unknown as RecordItem;
};

export type SaveOptions = {
  readonly expectedVersion: number;
  readonly action?: AuditAction;
  readonly merge?: AuditEntry['merge'];
  /** The write's time (both records of a merge share it). */
  readonly at?: string;
};

export type PreparedSave = PreparedUpdate<RecordItem> & { readonly derived: TransactItem[] };

const unionRefs = (...lists: AuditRef[][]): AuditRef[] => {
  const seen = new Map<string, AuditRef>();
  for (const ref of lists.flat()) seen.set(`${ref.type}#${ref.id}`, ref);
  return [...seen.values()];
};

/**
 * The writes that turn `current` into the state `build(at)` returns (attributes only; index
 * keys and derived items follow from them), without sending them. An update that changes
 * no attribute prepares nothing.
 */
export const prepareRecordSave = (
  kind: RecordKind,
  current: RecordItem,
  build: (at: string) => Record<string, unknown>,
  actorId: string,
  options: SaveOptions,
): PreparedSave => {
  const at = options.at ?? nowIso();
  const attributes = build(at);
  const stamped = { ...attributes, createdAt: current.createdAt, updatedAt: at } as unknown as RecordItem;
  const next = { ...attributes, ...kind.indexKeys(stamped) };
  const changes = changesBetween(current, next);
  const action = options.action ?? 'updated';
  if (action === 'updated' && !changesAnyAttribute(changes)) {
    return {
      ...prepareUpdate({ entity: kind.type, id: current.id }, current, options.expectedVersion, {}, actorId),
      derived: [],
    };
  }
  const prepared = prepareUpdate(
    { entity: kind.type, id: current.id },
    current,
    options.expectedVersion,
    changes,
    actorId,
    {
      at,
      action,
      auditedFields: kind.auditedFields,
      audit: {
        relatedTo: unionRefs(kind.relatedTo(current), kind.relatedTo(stamped)),
        ...(options.merge ? { merge: options.merge } : {}),
      },
    },
  );
  return {
    ...prepared,
    derived: derivedWrites(tableName, kind.derivedItems(current), kind.derivedItems(stamped)),
  };
};

/** Sends one prepared save; a version that moved meanwhile is a StaleVersion (409). */
export const saveRecord = async (
  kind: RecordKind,
  current: RecordItem,
  build: (at: string) => Record<string, unknown>,
  actorId: string,
  options: SaveOptions,
): Promise<RecordItem> => {
  const prepared = prepareRecordSave(kind, current, build, actorId, options);
  if (prepared.items.length === 0) return current;
  try {
    await transactWrite(prepared.items, prepared.derived);
  } catch (error) {
    if (conditionFailedAt(error, 0)) throw new StaleVersion(kind.type, current.id, undefined);
    throw error;
  }
  return prepared.item;
};

/** Moves a record to the trash: list and search keys, tokens and links go; restorable for 30 days. */
export const deleteRecord = async (
  kind: RecordKind,
  principal: Principal,
  id: string,
  expectedVersion: number,
): Promise<RecordItem> => {
  requireRecordReader(principal);
  const current = await readRecord(kind, id);
  requireEditor(principal, current, kind.type);
  return saveRecord(kind, current, (at) => softDeleted(current, at, principal.userId), principal.userId, {
    expectedVersion,
    action: 'deleted',
  });
};

/**
 * Takes a record out of the trash, with its keys, tokens and links. `adjust` may amend the
 * restored state (a contact whose company was merged meanwhile follows it to the survivor).
 */
export const restoreRecord = async (
  kind: RecordKind,
  principal: Principal,
  id: string,
  expectedVersion: number,
  adjust: (attributes: Record<string, unknown>) => Promise<Record<string, unknown>> = async (a) => a,
): Promise<RecordItem> => {
  requireRecordReader(principal);
  const current = await readRecord(kind, id, { includeDeleted: true });
  requireEditor(principal, current, kind.type);
  if (!current.deletedAt) throw new Conflict(`${kind.type} ${id} is not in the trash.`);
  const attributes = await adjust(restored(current));
  return saveRecord(kind, current, () => attributes, principal.userId, {
    expectedVersion,
    action: 'restored',
  });
};

/**
 * Moves `lastActivityAt` (and its list key) forward to `at`; an older activity, a deleted or
 * missing record changes nothing. A projection of activities, not a user's change: it bumps
 * no version (an editor's form stays current) and the activity itself is audited.
 */
export const touchActivity = async (kind: RecordKind, id: string, at: string): Promise<boolean> => {
  const keys = kind.activityKeys(id, at);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(keys).map(([field, value], i) => {
    names[`#a${i}`] = field;
    values[`:a${i}`] = value;
    return `#a${i} = :a${i}`;
  });
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: kind.key(id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#deletedAt) AND #last < :at',
        ExpressionAttributeNames: { ...names, '#deletedAt': 'deletedAt', '#last': 'lastActivityAt' },
        ExpressionAttributeValues: { ...values, ':at': at },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
};
