// Every Lambda function of the tenant stack: its code, its triggers and the access it needs.
// The CDK stack builds one function, route, event source mapping and set of grants from
// each entry; the local runtime serves the same routes and triggers from the same entries.
// Rules (events/rules.ts) refer to functions by these names.
import type { WorkQueueName } from '../events/queues.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type RouteDefinition = {
  readonly method: HttpMethod;
  /** API Gateway route path: `/api/...` with `{param}` segments. */
  readonly path: string;
  /** Public routes skip the JWT authorizer; everything else needs a token of the tenant's pool. */
  readonly public?: true;
};

export type Access = {
  readonly table?: 'read' | 'read-write';
  /** events:PutEvents on the tenant's bus. */
  readonly putEvents?: true;
  /** sqs:SendMessage on these work queues. */
  readonly sendTo?: readonly WorkQueueName[];
  /** ses:SendEmail through the tenant's configuration set. */
  readonly sendEmail?: true;
  /** ses:GetAccount: the account's sending quota (the campaign rate governor reads MaxSendRate). */
  readonly sendQuota?: true;
  /** Named actions on the tenant's user pool. */
  readonly userPool?: readonly (
    | 'cognito-idp:AdminGetUser'
    | 'cognito-idp:DescribeUserPool'
    | 'cognito-idp:ListUsers'
    | 'cognito-idp:ListUsersInGroup'
  )[];
  /** The tenant's files bucket (attachments, import uploads, exports): objects only, no bucket admin. */
  readonly files?: 'read' | 'read-write';
  /** Read-only checks the health endpoint makes. */
  readonly healthChecks?: true;
  /**
   * One-off EventBridge Scheduler schedules (task reminders): create, update and delete them in
   * the tenant's schedule group, passing the scheduler's role that puts their events on the bus.
   */
  readonly schedules?: true;
  /**
   * The tenant's unsubscribe key (signs and checks unsubscribe links): secretsmanager:GetSecretValue
   * on that one secret in AWS; locally the key itself (functions/domain/unsubscribe/unsubscribe-key.ts).
   */
  readonly unsubscribeKey?: true;
};

export type FunctionDefinition = {
  /** Source file, from the repository root. Its `handler` export is the Lambda handler. */
  readonly entry: string;
  readonly description: string;
  readonly memoryMb?: number;
  readonly timeoutSeconds?: number;
  readonly routes?: readonly RouteDefinition[];
  /** Consumes this work queue (SQS event source, partial batch failures reported). */
  readonly queue?: {
    readonly name: WorkQueueName;
    readonly batchSize: number;
    readonly maxBatchingWindowSeconds: number;
  };
  /** Consumes the table's stream (failures after retries go to the `stream-dlq` queue). */
  readonly stream?: {
    readonly batchSize: number;
    readonly maxBatchingWindowSeconds: number;
    readonly retryAttempts: number;
    /**
     * A tumbling window (seconds): Lambda then names the shard of each batch (`shardId`), which
     * a consumer keying its idempotency by shard needs (aggregate-changes).
     */
    readonly tumblingWindowSeconds?: number;
  };
  readonly access: Access;
};

