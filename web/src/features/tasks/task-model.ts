// The rules of the task screens, pure and testable: which of "today", "overdue" and "upcoming" a task
// belongs to in the organisation's time zone (as the API decides it), how a due time reads («Сегодня,
// 14:30»), the reminder choices and their words, and the form ↔ API mapping (a PATCH carries only
// what changed, `null` clearing an optional field).

import type {
  taskLists as domainLists,
  taskPriorities as domainPriorities,
} from '../../../../functions/domain/tasks/task.entity.ts';
import type { NewTask, Task, TaskChanges, TaskList, TaskPriority } from '../../api/tasks.ts';
import { dayInTimeZone, formatDate, formatTime } from '../../format/format.ts';
import { isoToZonedLocal, zonedLocalToIso } from '../../format/zoned.ts';
import type { Translator } from '../../i18n/translate.ts';

export const taskLists = ['today', 'overdue', 'upcoming'] as const;
export const taskPriorities = ['low', 'normal', 'high'] as const;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** A list or priority added on the server fails the type check here until the screens offer it. */
export const listsMatchDomain: [
  Same<(typeof taskLists)[number], (typeof domainLists)[number]>,
  Same<(typeof taskPriorities)[number], (typeof domainPriorities)[number]>,
] = [true, true];

/** The reminder choices of the form, in minutes before the due time. */
export const reminderPresets = [0, 15, 60, 1440] as const;

export const isTaskList = (value: unknown): value is TaskList => taskLists.includes(value as TaskList);

/** «В момент срока», «За 15 минут», «За 1 час», «За 1 день», «За 30 минут». */
export const reminderLabel = (minutes: number, { t, tp }: Pick<Translator, 't' | 'tp'>): string => {
  if (minutes === 0) return t('tasks.reminder.atDue');
  if (minutes % 1440 === 0) return tp('tasks.reminder.days', minutes / 1440);
  if (minutes % 60 === 0) return tp('tasks.reminder.hours', minutes / 60);
  return tp('tasks.reminder.minutes', minutes);
};

/** The calendar day `days` after `day` (YYYY-MM-DD), by the calendar, not by 24-hour steps. */
export const shiftDay = (day: string, days: number): string => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
};

/** Which lists a task is in now, as the API answers them: open tasks only. */
export const listsOf = (task: Pick<Task, 'dueAt' | 'done'>, now: Date, timeZone: string): TaskList[] => {
  if (task.done) return [];
  const day = dayInTimeZone(task.dueAt, timeZone);
  const today = dayInTimeZone(now, timeZone);
  const lists: TaskList[] = [];
  if (day === today) lists.push('today');
  if (Date.parse(task.dueAt) < now.getTime()) lists.push('overdue');
  if (day > today) lists.push('upcoming');
  return lists;
};

export const isOverdue = (task: Pick<Task, 'dueAt' | 'done'>, now: Date): boolean =>
  !task.done && Date.parse(task.dueAt) < now.getTime();

/** «Сегодня, 14:30», «Завтра, 09:00», «Вчера, 18:00», «24.11.2026, 14:30» — in the organisation's zone. */
export const dueText = (
  dueAt: string,
  now: Date,
  options: { locale: string; timeZone: string },
  { t }: Pick<Translator, 't'>,
): string => {
  const time = formatTime(dueAt, options);
  const day = dayInTimeZone(dueAt, options.timeZone);
  const today = dayInTimeZone(now, options.timeZone);
  if (day === today) return t('tasks.due.today', { time });
  if (day === shiftDay(today, 1)) return t('tasks.due.tomorrow', { time });
  if (day === shiftDay(today, -1)) return t('tasks.due.yesterday', { time });
  return t('tasks.due.other', { date: formatDate(dueAt, options), time });
};

export type TaskLists = Record<TaskList, { items: Task[]; nextCursor?: string }>;

export const emptyLists = (): TaskLists => ({
  today: { items: [] },
  overdue: { items: [] },
  upcoming: { items: [] },
});

const byDue = (a: Task, b: Task) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id < b.id ? -1 : 1);

/**
 * The lists after a task was written here: it leaves the lists it no longer belongs to and enters,
 * in due order, those it now belongs to. A task just marked done stays where it is (struck through,
 * so a slip can be undone) until the lists are read again; one reopened comes back where it belongs.
 */
export const placeTask = (lists: TaskLists, task: Task, now: Date, timeZone: string): TaskLists => {
  const belongs = new Set(listsOf(task, now, timeZone));
  const next = emptyLists();
  for (const name of taskLists) {
    const current = lists[name];
    const present = current.items.some((item) => item.id === task.id);
    let items: Task[];
    if (present && (task.done || belongs.has(name)))
      items = current.items.map((item) => (item.id === task.id ? task : item));
    else if (present) items = current.items.filter((item) => item.id !== task.id);
    else if (belongs.has(name)) {
      // A task due after the last one loaded of a longer list is not placed: paging brings it.
      const last = current.items.at(-1);
      const beyond = current.nextCursor !== undefined && last !== undefined && byDue(task, last) > 0;
      items = beyond ? current.items : [...current.items, task].sort(byDue);
    } else items = current.items;
    next[name] = { items, ...(current.nextCursor ? { nextCursor: current.nextCursor } : {}) };
  }
  return next;
};

