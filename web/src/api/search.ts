// GET /api/search: companies and contacts by a word or prefix of a name, an e-mail, a phone or an INN.
import type { HttpClient } from './http-client.ts';
import type { RecordType } from './records.ts';

export type SearchMatchField = 'name' | 'inn' | 'phone' | 'email' | (string & {});

export type SearchHit = {
  type: RecordType;
  id: string;
  name: string;
  /** INN, phone or company, as the API chose to show it. */
  subtitle?: string;
  match?: { field: SearchMatchField; exact: boolean };
};

export type SearchApi = {
  search: (
    q: string,
    options?: { types?: readonly RecordType[]; limit?: number; signal?: AbortSignal },
  ) => Promise<SearchHit[]>;
};

export const searchApi = (http: HttpClient): SearchApi => ({
  search: async (q, { types, limit = 20, signal } = {}) => {
    const body = await http.request<{ items?: SearchHit[] }>('GET', '/api/search', {
      query: { q, limit, types: types?.join(',') },
      signal,
    });
    return (body?.items ?? []).filter((hit) => hit && typeof hit.id === 'string');
  },
});
