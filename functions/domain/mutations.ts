// Versioned writes with their audit entry in one TransactWriteItems (DESIGN.md "Data"):
// a create is conditional on the item not existing, an update on the version the caller
// last read (StaleVersion → 409 otherwise), and each writes the audit entry beside it.
// Entity modules call these with their own keys; handlers never build keys.
import {
  BatchWriteCommand,
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../lib/clock.ts';
import { conditionFailedAt, db, tableName } from '../lib/dynamo.ts';
import { NotFound, StaleVersion } from '../lib/errors.ts';
import { type AuditAction, type AuditEntry, auditItem, diffFields } from './audit/audit.entity.ts';

export type ItemKey = { readonly pk: string; readonly sk: string };

export type Versioned = ItemKey & {
  readonly entity: string;
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
};

/** The Put of an audit entry, to go into the same transaction as the change it records. */
export const auditPut = (entry: Parameters<typeof auditItem>[0]): TransactItem => ({
  Put: { TableName: tableName, Item: auditItem(entry) },
});

/** Index key attributes are derived from other fields: written, but not audited. */
const isIndexKey = (field: string): boolean => /^gsi\d+(pk|sk)$/.test(field);

/** Further writes that must happen in the same transaction (counters, idempotency keys). */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type ExtraWrites = readonly TransactItem[];

/** What a versioned write may add to its item and audit entry; all optional. */
export type WriteOptions = {
  /** The write's time; callers that derive index keys from `updatedAt` pass the one they used. */
  readonly at?: string;
  /** When the recorded fact happened, if the user dated it (backdated entries are marked). */
  readonly effectiveAt?: string;
  /** The fields the audit entry lists (default: every field written, index keys excepted). */
  readonly auditedFields?: readonly string[];
  /** What the audit entry says happened (default: created, updated or deleted). */
  readonly action?: AuditAction;
  /** Related records and merge ids, for the audit entry (timelines show it on those records too). */
  readonly audit?: Pick<AuditEntry, 'relatedTo' | 'merge'>;
  /** Writes that must happen in the same transaction (counters, idempotency keys). */
  readonly extra?: ExtraWrites;
  /**
   * Unconditional Puts and Deletes of items derived from this one (search tokens, link items):
   * in the same transaction while it stays within DynamoDB's 100 items, right after it otherwise
   * (they are idempotent and rewritten from the item on its next write).
   */
  readonly derived?: ExtraWrites;
};

const maxTransactItems = 100;

/** One TransactWriteItems of `core` plus as many `derived` writes as fit; the rest batched after it. */
export const transactWrite = async (
  core: readonly TransactItem[],
  derived: readonly TransactItem[] = [],
): Promise<void> => {
  const room = Math.max(0, maxTransactItems - core.length);
  await db.send(new TransactWriteCommand({ TransactItems: [...core, ...derived.slice(0, room)] }));
  const rest = derived.slice(room);
  for (let i = 0; i < rest.length; i += 25) {
    let requests = rest
      .slice(i, i + 25)
      .map((w) =>
        w.Put
          ? { PutRequest: { Item: w.Put.Item } }
          : { DeleteRequest: { Key: w.Delete?.Key as Record<string, unknown> } },
      );
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const { UnprocessedItems } = await db.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
      if (attempt > 8 && requests.length > 0) throw new Error('derived items left unprocessed');
    }
  }
};

