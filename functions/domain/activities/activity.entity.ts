// A logged activity (Активность): a call (Звонок), a meeting (Встреча) or an e-mail (Письмо),
// linked to a company, contacts and perhaps a deal. One item per activity; the records whose
// timelines show it (`timelines`: its company, its contacts and their companies, its deal) get
// it through activity.*.v1 events (project-timeline). Like notes, an activity may be dated in
// the past ("backdated", marked in its audit entry); unlike notes, a meeting may be planned
// ahead. A meeting's staff participants each get an attendee item in the meeting's partition,
// listed by gsi2 (`MEETINGS#ATTENDEE#<userId>` by start), which is what their calendar feed reads.
import { z } from 'zod';
import type { activitySnapshot } from '../../../events/schemas/activities.ts';
import type { ItemKey, Versioned } from '../mutations.ts';

export const activityKinds = ['call', 'meeting', 'email'] as const;
export type ActivityKind = (typeof activityKinds)[number];

export const activityKey = (id: string) => ({ pk: `ACTIVITY#${id}`, sk: 'ACTIVITY' }) as const;

export const meetingAttendeePartition = (userId: string) => `MEETINGS#ATTENDEE#${userId}`;

/** How far ahead of now a call or an e-mail may be dated (clocks differ a little), in milliseconds. */
export const activityFutureToleranceMs = 5 * 60 * 1000;

/** A meeting lasts at most this long. */
export const maxMeetingMs = 14 * 24 * 3600 * 1000;

export const callDirections = ['inbound', 'outbound'] as const;
export const callOutcomes = ['connected', 'no-answer', 'busy', 'voicemail', 'wrong-number'] as const;

const recordId = z.string().trim().min(1, 'must name a record').max(100, 'at most 100 characters');
const userId = z.string().trim().min(1, 'must name a user').max(100, 'at most 100 characters');
const unique = <T>(list: readonly T[]): T[] => [...new Set(list)];

/** An ISO 8601 date-time with any offset, stored in UTC. */
const instant = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date and time, e.g. 2026-11-24T14:30:00+03:00' })
  .transform((v) => new Date(v).toISOString());

const notes = z.string().trim().min(1, 'must not be empty').max(10_000, 'at most 10 000 characters');
const direction = z.enum(callDirections);

const links = {
  companyId: recordId.optional(),
  contactIds: z.array(recordId).max(20, 'at most 20').transform(unique).optional(),
  /** A deal's id; deals will check it once they exist. */
  dealId: recordId.optional(),
};

const callFields = {
  direction,
  durationSeconds: z
    .number()
    .int('whole seconds')
    .min(0, 'must not be negative')
    .max(86_400, 'at most a day'),
  outcome: z.enum(callOutcomes),
};

const meetingFields = {
  title: z.string().trim().min(1, 'must not be empty').max(300, 'at most 300 characters'),
  place: z.string().trim().min(1, 'must not be empty').max(500, 'at most 500 characters'),
  staffIds: z.array(userId).max(50, 'at most 50').transform(unique),
};

const emailFields = {
  subject: z.string().trim().max(998, 'at most 998 characters'),
  body: z.string().max(20_000, 'at most 20 000 characters'),
  direction,
};

export const createActivitySchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('call'),
      ...links,
      ...callFields,
      notes: notes.optional(),
      at: instant.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('meeting'),
      ...links,
      title: meetingFields.title,
      startAt: instant,
      endAt: instant,
      place: meetingFields.place.optional(),
      staffIds: meetingFields.staffIds.optional(),
      notes: notes.optional(),
    })
    .strict(),
  z.object({ kind: z.literal('email'), ...links, ...emailFields, at: instant.optional() }).strict(),
]);
export type CreateActivity = z.infer<typeof createActivitySchema>;

/** `null` clears an optional field (a link, the place, the notes). */
const linkChanges = {
  companyId: recordId.nullable().optional(),
  contactIds: links.contactIds,
  dealId: recordId.nullable().optional(),
};
const version = { expectedVersion: z.number().int().positive() };

export const updateActivitySchemas = {
  call: z
    .object({
      ...version,
      ...linkChanges,
      direction: callFields.direction.optional(),
      durationSeconds: callFields.durationSeconds.optional(),
      outcome: callFields.outcome.optional(),
      notes: notes.nullable().optional(),
      at: instant.optional(),
    })
    .strict(),
  meeting: z
    .object({
      ...version,
      ...linkChanges,
      title: meetingFields.title.optional(),
      startAt: instant.optional(),
      endAt: instant.optional(),
      place: meetingFields.place.nullable().optional(),
      staffIds: meetingFields.staffIds.optional(),
      notes: notes.nullable().optional(),
    })
    .strict(),
  email: z
    .object({
      ...version,
      ...linkChanges,
      subject: emailFields.subject.optional(),
      body: emailFields.body.optional(),
      direction: emailFields.direction.optional(),
      at: instant.optional(),
    })
    .strict(),
} as const;

export type CallDetails = {
  readonly direction: (typeof callDirections)[number];
  readonly durationSeconds: number;
  readonly outcome: (typeof callOutcomes)[number];
};
export type MeetingDetails = {
  readonly title: string;
  readonly endAt: string;
  readonly place?: string;
  readonly staffIds: readonly string[];
};
export type EmailDetails = {
  readonly subject: string;
  readonly body: string;
  readonly direction: (typeof callDirections)[number];
};

/** A record whose timeline shows the activity; the type is open (deals, later others). */
export type TimelineTarget = { readonly type: string; readonly id: string };

