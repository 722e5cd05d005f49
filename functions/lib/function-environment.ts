// The environment each function runs with, derived from its catalog entry. The CDK stack
// passes resource references (tokens) and the local runtime passes local values, so both
// give a handler exactly the same variables. functions/lib/env.ts reads them back.
import { failureQueues, workQueues } from '../../events/queues.ts';
import type { FunctionDefinition } from '../catalog.ts';

export type TenantResources = {
  readonly tenantId: string;
  readonly tenantName: string;
  readonly timezone: string;
  readonly currency: string;
  readonly locale: string;
  readonly tableName: string;
  readonly busName: string;
  /** URL of every queue by its short name: work queues, their `-dlq`s, and failure queues. */
  readonly queueUrls: Readonly<Record<string, string>>;
  readonly userPoolId: string;
  readonly sesConfigurationSet: string;
  /** The tenant's files bucket (attachments, import uploads, exports). */
  readonly filesBucket: string;
  readonly mailFrom: string;
  /** Where users open the web app; links in e-mails point here. */
  readonly appUrl: string;
  /** The tenant's EventBridge Scheduler group, where one-off schedules (reminders) go. */
  readonly scheduleGroupName: string;
  /** The role the Scheduler assumes to put a schedule's event on the tenant's bus. */
  readonly schedulerRoleArn: string;
  readonly busArn: string;
  /** The `bus-dlq` failure queue: where a schedule's undeliverable event ends. */
  readonly busDeadLetterArn: string;
  /**
   * The tenant's unsubscribe key: in AWS the ARN of the Secrets Manager secret the stack
   * generates (read at cold start), locally the key the runtime generated into its data folder.
   */
  readonly unsubscribeKey: { readonly secretArn: string } | { readonly value: string };
};

/** `notification-emails` → `QUEUE_URL_NOTIFICATION_EMAILS` */
export const queueUrlVariable = (queue: string): string =>
  `QUEUE_URL_${queue.toUpperCase().replaceAll('-', '_')}`;

/** Every queue of the tenant, by short name: the work queues, their DLQs and the failure queues. */
export const allQueueNames = (): string[] => [
  ...workQueues.flatMap((q) => [q.name, `${q.name}-dlq`]),
  ...failureQueues.map((q) => q.name),
];

export const functionEnvironment = (
  name: string,
  definition: FunctionDefinition,
  r: TenantResources,
): Record<string, string> => {
  const env: Record<string, string> = {
    POWERTOOLS_SERVICE_NAME: `crm-${name}`,
    TENANT_ID: r.tenantId,
    TENANT_NAME: r.tenantName,
    TENANT_TIMEZONE: r.timezone,
    TENANT_CURRENCY: r.currency,
    TENANT_LOCALE: r.locale,
    APP_URL: r.appUrl,
  };
  const a = definition.access;
  const queueUrl = (q: string): string => {
    const url = r.queueUrls[q];
    if (url === undefined) throw new Error(`no URL for queue "${q}" of tenant ${r.tenantId}`);
    return url;
  };
  if (a.table) env.TABLE_NAME = r.tableName;
  if (a.putEvents || a.healthChecks) env.EVENT_BUS_NAME = r.busName;
  for (const q of a.sendTo ?? []) env[queueUrlVariable(q)] = queueUrl(q);
  if (a.healthChecks) for (const q of allQueueNames()) env[queueUrlVariable(q)] = queueUrl(q);
  if (a.sendEmail) {
    env.SES_CONFIGURATION_SET = r.sesConfigurationSet;
    env.MAIL_FROM = r.mailFrom;
  }
  if (a.userPool?.length || a.healthChecks) env.USER_POOL_ID = r.userPoolId;
  if (a.files) env.FILES_BUCKET = r.filesBucket;
  if (a.schedules) {
    env.SCHEDULE_GROUP_NAME = r.scheduleGroupName;
    env.SCHEDULER_ROLE_ARN = r.schedulerRoleArn;
    env.EVENT_BUS_ARN = r.busArn;
    env.SCHEDULE_DLQ_ARN = r.busDeadLetterArn;
  }
  if (a.unsubscribeKey) {
    if ('secretArn' in r.unsubscribeKey) env.UNSUBSCRIBE_KEY_SECRET_ARN = r.unsubscribeKey.secretArn;
    else env.UNSUBSCRIBE_KEY = r.unsubscribeKey.value;
  }
  return env;
};
