// Rules on the tenant's bus: which events go to which function or queue. Infra creates an
// EventBridge rule from each; the local bus loads the same list. Failed deliveries go, after
// the retries, to the `bus-dlq` failure queue.
import { notificationCreatedV1, userCreatedV1 } from './catalog.ts';
import type { WorkQueueName } from './queues.ts';
import { activityDeletedV1, activityLoggedV1, activityUpdatedV1 } from './schemas/activities.ts';
import { auditRecordedV1 } from './schemas/audit.ts';
import { campaignLaunchDueV1, campaignLaunchedV1, campaignResumedV1 } from './schemas/campaigns.ts';
import { dealWonV1 } from './schemas/deals.ts';
import { noteCreatedV1, noteDeletedV1, noteUpdatedV1 } from './schemas/notes.ts';
import { receivablesDailyRunDueV1 } from './schemas/receivables.ts';
import { mergeRelinkRequestedV1 } from './schemas/records.ts';
import { schedulerHeartbeatV1 } from './schemas/scheduler.ts';
import {
  taskCreatedV1,
  taskDeletedV1,
  taskOverdueScanDueV1,
  taskOverdueV1,
  taskReminderDueV1,
  taskUpdatedV1,
} from './schemas/tasks.ts';

/** An EventBridge event pattern, as AWS documents it. */
export type EventPattern = { readonly [field: string]: unknown };

export type RuleTarget = { readonly function: string } | { readonly queue: WorkQueueName };

export type RuleDefinition = {
  readonly name: string;
  readonly description: string;
  readonly pattern: EventPattern;
  readonly target: RuleTarget;
};

export const retryPolicy = { maximumRetryAttempts: 8, maximumEventAgeSeconds: 3600 } as const;

export const rules = [
  {
    name: 'welcome-new-user',
    description: 'A new user gets a welcome notification.',
    pattern: { source: [userCreatedV1.source], 'detail-type': [userCreatedV1.detailType] },
    target: { function: 'welcome-user' },
  },
  {
    name: 'email-notifications',
    description: 'Notifications marked for e-mail are queued for sending.',
    pattern: {
      source: [notificationCreatedV1.source],
      'detail-type': [notificationCreatedV1.detailType],
      detail: { email: [true] },
    },
    target: { queue: 'notification-emails' },
  },
  {
    name: 'record-heartbeat',
    description: "The scheduler's heartbeat is recorded so that health can show schedules fire.",
    pattern: { source: [schedulerHeartbeatV1.source], 'detail-type': [schedulerHeartbeatV1.detailType] },
    target: { function: 'record-heartbeat' },
  },
  {
    name: 'timeline-from-audit',
    description:
      'Audit entries of companies, contacts, files, deals, quotes and invoices become timeline entries (a contact’s also on its company; a deal’s on its company and contacts; a quote’s on its company and addressee; an invoice’s on its company and deal).',
    pattern: {
      source: [auditRecordedV1.source],
      'detail-type': [auditRecordedV1.detailType],
      detail: { subject: ['company', 'contact', 'attachment', 'deal', 'quote', 'invoice'] },
    },
    target: { function: 'project-timeline' },
  },
  {
    name: 'timeline-from-notes',
    description: 'Notes appear on, change on and disappear from the timelines of their records.',
    pattern: {
      source: [noteCreatedV1.source],
      'detail-type': [noteCreatedV1.detailType, noteUpdatedV1.detailType, noteDeletedV1.detailType],
    },
    target: { function: 'project-timeline' },
  },
  {
    name: 'relink-merged-records',
    description:
      'A merge moves the duplicate’s contacts, files, notes and timeline to the survivor, slice by slice.',
    pattern: { source: [mergeRelinkRequestedV1.source], 'detail-type': [mergeRelinkRequestedV1.detailType] },
    target: { function: 'relink-merged' },
  },
  {
    name: 'timeline-from-activities',
    description:
      'Calls, meetings and e-mails appear on, change on and disappear from the timelines of their records.',
    pattern: {
      source: [activityLoggedV1.source],
      'detail-type': [
        activityLoggedV1.detailType,
        activityUpdatedV1.detailType,
        activityDeletedV1.detailType,
      ],
    },
    target: { function: 'project-timeline' },
  },
  {
    name: 'schedule-task-reminders',
    description: 'A task’s reminder schedule is created, moved or deleted as the task changes.',
    pattern: {
      source: [taskCreatedV1.source],
      'detail-type': [taskCreatedV1.detailType, taskUpdatedV1.detailType, taskDeletedV1.detailType],
    },
    target: { function: 'schedule-task-reminders' },
  },
  {
    name: 'deal-won-automations',
    description: 'A won deal runs the tenant’s automations (an onboarding call task for its owner, when on).',
    pattern: { source: [dealWonV1.source], 'detail-type': [dealWonV1.detailType] },
    target: { function: 'run-automations' },
  },
  {
    name: 'task-notifications',
    description: 'A task’s reminder and its falling overdue notify the assignee.',
    pattern: {
      source: [taskReminderDueV1.source],
      'detail-type': [taskReminderDueV1.detailType, taskOverdueV1.detailType],
    },
    target: { function: 'notify-tasks' },
  },
  {
    name: 'scan-overdue-tasks',
    description: 'The periodic overdue scan reports the open tasks that passed their due time.',
    pattern: { source: [taskOverdueScanDueV1.source], 'detail-type': [taskOverdueScanDueV1.detailType] },
    target: { function: 'scan-overdue-tasks' },
  },
  {
    name: 'run-receivables',
    description:
      'The daily receivables run: reminders before due dates, overdue alerts and escalations, once per installment and step.',
    pattern: {
      source: [receivablesDailyRunDueV1.source],
      'detail-type': [receivablesDailyRunDueV1.detailType],
    },
    target: { function: 'run-receivables' },
  },
  {
    name: 'fan-out-campaign',
    description:
      'A launched or resumed campaign run is fanned out to the campaign-sends queue; a campaign’s launch schedule starts a new run.',
    pattern: {
      source: [campaignLaunchedV1.source],
      'detail-type': [
        campaignLaunchedV1.detailType,
        campaignResumedV1.detailType,
        campaignLaunchDueV1.detailType,
      ],
    },
    target: { function: 'fan-out-campaign' },
  },
  {
    name: 'handle-ses-events',
    description:
      'SES delivery, bounce, complaint, open and click events (forwarded from the default bus) update send records and counters, suppress addresses and check the sending rates.',
    // SES's own detail-types ("Email Bounced", …) are not CRM contracts: the rule matches the
    // source and the detail's eventType (functions/domain/ses-events/ses-event.ts).
    pattern: {
      source: ['aws.ses'],
      detail: { eventType: ['Delivery', 'Bounce', 'Complaint', 'Open', 'Click'] },
    },
    target: { function: 'handle-ses-events' },
  },
] as const satisfies readonly RuleDefinition[];
