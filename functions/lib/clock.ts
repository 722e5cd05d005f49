// "Now" for domain code. In AWS it is the system clock. The local runtime can move time
// forward (to simulate days passing in tests and demos) and tells each invocation how far
// ahead it is through CRM_CLOCK_OFFSET_MS; domain code must take time from here, never
// from `new Date()`, so that a moved clock moves due dates, reminders and audits alike.

export const now = (): Date => new Date(Date.now() + Number(process.env.CRM_CLOCK_OFFSET_MS ?? 0));

export const nowIso = (): string => now().toISOString();
