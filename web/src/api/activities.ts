// /api/activities (docs/activities-and-tasks.md "Activities"): calls, meetings and logged e-mails on
// companies, contacts and deals — log one, read, change or delete it at the version last read. Their
// timeline entries follow a moment later (project-timeline). Types come from the domain entity.
import type {
  CallDetails,
  EmailDetails,
  toActivityView,
} from '../../../functions/domain/activities/activity.entity.ts';
import type { HttpClient } from './http-client.ts';

export type Activity = ReturnType<typeof toActivityView>;
export type ActivityKind = Activity['kind'];
export type CallDirection = CallDetails['direction'];
export type CallOutcome = CallDetails['outcome'];
export type EmailDirection = EmailDetails['direction'];

/** The records an activity is about: a company or at least one contact, perhaps a deal. */
export type ActivityLinks = { companyId?: string; contactIds?: string[]; dealId?: string };

export type NewActivity = ActivityLinks &
  (
    | {
        kind: 'call';
        direction: CallDirection;
        durationSeconds: number;
        outcome: CallOutcome;
        notes?: string;
        at?: string;
      }
    | {
        kind: 'meeting';
        title: string;
        startAt: string;
        endAt: string;
        place?: string;
        staffIds?: string[];
        notes?: string;
      }
    | { kind: 'email'; subject: string; body: string; direction: EmailDirection; at?: string }
  );

export type ActivitiesApi = {
  create: (input: NewActivity) => Promise<Activity>;
  get: (id: string) => Promise<Activity>;
  update: (id: string, expectedVersion: number, changes: Record<string, unknown>) => Promise<Activity>;
  remove: (id: string, expectedVersion: number) => Promise<void>;
};

const activityPath = (id: string) => `/api/activities/${encodeURIComponent(id)}`;
const unwrap = (body: unknown): Activity => (body as { activity: Activity }).activity;

export const activitiesApi = (http: HttpClient): ActivitiesApi => ({
  create: async (input) => unwrap(await http.request('POST', '/api/activities', { body: input })),
  get: async (id) => unwrap(await http.request('GET', activityPath(id))),
  update: async (id, expectedVersion, changes) =>
    unwrap(await http.request('PATCH', activityPath(id), { body: { expectedVersion, ...changes } })),
  remove: async (id, expectedVersion) => {
    await http.request('DELETE', activityPath(id), { query: { expectedVersion } });
  },
});
