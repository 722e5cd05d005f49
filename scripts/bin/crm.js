#!/usr/bin/env node
// The `crm` bin. Plain JavaScript so that an older Node can run it far enough to say that the
// CLI (TypeScript, run by Node's type stripping) needs the project's Node 24.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    "crm needs Node 24+; run it as `npm run crm -- …` from the repo, which uses the project's Node\n",
  );
  process.exit(1);
}
await import('../cli/crm.ts');
