// The kanban board of a pipeline and the list of deals. A board column is one gsi1 partition
// (the open deals of a stage, by when they entered it), read whole up to a cap: its totals —
// count, sum and weighted sum (sum × the stage's probability) in the tenant's currency — are
// over every deal of the column that passes the filters, the cards are the first `limit`.
// The list pages through all deals (gsi4, newest first) or one owner's (gsi2, by expected
// close date) with bound cursors.
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { now } from '../../lib/clock.ts';
import { decodeBoundCursor, encodeBoundCursor } from '../../lib/cursor.ts';
import { db, tableName } from '../../lib/dynamo.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import type { PipelineItem } from '../pipelines/pipeline.entity.ts';
import { readPipeline } from '../pipelines/pipelines.ts';
import { requireRecordReader } from '../records/access.ts';
import { leadSources } from '../records/value-lists.ts';
import { readRates } from './currency-rates.ts';
import { allDeals, type DealItem, dealStatuses, ownerDeals, stageColumn, toDealView } from './deal.entity.ts';
import { totalsOf } from './money.ts';

/** Deals read per column at most; a column past it says its totals are partial. */
export const columnCap = 2000;

const dateOnly = z.iso.date({ error: 'must be a date, YYYY-MM-DD' });

const filterFields = {
  owner: z.string().min(1).max(100).optional(),
  source: z.enum(leadSources).optional(),
  /** Expected close date from / to (inclusive). */
  from: dateOnly.optional(),
  to: dateOnly.optional(),
};

export const boardQuerySchema = z
  .object({ ...filterFields, limit: z.coerce.number().int().min(1).max(200).default(50) })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });

type Filters = { owner?: string; source?: string; from?: string; to?: string };

const passes = (d: DealItem, f: Filters): boolean =>
  (!f.owner || d.ownerId === f.owner) &&
  (!f.source || d.source === f.source) &&
  (!f.from || (d.expectedCloseDate !== undefined && d.expectedCloseDate >= f.from)) &&
  (!f.to || (d.expectedCloseDate !== undefined && d.expectedCloseDate <= f.to));

const readColumn = async (
  gsi1pk: string,
  forward: boolean,
): Promise<{ items: DealItem[]; partial: boolean }> => {
  const items: DealItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1pk },
        ScanIndexForward: forward,
        Limit: columnCap - items.length,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...((page.Items ?? []) as DealItem[]));
    start = page.LastEvaluatedKey;
  } while (start && items.length < columnCap);
  return { items, partial: start !== undefined };
};

export const readBoard = async (principal: Principal, pipelineId: string, query: unknown) => {
  requireRecordReader(principal);
  const q = parseInput(boardQuerySchema, query);
  const [pipeline, rates] = await Promise.all([readPipeline(pipelineId), readRates()]);
  const at = now();
  const columns = await Promise.all(
    pipeline.stages.map(async (stage) => {
      const { items, partial } = await readColumn(stageColumn(pipeline.id, stage.id), true);
      const deals = items.filter((d) => passes(d, q));
      return {
        stage,
        totals: totalsOf(deals, stage.probability, rates),
        partial,
        deals: deals.slice(0, q.limit).map((d) => toDealView(d, at, stage)),
        more: deals.length > q.limit,
      };
    }),
  );
  const sum = (k: 'count' | 'sum' | 'weighted') => columns.reduce((a, c) => a + c.totals[k], 0);
  return {
    pipeline: { id: pipeline.id, name: pipeline.name, version: pipeline.version },
    columns,
    totals: { count: sum('count'), sum: sum('sum'), weighted: sum('weighted'), currency: rates.base },
  };
};

export const listQuerySchema = z
  .object({
    ...filterFields,
    status: z.enum(dealStatuses).optional(),
    pipeline: z.string().min(1).max(40).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(2000).optional(),
  })
  .strict();

/** Deals of the list: one owner's by expected close date, or all by creation, newest first. */
export const listDeals = async (principal: Principal, query: unknown) => {
  requireRecordReader(principal);
  const q = parseInput(listQuerySchema, query);
  const byOwner = q.owner !== undefined;
  const index = byOwner ? 'gsi2' : 'gsi4';
  const pk = byOwner ? ownerDeals(q.owner as string) : allDeals;
  const scope = JSON.stringify({ index, pk, ...q, limit: undefined, cursor: undefined });
  const binding = {
    scope,
    keyAttributes: ['pk', 'sk', `${index}pk`, `${index}sk`],
    check: (k: Record<string, string | number>) => k[`${index}pk`] === pk,
  };
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':pk': pk };
  const filters: string[] = [];
  const add = (field: string, op: string, value: unknown) => {
    const i = filters.length;
    names[`#f${i}`] = field;
    values[`:f${i}`] = value;
    filters.push(`#f${i} ${op} :f${i}`);
  };
  if (q.status) add('status', '=', q.status);
  if (q.pipeline) add('pipelineId', '=', q.pipeline);
  if (q.source) add('source', '=', q.source);
  if (q.from) add('expectedCloseDate', '>=', q.from);
  if (q.to) add('expectedCloseDate', '<=', q.to);
  const input: QueryCommandInput = {
    TableName: tableName,
    IndexName: index,
    KeyConditionExpression: `${index}pk = :pk`,
    ExpressionAttributeValues: values,
    ...(filters.length ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names } : {}),
    ScanIndexForward: byOwner,
  };
  const items: DealItem[] = [];
  let start = q.cursor ? decodeBoundCursor(q.cursor, binding) : undefined;
  // At most 3 pages a request: a filtered list may answer short, with a cursor to go on.
  for (let page = 0; page < 3 && items.length < q.limit; page++) {
    const result = await db.send(
      new QueryCommand({
        ...input,
        Limit: filters.length ? 500 : q.limit - items.length,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    const found = (result.Items ?? []) as DealItem[];
    const room = q.limit - items.length;
    items.push(...found.slice(0, room));
    start = result.LastEvaluatedKey as typeof start;
    if (found.length > room || (items.length >= q.limit && start)) {
      // The page ends at the last deal shown; the next one starts after it.
      const last = items.at(-1) as DealItem & Record<string, string>;
      start = {
        pk: last.pk,
        sk: last.sk,
        [`${index}pk`]: last[`${index}pk`],
        [`${index}sk`]: last[`${index}sk`],
      } as typeof start;
      break;
    }
    if (!start) break;
  }
  const pipelines = new Map<string, PipelineItem | undefined>();
  for (const d of items)
    if (!pipelines.has(d.pipelineId))
      pipelines.set(d.pipelineId, await readPipeline(d.pipelineId).catch(() => undefined));
  const at = now();
  const more = start !== undefined;
  return {
    items: items.map((d) =>
      toDealView(
        d,
        at,
        pipelines.get(d.pipelineId)?.stages.find((s) => s.id === d.stageId),
      ),
    ),
    ...(more && start ? { nextCursor: encodeBoundCursor(start as Record<string, string>, scope) } : {}),
  };
};
