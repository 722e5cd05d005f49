// The rules of the "log a call / meeting / e-mail" forms, pure and testable: durations as people type
// them («5», «4:30»), times on the organisation's wall clock, what each kind requires, and the request
// the API takes. A call or an e-mail left at "now" is sent without `at` (the server's now); one moved
// to the past is sent with it and becomes a backdated entry.

import type {
  callDirections as domainDirections,
  activityKinds as domainKinds,
  callOutcomes as domainOutcomes,
} from '../../../../functions/domain/activities/activity.entity.ts';
import type {
  ActivityKind,
  ActivityLinks,
  CallDirection,
  CallOutcome,
  NewActivity,
} from '../../api/activities.ts';
import { isoToZonedLocal, zonedLocalToIso } from '../../format/zoned.ts';

export const activityKinds = ['call', 'meeting', 'email'] as const;
export const callDirections = ['outbound', 'inbound'] as const;
export const callOutcomes = ['connected', 'no-answer', 'busy', 'voicemail', 'wrong-number'] as const;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** A kind, direction or outcome added on the server fails the type check here until the forms offer it. */
export const listsMatchDomain: [
  Same<(typeof activityKinds)[number], (typeof domainKinds)[number]>,
  Same<(typeof callDirections)[number], (typeof domainDirections)[number]>,
  Same<(typeof callOutcomes)[number], (typeof domainOutcomes)[number]>,
] = [true, true, true];

/** The API's limits (activity.entity.ts): a call lasts at most a day, a meeting at most 14 days. */
export const maxCallSeconds = 86_400;
export const maxMeetingMs = 14 * 24 * 3600 * 1000;
/** How far ahead of now a call or e-mail may be dated before the form objects (the API allows 5 min). */
const futureToleranceMs = 60_000;

/** «5» → 300, «4:30» → 270, «1,5» → 90, «» → 0; undefined when it is not a duration. */
export const parseDuration = (text: string): number | undefined => {
  const value = text.trim();
  if (!value) return 0;
  const clock = /^(\d{1,4}):([0-5]\d)$/.exec(value);
  const seconds = clock
    ? Number(clock[1]) * 60 + Number(clock[2])
    : /^\d{1,4}([.,]\d{1,2})?$/.test(value)
      ? Math.round(Number(value.replace(',', '.')) * 60)
      : undefined;
  return seconds !== undefined && seconds <= maxCallSeconds ? seconds : undefined;
};

/** 270 → «4:30», 300 → «5»: how a duration is shown back in the field. */
export const durationText = (seconds: number): string =>
  seconds % 60 === 0
    ? String(seconds / 60)
    : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

export type ContactChoice = { id: string; name: string };

export type ActivityForm = {
  kind: ActivityKind;
  direction: CallDirection;
  duration: string;
  outcome: CallOutcome;
  notes: string;
  /** When a call or e-mail happened (datetime-local on the organisation's clock). */
  when: string;
  /** The user moved `when` away from the time the form opened. */
  whenChanged: boolean;
  title: string;
  start: string;
  end: string;
  place: string;
  contacts: ContactChoice[];
  staffIds: string[];
  subject: string;
  body: string;
};

export type ActivityProblem =
  | 'durationInvalid'
  | 'whenInvalid'
  | 'whenFuture'
  | 'titleRequired'
  | 'startRequired'
  | 'endRequired'
  | 'endBeforeStart'
  | 'tooLong'
  | 'subjectRequired'
  | 'needRecord';

export type ActivityField = keyof ActivityForm | 'links';

/** The next full hour on the organisation's wall clock. */
const nextHour = (now: Date, timeZone: string): Date => {
  const hourStart = zonedLocalToIso(`${isoToZonedLocal(now, timeZone).slice(0, 13)}:00`, timeZone);
  return new Date(Date.parse(hourStart ?? now.toISOString()) + 3600_000);
};

