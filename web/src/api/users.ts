// GET /api/users: the organisation's staff with their roles, for owner pickers, filters and names on
// the timeline.
import type { HttpClient } from './http-client.ts';
import type { Role } from './me.ts';

export type StaffMember = { id: string; name: string; email: string; roles: Role[] };

export type UsersApi = { list: () => Promise<StaffMember[]> };

export const parseStaff = (body: unknown): StaffMember[] => {
  const value = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const list = Array.isArray(value.items) ? value.items : Array.isArray(value.users) ? value.users : [];
  return list.flatMap((entry) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const u = entry as Record<string, unknown>;
    const id = String(u.id ?? u.userId ?? '');
    if (!id) return [];
    return [
      {
        id,
        name: String(u.name ?? u.email ?? id),
        email: String(u.email ?? ''),
        roles: Array.isArray(u.roles) ? (u.roles as Role[]) : [],
      },
    ];
  });
};

export const usersApi = (http: HttpClient): UsersApi => ({
  list: async () => parseStaff(await http.request('GET', '/api/users')),
});
