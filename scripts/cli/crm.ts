// Entry point of the ops CLI: `npm run crm -- <command>`, or the `crm` bin (scripts/bin/crm.js).
import { runCli } from './program.ts';

process.exitCode = await runCli(process.argv);
