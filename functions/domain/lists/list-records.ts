// Reads one page of a companies or contacts list (docs/customer-base.md "Lists"): Queries the
// planned index page by page until the page is full, within a read budget of three Query pages,
// so a selective filter cannot make one request read the whole base; the client follows
// `nextCursor` (a page may hold fewer rows than asked for). The total comes from the counters
// when one of them counts exactly this list, read beside the first Query.
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decodeBoundCursor, encodeBoundCursor } from '../../lib/cursor.ts';
import { db, tableName } from '../../lib/dynamo.ts';
import { type CompanyItem, companyPartition, toCompanyView } from '../companies/company.entity.ts';
import {
  type ContactItem,
  companyContactLinkPrefix,
  contactKey,
  toContactView,
} from '../contacts/contact.entity.ts';
import { readCounts } from '../stats/counters.ts';
import {
  type CompanyContactsPlan,
  type IndexPlan,
  isStartKeyOf,
  type ListPlan,
  type ListRequest,
  matchesFilters,
  planList,
  startKeyAttributes,
  type TotalSource,
} from './list-query.ts';
import { readIndexPage } from './read-pages.ts';

export type ListPage<T> = {
  readonly items: T[];
  readonly nextCursor?: string;
  readonly total?: number;
  readonly totalIsExact: boolean;
};

type Item = Record<string, unknown>;

const viewOf = (request: ListRequest) => (item: Item) =>
  request.type === 'company' ? toCompanyView(item as CompanyItem) : toContactView(item as ContactItem);

const totalFor = async (
  request: ListRequest,
  source: TotalSource | undefined,
): Promise<number | undefined> => {
  if (!source) return undefined;
  const counts = await readCounts(request.type);
  if (source.kind === 'all') return counts.total;
  return source.kind === 'owner' ? counts.owner(source.ownerId) : counts.stage(source.stage);
};

const listByIndex = async (request: ListRequest, plan: IndexPlan & ListPlan) => {
  const start = request.cursor
    ? decodeBoundCursor(request.cursor, {
        scope: plan.scope,
        keyAttributes: startKeyAttributes(plan),
        check: (key) => isStartKeyOf(plan, key),
      })
    : undefined;
  const [page, total] = await Promise.all([
    readIndexPage(plan, request.limit, start, (input) => db.send(new QueryCommand(input)), tableName),
    totalFor(request, plan.total),
  ]);
  return { page, total };
};

/** The contacts of one company: its link items, then the contacts by id, filtered and sorted here. */
const maxCompanyContacts = 2000;

const companyContactsPage = async (request: ListRequest, plan: CompanyContactsPlan & ListPlan, now: Date) => {
  const ids: string[] = [];
  let start: Item | undefined;
  do {
    const result = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': companyPartition(plan.companyId),
          ':prefix': companyContactLinkPrefix,
        },
        ProjectionExpression: 'contactId',
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const link of result.Items ?? []) if (typeof link.contactId === 'string') ids.push(link.contactId);
    start = result.LastEvaluatedKey;
  } while (start && ids.length < maxCompanyContacts);
  const contacts: Item[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    let keys = ids.slice(i, i + 100).map((id) => contactKey(id));
    for (let attempt = 0; keys.length > 0 && attempt < 6; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
      const result = await db.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }));
      contacts.push(...(result.Responses?.[tableName] ?? []));
      keys = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as typeof keys;
    }
  }
  const sorted = contacts
    .filter((c) => !c.deletedAt && !c.mergedInto && matchesFilters(c, request.filters, now))
    .sort((a, b) => {
      const x = String(a[plan.sortAttribute] ?? '');
      const y = String(b[plan.sortAttribute] ?? '');
      return (x < y ? -1 : x > y ? 1 : 0) * (plan.forward ? 1 : -1);
    });
  const offset = request.cursor
    ? Number(
        decodeBoundCursor(request.cursor, {
          scope: plan.scope,
          keyAttributes: ['offset'],
          check: (key) => typeof key.offset === 'number',
        }).offset,
      )
    : 0;
  const rows = sorted.slice(offset, offset + request.limit);
  const nextOffset = offset + rows.length;
  return {
    rows,
    ...(nextOffset < sorted.length ? { next: { offset: nextOffset } } : {}),
    total: sorted.length,
  };
};

/** One page of a list. */
export const listRecords = async (request: ListRequest, now: Date): Promise<ListPage<unknown>> => {
  const plan = planList(request, now);
  const view = viewOf(request);
  if (plan.kind === 'company-contacts') {
    const { rows, next, total } = await companyContactsPage(request, plan, now);
    return {
      items: rows.map(view),
      ...(next ? { nextCursor: encodeBoundCursor(next, plan.scope) } : {}),
      total,
      totalIsExact: true,
    };
  }
  const { page, total } = await listByIndex(request, plan);
  // A first page that holds the whole list counts it exactly, counters or not.
  const complete = !request.cursor && !page.next;
  const exact = complete ? page.rows.length : total;
  return {
    items: page.rows.map(view),
    ...(page.next ? { nextCursor: encodeBoundCursor(page.next, plan.scope) } : {}),
    ...(exact !== undefined ? { total: exact } : {}),
    totalIsExact: exact !== undefined,
  };
};
