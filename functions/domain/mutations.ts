// Versioned writes with their audit entry in one TransactWriteItems (DESIGN.md "Data"):
// a create is conditional on the item not existing, an update on the version the caller
// last read (StaleVersion → 409 otherwise), and each writes the audit entry beside it.
// Entity modules call these with their own keys; handlers never build keys.
import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../lib/clock.ts';
import { conditionFailedAt, db, tableName } from '../lib/dynamo.ts';
import { NotFound, StaleVersion } from '../lib/errors.ts';
import { auditItem, diffFields } from './audit/audit.entity.ts';

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

type Subject = { readonly entity: string; readonly id: string };

/** Writes a new item at version 1; false when it already existed (nothing written). */
export const createVersioned = async <T extends Record<string, unknown>>(
  subject: Subject,
  key: ItemKey,
  attributes: T,
  actorId: string,
  options: { effectiveAt?: string; auditedFields?: readonly string[]; extra?: ExtraWrites } = {},
): Promise<{ created: boolean; item: T & Versioned }> => {
  const at = nowIso();
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
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
          auditPut({
            subject: subject.entity,
            subjectId: subject.id,
            action: 'created',
            actorId,
            at,
            ...(options.effectiveAt ? { effectiveAt: options.effectiveAt } : {}),
            changes: diffFields({}, attributes, fields),
          }),
          ...(options.extra ?? []),
        ],
      }),
    );
    return { created: true, item };
  } catch (error) {
    if (conditionFailedAt(error, 0)) return { created: false, item };
    throw error;
  }
};

/**
 * Applies `changes` to the item if its version is still `expectedVersion`, bumps the
 * version and audits the fields that really changed. Returns the item as written.
 */
export const updateVersioned = async <T extends Versioned>(
  subject: Subject,
  key: ItemKey,
  expectedVersion: number,
  changes: Readonly<Record<string, unknown>>,
  actorId: string,
  options: { effectiveAt?: string } = {},
): Promise<T> => {
  const current = (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true })))
    .Item as T | undefined;
  if (current === undefined) throw new NotFound(subject.entity, subject.id);
  if (current.version !== expectedVersion)
    throw new StaleVersion(subject.entity, subject.id, current.version);

  const at = nowIso();
  const written = diffFields(current, changes, Object.keys(changes));
  const auditChanges = written.filter(({ field }) => !isIndexKey(field));
  if (auditChanges.length === 0) return current;

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
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: key,
              UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
              ConditionExpression: '#version = :expected',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            },
          },
          auditPut({
            subject: subject.entity,
            subjectId: subject.id,
            action: 'updated',
            actorId,
            at,
            ...(options.effectiveAt ? { effectiveAt: options.effectiveAt } : {}),
            changes: auditChanges,
          }),
        ],
      }),
    );
  } catch (error) {
    if (conditionFailedAt(error, 0)) throw new StaleVersion(subject.entity, subject.id, undefined);
    throw error;
  }
  const updated: Record<string, unknown> = {
    ...current,
    ...changes,
    version: expectedVersion + 1,
    updatedAt: at,
    updatedBy: actorId,
  };
  for (const { field, to } of written) if (to === undefined) delete updated[field];
  return updated as T;
};
