// Writes the JSON Schema snapshot of every event contract that has none yet
// (events/snapshots/<detail-type>.json). Existing snapshots are never rewritten: a published
// version is frozen, and the contract test holds the code to it.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { eventContracts } from '../events/catalog.ts';

const dir = join(import.meta.dirname, '..', 'events', 'snapshots');
for (const contract of eventContracts) {
  const file = join(dir, `${contract.detailType}.json`);
  if (existsSync(file)) continue;
  writeFileSync(file, `${JSON.stringify(z.toJSONSchema(contract.schema), null, 2)}\n`);
  console.log(`wrote ${file}`);
}
