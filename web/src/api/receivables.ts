// Receivables (docs/invoices.md "Receivables reports", "Reminders"): the aging of what is owed and the
// cash expected per week (/api/reports/receivables), a company card's block of open invoices
// (/api/companies/{id}/receivables), and the organisation's reminder settings
// (/api/settings/receivables: everyone reads, administrators change them at the version read).
import type {
  AgingBucket,
  CashWeek,
  CompanyRow,
  ManagerRow,
  ReceivablesReport,
} from '../../../functions/domain/receivables/aging.ts';
import type { ReceivablesSettings } from '../../../functions/domain/settings/receivables-settings.entity.ts';
import type { HttpClient } from './http-client.ts';
import type { Invoice } from './invoices.ts';

export type { ReceivablesSettings };
export type ReceivablesSettingsRead = { settings: ReceivablesSettings; version: number };

export type { AgingBucket, CashWeek, CompanyRow, ManagerRow, ReceivablesReport };

/** The buckets in order, mirrored from the domain's (aging.ts) so no server code reaches the bundle. */
export const agingBuckets = [
  'current',
  '1-30',
  '31-60',
  '61-90',
  '90+',
] as const satisfies readonly AgingBucket[];
// Fails to compile when the domain adds a bucket this list misses.
const everyBucket: Record<Exclude<AgingBucket, (typeof agingBuckets)[number]>, never> = {};
void everyBucket;

export type Money = { readonly amount: number; readonly currency: string };

/** The installment due first among a company's open invoices (overdue when its date has passed). */
export type NextDue = {
  readonly invoiceId: string;
  readonly number: string;
  readonly n: number;
  readonly dueDate: string;
  readonly amount: number;
  readonly paid: number;
  readonly outstanding: number;
  readonly currency: string;
  readonly overdue: boolean;
};

export type CompanyReceivables = {
  readonly openInvoices: readonly Invoice[];
  readonly nextDue?: NextDue;
  readonly overdue: boolean;
  /** Per currency. */
  readonly outstanding: readonly Money[];
  readonly overdueAmount: readonly Money[];
};

export type ReceivablesApi = {
  report: (asOf?: string, signal?: AbortSignal) => Promise<ReceivablesReport>;
  forCompany: (companyId: string) => Promise<CompanyReceivables>;
  settings: () => Promise<ReceivablesSettingsRead>;
  /** Rejects with ApiError 409 StaleVersion when another administrator saved first. */
  saveSettings: (
    expectedVersion: number,
    changes: Partial<ReceivablesSettings>,
  ) => Promise<ReceivablesSettingsRead>;
};

export const receivablesApi = (http: HttpClient): ReceivablesApi => ({
  report: (asOf, signal) =>
    http.request<ReceivablesReport>('GET', '/api/reports/receivables', {
      query: { asOf },
      ...(signal ? { signal } : {}),
    }),
  forCompany: (companyId) =>
    http.request<CompanyReceivables>('GET', `/api/companies/${encodeURIComponent(companyId)}/receivables`),
  settings: () => http.request<ReceivablesSettingsRead>('GET', '/api/settings/receivables'),
  saveSettings: (expectedVersion, changes) =>
    http.request<ReceivablesSettingsRead>('PUT', '/api/settings/receivables', {
      body: { expectedVersion, ...changes },
    }),
});
