// The one place the CLI imports the local runtime (scripts/local/). `crm dev` loads this
// module lazily, so the other commands neither wait for nor depend on the emulator stack.
export { startLocalRuntime } from '../../local/runtime.ts';
export { seedEmptyDemoTenant } from '../../seed/seed-on-start.ts';
