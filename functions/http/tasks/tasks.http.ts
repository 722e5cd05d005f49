// /api/tasks: create, read, change (re-date, reassign, done or reopen), delete; "my tasks"
// for today (the tenant's day), overdue and upcoming, and the tasks a user created.
import { type TaskItem, type TaskList, taskLists, toTaskView } from '../../domain/tasks/task.entity.ts';
import {
  createTaskFor,
  deleteTask,
  getTask,
  listCreatedTasks,
  listTasks,
  updateTask,
} from '../../domain/tasks/tasks.ts';
import { now } from '../../lib/clock.ts';
import { tenantConfig } from '../../lib/env.ts';
import { created, ok, type UserRouteHandler, userRoutes } from '../../lib/http.ts';
import { parseInput } from '../../lib/validation.ts';
import { versionQuerySchema } from '../records/record-routes.ts';

const tenant = tenantConfig();

const view = (task: TaskItem) => toTaskView(task, now());
const page = ({ items, nextCursor }: { items: TaskItem[]; nextCursor?: string }) =>
  ok({ items: items.map(view), ...(nextCursor ? { nextCursor } : {}) });

const list =
  (name: TaskList): UserRouteHandler =>
  async ({ query }, principal) =>
    page(await listTasks(principal, name, query, tenant.timezone));

export const handler = userRoutes({
  'POST /api/tasks': async ({ body }, principal) =>
    created({ task: view(await createTaskFor(principal, body)) }),
  ...Object.fromEntries(taskLists.map((name) => [`GET /api/tasks/${name}`, list(name)])),
  'GET /api/tasks/created': async ({ query }, principal) => page(await listCreatedTasks(principal, query)),
  'GET /api/tasks/{id}': async ({ params }, principal) =>
    ok({ task: view(await getTask(principal, params.id ?? '')) }),
  'PATCH /api/tasks/{id}': async ({ params, body }, principal) =>
    ok({ task: view(await updateTask(principal, params.id ?? '', body)) }),
  'DELETE /api/tasks/{id}': async ({ params, query }, principal) => {
    const { expectedVersion } = parseInput(versionQuerySchema, query);
    await deleteTask(principal, params.id ?? '', expectedVersion);
    return { status: 204 };
  },
});
