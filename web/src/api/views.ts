// /api/views: saved views (Сохранённые фильтры) — filters, sort and columns under a name, private or
// shared with the team. Changes are conditional on the view's version.
import type { HttpClient } from './http-client.ts';
import type { ListFilters, RecordType, SortKey, SortOrder } from './records.ts';

export type ViewVisibility = 'private' | 'team';

export type SavedView = {
  id: string;
  entity: RecordType;
  name: string;
  filters: ListFilters;
  sort: SortKey;
  order: SortOrder;
  columns: string[];
  visibility: ViewVisibility;
  ownerId: string;
  version: number;
};

export type ViewInput = Omit<SavedView, 'id' | 'ownerId' | 'version'>;

export type ViewsApi = {
  list: (entity: RecordType) => Promise<SavedView[]>;
  create: (input: ViewInput) => Promise<SavedView>;
  update: (id: string, expectedVersion: number, changes: Partial<ViewInput>) => Promise<SavedView>;
  remove: (id: string) => Promise<void>;
};

const unwrap = (body: unknown): SavedView => ((body as { view?: SavedView })?.view ?? body) as SavedView;

export const viewsApi = (http: HttpClient): ViewsApi => ({
  list: async (entity) => {
    const body = await http.request<{ items?: SavedView[] }>('GET', '/api/views', { query: { entity } });
    return (body?.items ?? []).filter((view) => view.entity === entity);
  },
  create: async (input) => unwrap(await http.request('POST', '/api/views', { body: input })),
  update: async (id, expectedVersion, changes) =>
    unwrap(
      await http.request('PATCH', `/api/views/${encodeURIComponent(id)}`, {
        body: { expectedVersion, ...changes },
      }),
    ),
  remove: async (id) => {
    await http.request('DELETE', `/api/views/${encodeURIComponent(id)}`);
  },
});
