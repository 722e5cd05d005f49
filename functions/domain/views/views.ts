// Saved views: list the ones a user may see, create, change and delete them — versioned, each
// write audited in its transaction (functions/domain/mutations.ts). A view's filters are checked
// with the list's own rules, so a saved view always opens.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { db, tableName } from '../../lib/dynamo.ts';
import { Forbidden, NotFound, ValidationFailed } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseListRequest } from '../lists/list-query.ts';
import { createVersioned, deleteVersioned, updateVersioned } from '../mutations.ts';
import { requireRecordReader } from '../records/access.ts';
import {
  auditedViewFields,
  type CreateView,
  type UpdateView,
  type ViewEntity,
  type ViewItem,
  viewEntities,
  viewKey,
  viewListKeys,
  viewLists,
} from './view.entity.ts';
import { canEditView, canSeeView } from './view-access.ts';

const subject = (id: string) => ({ entity: 'view', id });

/** The filters must be ones the list of that type takes (sort, order and paging are the view's own). */
const checkFilters = (entity: ViewEntity, filters: Readonly<Record<string, string>>): void => {
  const reserved = Object.keys(filters).filter((k) => ['sort', 'order', 'limit', 'cursor'].includes(k));
  if (reserved.length > 0)
    throw new ValidationFailed(
      reserved.map((k) => ({ field: `filters.${k}`, message: 'is a field of the view, not a filter' })),
    );
  try {
    parseListRequest(entity, filters);
  } catch (error) {
    if (error instanceof ValidationFailed)
      throw new ValidationFailed(
        error.fields.map((f) => ({ field: `filters.${f.field}`, message: f.message })),
      );
    throw error;
  }
};

const queryViews = async (pk: string): Promise<ViewItem[]> => {
  const items: ViewItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const result = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...((result.Items ?? []) as ViewItem[]));
    start = result.LastEvaluatedKey;
  } while (start);
  return items;
};

/** The team's views and the caller's private ones (of one record type, or both), by name. */
export const listViews = async (p: Principal, entity: ViewEntity | undefined): Promise<ViewItem[]> => {
  requireRecordReader(p);
  const entities = entity ? [entity] : [...viewEntities];
  const partitions = entities.flatMap((e) => [viewLists.team(e).pk, viewLists.privateOf(e, p.userId).pk]);
  const lists = await Promise.all(partitions.map(queryViews));
  return lists.flat().sort((a, b) => (a.gsi1sk < b.gsi1sk ? -1 : a.gsi1sk > b.gsi1sk ? 1 : 0));
};

export const createView = async (p: Principal, input: CreateView): Promise<ViewItem> => {
  requireRecordReader(p);
  checkFilters(input.entity, input.filters);
  const id = ulid();
  const attributes = {
    id,
    recordType: input.entity,
    name: input.name,
    filters: input.filters,
    sort: input.sort,
    order: input.order,
    columns: input.columns,
    visibility: input.visibility,
    ownerId: p.userId,
  };
  const { item } = await createVersioned(
    subject(id),
    viewKey(id),
    { ...attributes, ...viewListKeys(attributes) },
    p.userId,
    { auditedFields: [...auditedViewFields] },
  );
  return item as unknown as ViewItem;
};

/** The view if the caller may see it; 404 otherwise, so that private views stay unknown to others. */
const readVisible = async (p: Principal, id: string): Promise<ViewItem> => {
  requireRecordReader(p);
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: viewKey(id), ConsistentRead: true }),
  );
  const view = Item as ViewItem | undefined;
  if (!view || !canSeeView(p, view)) throw new NotFound('View', id);
  return view;
};

const requireEditor = (p: Principal, view: ViewItem): void => {
  if (!canEditView(p, view))
    throw new Forbidden(
      'Only the owner of this team view, a sales manager or an administrator may change it.',
    );
};

export const updateView = async (p: Principal, id: string, input: UpdateView): Promise<ViewItem> => {
  const current = await readVisible(p, id);
  requireEditor(p, current);
  const { expectedVersion, ...changes } = input;
  if (changes.filters) checkFilters(current.recordType, changes.filters);
  const next = { ...current, ...changes };
  return updateVersioned<ViewItem>(
    subject(id),
    viewKey(id),
    expectedVersion,
    { ...changes, ...viewListKeys(next) },
    p.userId,
    { current, auditedFields: [...auditedViewFields] },
  );
};

/** Deletes at `expectedVersion`, or at the version just read when the caller sends none. */
export const deleteView = async (
  p: Principal,
  id: string,
  expectedVersion: number | undefined,
): Promise<void> => {
  const current = await readVisible(p, id);
  requireEditor(p, current);
  await deleteVersioned(subject(id), viewKey(id), expectedVersion ?? current.version, p.userId, {
    current,
    auditedFields: [...auditedViewFields],
  });
};
