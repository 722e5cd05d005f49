// Marketing segments: administrators and marketing create, change and delete them; sales
// managers read and preview them; other roles get a 403. Every write is versioned and audited
// (functions/domain/mutations.ts). A filter is checked beyond its shape before it is saved or
// previewed: custom field keys must be defined for their record type and products must exist.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { z } from 'zod';
import { decodeBoundCursor, encodeBoundCursor } from '../../lib/cursor.ts';
import { db, tableName } from '../../lib/dynamo.ts';
import { type FieldError, NotFound, ValidationFailed } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import { loadDefinitions } from '../custom-fields/custom-fields.ts';
import { createVersioned, deleteVersioned, updateVersioned } from '../mutations.ts';
import { readProducts } from '../products/catalogue.ts';
import { requireMarketingEditor, requireMarketingReader } from '../records/access.ts';
import { evaluateSegment, type SegmentPreview } from './evaluate.ts';
import {
  auditedSegmentFields,
  createSegmentSchema,
  previewSegmentSchema,
  type SegmentAttributes,
  type SegmentItem,
  segmentKey,
  segmentList,
  segmentListKeys,
  updateSegmentSchema,
} from './segment.entity.ts';
import type { SegmentFilter } from './segment-filter.ts';

const what = 'segments';

/** What the schema cannot see: custom fields that are not defined, products that do not exist. */
export const checkFilterReferences = async (filter: SegmentFilter, field = 'filter'): Promise<void> => {
  const errors: FieldError[] = [];
  if (filter.customFields?.length) {
    const defined = new Set((await loadDefinitions()).map((d) => `${d.entity}#${d.key}`));
    filter.customFields.forEach((c, i) => {
      if (!defined.has(`${c.on}#${c.key}`))
        errors.push({
          field: `${field}.customFields.${i}.key`,
          message: `is not a custom field of ${c.on === 'contact' ? 'contacts' : 'companies'}`,
        });
    });
  }
  if (filter.boughtProducts?.length) {
    const found = await readProducts(filter.boughtProducts);
    filter.boughtProducts.forEach((id, i) => {
      if (!found.has(id))
        errors.push({ field: `${field}.boughtProducts.${i}`, message: 'is not a product of the catalogue' });
    });
  }
  if (errors.length > 0) throw new ValidationFailed(errors);
};

export const readSegment = async (id: string): Promise<SegmentItem> => {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: segmentKey(id), ConsistentRead: true }),
  );
  if (!Item) throw new NotFound('segment', id);
  return Item as SegmentItem;
};

export const getSegment = async (p: Principal, id: string): Promise<SegmentItem> => {
  requireMarketingReader(p, what);
  return readSegment(id);
};

export const createSegment = async (p: Principal, body: unknown): Promise<SegmentItem> => {
  requireMarketingEditor(p, what);
  const input = parseInput(createSegmentSchema, body);
  await checkFilterReferences(input.filter);
  const id = ulid();
  const attributes: SegmentAttributes = {
    id,
    name: input.name,
    ...(input.description ? { description: input.description } : {}),
    filter: input.filter,
  };
  const { item } = await createVersioned(
    { entity: 'segment', id },
    segmentKey(id),
    { ...attributes, ...segmentListKeys(attributes) },
    p.userId,
    { auditedFields: [...auditedSegmentFields] },
  );
  return item as unknown as SegmentItem;
};

export const updateSegment = async (p: Principal, id: string, body: unknown): Promise<SegmentItem> => {
  requireMarketingEditor(p, what);
  const { expectedVersion, description, ...rest } = parseInput(updateSegmentSchema, body);
  if (rest.filter) await checkFilterReferences(rest.filter);
  const current = await readSegment(id);
  const changes: Record<string, unknown> = { ...rest };
  if (description !== undefined) changes.description = description || undefined;
  const next = { ...current, ...changes } as SegmentItem;
  return updateVersioned<SegmentItem>(
    { entity: 'segment', id },
    segmentKey(id),
    expectedVersion,
    { ...changes, ...segmentListKeys(next) },
    p.userId,
    { current, auditedFields: [...auditedSegmentFields] },
  );
};

const expectedVersionSchema = z
  .object({
    expectedVersion: z.coerce
      .number({ error: 'must be the version you last read' })
      .int('must be the version you last read')
      .positive('must be the version you last read'),
  })
  .strict();

/** Deleted for good, with an audit entry of what it was (campaigns keep their own copy of a filter). */
export const deleteSegment = async (p: Principal, id: string, query: unknown): Promise<void> => {
  requireMarketingEditor(p, what);
  const { expectedVersion } = parseInput(expectedVersionSchema, query);
  await deleteVersioned({ entity: 'segment', id }, segmentKey(id), expectedVersion, p.userId, {
    auditedFields: [...auditedSegmentFields],
  });
};

export const segmentListQuerySchema = z
  .object({
    limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(200).default(50),
    cursor: z.string().max(2000).optional(),
  })
  .strict();

/** Segments by name, a page at a time. */
export const listSegments = async (p: Principal, query: unknown) => {
  requireMarketingReader(p, what);
  const q = parseInput(segmentListQuerySchema, query);
  const scope = JSON.stringify({ index: segmentList.indexName, pk: segmentList.pk });
  const start = q.cursor
    ? decodeBoundCursor(q.cursor, {
        scope,
        keyAttributes: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
        check: (k) => k.gsi1pk === segmentList.pk,
      })
    : undefined;
  const page = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: segmentList.indexName,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': segmentList.pk },
      Limit: q.limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  const last = page.LastEvaluatedKey as Record<string, string> | undefined;
  return {
    items: (page.Items ?? []) as SegmentItem[],
    ...(last ? { nextCursor: encodeBoundCursor(last, scope) } : {}),
  };
};

/** The live count of an unsaved filter (the segment builder). */
export const previewFilter = async (p: Principal, body: unknown): Promise<SegmentPreview> => {
  requireMarketingReader(p, what);
  const { filter } = parseInput(previewSegmentSchema, body);
  await checkFilterReferences(filter);
  return evaluateSegment(filter);
};

/** The live count of a saved segment. */
export const previewSegment = async (p: Principal, id: string) => {
  requireMarketingReader(p, what);
  const segment = await readSegment(id);
  return { segment, preview: await evaluateSegment(segment.filter) };
};
