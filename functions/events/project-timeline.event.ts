// Rule targets timeline-from-audit and timeline-from-notes: audit entries and notes become
// timeline entries of their records (idempotent: keyed by their source).
import { auditRecordedV1, noteCreatedV1, noteDeletedV1, noteUpdatedV1 } from '../../events/catalog.ts';
import { projectAudit, projectNote } from '../domain/timeline/projection.ts';
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
);
