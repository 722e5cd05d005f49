// Events about logged activities — calls, meetings and e-mails (Звонок, встреча, письмо) —
// on companies, contacts and deals. The timeline projects them onto every record in
// `timelines`, a generic list of references: a deal's timeline plugs in by its type alone.
import { z } from 'zod';
import { defineEvent } from '../contract.ts';

/** A record whose timeline shows the activity: company, contact, deal (more types may come). */
const timelineRef = z.object({ type: z.string().min(1), id: z.string().min(1) });

export const activitySnapshot = z.object({
  activityId: z.string().min(1),
  kind: z.enum(['call', 'meeting', 'email']),
  /** Every record whose timeline shows it: its company, contacts, their companies, its deal. */
  timelines: z.array(timelineRef).min(1),
  companyId: z.string().min(1).optional(),
  contactIds: z.array(z.string().min(1)),
  /** A deal's id, not yet checked against deals. */
  dealId: z.string().min(1).optional(),
  /** When it happened (a meeting: when it starts); may be in the past (backdated). */
  at: z.iso.datetime(),
  backdated: z.boolean(),
  authorId: z.string().min(1),
  /** What was said or agreed (a call's notes, a meeting's minutes). */
  notes: z.string().optional(),
  call: z
    .object({
      direction: z.enum(['inbound', 'outbound']),
      durationSeconds: z.number().int().min(0),
      outcome: z.enum(['connected', 'no-answer', 'busy', 'voicemail', 'wrong-number']),
    })
    .optional(),
  meeting: z
    .object({
      title: z.string(),
      endAt: z.iso.datetime(),
      place: z.string().optional(),
      /** Staff users taking part (the contacts are `contactIds`). */
      staffIds: z.array(z.string().min(1)),
    })
    .optional(),
  email: z
    .object({ subject: z.string(), body: z.string(), direction: z.enum(['inbound', 'outbound']) })
    .optional(),
  version: z.number().int().positive(),
});

export const activityLoggedV1 = defineEvent({
  detailType: 'activity.logged.v1',
  source: 'crm.activities',
  description: 'A call, meeting or e-mail was logged on companies, contacts and perhaps a deal.',
  schema: z.object({ activity: activitySnapshot, at: z.iso.datetime() }),
});

export const activityUpdatedV1 = defineEvent({
  detailType: 'activity.updated.v1',
  source: 'crm.activities',
  description: 'A logged activity was changed: its details, its date or the records it is linked to.',
  schema: z.object({
    activity: activitySnapshot,
    /** Its date before the change, when it changed. */
    previousAt: z.iso.datetime().optional(),
    /** Timelines it was on before the change and is no longer on. */
    previousTimelines: z.array(timelineRef).optional(),
    actorId: z.string().min(1),
    at: z.iso.datetime(),
  }),
});

export const activityDeletedV1 = defineEvent({
  detailType: 'activity.deleted.v1',
  source: 'crm.activities',
  description: 'A logged activity was deleted; timelines stop showing it.',
  schema: z.object({ activity: activitySnapshot, actorId: z.string().min(1), at: z.iso.datetime() }),
});
