// Lists of invoices (docs/invoices.md "Lists"): all invoices newest first (gsi4 `INVOICES`), a
// company's (gsi5 `COMPANY#<id>#INVOICES`), filtered by owner and by status as the view shows it —
// `overdue` is an issued or partly paid invoice whose earliest open due date (`nextDueDate`,
// kept by every write) is before the tenant's today, and `issued`/`partly_paid` exclude those.
// And the company card's receivables block: its open invoices, the next due installment and
// whether anything is overdue.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decodeBoundCursor, encodeBoundCursor, type Key } from '../../lib/cursor.ts';
import { db, tableName } from '../../lib/dynamo.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import { companyKind } from '../records/record-kinds.ts';
import { readRecord } from '../records/records.ts';
import {
  companyInvoicesPartition,
  type InvoiceItem,
  invoicesPartition,
  isOverdue,
  listInvoicesQuerySchema,
  openInstallments,
} from './invoice.entity.ts';
import { requireInvoiceReader } from './invoice-access.ts';
import { tenantToday } from './invoices.ts';

type Filter = { expression: string; names: Record<string, string>; values: Record<string, unknown> };

/** The FilterExpression of a list's status and owner filters on `today`. */
export const listFilter = (q: { status?: string; ownerId?: string }, today: string): Filter | undefined => {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (q.status) {
    names['#status'] = 'status';
    names['#next'] = 'nextDueDate';
    if (q.status === 'overdue') {
      parts.push('#status IN (:issued, :partly) AND #next < :today');
      Object.assign(values, { ':issued': 'issued', ':partly': 'partly_paid', ':today': today });
    } else if (q.status === 'issued' || q.status === 'partly_paid') {
      parts.push('#status = :status AND (attribute_not_exists(#next) OR #next >= :today)');
      Object.assign(values, { ':status': q.status, ':today': today });
    } else {
      parts.push('#status = :status');
      values[':status'] = q.status;
      delete names['#next'];
    }
  }
  if (q.ownerId) {
    parts.push('#owner = :owner');
    names['#owner'] = 'ownerId';
    values[':owner'] = q.ownerId;
  }
  return parts.length ? { expression: parts.join(' AND '), names, values } : undefined;
};

/** One page of invoices newest first, filled up to `limit` across DynamoDB pages. */
export const listInvoices = async (
  principal: Principal,
  query: unknown,
): Promise<{ items: InvoiceItem[]; nextCursor?: string; today: string }> => {
  requireInvoiceReader(principal);
  const q = parseInput(listInvoicesQuerySchema, query);
  const today = tenantToday();
  const [index, pk] = q.companyId
    ? ['gsi5', companyInvoicesPartition(q.companyId)]
    : ['gsi4', invoicesPartition];
  const scope = JSON.stringify({ index, pk, status: q.status, ownerId: q.ownerId });
  let start: Key | undefined = q.cursor
    ? decodeBoundCursor(q.cursor, {
        scope,
        keyAttributes: ['pk', 'sk', `${index}pk`, `${index}sk`],
        check: (k) => k[`${index}pk`] === pk,
      })
    : undefined;
  const filter = listFilter(q, today);
  const items: InvoiceItem[] = [];
  // With a filter a DynamoDB page may hold fewer matches than asked: read on, never past `limit`.
  for (let round = 0; round < 20 && items.length < q.limit; round++) {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk`,
        ...(filter ? { FilterExpression: filter.expression, ExpressionAttributeNames: filter.names } : {}),
        ExpressionAttributeValues: { ':pk': pk, ...(filter?.values ?? {}) },
        ScanIndexForward: false,
        Limit: q.limit - items.length,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...((page.Items ?? []) as InvoiceItem[]));
    start = page.LastEvaluatedKey as Key | undefined;
    if (!start) break;
  }
  return { items, ...(start ? { nextCursor: encodeBoundCursor(start, scope) } : {}), today };
};

/**
 * The company card's block: its issued and partly paid invoices, the next installment due among
 * them (the earliest open one, overdue or not), whether anything is overdue, and what is owed per
 * currency. A company's invoices are few; they are read from its gsi5 partition, filtered.
 */
export const companyReceivables = async (principal: Principal, companyId: string) => {
  requireInvoiceReader(principal);
  await readRecord(companyKind, companyId);
  const today = tenantToday();
  const open: InvoiceItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi5',
        KeyConditionExpression: 'gsi5pk = :pk',
        FilterExpression: '#status IN (:issued, :partly)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':pk': companyInvoicesPartition(companyId),
          ':issued': 'issued',
          ':partly': 'partly_paid',
        },
        ScanIndexForward: false,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    open.push(...((page.Items ?? []) as InvoiceItem[]));
    start = page.LastEvaluatedKey;
  } while (start && open.length < 1000);
  const installments = open
    .flatMap((i) =>
      openInstallments(i.installments).map((x) => ({
        invoiceId: i.id,
        number: i.number as string,
        n: x.n,
        dueDate: x.dueDate,
        amount: x.amount,
        paid: x.paid,
        outstanding: x.amount - x.paid,
        currency: i.currency,
        overdue: x.dueDate < today,
      })),
    )
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.number < b.number ? -1 : 1));
  const outstanding = new Map<string, number>();
  const overdueAmount = new Map<string, number>();
  for (const x of installments) {
    outstanding.set(x.currency, (outstanding.get(x.currency) ?? 0) + x.outstanding);
    if (x.overdue) overdueAmount.set(x.currency, (overdueAmount.get(x.currency) ?? 0) + x.outstanding);
  }
  return {
    today,
    openInvoices: open,
    nextDue: installments[0],
    overdue: open.some((i) => isOverdue(i, today)),
    outstanding: [...outstanding].map(([currency, amount]) => ({ amount, currency })),
    overdueAmount: [...overdueAmount].map(([currency, amount]) => ({ amount, currency })),
  };
};
