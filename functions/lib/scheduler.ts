// The EventBridge Scheduler client and what a one-off schedule of the tenant needs: its
// schedule group, the role the Scheduler assumes to put the event on the tenant's bus, the
// bus, and the failure queue of undeliverable events. Importing this module requires the
// function's catalog entry to ask for `schedules` access.
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { requireEnv } from './env.ts';

export const scheduler = new SchedulerClient({});
export const scheduleGroupName = requireEnv('SCHEDULE_GROUP_NAME');
export const schedulerRoleArn = requireEnv('SCHEDULER_ROLE_ARN');
export const eventBusArn = requireEnv('EVENT_BUS_ARN');
export const scheduleDeadLetterArn = requireEnv('SCHEDULE_DLQ_ARN');
