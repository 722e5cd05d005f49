// Events about companies and contacts as records (not their fields: those are in the audit).
import { z } from 'zod';
import { defineEvent } from '../contract.ts';

export const mergeRelinkRequestedV1 = defineEvent({
  detailType: 'merge.relink-requested.v1',
  source: 'crm.records',
  description:
    'A merge left links to move from the duplicate to the survivor (contacts, files, notes, timeline entries); each slice of the work asks for the next.',
  schema: z.object({
    type: z.enum(['company', 'contact']),
    duplicateId: z.string().min(1),
    survivorId: z.string().min(1),
    /** The slice of the job to run; a redelivered or overtaken slice is skipped. */
    slice: z.number().int().min(0),
    at: z.iso.datetime(),
  }),
});