export type ActivityAttributes = {
  readonly id: string;
  readonly kind: ActivityKind;
  readonly companyId?: string;
  readonly contactIds: readonly string[];
  readonly dealId?: string;
  readonly timelines: readonly TimelineTarget[];
  /** When it happened; a meeting: when it starts. */
  readonly at: string;
  readonly authorId: string;
  readonly notes?: string;
  readonly call?: CallDetails;
  readonly meeting?: MeetingDetails;
  readonly email?: EmailDetails;
  readonly deletedAt?: string;
  readonly deletedBy?: string;
};

export type ActivityItem = Versioned & ActivityAttributes & { readonly backdated?: boolean };

/** The fields an activity's audit entries list. */
export const auditedActivityFields = [
  'kind',
  'companyId',
  'contactIds',
  'dealId',
  'at',
  'authorId',
  'notes',
  'call',
  'meeting',
  'email',
  'deletedAt',
] as const;

/** The records an activity is directly about (its timeline entries name them). */
export const linkedRecords = (a: Pick<ActivityAttributes, 'companyId' | 'contactIds' | 'dealId'>) => [
  ...(a.companyId ? [{ type: 'company', id: a.companyId }] : []),
  ...a.contactIds.map((id) => ({ type: 'contact', id })),
  ...(a.dealId ? [{ type: 'deal', id: a.dealId }] : []),
];

export const attendeeKey = (activityId: string, userId: string) =>
  ({ pk: activityKey(activityId).pk, sk: `ATTENDEE#${userId}` }) as const;

/** What a staff participant's calendar shows of a meeting, kept beside it. */
export type MeetingAttendeeItem = ItemKey & {
  readonly entity: 'meeting-attendee';
  readonly gsi2pk: string;
  readonly gsi2sk: string;
  readonly activityId: string;
  readonly userId: string;
  readonly title: string;
  readonly startAt: string;
  readonly endAt: string;
  readonly place?: string;
  readonly notes?: string;
  /** The meeting's version: the calendar's SEQUENCE. */
  readonly version: number;
  readonly updatedAt: string;
};

export const meetingAttendeeItems = (
  a: Pick<ActivityItem, 'id' | 'at' | 'meeting' | 'notes' | 'version' | 'updatedAt' | 'deletedAt'>,
): MeetingAttendeeItem[] =>
  a.meeting && !a.deletedAt
    ? a.meeting.staffIds.map((userId) => ({
        ...attendeeKey(a.id, userId),
        entity: 'meeting-attendee',
        gsi2pk: meetingAttendeePartition(userId),
        gsi2sk: `${a.at}#${a.id}`,
        activityId: a.id,
        userId,
        title: a.meeting?.title ?? '',
        startAt: a.at,
        endAt: a.meeting?.endAt ?? a.at,
        ...(a.meeting?.place ? { place: a.meeting.place } : {}),
        ...(a.notes ? { notes: a.notes } : {}),
        version: a.version,
        updatedAt: a.updatedAt,
      }))
    : [];

export const toActivityView = (a: ActivityItem) => ({
  id: a.id,
  kind: a.kind,
  ...(a.companyId ? { companyId: a.companyId } : {}),
  contactIds: a.contactIds,
  ...(a.dealId ? { dealId: a.dealId } : {}),
  timelines: a.timelines,
  at: a.at,
  backdated: a.backdated === true,
  authorId: a.authorId,
  ...(a.notes ? { notes: a.notes } : {}),
  ...(a.call ? { call: a.call } : {}),
  ...(a.meeting ? { meeting: a.meeting } : {}),
  ...(a.email ? { email: a.email } : {}),
  version: a.version,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
});

export type ActivitySnapshot = z.infer<typeof activitySnapshot>;

/** The activity as its events carry it (events/schemas/activities.ts). */
export const toActivitySnapshot = (a: ActivityItem): ActivitySnapshot => ({
  activityId: a.id,
  kind: a.kind,
  timelines: a.timelines.map((t) => ({ type: t.type, id: t.id })),
  ...(a.companyId ? { companyId: a.companyId } : {}),
  contactIds: [...a.contactIds],
  ...(a.dealId ? { dealId: a.dealId } : {}),
  at: a.at,
  backdated: a.backdated === true,
  authorId: a.authorId,
  ...(a.notes ? { notes: a.notes } : {}),
  ...(a.call ? { call: { ...a.call } } : {}),
  ...(a.meeting
    ? {
        meeting: {
          title: a.meeting.title,
          endAt: a.meeting.endAt,
          ...(a.meeting.place ? { place: a.meeting.place } : {}),
          staffIds: [...a.meeting.staffIds],
        },
      }
    : {}),
  ...(a.email ? { email: { ...a.email } } : {}),
  version: a.version,
});

export const createMockActivity = (overrides: Partial<ActivityItem> = {}): ActivityItem => {
  const id = overrides.id ?? '01JACTIVITY000000000000001';
  return {
    ...activityKey(id),
    entity: 'activity',
    id,
    kind: 'call',
    companyId: '01JCOMPANY0000000000000001',
    contactIds: ['01JCONTACT0000000000000001'],
    timelines: [
      { type: 'company', id: '01JCOMPANY0000000000000001' },
      { type: 'contact', id: '01JCONTACT0000000000000001' },
    ],
    at: '2026-11-24T09:00:00.000Z',
    authorId: 'user-anna',
    notes: 'Обсудили условия поставки, ждут КП.',
    call: { direction: 'outbound', durationSeconds: 420, outcome: 'connected' },
    backdated: false,
    version: 1,
    createdAt: '2026-11-24T09:10:00.000Z',
    createdBy: 'user-anna',
    updatedAt: '2026-11-24T09:10:00.000Z',
    updatedBy: 'user-anna',
    ...overrides,
  };
};
