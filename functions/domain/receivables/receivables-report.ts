// GET /api/reports/receivables: reads the whole open set of installments through gsi3 (a
// paginated Query) and the stored currency rates, and ages them as of a date (aging.ts).
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { now } from '../../lib/clock.ts';
import { db, tableName } from '../../lib/dynamo.ts';
import { tenantConfig } from '../../lib/env.ts';
import { Forbidden } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { localDate } from '../../lib/time-zone.ts';
import { parseInput } from '../../lib/validation.ts';
import { readRates } from '../deals/currency-rates.ts';
import type { InstallmentItem } from '../invoices/invoice.entity.ts';
import { requireRecordReader } from '../records/access.ts';
import { type UserItem, userKey } from '../users/user.entity.ts';
import { buildReceivablesReport, type ReceivablesReport } from './aging.ts';
import { listOpenInstallments } from './open-installments.ts';

export const receivablesQuerySchema = z
  .object({ asOf: z.iso.date({ error: 'must be a date, YYYY-MM-DD' }).optional() })
  .strict();

const ownerNames = async (ownerIds: readonly string[]): Promise<Map<string, string>> => {
  const names = new Map<string, string>();
  for (let i = 0; i < ownerIds.length; i += 100) {
    let keys: Record<string, unknown>[] = ownerIds.slice(i, i + 100).map(userKey);
    for (let attempt = 0; keys.length > 0 && attempt < 6; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const result = await db.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }));
      for (const u of (result.Responses?.[tableName] ?? []) as UserItem[]) names.set(u.userId, u.name);
      keys = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return names;
};

/** Who may read the report: every role but marketing (docs/invoices.md "Roles"). */
const requireReportReader = (principal: Principal): void => {
  requireRecordReader(principal);
  if (
    !principal.roles.some((r) => r === 'admin' || r === 'sales-manager' || r === 'sales' || r === 'support')
  )
    throw new Forbidden('Your role may not read invoices or receivables.');
};

/** GET /api/reports/receivables?asOf=YYYY-MM-DD (default: today in the tenant's time zone). */
export const readReceivablesReport = async (
  principal: Principal,
  query: unknown,
): Promise<ReceivablesReport> => {
  requireReportReader(principal);
  const { asOf = localDate(now(), tenantConfig().timezone) } = parseInput(receivablesQuerySchema, query);
  const installments: InstallmentItem[] = [];
  const [rates] = await Promise.all([
    readRates(),
    (async () => {
      for await (const i of listOpenInstallments()) installments.push(i);
    })(),
  ]);
  const report = buildReceivablesReport(installments, asOf, rates);
  const names = await ownerNames(report.managers.map((m) => m.ownerId));
  return {
    ...report,
    managers: report.managers.map((m) => {
      const ownerName = names.get(m.ownerId);
      return ownerName ? { ...m, ownerName } : m;
    }),
  };
};
