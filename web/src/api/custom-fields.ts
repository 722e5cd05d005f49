// /api/custom-fields: the organisation's extra fields per record type. Everyone reads them (forms,
// columns, filters); only admins define, change and delete them.
import type { CustomFieldDefinition } from '../../../functions/domain/custom-fields/custom-field.entity.ts';
import type { HttpClient } from './http-client.ts';
import type { RecordType } from './records.ts';

export type CustomField = CustomFieldDefinition & { version?: number };
export type CustomFieldInput = CustomFieldDefinition;

export type CustomFieldsApi = {
  list: (entity?: RecordType) => Promise<CustomField[]>;
  create: (input: CustomFieldInput) => Promise<CustomField>;
  /** Entity, key and type are fixed once created. */
  update: (
    entity: RecordType,
    key: string,
    changes: Partial<Pick<CustomFieldInput, 'label' | 'options' | 'required' | 'currency' | 'order'>> & {
      expectedVersion: number;
    },
  ) => Promise<CustomField>;
  remove: (entity: RecordType, key: string, expectedVersion: number) => Promise<void>;
};

const unwrap = (body: unknown): CustomField =>
  ((body as { field?: CustomField })?.field ?? body) as CustomField;

const fieldPath = (entity: RecordType, key: string) =>
  `/api/custom-fields/${encodeURIComponent(entity)}/${encodeURIComponent(key)}`;

export const customFieldsApi = (http: HttpClient): CustomFieldsApi => ({
  list: async (entity) => {
    const body = await http.request<{ items?: CustomField[] }>('GET', '/api/custom-fields', {
      query: { entity },
    });
    return (body?.items ?? [])
      .filter((field) => !entity || field.entity === entity)
      .sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || a.key.localeCompare(b.key));
  },
  create: async (input) => unwrap(await http.request('POST', '/api/custom-fields', { body: input })),
  update: async (entity, key, changes) =>
    unwrap(await http.request('PATCH', fieldPath(entity, key), { body: changes })),
  remove: async (entity, key, expectedVersion) => {
    await http.request('DELETE', fieldPath(entity, key), { query: { expectedVersion } });
  },
});
