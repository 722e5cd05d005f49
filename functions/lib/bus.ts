// The tenant bus client, created once per function instance. Importing it requires
// EVENT_BUS_NAME (the function's catalog entry must ask for putEvents).
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { requireEnv } from './env.ts';

export const eventBusName = requireEnv('EVENT_BUS_NAME');
export const eventBridge = new EventBridgeClient({});
