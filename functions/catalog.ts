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
} as const satisfies Record<string, FunctionDefinition>;

export type FunctionName = keyof typeof functions;
