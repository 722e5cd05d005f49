// /api/companies and /api/contacts (docs/customer-base.md): lists by cursor, one record, create with the
// duplicate check, conditional changes, delete/restore, merge and bulk actions. The record types come
// from the domain entities (types only: no server code reaches the bundle).
import type { CompanyView } from '../../../functions/domain/companies/company.entity.ts';
import type { ContactView } from '../../../functions/domain/contacts/contact.entity.ts';
import type { HttpClient } from './http-client.ts';

export type Company = CompanyView;
export type Contact = ContactView;
export type RecordType = 'company' | 'contact';
export type RecordOf<T extends RecordType> = T extends 'company' ? Company : Contact;
export type AnyRecord = Company | Contact;

export type SortKey = 'name' | 'created' | 'updated' | 'activity';
export type SortOrder = 'asc' | 'desc';

/** Filter parameters as the list API takes them: owner, stage, tag, source, industry, city, company, cf.<key>, inactiveDays. */
export type ListFilters = Readonly<Record<string, string>>;

export type ListQuery = {
  sort: SortKey;
  order: SortOrder;
  filters: ListFilters;
  limit?: number;
  cursor?: string;
};

export type ListPage<T> = {
  items: T[];
  nextCursor?: string;
  total?: number;
  totalIsExact: boolean;
};

export type DuplicateReason = 'inn' | 'email' | 'phone' | 'name';
export type DuplicateCandidate = { id: string; name: string; reason: DuplicateReason; value?: string };

export type MergePick = 'survivor' | 'duplicate' | 'both';

export type BulkAction =
  | { action: 'reassign'; ownerId: string }
  | { action: 'add-tags'; tags: string[] }
  | { action: 'remove-tags'; tags: string[] }
  | { action: 'set-stage'; lifecycleStage: string }
  | { action: 'restore' }
  | { action: 'delete' };

/** The API takes at most this many ids per bulk request. */
export const bulkBatchSize = 100;

export type BulkResult = { succeeded: string[]; failed: { id: string; code: string; message: string }[] };

/** A contact of a company as the company card lists it (the link item). */
export type CompanyContactLink = {
  contactId: string;
  name: string;
  jobTitle?: string;
  primaryPhone?: string;
  primaryEmail?: string;
};

export type RecordsApi<T extends RecordType> = {
  list: (query: ListQuery, signal?: AbortSignal) => Promise<ListPage<RecordOf<T>>>;
  get: (id: string) => Promise<RecordOf<T>>;
  /** Rejects with ApiError 409 DuplicateSuspected (details.duplicates) unless allowDuplicate. */
  create: (input: Record<string, unknown>, options?: { allowDuplicate?: boolean }) => Promise<RecordOf<T>>;
  duplicates: (input: Record<string, unknown>, signal?: AbortSignal) => Promise<DuplicateCandidate[]>;
  /** Rejects with ApiError StaleVersion (409) when the record changed since `expectedVersion`. */
  update: (id: string, expectedVersion: number, changes: Record<string, unknown>) => Promise<RecordOf<T>>;
  remove: (id: string, expectedVersion: number) => Promise<void>;
  restore: (id: string, expectedVersion: number) => Promise<RecordOf<T>>;
  /** Merges the duplicate into the survivor; `pick` chooses per field whose value stays. */
  merge: (input: {
    survivorId: string;
    expectedVersion: number;
    duplicateId: string;
    duplicateVersion: number;
    pick: Record<string, MergePick>;
  }) => Promise<RecordOf<T>>;
  bulk: (ids: readonly string[], action: BulkAction) => Promise<BulkResult>;
};

const collection = (type: RecordType) => (type === 'company' ? '/api/companies' : '/api/contacts');

const path = (type: RecordType, id: string, suffix = '') =>
  `${collection(type)}/${encodeURIComponent(id)}${suffix}`;

// Answers are read tolerantly: `{ company }`, `{ contact }`, `{ record }` or the record itself.
const unwrap = <R>(body: unknown, type: RecordType): R => {
  if (typeof body !== 'object' || body === null) return body as R;
  const value = body as Record<string, unknown>;
  return (value[type] ?? value.record ?? value) as R;
};

export const parseListPage = <R>(body: unknown): ListPage<R> => {
  const value = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const total = typeof value.total === 'number' ? value.total : undefined;
  return {
    items: Array.isArray(value.items) ? (value.items as R[]) : [],
    ...(typeof value.nextCursor === 'string' && value.nextCursor ? { nextCursor: value.nextCursor } : {}),
    ...(total !== undefined ? { total } : {}),
    totalIsExact: value.totalIsExact === true,
  };
};