const readCurrent = async <T>(key: ItemKey): Promise<T | undefined> =>
  (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item as
    | T
    | undefined;

type Subject = { readonly entity: string; readonly id: string };

/** Writes a new item at version 1; false when it already existed (nothing written). */
export const createVersioned = async <T extends Record<string, unknown>>(
  subject: Subject,
  key: ItemKey,
  attributes: T,
  actorId: string,
  options: WriteOptions = {},
): Promise<{ created: boolean; item: T & Versioned }> => {
  const at = options.at ?? nowIso();
  const item = {
    ...attributes,
    ...key,
    entity: subject.entity,
    version: 1,
    createdAt: at,
    createdBy: actorId,
    updatedAt: at,
    updatedBy: actorId,
  } as T & Versioned;
  const fields = options.auditedFields ?? Object.keys(attributes);
  try {
    await transactWrite(
      [
        { Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
        auditPut({
          subject: subject.entity,
          subjectId: subject.id,
          action: options.action ?? 'created',
          actorId,
          at,
          ...(options.effectiveAt ? { effectiveAt: options.effectiveAt } : {}),
          changes: diffFields({}, attributes, fields),
          ...options.audit,
        }),
        ...(options.extra ?? []),
      ],
      options.derived,
    );
    return { created: true, item };
  } catch (error) {
    if (conditionFailedAt(error, 0)) return { created: false, item };
    throw error;
  }
};

/** The writes of one versioned update (the Update and its audit Put), not yet sent. */
export type PreparedUpdate<T> = {
  /** Empty when nothing would change. */
  readonly items: TransactItem[];
  /** The item as it will be after the write. */
  readonly item: T;
};

/**
 * Builds the conditional Update of `current` (at `expectedVersion`) with `changes` and the
 * audit entry of the fields that really change, without sending them: updateVersioned sends
 * one; a merge sends two in one transaction. `undefined` in `changes` removes the attribute.
 */
export const prepareUpdate = <T extends Versioned>(
  subject: Subject,
  current: T,
  expectedVersion: number,
  changes: Readonly<Record<string, unknown>>,
  actorId: string,
  options: WriteOptions = {},
): PreparedUpdate<T> => {
  if (current.version !== expectedVersion)
    throw new StaleVersion(subject.entity, subject.id, current.version);

  const at = options.at ?? nowIso();
  const written = diffFields(current, changes, Object.keys(changes));
  if (written.length === 0) return { items: [], item: current };
  const audited = options.auditedFields ? new Set(options.auditedFields) : undefined;
  const auditChanges = written.filter(
    ({ field }) => !isIndexKey(field) && (audited === undefined || audited.has(field)),
  );

  const names: Record<string, string> = {
    '#version': 'version',
    '#updatedAt': 'updatedAt',
    '#updatedBy': 'updatedBy',
  };
  const values: Record<string, unknown> = {
    ':expected': expectedVersion,
    ':one': 1,
    ':at': at,
    ':by': actorId,
  };
  const sets = ['#version = #version + :one', '#updatedAt = :at', '#updatedBy = :by'];
  const removes: string[] = [];
  written.forEach(({ field, to }, i) => {
    names[`#f${i}`] = field;
    if (to === undefined) {
      removes.push(`#f${i}`);
    } else {
      values[`:v${i}`] = to;
      sets.push(`#f${i} = :v${i}`);
    }
  });
  const updated: Record<string, unknown> = {
    ...current,
    ...changes,
    version: expectedVersion + 1,
    updatedAt: at,
    updatedBy: actorId,
  };
  for (const { field, to } of written) if (to === undefined) delete updated[field];
  return {
    item: updated as T,
    items: [
      {
        Update: {
          TableName: tableName,
          Key: { pk: current.pk, sk: current.sk },
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      auditPut({
        subject: subject.entity,
        subjectId: subject.id,
        action: options.action ?? 'updated',
        actorId,
        at,
        ...(options.effectiveAt ? { effectiveAt: options.effectiveAt } : {}),
        changes: auditChanges,
        ...options.audit,
      }),
      ...(options.extra ?? []),
    ],
  };
};

/**
 * Applies `changes` to the item if its version is still `expectedVersion`, bumps the
 * version and audits the fields that really changed. Returns the item as written.
 * `options.current` is the item as the caller just read it (saves a read).
 */
export const updateVersioned = async <T extends Versioned>(
  subject: Subject,
  key: ItemKey,
  expectedVersion: number,
  changes: Readonly<Record<string, unknown>>,
  actorId: string,
  options: WriteOptions & { readonly current?: T } = {},
): Promise<T> => {
  const current = options.current ?? (await readCurrent<T>(key));
  if (current === undefined) throw new NotFound(subject.entity, subject.id);
  const prepared = prepareUpdate(subject, current, expectedVersion, changes, actorId, options);
  if (prepared.items.length === 0) return current;
  try {
    await transactWrite(prepared.items, options.derived);
  } catch (error) {
    if (conditionFailedAt(error, 0)) throw new StaleVersion(subject.entity, subject.id, undefined);
    throw error;
  }
  return prepared.item;
};

/**
 * Deletes the item if its version is still `expectedVersion`, with an audit entry listing
 * the `auditedFields` it had. Used for items that have no trash (definitions, files, purges).
 */
export const deleteVersioned = async <T extends Versioned>(
  subject: Subject,
  key: ItemKey,
  expectedVersion: number,
  actorId: string,
  options: WriteOptions & { readonly current?: T } = {},
): Promise<T> => {
  const current = options.current ?? (await readCurrent<T>(key));
  if (current === undefined) throw new NotFound(subject.entity, subject.id);
  if (current.version !== expectedVersion)
    throw new StaleVersion(subject.entity, subject.id, current.version);
  const at = options.at ?? nowIso();
  try {
    await transactWrite(
      [
        {
          Delete: {
            TableName: tableName,
            Key: key,
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
          },
        },
        auditPut({
          subject: subject.entity,
          subjectId: subject.id,
          action: options.action ?? 'deleted',
          actorId,
          at,
          changes: diffFields(current, {}, options.auditedFields ?? []),
          ...options.audit,
        }),
        ...(options.extra ?? []),
      ],
      options.derived,
    );
  } catch (error) {
    if (conditionFailedAt(error, 0)) throw new StaleVersion(subject.entity, subject.id, undefined);
    throw error;
  }
  return current;
};
