// Physical names of a tenant's resources. The CDK stack and the local runtime both name
// resources through these functions, so that a name seen in AWS is the name seen locally.

export const stackName = (tenantId: string): string => `Crm-${tenantId}`;
export const tableName = (tenantId: string): string => `crm-${tenantId}`;
export const busName = (tenantId: string): string => `crm-${tenantId}`;
export const scheduleGroupName = (tenantId: string): string => `crm-${tenantId}`;
export const queueName = (tenantId: string, queue: string): string => `crm-${tenantId}-${queue}`;
export const deadLetterQueueName = (tenantId: string, queue: string): string =>
  `crm-${tenantId}-${queue}-dlq`;
export const ruleName = (tenantId: string, rule: string): string => `crm-${tenantId}-${rule}`;
export const scheduleName = (tenantId: string, schedule: string): string => `crm-${tenantId}-${schedule}`;
export const functionName = (tenantId: string, fn: string): string => `crm-${tenantId}-${fn}`;
export const httpApiName = (tenantId: string): string => `crm-${tenantId}`;
export const userPoolName = (tenantId: string): string => `crm-${tenantId}`;
export const userPoolClientName = (tenantId: string): string => `crm-${tenantId}-web`;
export const sesConfigurationSetName = (tenantId: string): string => `crm-${tenantId}`;
/** Locally the bucket's name; in AWS a generated name (bucket names are global), passed in FILES_BUCKET. */
export const filesBucketName = (tenantId: string): string => `crm-${tenantId}-files`;
