// GET /api/trash: deleted companies and contacts that can still be restored (30 days).
import type { HttpClient } from './http-client.ts';
import { parseListPage, type RecordType } from './records.ts';

export type TrashItem = {
  type: RecordType;
  id: string;
  name: string;
  deletedAt: string;
  deletedBy?: string;
  ownerId?: string;
  expiresAt?: string;
  version: number;
};

export type TrashApi = {
  list: (options: {
    type: RecordType;
    cursor?: string;
  }) => Promise<{ items: TrashItem[]; nextCursor?: string }>;
  /** Deletes for good (administrators). */
  purge: (type: RecordType, id: string) => Promise<void>;
};

const toItem = (raw: Record<string, unknown>, fallbackType: RecordType | undefined): TrashItem => {
  const type = (raw.type ?? raw.entity ?? fallbackType ?? 'company') as RecordType;
  const name =
    typeof raw.name === 'string'
      ? raw.name
      : [raw.lastName, raw.firstName, raw.middleName].filter((v) => typeof v === 'string').join(' ');
  const expires =
    typeof raw.restorableUntil === 'string'
      ? raw.restorableUntil
      : typeof raw.expiresAt === 'string'
        ? raw.expiresAt
        : typeof raw.expiresAt === 'number'
          ? new Date(raw.expiresAt * 1000).toISOString()
          : undefined;
  return {
    type: type === 'contact' ? 'contact' : 'company',
    id: String(raw.id ?? ''),
    name,
    deletedAt: String(raw.deletedAt ?? ''),
    ...(typeof raw.deletedBy === 'string' ? { deletedBy: raw.deletedBy } : {}),
    ...(typeof raw.ownerId === 'string' ? { ownerId: raw.ownerId } : {}),
    ...(expires ? { expiresAt: expires } : {}),
    version: typeof raw.version === 'number' ? raw.version : 1,
  };
};

export const trashApi = (http: HttpClient): TrashApi => ({
  list: async ({ type, cursor }) => {
    const page = parseListPage<Record<string, unknown>>(
      await http.request('GET', '/api/trash', { query: { type, cursor } }),
    );
    return {
      items: page.items.map((raw) => toItem(raw, type)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
  purge: async (type, id) => {
    await http.request('DELETE', `/api/trash/${encodeURIComponent(type)}/${encodeURIComponent(id)}`);
  },
});
