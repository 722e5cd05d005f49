// Pipelines: anyone with a role reads them; admins create, change and remove them. A stage
// that still holds open deals cannot be removed, nor a pipeline that holds any deal: the
// refusal says how many and where, so the admin knows what to move first.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { db, tableName } from '../../lib/dynamo.ts';
import { tenantConfig } from '../../lib/env.ts';
import { Conflict, Forbidden, NotFound, StageInUse } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import { closedColumn, stageColumn } from '../deals/deal.entity.ts';
import { createVersioned, deleteVersioned, updateVersioned } from '../mutations.ts';
import { requireRecordReader } from '../records/access.ts';
import {
  createPipelineSchema,
  defaultPipeline,
  defaultPipelineId,
  type PipelineItem,
  pipelineIndexKeys,
  pipelineKey,
  pipelineList,
  updatePipelineSchema,
  withStageIds,
} from './pipeline.entity.ts';

const audited = ['name', 'order', 'stages'];

const requireAdmin = (principal: Principal): void => {
  requireRecordReader(principal);
  if (!principal.roles.includes('admin')) throw new Forbidden('Only an administrator may change pipelines.');
};

export const readPipeline = async (id: string): Promise<PipelineItem> => {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: pipelineKey(id) }));
  if (!Item) throw new NotFound('pipeline', id);
  return Item as PipelineItem;
};

const queryPipelines = async (): Promise<PipelineItem[]> => {
  const items: PipelineItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: pipelineList.indexName,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': pipelineList.pk },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...((page.Items ?? []) as PipelineItem[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

/**
 * The tenant's pipelines in order. A tenant without any gets the default one, written
 * conditionally under a fixed id, so two first readers create it once.
 */
export const listPipelines = async (principal: Principal): Promise<PipelineItem[]> => {
  requireRecordReader(principal);
  const found = await queryPipelines();
  if (found.length > 0) return found;
  const attributes = { id: defaultPipelineId, ...defaultPipeline(tenantConfig().locale) };
  await createVersioned(
    { entity: 'pipeline', id: defaultPipelineId },
    pipelineKey(defaultPipelineId),
    { ...attributes, ...pipelineIndexKeys(attributes) },
    'system',
    { auditedFields: audited },
  );
  return [await readPipeline(defaultPipelineId)];
};

export const createPipeline = async (principal: Principal, body: unknown): Promise<PipelineItem> => {
  requireAdmin(principal);
  const input = parseInput(createPipelineSchema, body);
  const id = ulid();
  const attributes = { id, name: input.name, order: input.order, stages: withStageIds(input.stages) };
  const { item } = await createVersioned(
    { entity: 'pipeline', id },
    pipelineKey(id),
    { ...attributes, ...pipelineIndexKeys(attributes) },
    principal.userId,
    { auditedFields: audited },
  );
  return item as PipelineItem;
};

/** How many deals sit in a board column (an index partition, counted without reading items). */
const countColumn = async (gsi1pk: string): Promise<number> => {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1pk },
        Select: 'COUNT',
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
};

export const updatePipeline = async (
  principal: Principal,
  id: string,
  body: unknown,
): Promise<PipelineItem> => {
  requireAdmin(principal);
  const current = await readPipeline(id);
  const { expectedVersion, ...change } = parseInput(updatePipelineSchema, body);
  const changes: Record<string, unknown> = { ...change };
  if (change.stages) {
    const stages = withStageIds(
      change.stages,
      current.stages.map((s) => s.id),
    );
    const removed = current.stages.filter((s) => !stages.some((n) => n.id === s.id));
    const held = await Promise.all(
      removed.map(async (s) => ({ stage: s, count: await countColumn(stageColumn(id, s.id)) })),
    );
    const blocking = held.filter((h) => h.count > 0);
    if (blocking.length > 0)
      throw new StageInUse(
        current.name,
        blocking.map((b) => ({ id: b.stage.id, name: b.stage.name, count: b.count })),
      );
    changes.stages = stages;
  }
  const order = change.order ?? current.order;
  return updateVersioned<PipelineItem>(
    { entity: 'pipeline', id },
    pipelineKey(id),
    expectedVersion,
    { ...changes, ...pipelineIndexKeys({ id, order }) },
    principal.userId,
    { current, auditedFields: audited },
  );
};

/** Removes a pipeline that holds no deal at all (open, won or lost). */
export const deletePipeline = async (
  principal: Principal,
  id: string,
  expectedVersion: number,
): Promise<void> => {
  requireAdmin(principal);
  const current = await readPipeline(id);
  const counts = await Promise.all([
    ...current.stages.map((s) => countColumn(stageColumn(id, s.id))),
    countColumn(closedColumn(id, 'won')),
    countColumn(closedColumn(id, 'lost')),
  ]);
  const total = counts.reduce((a, b) => a + b, 0);
  if (total > 0)
    throw new Conflict(
      `Pipeline «${current.name}» still holds ${total} deal${total === 1 ? '' : 's'}; move them to another pipeline first.`,
    );
  const all = await queryPipelines();
  if (all.length <= 1) throw new Conflict('The last pipeline cannot be removed.');
  await deleteVersioned({ entity: 'pipeline', id }, pipelineKey(id), expectedVersion, principal.userId, {
    auditedFields: audited,
  });
};
