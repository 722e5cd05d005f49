// The receivables report (docs/invoices.md "Receivables reports"): from the open installments,
// the outstanding amount (amount − paid) in aging buckets by days past due — current (not yet
// due), 1-30, 31-60, 61-90, 90+ — in total, per company and per manager (top 50 each), in the
// tenant's currency (other currencies at the stored rates); and the cash expected per ISO week
// (Monday dates) for the next 12 weeks from the due dates, overdue amounts in the first week's
// `overdue`. Pure: receivables-report.ts reads the open set and the rates and calls it.
import { addDays, weekday } from '../../lib/time-zone.ts';
import { convert, type Rates } from '../deals/money.ts';
import type { InstallmentItem } from '../invoices/invoice.entity.ts';
import { daysPastDue } from './steps.ts';

export const agingBuckets = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type AgingBucket = (typeof agingBuckets)[number];
export type Buckets = Record<AgingBucket, number>;

export const topRows = 50;
export const cashWeeks = 12;

/** The bucket of an amount `days` past due (0 or less: not yet due). */
export const bucketOf = (days: number): AgingBucket =>
  days <= 0 ? 'current' : days <= 30 ? '1-30' : days <= 60 ? '31-60' : days <= 90 ? '61-90' : '90+';

/** The Monday of the ISO week of `date`. */
export const weekStart = (date: string): string => addDays(date, -((weekday(date) + 6) % 7));

const emptyBuckets = (): Buckets => ({ current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0 });

export type ReportInstallment = Pick<
  InstallmentItem,
  'invoiceId' | 'n' | 'dueDate' | 'amount' | 'paid' | 'companyId' | 'companyName' | 'ownerId' | 'currency'
>;

export type AgingRow = { outstanding: number; buckets: Buckets; installments: number };
export type CompanyRow = AgingRow & { companyId: string; companyName: string };
export type ManagerRow = AgingRow & { ownerId: string; ownerName?: string };
export type CashWeek = { weekStart: string; expected: number; overdue: number };

export type ReceivablesReport = {
  asOf: string;
  currency: string;
  total: AgingRow;
  companies: CompanyRow[];
  companyCount: number;
  managers: ManagerRow[];
  managerCount: number;
  expectedCash: CashWeek[];
  /** Due after the 12 weeks. */
  expectedLater: number;
  /** Outstanding amounts in currencies without a stored rate: not in any figure above. */
  unconverted: { currency: string; amount: number }[];
};

const add = (row: AgingRow, bucket: AgingBucket, amount: number) => {
  row.outstanding += amount;
  row.buckets[bucket] += amount;
  row.installments += 1;
};

const top = <T extends AgingRow>(rows: Iterable<T>): T[] =>
  [...rows].sort((a, b) => b.outstanding - a.outstanding).slice(0, topRows);

export const buildReceivablesReport = (
  installments: Iterable<ReportInstallment>,
  asOf: string,
  rates: Rates,
): ReceivablesReport => {
  const total: AgingRow = { outstanding: 0, buckets: emptyBuckets(), installments: 0 };
  const companies = new Map<string, CompanyRow>();
  const managers = new Map<string, ManagerRow>();
  const unconverted = new Map<string, number>();
  const firstWeek = weekStart(asOf);
  const weeks: CashWeek[] = Array.from({ length: cashWeeks }, (_, i) => ({
    weekStart: addDays(firstWeek, 7 * i),
    expected: 0,
    overdue: 0,
  }));
  const afterWeeks = addDays(firstWeek, 7 * cashWeeks);
  let expectedLater = 0;

  for (const i of installments) {
    const owed = i.amount - i.paid;
    if (owed <= 0) continue;
    const amount = convert({ amount: owed, currency: i.currency }, rates);
    if (amount === undefined) {
      unconverted.set(i.currency, (unconverted.get(i.currency) ?? 0) + owed);
      continue;
    }
    const bucket = bucketOf(daysPastDue(i.dueDate, asOf));
    add(total, bucket, amount);
    let company = companies.get(i.companyId);
    if (!company) {
      company = {
        companyId: i.companyId,
        companyName: i.companyName,
        outstanding: 0,
        buckets: emptyBuckets(),
        installments: 0,
      };
      companies.set(i.companyId, company);
    }
    add(company, bucket, amount);
    let manager = managers.get(i.ownerId);
    if (!manager) {
      manager = { ownerId: i.ownerId, outstanding: 0, buckets: emptyBuckets(), installments: 0 };
      managers.set(i.ownerId, manager);
    }
    add(manager, bucket, amount);

    const first = weeks[0] as CashWeek;
    if (i.dueDate < asOf) first.overdue += amount;
    else if (i.dueDate >= afterWeeks) expectedLater += amount;
    else {
      const week = weeks[Math.floor(daysPastDue(firstWeek, i.dueDate) / 7)] as CashWeek;
      week.expected += amount;
    }
  }
  return {
    asOf,
    currency: rates.base,
    total,
    companies: top(companies.values()),
    companyCount: companies.size,
    managers: top(managers.values()),
    managerCount: managers.size,
    expectedCash: weeks,
    expectedLater,
    unconverted: [...unconverted].map(([currency, amount]) => ({ currency, amount })),
  };
};
