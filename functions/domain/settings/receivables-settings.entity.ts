// The tenant's receivables settings (Настройки → Дебиторка), one settings item: how many days
// before a due date the billing contact is reminded, how many days after the overdue alert it
// escalates to the sales managers, and the payment term of an invoice issued without a schedule.
// A tenant that never saved them has the defaults (version 0), docs/invoices.md.
import { z } from 'zod';
import type { Versioned } from '../mutations.ts';

export const receivablesSettingsKey = { pk: 'SETTINGS#receivables', sk: 'RECEIVABLES' } as const;

export type ReceivablesSettings = {
  /** The reminder goes out this many days before the due date (0 = on the day). */
  readonly reminderDaysBefore: number;
  /** The escalation goes out this many days after the overdue alert. */
  readonly escalateAfterDays: number;
  /** An invoice issued without a schedule is due this many days after its issue date. */
  readonly defaultPaymentDays: number;
};

export const defaultReceivablesSettings: ReceivablesSettings = {
  reminderDaysBefore: 3,
  escalateAfterDays: 7,
  defaultPaymentDays: 10,
};

const days = (min: number, max: number) =>
  z
    .number({ error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(min, `at least ${min}`)
    .max(max, `at most ${max}`);

export const updateReceivablesSettingsSchema = z
  .object({
    /** 0 while the tenant has never saved its settings. */
    expectedVersion: z.number({ error: 'must be a number' }).int().min(0),
    reminderDaysBefore: days(0, 30).optional(),
    escalateAfterDays: days(1, 60).optional(),
    defaultPaymentDays: days(0, 365).optional(),
  })
  .strict();

export type ReceivablesSettingsItem = Versioned & ReceivablesSettings;

export const toReceivablesSettingsView = (s: ReceivablesSettings & { readonly version: number }) => ({
  settings: {
    reminderDaysBefore: s.reminderDaysBefore,
    escalateAfterDays: s.escalateAfterDays,
    defaultPaymentDays: s.defaultPaymentDays,
  },
  version: s.version,
});
