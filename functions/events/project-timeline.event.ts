// Rule targets timeline-from-audit, timeline-from-notes and timeline-from-activities: audit
// entries, notes and activities become timeline entries of their records (idempotent: keyed
// by their source).
import {
  activityDeletedV1,
  activityLoggedV1,
  activityUpdatedV1,
  auditRecordedV1,
  noteCreatedV1,
  noteDeletedV1,
  noteUpdatedV1,
} from '../../events/catalog.ts';
import { projectActivity, projectAudit, projectNote } from '../domain/timeline/projection.ts';
import { eventTargets, on } from '../lib/triggers.ts';

export const handler = eventTargets(
  on(auditRecordedV1, ({ detail }) => projectAudit(detail)),
  on(noteCreatedV1, ({ detail }) => projectNote(detail.note, detail.at)),
  on(noteUpdatedV1, ({ detail }) =>
    projectNote(detail.note, detail.at, {
      ...(detail.previousAt ? { previousAt: detail.previousAt } : {}),
      ...(detail.previousSubjects ? { previousSubjects: detail.previousSubjects } : {}),
    }),
  ),
  on(noteDeletedV1, ({ detail }) => projectNote(detail.note, detail.at, { deleted: true })),
  on(activityLoggedV1, ({ detail }) => projectActivity(detail.activity, detail.at)),
  on(activityUpdatedV1, ({ detail }) =>
    projectActivity(detail.activity, detail.at, {
      ...(detail.previousAt ? { previousAt: detail.previousAt } : {}),
      ...(detail.previousTimelines ? { previousTimelines: detail.previousTimelines } : {}),
    }),
  ),
  on(activityDeletedV1, ({ detail }) => projectActivity(detail.activity, detail.at, { deleted: true })),
);
