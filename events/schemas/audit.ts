// Events about the audit trail: every audit entry written to the table is published, so that
// projections (the timeline) and later consumers (reports, alerts) need not read the table.
import { z } from 'zod';
import { defineEvent } from '../contract.ts';

const ref = z.object({ type: z.string().min(1), id: z.string().min(1) });

export const auditRecordedV1 = defineEvent({
  detailType: 'audit.recorded.v1',
  source: 'crm.audit',
  description:
    'An audit entry was written: who did what (created, updated, deleted, restored, merged, purged…) to which item, with the fields changed from what to what.',
  schema: z.object({
    /** Unique per entry (the ULID of its sort key): consumers key their side effects by it. */
    entryId: z.string().min(1),
    /** The entity of the item: company, contact, note, attachment, user, … */
    subject: z.string().min(1),
    subjectId: z.string().min(1),
    /** created, updated, deleted, restored, merged, purged; producers may add more. */
    action: z.string().min(1),
    actorId: z.string(),
    /** When the write happened. */
    at: z.iso.datetime(),
    /** When the recorded fact happened, if dated by the user. */
    effectiveAt: z.iso.datetime().optional(),
    backdated: z.boolean(),
    changes: z.array(
      z.object({ field: z.string(), from: z.unknown().optional(), to: z.unknown().optional() }),
    ),
    /** True when the changes were too large for an event: read the audit item for them. */
    changesOmitted: z.boolean(),
    relatedTo: z.array(ref).optional(),
    merge: z.object({ survivorId: z.string().min(1), duplicateId: z.string().min(1) }).optional(),
  }),
});
