// The job that moves a merged duplicate's links to its survivor (docs/customer-base.md
// "Merge"): written in the merge's own transaction, then advanced slice by slice by
// relink-merged. Each slice is a bounded amount of work; writing the next slice number puts
// the next merge.relink-requested.v1 on the bus (through the stream), so a large set never
// needs one long invocation, and a crashed slice is redelivered and resumes where the links
// left off (every move is idempotent).
import type { Versioned } from '../mutations.ts';
import type { RecordType } from './record-kinds.ts';

export const mergeJobKey = (type: RecordType, duplicateId: string) =>
  ({ pk: `MERGE#${type}#${duplicateId}`, sk: 'JOB' }) as const;

/** What a merge re-points, in order: a company's contacts and their histories, files, the timeline. */
export const mergePhases = {
  company: ['contacts', 'past-contacts', 'attachments', 'timeline'],
  contact: ['attachments', 'timeline'],
} as const satisfies Record<RecordType, readonly string[]>;
export type MergePhase = (typeof mergePhases)[RecordType][number];

export type MergeJobItem = Versioned & {
  readonly type: RecordType;
  readonly duplicateId: string;
  readonly survivorId: string;
  /** The user who merged: moves are audited as theirs. */
  readonly actorId: string;
  readonly status: 'running' | 'done';
  /** The phase the next slice starts in; absent when done. */
  readonly phase?: MergePhase;
  readonly slice: number;
  /** Links moved so far. */
  readonly moved: number;
};

export const newMergeJob = (
  type: RecordType,
  duplicateId: string,
  survivorId: string,
  actorId: string,
  at: string,
): MergeJobItem => ({
  ...mergeJobKey(type, duplicateId),
  entity: 'merge-job',
  type,
  duplicateId,
  survivorId,
  actorId,
  status: 'running',
  phase: mergePhases[type][0],
  slice: 0,
  moved: 0,
  version: 1,
  createdAt: at,
  createdBy: actorId,
  updatedAt: at,
  updatedBy: actorId,
});

/** The phase after `phase`, or undefined when it was the last. */
export const nextPhase = (type: RecordType, phase: MergePhase): MergePhase | undefined => {
  const phases: readonly MergePhase[] = mergePhases[type];
  return phases[phases.indexOf(phase) + 1];
};

export const createMockMergeJob = (overrides: Partial<MergeJobItem> = {}): MergeJobItem => ({
  ...newMergeJob(
    'company',
    '01JCOMPANY0000000000000002',
    '01JCOMPANY0000000000000001',
    'user-igor',
    '2026-11-24T09:00:00.000Z',
  ),
  ...overrides,
});