export const dropTask = (lists: TaskLists, id: string): TaskLists => {
  const next = emptyLists();
  for (const name of taskLists) {
    const { items, nextCursor } = lists[name];
    next[name] = { items: items.filter((item) => item.id !== id), ...(nextCursor ? { nextCursor } : {}) };
  }
  return next;
};

/** The count a tab shows: open tasks loaded, with "+" when the list goes on. */
export const countText = (list: { items: readonly Task[]; nextCursor?: string }): string => {
  const open = list.items.filter((item) => !item.done).length;
  return list.nextCursor ? `${open}+` : String(open);
};

export type TaskForm = {
  title: string;
  description: string;
  date: string;
  time: string;
  assigneeId: string;
  priority: TaskPriority;
  /** Minutes before the due time as text; '' = no reminder. */
  reminder: string;
  companyId: string;
  companyName: string;
  contactId: string;
  contactName: string;
  dealId: string;
};

export type TaskFormErrors = Partial<Record<keyof TaskForm | 'form', string>>;

/** A new task's form: due today at the next full hour (the day's last minute late in the evening). */
export const blankTaskForm = (now: Date, timeZone: string, assigneeId: string): TaskForm => {
  const local = isoToZonedLocal(now, timeZone);
  const hour = Number(local.slice(11, 13)) + 1;
  return {
    title: '',
    description: '',
    date: local.slice(0, 10),
    time: hour > 23 ? '23:59' : `${String(hour).padStart(2, '0')}:00`,
    assigneeId,
    priority: 'normal',
    reminder: '',
    companyId: '',
    companyName: '',
    contactId: '',
    contactName: '',
    dealId: '',
  };
};

/** An existing task's form (names of its links are filled in by the dialog as they load). */
export const taskToForm = (task: Task, timeZone: string): TaskForm => {
  const local = isoToZonedLocal(task.dueAt, timeZone);
  return {
    title: task.title,
    description: task.description ?? '',
    date: local.slice(0, 10),
    time: local.slice(11, 16),
    assigneeId: task.assigneeId,
    priority: task.priority,
    reminder: task.remindBeforeMinutes === undefined ? '' : String(task.remindBeforeMinutes),
    companyId: task.companyId ?? '',
    companyName: '',
    contactId: task.contactId ?? '',
    contactName: '',
    dealId: task.dealId ?? '',
  };
};

export type FormProblem = 'titleRequired' | 'dateRequired' | 'timeRequired';

export const checkTaskForm = (form: TaskForm): Partial<Record<keyof TaskForm, FormProblem>> => {
  const problems: Partial<Record<keyof TaskForm, FormProblem>> = {};
  if (!form.title.trim()) problems.title = 'titleRequired';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date)) problems.date = 'dateRequired';
  if (!/^\d{2}:\d{2}$/.test(form.time)) problems.time = 'timeRequired';
  return problems;
};

/** The due time the form means: its date and time on the organisation's wall clock. */
export const formDueAt = (form: TaskForm, timeZone: string): string | undefined =>
  zonedLocalToIso(`${form.date}T${form.time}`, timeZone);

export const formToNewTask = (form: TaskForm, timeZone: string): NewTask => ({
  title: form.title.trim(),
  dueAt: formDueAt(form, timeZone) ?? '',
  priority: form.priority,
  ...(form.assigneeId ? { assigneeId: form.assigneeId } : {}),
  ...(form.description.trim() ? { description: form.description.trim() } : {}),
  ...(form.reminder !== '' ? { remindBeforeMinutes: Number(form.reminder) } : {}),
  ...(form.companyId ? { companyId: form.companyId } : {}),
  ...(form.contactId ? { contactId: form.contactId } : {}),
  ...(form.dealId ? { dealId: form.dealId } : {}),
});

/** What a PATCH must carry to turn `task` into what the form says: only the differences. */
export const formChanges = (task: Task, form: TaskForm, timeZone: string): TaskChanges => {
  const changes: TaskChanges = {};
  const title = form.title.trim();
  if (title !== task.title) changes.title = title;
  const description = form.description.trim();
  if (description !== (task.description ?? '')) changes.description = description || null;
  const dueAt = formDueAt(form, timeZone);
  if (dueAt && dueAt !== task.dueAt) changes.dueAt = dueAt;
  if (form.assigneeId && form.assigneeId !== task.assigneeId) changes.assigneeId = form.assigneeId;
  if (form.priority !== task.priority) changes.priority = form.priority;
  const reminder = form.reminder === '' ? undefined : Number(form.reminder);
  if (reminder !== task.remindBeforeMinutes) changes.remindBeforeMinutes = reminder ?? null;
  const link = (key: 'companyId' | 'contactId' | 'dealId') => {
    if (form[key] !== (task[key] ?? '')) changes[key] = form[key] || null;
  };
  link('companyId');
  link('contactId');
  link('dealId');
  return changes;
};
