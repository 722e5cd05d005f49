// Rule target relink-merged-records: runs one slice of a merge's relink job; writing the
// next slice number asks for the next one (through the table stream).
import { mergeRelinkRequestedV1 } from '../../events/catalog.ts';
import { runRelinkSlice } from '../domain/records/relink.ts';
import { eventTarget } from '../lib/triggers.ts';

export const handler = eventTarget(mergeRelinkRequestedV1, async ({ detail }) => {
  await runRelinkSlice(detail.type, detail.duplicateId, detail.slice);
});
