// /api/segments (docs/campaigns.md, "Segments"): saved filters over contacts and their companies, the
// live count of an unsaved filter (eligible contacts, exclusions per reason, a sample), save, rename and
// delete at the version last read (a stale one is an ApiError 409). Types are the domain's own (types
// only: no server code reaches the bundle).
import type { SegmentPreview as DomainPreview } from '../../../functions/domain/segments/evaluate.ts';
import type { SegmentView as DomainSegmentView } from '../../../functions/domain/segments/segment.entity.ts';
import type { SegmentFilterInput } from '../../../functions/domain/segments/segment-filter.ts';
import type { HttpClient } from './http-client.ts';

export type SegmentFilter = SegmentFilterInput;
export type Segment = DomainSegmentView;
export type SegmentPreview = DomainPreview;
export type ExclusionReason = keyof SegmentPreview['excluded'];

export type NewSegment = { name: string; description?: string; filter: SegmentFilter };
export type SegmentChanges = { name?: string; description?: string | null; filter?: SegmentFilter };

export type SegmentsApi = {
  list: (cursor?: string) => Promise<{ items: Segment[]; nextCursor?: string }>;
  get: (id: string) => Promise<Segment>;
  create: (input: NewSegment) => Promise<Segment>;
  update: (id: string, expectedVersion: number, changes: SegmentChanges) => Promise<Segment>;
  remove: (id: string, expectedVersion: number) => Promise<void>;
  /** The live count of a filter; an unknown custom field or product is an ApiError 400 naming it. */
  preview: (filter: SegmentFilter, signal?: AbortSignal) => Promise<SegmentPreview>;
};

const segmentPath = (id: string) => `/api/segments/${encodeURIComponent(id)}`;

export const segmentsApi = (http: HttpClient): SegmentsApi => ({
  list: async (cursor) => {
    const body = await http.request<{ items?: Segment[]; nextCursor?: string }>('GET', '/api/segments', {
      query: { limit: 200, ...(cursor ? { cursor } : {}) },
    });
    return { items: body.items ?? [], ...(body.nextCursor ? { nextCursor: body.nextCursor } : {}) };
  },
  get: async (id) => (await http.request<{ segment: Segment }>('GET', segmentPath(id))).segment,
  create: async (input) =>
    (await http.request<{ segment: Segment }>('POST', '/api/segments', { body: input })).segment,
  update: async (id, expectedVersion, changes) =>
    (
      await http.request<{ segment: Segment }>('PATCH', segmentPath(id), {
        body: { expectedVersion, ...changes },
      })
    ).segment,
  remove: async (id, expectedVersion) => {
    await http.request('DELETE', segmentPath(id), { query: { expectedVersion } });
  },
  preview: (filter, signal) =>
    http.request<SegmentPreview>('POST', '/api/segments/preview', {
      body: { filter },
      ...(signal ? { signal } : {}),
    }),
});
