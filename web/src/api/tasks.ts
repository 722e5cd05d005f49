// /api/tasks (docs/activities-and-tasks.md "Tasks"): "my tasks" — today in the organisation's time
// zone, overdue, upcoming — by cursor; one task; create, change (done or reopened, re-dated,
// relinked) and delete at the version last read. A write at a stale version is an ApiError 409
// StaleVersion. The task type comes from the domain entity (types only: no server code in the bundle).
import type { CreateTask, TaskList, toTaskView } from '../../../functions/domain/tasks/task.entity.ts';
import type { HttpClient } from './http-client.ts';

export type Task = ReturnType<typeof toTaskView>;
export type { TaskList };
export type TaskPriority = Task['priority'];

/** What POST /api/tasks takes (the schema's input: priority may be left out). */
export type NewTask = Omit<CreateTask, 'priority'> & { priority?: TaskPriority };

/** PATCH: `null` clears an optional field; `done` completes or reopens. */
export type TaskChanges = {
  title?: string;
  description?: string | null;
  dueAt?: string;
  assigneeId?: string;
  priority?: TaskPriority;
  remindBeforeMinutes?: number | null;
  companyId?: string | null;
  contactId?: string | null;
  dealId?: string | null;
  done?: boolean;
};

export type TaskPage = { items: Task[]; nextCursor?: string };

export type TasksApi = {
  list: (
    list: TaskList,
    options?: { assigneeId?: string; limit?: number; cursor?: string; signal?: AbortSignal },
  ) => Promise<TaskPage>;
  get: (id: string) => Promise<Task>;
  create: (input: NewTask) => Promise<Task>;
  update: (id: string, expectedVersion: number, changes: TaskChanges) => Promise<Task>;
  remove: (id: string, expectedVersion: number) => Promise<void>;
};

const taskPath = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;
const unwrap = (body: unknown): Task => (body as { task: Task }).task;

export const tasksApi = (http: HttpClient): TasksApi => ({
  list: async (list, { assigneeId, limit = 50, cursor, signal } = {}) => {
    const body = await http.request<TaskPage>('GET', `/api/tasks/${list}`, {
      query: { assigneeId, limit, cursor },
      ...(signal ? { signal } : {}),
    });
    return { items: body.items ?? [], ...(body.nextCursor ? { nextCursor: body.nextCursor } : {}) };
  },
  get: async (id) => unwrap(await http.request('GET', taskPath(id))),
  create: async (input) => unwrap(await http.request('POST', '/api/tasks', { body: input })),
  update: async (id, expectedVersion, changes) =>
    unwrap(await http.request('PATCH', taskPath(id), { body: { expectedVersion, ...changes } })),
  remove: async (id, expectedVersion) => {
    await http.request('DELETE', taskPath(id), { query: { expectedVersion } });
  },
});
