// GET /api/users: the tenant's staff with their roles (owner pickers, filters).
import { listStaff } from '../../domain/users/staff.ts';
import { ok, userRoute } from '../../lib/http.ts';

export const handler = userRoute(async (_request, principal) => ok({ items: await listStaff(principal) }));
