// One page of an index-backed list, with its DynamoDB calls passed in (tests count them): Query
// pages until the page is full, within the read budget, and the key the next page starts after.
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Key } from '../../lib/cursor.ts';
import { type IndexPlan, queryOf, startKeyAttributes } from './list-query.ts';

type Item = Record<string, unknown>;

/** At most this many Query pages (each up to 1 MB) per request. */
export const readBudgetPages = 3;

/**
 * The Limit of the n-th Query page. Without a filter every item read is a row: read one more
 * than is missing, which tells whether another page follows. With one, the first page reads a few
 * times what is missing (a common filter fills the page at a fraction of 1 MB); later pages read
 * up to 1 MB each.
 */
export const pageLimit = (plan: IndexPlan, missing: number, page: number): number | undefined =>
  !plan.filter ? missing + 1 : page === 0 ? Math.min(1000, (missing + 1) * 4) : undefined;

export type QuerySender = (input: QueryCommandInput) => Promise<{ Items?: Item[]; LastEvaluatedKey?: Item }>;

/** Rows of an index plan from `start`, with the key the next page starts after. */
export const readIndexPage = async (
  plan: IndexPlan,
  limit: number,
  start: Key | undefined,
  send: QuerySender,
  table: string,
): Promise<{ rows: Item[]; next?: Key }> => {
  const rows: Item[] = [];
  let exclusiveStart: Item | undefined = start;
  for (let page = 0; page < readBudgetPages; page++) {
    const Limit = pageLimit(plan, limit - rows.length, page);
    const result = await send({
      ...queryOf(plan, table),
      ...(exclusiveStart ? { ExclusiveStartKey: exclusiveStart } : {}),
      ...(Limit ? { Limit } : {}),
    });
    rows.push(...(result.Items ?? []));
    if (rows.length > limit) {
      // Full: the next page starts after the last row shown.
      const last = rows[limit - 1] as Item;
      const next = Object.fromEntries(startKeyAttributes(plan).map((a) => [a, last[a] as string]));
      return { rows: rows.slice(0, limit), next };
    }
    exclusiveStart = result.LastEvaluatedKey;
    if (!exclusiveStart) return { rows };
  }
  return { rows, next: exclusiveStart as Key };
};
