// Custom field definitions: everyone with a role reads them (forms, columns, filters), only
// admins define, change and remove them. Each change is versioned and audited. Record writes
// load the definitions of their entity to check values (records/record-input.ts).
import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { db, tableName } from '../../lib/dynamo.ts';
import { Conflict, Forbidden, NotFound } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import { createVersioned, deleteVersioned, updateVersioned } from '../mutations.ts';
import { canManageCustomFields, requireRecordReader } from '../records/access.ts';
import {
  type CustomFieldDefinition,
  type CustomFieldEntity,
  type CustomFieldItem,
  customFieldDefinitionSchema,
  customFieldEntities,
  customFieldItemAttributes,
  customFieldKey,
  customFieldsPartition,
  definitionOf,
  type StoredCustomField,
} from './custom-field.entity.ts';

const definitionFields = [
  'entity',
  'key',
  'label',
  'type',
  'options',
  'required',
  'currency',
  'order',
] as const;

/** PATCH: what may change; entity, key and type are fixed once data uses them. */
export const updateCustomFieldSchema = z
  .object({
    expectedVersion: z.number().int().positive(),
    label: z.unknown().optional(),
    options: z.unknown().optional(),
    required: z.unknown().optional(),
    currency: z.unknown().optional(),
    order: z.unknown().optional(),
  })
  .strict();

/** The definitions of one entity (or all), in display order. */
export const loadDefinitions = async (entity?: CustomFieldEntity): Promise<StoredCustomField[]> => {
  const items: StoredCustomField[] = [];
  const pages = paginateQuery(
    { client: db },
    {
      TableName: tableName,
      KeyConditionExpression: entity ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
      ExpressionAttributeValues: {
        ':pk': customFieldsPartition,
        ...(entity ? { ':prefix': customFieldKey(entity, '').sk } : {}),
      },
      ConsistentRead: true,
    },
  );
  for await (const page of pages) items.push(...((page.Items ?? []) as CustomFieldItem[]).map(definitionOf));
  return items.sort(
    (a, b) => a.entity.localeCompare(b.entity) || a.order - b.order || a.key.localeCompare(b.key),
  );
};

const requireAdmin = (principal: Principal): void => {
  if (!canManageCustomFields(principal))
    throw new Forbidden('Only an administrator may define custom fields.');
};

const entityOf = (entity: string): CustomFieldEntity => {
  if (!(customFieldEntities as readonly string[]).includes(entity))
    throw new NotFound('custom field', entity);
  return entity as CustomFieldEntity;
};

export const listCustomFields = async (principal: Principal, entity: string | undefined) => {
  requireRecordReader(principal);
  const query = parseInput(z.object({ entity: z.enum(customFieldEntities).optional() }), { entity });
  return loadDefinitions(query.entity);
};

export const createCustomField = async (principal: Principal, body: unknown): Promise<StoredCustomField> => {
  requireAdmin(principal);
  const definition = parseInput(customFieldDefinitionSchema, body);
  const { created, item } = await createVersioned(
    { entity: 'custom-field', id: `${definition.entity}#${definition.key}` },
    customFieldKey(definition.entity, definition.key),
    customFieldItemAttributes(definition),
    principal.userId,
  );
  if (!created)
    throw new Conflict(`A ${definition.entity} field with the key "${definition.key}" already exists.`);
  return definitionOf(item as CustomFieldItem);
};

const readDefinition = async (entity: CustomFieldEntity, key: string): Promise<StoredCustomField> => {
  const found = (await loadDefinitions(entity)).find((d) => d.key === key);
  if (!found) throw new NotFound('custom field', `${entity}.${key}`);
  return found;
};

export const updateCustomField = async (
  principal: Principal,
  entityParam: string,
  key: string,
  body: unknown,
): Promise<StoredCustomField> => {
  requireAdmin(principal);
  const entity = entityOf(entityParam);
  const { expectedVersion, ...patch } = parseInput(updateCustomFieldSchema, body);
  const current = await readDefinition(entity, key);
  const merged: Record<string, unknown> = { ...current, ...patch };
  const definition: CustomFieldDefinition = parseInput(
    customFieldDefinitionSchema,
    Object.fromEntries(definitionFields.map((f) => [f, merged[f]])),
  );
  const item = await updateVersioned<CustomFieldItem>(
    { entity: 'custom-field', id: `${entity}#${key}` },
    customFieldKey(entity, key),
    expectedVersion,
    customFieldItemAttributes(definition),
    principal.userId,
  );
  return definitionOf(item);
};

/** Removes the definition; values already stored stay in records but are no longer shown or checked. */
export const deleteCustomField = async (
  principal: Principal,
  entityParam: string,
  key: string,
  expectedVersion: number,
): Promise<void> => {
  requireAdmin(principal);
  const entity = entityOf(entityParam);
  await readDefinition(entity, key);
  await deleteVersioned(
    { entity: 'custom-field', id: `${entity}#${key}` },
    customFieldKey(entity, key),
    expectedVersion,
    principal.userId,
    { auditedFields: ['fieldOf', ...definitionFields] },
  );
};