export const functions = {
  'get-health': {
    entry: 'functions/http/health/get-health.http.ts',
    description: 'Reports whether each dependency of the tenant answers.',
    routes: [{ method: 'GET', path: '/api/health', public: true }],
    access: { table: 'read', healthChecks: true, userPool: ['cognito-idp:DescribeUserPool'] },
  },
  'get-me': {
    entry: 'functions/http/users/get-me.http.ts',
    description: "The caller's profile, tenant and roles; creates the profile on first sign-in.",
    routes: [{ method: 'GET', path: '/api/me' }],
    access: { table: 'read-write', userPool: ['cognito-idp:AdminGetUser'] },
  },
  'update-me': {
    entry: 'functions/http/users/update-me.http.ts',
    description: "Changes the caller's name and preferences (language, e-mail notifications).",
    routes: [{ method: 'PATCH', path: '/api/me' }],
    access: { table: 'read-write' },
  },
  'list-notifications': {
    entry: 'functions/http/notifications/list-notifications.http.ts',
    description: "The caller's notifications, newest first, paginated.",
    routes: [{ method: 'GET', path: '/api/notifications' }],
    access: { table: 'read' },
  },
  'mark-notification-read': {
    entry: 'functions/http/notifications/mark-notification-read.http.ts',
    description: 'Marks one of the caller’s notifications as read.',
    routes: [{ method: 'POST', path: '/api/notifications/{id}/read' }],
    access: { table: 'read-write' },
  },
  'publish-changes': {
    entry: 'functions/streams/publish-changes.stream.ts',
    description: 'Turns table stream records into domain events on the tenant bus.',
    stream: { batchSize: 100, maxBatchingWindowSeconds: 1, retryAttempts: 10 },
    access: { putEvents: true },
  },
  'welcome-user': {
    entry: 'functions/events/welcome-user.event.ts',
    description: 'Writes a welcome notification for a new user.',
    access: { table: 'read-write' },
  },
  'record-heartbeat': {
    entry: 'functions/events/record-heartbeat.event.ts',
    description: 'Records when the scheduler last fired.',
    access: { table: 'read-write' },
  },
  'send-notification-email': {
    entry: 'functions/queues/send-notification-email.queue.ts',
    description: 'E-mails queued notifications through SES, once per notification.',
    queue: { name: 'notification-emails', batchSize: 10, maxBatchingWindowSeconds: 1 },
    timeoutSeconds: 30,
    access: { table: 'read-write', sendEmail: true },
  },
  // Customer base (docs/customer-base.md)
  companies: {
    entry: 'functions/http/companies/companies.http.ts',
    description:
      'Companies: create (with the duplicate check), read, change, delete and restore, merge, bulk actions.',
    routes: [
      { method: 'POST', path: '/api/companies' },
      { method: 'POST', path: '/api/companies/duplicates' },
      { method: 'POST', path: '/api/companies/bulk' },
      { method: 'GET', path: '/api/companies/{id}' },
      { method: 'PATCH', path: '/api/companies/{id}' },
      { method: 'DELETE', path: '/api/companies/{id}' },
      { method: 'POST', path: '/api/companies/{id}/restore' },
      { method: 'POST', path: '/api/companies/{id}/merge' },
      { method: 'GET', path: '/api/companies/{id}/contacts' },
    ],
    access: { table: 'read-write' },
  },
  contacts: {
    entry: 'functions/http/contacts/contacts.http.ts',
    description:
      'Contacts: create (with the duplicate check), read, change, delete and restore, merge, bulk actions.',
    routes: [
      { method: 'POST', path: '/api/contacts' },
      { method: 'POST', path: '/api/contacts/duplicates' },
      { method: 'POST', path: '/api/contacts/bulk' },
      { method: 'GET', path: '/api/contacts/{id}' },
      { method: 'PATCH', path: '/api/contacts/{id}' },
      { method: 'DELETE', path: '/api/contacts/{id}' },
      { method: 'POST', path: '/api/contacts/{id}/restore' },
      { method: 'POST', path: '/api/contacts/{id}/merge' },
    ],
    access: { table: 'read-write' },
  },
  activity: {
    entry: 'functions/http/activity/activity.http.ts',
    description: 'Notes on companies and contacts, and the timeline of a record.',
    routes: [
      { method: 'POST', path: '/api/notes' },
      { method: 'PATCH', path: '/api/notes/{id}' },
      { method: 'DELETE', path: '/api/notes/{id}' },
      { method: 'GET', path: '/api/timeline/{type}/{id}' },
    ],
    access: { table: 'read-write' },
  },
  // Sales (docs/deals.md)
  deals: {
    entry: 'functions/http/deals/deals.http.ts',
    description:
      'Deals: create, change, move between stages, win, lose, reopen; the kanban board of a pipeline.',
    routes: [
      { method: 'POST', path: '/api/deals' },
      { method: 'GET', path: '/api/deals' },
      { method: 'GET', path: '/api/deals/{id}' },
      { method: 'PATCH', path: '/api/deals/{id}' },
      { method: 'DELETE', path: '/api/deals/{id}' },
      { method: 'POST', path: '/api/deals/{id}/move' },
      { method: 'POST', path: '/api/deals/{id}/close' },
      { method: 'POST', path: '/api/deals/{id}/reopen' },
      { method: 'GET', path: '/api/pipelines/{id}/board' },
    ],
    access: { table: 'read-write' },
  },
  // Products and quotes (docs/quotes.md)
  products: {
    entry: 'functions/http/products/products.http.ts',
    description: 'The product catalogue and price lists; a deal’s product lines priced from them.',
    routes: [
      { method: 'GET', path: '/api/products' },
      { method: 'POST', path: '/api/products' },
      { method: 'GET', path: '/api/products/{id}' },
      { method: 'PATCH', path: '/api/products/{id}' },
      { method: 'GET', path: '/api/price-lists' },
      { method: 'POST', path: '/api/price-lists' },
      { method: 'PATCH', path: '/api/price-lists/{id}' },
      { method: 'PUT', path: '/api/deals/{id}/lines' },
    ],
    access: { table: 'read-write' },
  },
  quotes: {
    entry: 'functions/http/quotes/quotes.http.ts',
    description: 'Quotes of a deal: numbered, printed as HTML, stored as a PDF, e-mailed to a contact.',
    routes: [
      { method: 'POST', path: '/api/deals/{id}/quotes' },
      { method: 'GET', path: '/api/deals/{id}/quotes' },
      { method: 'GET', path: '/api/quotes/{id}' },
      { method: 'GET', path: '/api/quotes/{id}/print' },
      { method: 'GET', path: '/api/quotes/{id}/pdf' },
      { method: 'POST', path: '/api/quotes/{id}/send' },
    ],
    // Rendering a PDF with its embedded fonts wants more memory and time than a plain read.
    memoryMb: 1024,
    timeoutSeconds: 29,
    access: { table: 'read-write', files: 'read-write', sendEmail: true },
  },
  // Invoices and payments (docs/invoices.md)
  invoices: {
    entry: 'functions/http/invoices/invoices.http.ts',
    description:
      'Invoices: drafts, issue (numbered, PDF), send, cancel, payments and reversals; a company’s receivables block.',
    routes: [
      { method: 'GET', path: '/api/invoices' },
      { method: 'POST', path: '/api/invoices' },
      { method: 'GET', path: '/api/invoices/{id}' },
      { method: 'PATCH', path: '/api/invoices/{id}' },
      { method: 'POST', path: '/api/invoices/{id}/issue' },
      { method: 'POST', path: '/api/invoices/{id}/send' },
      { method: 'POST', path: '/api/invoices/{id}/cancel' },
      { method: 'GET', path: '/api/invoices/{id}/pdf' },
      { method: 'GET', path: '/api/invoices/{id}/print' },
      { method: 'POST', path: '/api/invoices/{id}/payments' },
      { method: 'DELETE', path: '/api/invoices/{id}/payments/{paymentId}' },
      { method: 'GET', path: '/api/companies/{id}/receivables' },
    ],
    // Issuing renders the PDF with its embedded fonts, as quotes do.
    memoryMb: 1024,
    timeoutSeconds: 29,
    access: { table: 'read-write', files: 'read-write', sendEmail: true },
  },
  reports: {
    entry: 'functions/http/reports/reports.http.ts',
    description:
      'The sales forecast and dashboard of a period (from the monthly aggregates), and monthly plans.',
    routes: [
      { method: 'GET', path: '/api/reports/forecast' },
      { method: 'GET', path: '/api/reports/sales' },
      { method: 'GET', path: '/api/reports/plans/{month}' },
      { method: 'PUT', path: '/api/reports/plans/{month}' },
    ],
    access: { table: 'read-write' },
  },
  pipelines: {
    entry: 'functions/http/pipelines/pipelines.http.ts',
    description: 'Sales pipelines and their stages, and the currency rates deals are totalled at.',
    routes: [
      { method: 'GET', path: '/api/pipelines' },
      { method: 'POST', path: '/api/pipelines' },
      { method: 'PATCH', path: '/api/pipelines/{id}' },
      { method: 'DELETE', path: '/api/pipelines/{id}' },
      { method: 'GET', path: '/api/settings/currency-rates' },
      { method: 'PUT', path: '/api/settings/currency-rates' },
    ],
    access: { table: 'read-write' },
  },
  attachments: {
    entry: 'functions/http/attachments/attachments.http.ts',
    description: 'Files attached to records: presigned upload and download, listing, removal.',
    routes: [
      { method: 'POST', path: '/api/attachments' },
      { method: 'GET', path: '/api/attachments' },
      { method: 'POST', path: '/api/attachments/{id}/complete' },
      { method: 'GET', path: '/api/attachments/{id}/download' },
      { method: 'DELETE', path: '/api/attachments/{id}' },
    ],
    access: { table: 'read-write', files: 'read-write' },
  },
  'custom-fields': {
    entry: 'functions/http/custom-fields/custom-fields.http.ts',
    description: 'Custom field definitions per record type (admins define, everyone reads).',
    routes: [
      { method: 'GET', path: '/api/custom-fields' },
      { method: 'POST', path: '/api/custom-fields' },
      { method: 'PATCH', path: '/api/custom-fields/{entity}/{key}' },
      { method: 'DELETE', path: '/api/custom-fields/{entity}/{key}' },
    ],
    access: { table: 'read-write' },
  },
  trash: {
    entry: 'functions/http/trash/list-trash.http.ts',
    description: 'Deleted companies and contacts that can still be restored; admins purge them for good.',
    routes: [
      { method: 'GET', path: '/api/trash' },
      { method: 'DELETE', path: '/api/trash/{type}/{id}' },
    ],
    access: { table: 'read-write' },
  },
  users: {
    entry: 'functions/http/users/list-users.http.ts',
    description: "The tenant's staff with their roles (owner pickers, filters).",
    routes: [{ method: 'GET', path: '/api/users' }],
    access: { table: 'read', userPool: ['cognito-idp:ListUsers', 'cognito-idp:ListUsersInGroup'] },
  },
  // Activities and tasks (docs/activities-and-tasks.md)
  activities: {
    entry: 'functions/http/activities/activities.http.ts',
    description:
      'Calls, meetings and logged e-mails on companies, contacts and deals: log, read, change, delete.',
    routes: [
      { method: 'POST', path: '/api/activities' },
      { method: 'GET', path: '/api/activities/{id}' },
      { method: 'PATCH', path: '/api/activities/{id}' },
      { method: 'DELETE', path: '/api/activities/{id}' },
    ],
    access: { table: 'read-write' },
  },
  tasks: {
    entry: 'functions/http/tasks/tasks.http.ts',
    description:
      'Tasks: create, read, change, done, delete; my tasks for today, overdue, upcoming; tasks I created.',
    routes: [
      { method: 'POST', path: '/api/tasks' },
      { method: 'GET', path: '/api/tasks/today' },
      { method: 'GET', path: '/api/tasks/overdue' },
      { method: 'GET', path: '/api/tasks/upcoming' },
      { method: 'GET', path: '/api/tasks/created' },
      { method: 'GET', path: '/api/tasks/{id}' },
      { method: 'PATCH', path: '/api/tasks/{id}' },
      { method: 'DELETE', path: '/api/tasks/{id}' },
    ],
    access: { table: 'read-write' },
  },
  'schedule-task-reminders': {
    entry: 'functions/events/schedule-task-reminders.event.ts',
    description: "Creates, moves or deletes a task's one-off reminder schedule to match the task.",
    access: { table: 'read', schedules: true },
  },
  'run-automations': {
    entry: 'functions/events/run-automations.event.ts',
    description: 'Runs the tenant’s automations on deal events: a won deal’s onboarding call task (when on).',
    access: { table: 'read-write' },
  },
  'notify-tasks': {
    entry: 'functions/events/notify-tasks.event.ts',
    description:
      'Notifies the assignee of a task’s reminder (also by e-mail) and of its falling overdue, once each.',
    access: { table: 'read-write' },
  },
  'scan-overdue-tasks': {
    entry: 'functions/events/scan-overdue-tasks.event.ts',
    description: 'Reports open tasks whose due time has passed, once per task and due time.',
    timeoutSeconds: 60,
    access: { table: 'read-write' },
  },
  'calendar-feed': {
    entry: 'functions/http/calendar/calendar-feed.http.ts',
    description: "The caller's private calendar feed URL: status, issue or rotate, revoke.",
    routes: [
      { method: 'GET', path: '/api/calendar-feed' },
      { method: 'POST', path: '/api/calendar-feed' },
      { method: 'DELETE', path: '/api/calendar-feed' },
    ],
    access: { table: 'read-write' },
  },
  calendar: {
    entry: 'functions/http/calendar/calendar.http.ts',
    description:
      "A user's tasks and meetings as an iCalendar feed, for calendar apps holding its private URL.",
    routes: [{ method: 'GET', path: '/api/calendar/{file}', public: true }],
    access: { table: 'read' },
  },
  'automation-settings': {
    entry: 'functions/http/settings/automation-settings.http.ts',
    description: 'Which automations run for the tenant (administrators switch them).',
    routes: [
      { method: 'GET', path: '/api/settings/automations' },
      { method: 'PATCH', path: '/api/settings/automations' },
    ],
    access: { table: 'read-write' },
  },
  // Receivables automation and reports (docs/invoices.md)
  'receivables-settings': {
    entry: 'functions/http/settings/receivables-settings.http.ts',
    description: 'Reminder and escalation days and the default payment term (administrators change them).',
    routes: [
      { method: 'GET', path: '/api/settings/receivables' },
      { method: 'PUT', path: '/api/settings/receivables' },
    ],
    access: { table: 'read-write' },
  },
  'run-receivables': {
    entry: 'functions/events/run-receivables.event.ts',
    description:
      'The daily run: reminds billing contacts, alerts owners and escalates to sales managers, once per installment and step.',
    // A reminder attaches the invoice's PDF, re-rendered when what it shows changed (a payment).
    memoryMb: 1024,
    timeoutSeconds: 300,
    access: {
      table: 'read-write',
      sendEmail: true,
      files: 'read-write',
      userPool: ['cognito-idp:ListUsersInGroup'],
    },
  },
  'receivables-reports': {
    entry: 'functions/http/reports/receivables-reports.http.ts',
    description: 'Receivables aging (total, per company, per manager) and the expected cash per week.',
    routes: [{ method: 'GET', path: '/api/reports/receivables' }],
    access: { table: 'read' },
  },
  'project-timeline': {
    entry: 'functions/events/project-timeline.event.ts',
    description:
      'Writes timeline entries of companies and contacts from audit, note, activity and import events.',
    // A company rename refreshes the company name on each of its contacts.
    timeoutSeconds: 60,
    access: { table: 'read-write' },
  },
  'relink-merged': {
    entry: 'functions/events/relink-merged.event.ts',
    description:
      "Moves a merged duplicate's contacts, files, notes and timeline to the survivor, slice by slice.",
    timeoutSeconds: 60,
    access: { table: 'read-write' },
  },
  'list-records': {
    entry: 'functions/http/lists/list-records.http.ts',
    description: 'Lists of companies and contacts: sorts, filters, cursors, totals.',
    routes: [
      { method: 'GET', path: '/api/companies' },
      { method: 'GET', path: '/api/contacts' },
    ],
    memoryMb: 1024,
    access: { table: 'read' },
  },
  search: {
    entry: 'functions/http/search/search.http.ts',
    description: 'Finds companies and contacts by a word or prefix of a name, an e-mail, a phone or an INN.',
    routes: [{ method: 'GET', path: '/api/search' }],
    memoryMb: 1024,
    access: { table: 'read' },
  },
  'saved-views': {
    entry: 'functions/http/views/saved-views.http.ts',
    description: 'Saved views (filters, sort, columns), private or shared with the team.',
    routes: [
      { method: 'GET', path: '/api/views' },
      { method: 'POST', path: '/api/views' },
      { method: 'PATCH', path: '/api/views/{id}' },
      { method: 'DELETE', path: '/api/views/{id}' },
    ],
    access: { table: 'read-write' },
  },
  'aggregate-changes': {
    entry: 'functions/streams/aggregate-changes.stream.ts',
    description: 'Keeps counts per record type, lifecycle stage and owner from the table stream.',
    stream: { batchSize: 500, maxBatchingWindowSeconds: 1, retryAttempts: 10, tumblingWindowSeconds: 1 },
    access: { table: 'read-write' },
  },
  imports: {
    entry: 'functions/http/imports/imports.http.ts',
    description: 'CSV imports: upload, analysis and column mapping, dry run, start, progress, cancel.',
    routes: [
      { method: 'POST', path: '/api/imports' },
      { method: 'GET', path: '/api/imports' },
      { method: 'GET', path: '/api/imports/{id}' },
      { method: 'POST', path: '/api/imports/{id}/analyze' },
      { method: 'POST', path: '/api/imports/{id}/dry-run' },
      { method: 'POST', path: '/api/imports/{id}/start' },
      { method: 'POST', path: '/api/imports/{id}/cancel' },
    ],
    memoryMb: 1536,
    timeoutSeconds: 29,
    access: { table: 'read-write', files: 'read-write', sendTo: ['import-chunks'] },
  },
  'run-import': {
    entry: 'functions/queues/run-import.queue.ts',
    description: 'Imports one chunk of rows of an import job, idempotently, and queues the next.',
    queue: { name: 'import-chunks', batchSize: 1, maxBatchingWindowSeconds: 0 },
    memoryMb: 1536,
    timeoutSeconds: 300,
    access: { table: 'read-write', files: 'read', sendTo: ['import-chunks'] },
  },
  exports: {
    entry: 'functions/http/exports/exports.http.ts',
    description: 'Exports of a list or saved view to CSV, and of contacts to vCard: start and download.',
    routes: [
      { method: 'POST', path: '/api/exports' },
      { method: 'GET', path: '/api/exports/{id}' },
    ],
    access: { table: 'read-write', files: 'read', sendTo: ['export-jobs'] },
  },
  'run-export': {
    entry: 'functions/queues/run-export.queue.ts',
    description: 'Writes an export file to the files bucket.',
    queue: { name: 'export-jobs', batchSize: 1, maxBatchingWindowSeconds: 0 },
    memoryMb: 1536,
    timeoutSeconds: 300,
    access: { table: 'read-write', files: 'read-write' },
  },
  // Marketing: segments and e-mail templates (docs/campaigns.md)
  marketing: {
    entry: 'functions/http/marketing/marketing.http.ts',
    description:
      'Marketing segments (saved contact filters with a live count) and e-mail templates (merge fields, sanitized HTML, preview, test send).',
    routes: [
      { method: 'GET', path: '/api/segments' },
      { method: 'POST', path: '/api/segments' },
      { method: 'POST', path: '/api/segments/preview' },
      { method: 'GET', path: '/api/segments/{id}' },
      { method: 'PATCH', path: '/api/segments/{id}' },
      { method: 'DELETE', path: '/api/segments/{id}' },
      { method: 'GET', path: '/api/segments/{id}/preview' },
      { method: 'GET', path: '/api/templates' },
      { method: 'POST', path: '/api/templates' },
      { method: 'GET', path: '/api/templates/{id}' },
      { method: 'PATCH', path: '/api/templates/{id}' },
      { method: 'DELETE', path: '/api/templates/{id}' },
      { method: 'POST', path: '/api/templates/{id}/preview' },
      { method: 'POST', path: '/api/templates/{id}/test-send' },
      { method: 'GET', path: '/api/campaigns' },
      { method: 'POST', path: '/api/campaigns' },
      { method: 'GET', path: '/api/campaigns/{id}' },
      { method: 'PATCH', path: '/api/campaigns/{id}' },
      { method: 'POST', path: '/api/campaigns/{id}/launch' },
      { method: 'POST', path: '/api/campaigns/{id}/pause' },
      { method: 'POST', path: '/api/campaigns/{id}/resume' },
      { method: 'POST', path: '/api/campaigns/{id}/cancel' },
      { method: 'GET', path: '/api/campaigns/{id}/report' },
      { method: 'GET', path: '/api/campaign-sources' },
      { method: 'GET', path: '/api/settings/campaigns' },
      { method: 'PUT', path: '/api/settings/campaigns' },
    ],
    // A live count walks every contact page by page: more memory and the API's full 29 s.
    memoryMb: 1024,
    timeoutSeconds: 29,
    // Campaigns: a scheduled or recurring launch is a Scheduler schedule made here.
    access: {
      table: 'read-write',
      sendEmail: true,
      // The sending settings show SES's MaxSendRate beside the tenant's cap.
      sendQuota: true,
      userPool: ['cognito-idp:AdminGetUser', 'cognito-idp:ListUsers'],
      schedules: true,
    },
  },
  // Campaign sending path (docs/campaigns.md "The sending path")
  'fan-out-campaign': {
    entry: 'functions/events/fan-out-campaign.event.ts',
    description:
      'Walks a launched campaign’s segment page by page, writes its recipients and enqueues them to campaign-sends; resumable.',
    memoryMb: 1024,
    timeoutSeconds: 900,
    access: { table: 'read-write', sendTo: ['campaign-sends'] },
  },
  'send-campaign-emails': {
    entry: 'functions/queues/send-campaign-emails.queue.ts',
    description:
      'Sends queued campaign recipients through SES once each, under the tenant’s rate governor, with one-click unsubscribe.',
    queue: { name: 'campaign-sends', batchSize: 10, maxBatchingWindowSeconds: 1 },
    timeoutSeconds: 300,
    access: {
      table: 'read-write',
      sendEmail: true,
      sendQuota: true,
      unsubscribeKey: true,
      // Owners who never signed in have no profile: their name comes from the user pool.
      userPool: ['cognito-idp:ListUsers'],
    },
  },
  // Unsubscribe and SES events (docs/campaigns.md)
  unsubscribe: {
    entry: 'functions/http/unsubscribe/unsubscribe.http.ts',
    description:
      'Public one-click unsubscribe (RFC 8058) from signed links in marketing e-mail: the page, one-click POST, undo.',
    routes: [
      { method: 'GET', path: '/api/u/{token}', public: true },
      { method: 'POST', path: '/api/u/{token}', public: true },
      { method: 'POST', path: '/api/u/{token}/undo', public: true },
    ],
    access: { table: 'read-write', unsubscribeKey: true },
  },
  'handle-ses-events': {
    entry: 'functions/events/handle-ses-events.event.ts',
    description:
      'SES delivery, bounce, complaint, open and click events: send records, campaign counters, suppression, auto-pause.',
    timeoutSeconds: 30,
    access: { table: 'read-write' },
  },
} as const satisfies Record<string, FunctionDefinition>;

export type FunctionName = keyof typeof functions;
