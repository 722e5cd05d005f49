// Events of the receivables automation (docs/invoices.md): the daily schedule that starts the
// run which reminds billing contacts, alerts managers and escalates missed installments.
import { z } from 'zod';
import { defineEvent } from '../contract.ts';

export const receivablesDailyRunDueV1 = defineEvent({
  detailType: 'receivables.daily-run-due.v1',
  source: 'crm.scheduler',
  description:
    'Put on the bus every morning (tenant time zone) by a schedule: remind, alert and escalate open installments.',
  schema: z.object({ schedule: z.string() }),
});