export const parseBulkResult = (body: unknown, ids: readonly string[]): BulkResult => {
  const value = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const failedRaw = Array.isArray(value.failed)
    ? value.failed
    : Array.isArray(value.results)
      ? value.results.filter((r) => {
          const result = r as { ok?: boolean; status?: string };
          return result.ok === false || (result.status !== undefined && result.status !== 'ok');
        })
      : [];
  const failed = failedRaw.flatMap((entry) => {
    if (typeof entry === 'string') return [{ id: entry, code: 'Failed', message: '' }];
    if (typeof entry !== 'object' || entry === null) return [];
    const e = entry as Record<string, unknown>;
    const error = (typeof e.error === 'object' && e.error !== null ? e.error : e) as Record<string, unknown>;
    return [
      {
        id: String(e.id ?? ''),
        code: String(error.code ?? e.status ?? 'Failed'),
        message: String(error.message ?? ''),
      },
    ];
  });
  const failedIds = new Set(failed.map((f) => f.id));
  const succeeded = Array.isArray(value.succeeded)
    ? value.succeeded.map((entry) =>
        typeof entry === 'string' ? entry : String((entry as { id?: unknown }).id ?? ''),
      )
    : ids.filter((id) => !failedIds.has(id));
  return { succeeded, failed };
};

export const recordsApi = <T extends RecordType>(http: HttpClient, type: T): RecordsApi<T> => ({
  list: async (query, signal) =>
    parseListPage<RecordOf<T>>(
      await http.request('GET', collection(type), {
        query: {
          sort: query.sort,
          order: query.order,
          limit: query.limit,
          cursor: query.cursor,
          ...query.filters,
        },
        signal,
      }),
    ),
  get: async (id) => unwrap(await http.request('GET', path(type, id)), type),
  create: async (input, options = {}) =>
    unwrap(
      await http.request('POST', collection(type), {
        body: options.allowDuplicate ? { ...input, allowDuplicate: true } : input,
      }),
      type,
    ),
  duplicates: async (input, signal) => {
    const body = await http.request<{ duplicates?: DuplicateCandidate[]; items?: DuplicateCandidate[] }>(
      'POST',
      `${collection(type)}/duplicates`,
      { body: input, signal },
    );
    return body?.duplicates ?? body?.items ?? [];
  },
  update: async (id, expectedVersion, changes) =>
    unwrap(await http.request('PATCH', path(type, id), { body: { expectedVersion, ...changes } }), type),
  remove: async (id, expectedVersion) => {
    await http.request('DELETE', path(type, id), { query: { expectedVersion } });
  },
  restore: async (id, expectedVersion) =>
    unwrap(await http.request('POST', path(type, id, '/restore'), { body: { expectedVersion } }), type),
  merge: async ({ survivorId, ...body }) =>
    unwrap(await http.request('POST', path(type, survivorId, '/merge'), { body }), type),
  bulk: async (ids, action) => {
    // In batches the API accepts; one refused batch (403) stops the rest.
    const result: BulkResult = { succeeded: [], failed: [] };
    for (let i = 0; i < ids.length; i += bulkBatchSize) {
      const batch = ids.slice(i, i + bulkBatchSize);
      const part = parseBulkResult(
        await http.request('POST', `${collection(type)}/bulk`, { body: { ids: batch, ...action } }),
        batch,
      );
      result.succeeded.push(...part.succeeded);
      result.failed.push(...part.failed);
    }
    return result;
  },
});

export type CompanyContactsApi = {
  list: (companyId: string, cursor?: string) => Promise<{ items: CompanyContactLink[]; nextCursor?: string }>;
};

export const companyContactsApi = (http: HttpClient): CompanyContactsApi => ({
  list: async (companyId, cursor) => {
    const page = parseListPage<Record<string, unknown>>(
      await http.request('GET', path('company', companyId, '/contacts'), { query: { cursor } }),
    );
    return {
      items: page.items.map((item) => ({
        contactId: String(item.contactId ?? item.id ?? ''),
        name: String(item.name ?? ''),
        ...(typeof item.jobTitle === 'string' ? { jobTitle: item.jobTitle } : {}),
        ...(typeof item.primaryPhone === 'string' ? { primaryPhone: item.primaryPhone } : {}),
        ...(typeof item.primaryEmail === 'string' ? { primaryEmail: item.primaryEmail } : {}),
      })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
});
