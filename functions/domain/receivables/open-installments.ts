// The open set of installments (docs/invoices.md "Index items"): every installment of an issued
// invoice that is not fully paid carries gsi3 `INSTALLMENTS#OPEN` / `<dueDate>#<invoiceId>#<nn>`
// (the invoices code keeps it in the issue's and the payments' transactions). These are the two
// ways the automation and the reports read it: Queries, page by page, never a Scan.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../lib/dynamo.ts';
import {
  dueOnOrBeforeBound,
  type InstallmentItem,
  installmentKey,
  openInstallmentsPartition,
} from '../invoices/invoice.entity.ts';

const queryOpen = async function* (dueBy: string | undefined): AsyncGenerator<InstallmentItem> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: dueBy === undefined ? 'gsi3pk = :pk' : 'gsi3pk = :pk AND gsi3sk <= :bound',
        ExpressionAttributeValues: {
          ':pk': openInstallmentsPartition,
          ...(dueBy === undefined ? {} : { ':bound': dueOnOrBeforeBound(dueBy) }),
        },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) yield item as InstallmentItem;
    start = page.LastEvaluatedKey;
  } while (start);
};

/** Open installments due on or before `date` (YYYY-MM-DD), earliest due first. */
export const listOpenInstallmentsDueBy = (date: string): AsyncGenerator<InstallmentItem> => queryOpen(date);

/** Every open installment, earliest due first (aging, expected cash). */
export const listOpenInstallments = (): AsyncGenerator<InstallmentItem> => queryOpen(undefined);

/**
 * The installment's index item as it is now (a strongly consistent read of the table, not the
 * index): undefined when it is gone, and without gsi3 keys once it left the open set.
 */
export const readInstallment = async (invoiceId: string, n: number): Promise<InstallmentItem | undefined> =>
  (
    await db.send(
      new GetCommand({ TableName: tableName, Key: installmentKey(invoiceId, n), ConsistentRead: true }),
    )
  ).Item as InstallmentItem | undefined;

/** Whether the installment (as just read) is still open: in the open set and not fully paid. */
export const isStillOpen = (item: InstallmentItem | undefined): item is InstallmentItem =>
  item !== undefined && item.gsi3pk === openInstallmentsPartition && item.paid < item.amount;