/** A blank form: now for a call or e-mail, the next full hour for an hour's meeting with the author. */
export const blankActivityForm = (
  kind: ActivityKind,
  now: Date,
  timeZone: string,
  authorId: string,
  contacts: readonly ContactChoice[] = [],
): ActivityForm => {
  const start = nextHour(now, timeZone);
  return {
    kind,
    direction: 'outbound',
    duration: '',
    outcome: 'connected',
    notes: '',
    when: isoToZonedLocal(now, timeZone),
    whenChanged: false,
    title: '',
    start: isoToZonedLocal(start, timeZone),
    end: isoToZonedLocal(start.getTime() + 3600_000, timeZone),
    place: '',
    contacts: [...contacts],
    staffIds: authorId ? [authorId] : [],
    subject: '',
    body: '',
  };
};

/** What keeps the form from being sent, by field. */
export const checkActivityForm = (
  form: ActivityForm,
  links: ActivityLinks,
  now: Date,
  timeZone: string,
): Partial<Record<ActivityField, ActivityProblem>> => {
  const problems: Partial<Record<ActivityField, ActivityProblem>> = {};
  if (!links.companyId && form.contacts.length === 0 && (links.contactIds ?? []).length === 0)
    problems.links = 'needRecord';
  if (form.kind === 'meeting') {
    if (!form.title.trim()) problems.title = 'titleRequired';
    const start = zonedLocalToIso(form.start, timeZone);
    const end = zonedLocalToIso(form.end, timeZone);
    if (!start) problems.start = 'startRequired';
    if (!end) problems.end = 'endRequired';
    else if (start && Date.parse(end) <= Date.parse(start)) problems.end = 'endBeforeStart';
    else if (start && Date.parse(end) - Date.parse(start) > maxMeetingMs) problems.end = 'tooLong';
    return problems;
  }
  if (form.kind === 'call' && parseDuration(form.duration) === undefined)
    problems.duration = 'durationInvalid';
  if (form.kind === 'email' && !form.subject.trim()) problems.subject = 'subjectRequired';
  if (form.whenChanged) {
    const at = zonedLocalToIso(form.when, timeZone);
    if (!at) problems.when = 'whenInvalid';
    else if (Date.parse(at) > now.getTime() + futureToleranceMs) problems.when = 'whenFuture';
  }
  return problems;
};

/** The request for POST /api/activities (the form already checked). */
export const toNewActivity = (form: ActivityForm, links: ActivityLinks, timeZone: string): NewActivity => {
  const contactIds = [...new Set([...(links.contactIds ?? []), ...form.contacts.map((c) => c.id)])];
  const linked = {
    ...(links.companyId ? { companyId: links.companyId } : {}),
    ...(contactIds.length ? { contactIds } : {}),
    ...(links.dealId ? { dealId: links.dealId } : {}),
  };
  const at = form.whenChanged ? zonedLocalToIso(form.when, timeZone) : undefined;
  const notes = form.notes.trim();
  switch (form.kind) {
    case 'call':
      return {
        kind: 'call',
        ...linked,
        direction: form.direction,
        durationSeconds: parseDuration(form.duration) ?? 0,
        outcome: form.outcome,
        ...(notes ? { notes } : {}),
        ...(at ? { at } : {}),
      };
    case 'meeting':
      return {
        kind: 'meeting',
        ...linked,
        title: form.title.trim(),
        startAt: zonedLocalToIso(form.start, timeZone) ?? '',
        endAt: zonedLocalToIso(form.end, timeZone) ?? '',
        ...(form.place.trim() ? { place: form.place.trim() } : {}),
        staffIds: [...form.staffIds],
        ...(notes ? { notes } : {}),
      };
    case 'email':
      return {
        kind: 'email',
        ...linked,
        subject: form.subject.trim(),
        body: form.body,
        direction: form.direction,
        ...(at ? { at } : {}),
      };
  }
};

/** The form field a server error names (`durationSeconds` → duration, `startAt` → start). */
export const formFieldOf = (field: string): ActivityField | undefined => {
  const map: Record<string, ActivityField> = {
    durationSeconds: 'duration',
    direction: 'direction',
    outcome: 'outcome',
    notes: 'notes',
    at: 'when',
    title: 'title',
    startAt: 'start',
    endAt: 'end',
    place: 'place',
    staffIds: 'staffIds',
    subject: 'subject',
    body: 'body',
    companyId: 'links',
    contactIds: 'contacts',
    dealId: 'links',
  };
  return map[field] ?? (field.startsWith('contactIds') ? 'contacts' : undefined);
};
