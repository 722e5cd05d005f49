// The local EventBridge and EventBridge Scheduler, for the local runtime: one import for
// the bus, the scheduler, the HTTP server that serves both to the AWS SDK clients, and the
// pattern matcher. Each module's header documents its part of the API.
export * from './delivery.ts';
export * from './event-bus.ts';
export * from './event-pattern.ts';
export * from './schedule-expression.ts';
export * from './scheduler.ts';
export * from './server.ts';
