// Задачи: my tasks for today (the organisation's day), overdue and upcoming, as tabs with their counts;
// sales managers and administrators may look at a colleague's. A task is done with its checkbox (at the
// version last read: a colleague's change meanwhile reloads it and says so), opened to edit, deleted
// after a confirmation, and created with "Новая задача". The list and the person live in the URL;
// /tasks/<id> (a reminder's link) opens that task.
import { useNavigate, useSearchParams } from '@solidjs/router';
import { createEffect, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import type { Task, TaskList } from '../../api/tasks.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { usePageTitle } from '../../layout/page-title.ts';
import { ApiErrorState } from '../../ui/api-error-state.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/choice-fields.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { EmptyState, Skeleton } from '../../ui/feedback.tsx';
import { useToast } from '../../ui/toast.tsx';
import { isManager } from '../records/permissions.ts';
import { useActor } from '../users/actor.ts';
import { loadStaff, staff, staffName } from '../users/staff.ts';
import { TaskDialog } from './task-dialog.tsx';
import {
  countText,
  dropTask,
  emptyLists,
  isTaskList,
  placeTask,
  type TaskLists,
  taskLists,
} from './task-model.ts';
import { TaskRow } from './task-row.tsx';
import '../records/records.css';
import './tasks.css';

const pageSize = 100;

export const TasksScreen = (props: { openTaskId?: string | undefined }) => {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const actor = useActor();
  const navigate = useNavigate();
  usePageTitle(() => t('tasks.title'));
  onMount(() => void loadStaff());

  const [search, setSearch] = useSearchParams();
  const tab = (): TaskList => (isTaskList(search.list) ? search.list : 'today');
  const assignee = () => {
    const chosen = typeof search.assignee === 'string' ? search.assignee : '';
    return chosen && isManager(actor()) ? chosen : actor().userId;
  };
  const mine = () => assignee() === actor().userId;

  const [now, setNow] = createSignal(new Date());
  onMount(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    onCleanup(() => clearInterval(timer));
  });

  const [lists, setLists] = createSignal<TaskLists>(emptyLists());
  const [loading, setLoading] = createSignal(true);
  const [failure, setFailure] = createSignal<unknown>();
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [busy, setBusy] = createSignal<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = createSignal<Task>();
  const [creating, setCreating] = createSignal(false);
  const [deleting, setDeleting] = createSignal<Task>();
  const [deleteBusy, setDeleteBusy] = createSignal(false);
  let generation = 0;

  /** Reads the three lists of the person shown (their first pages, which hold the counts). */
  const load = async () => {
    const userId = assignee();
    if (!userId) return;
    const mineNow = ++generation;
    setFailure(undefined);
    try {
      const pages = await Promise.all(
        taskLists.map((name) =>
          api().tasks.list(name, {
            limit: pageSize,
            ...(userId !== actor().userId ? { assigneeId: userId } : {}),
          }),
        ),
      );
      if (mineNow !== generation) return;
      const next = emptyLists();
      taskLists.forEach((name, index) => {
        next[name] = pages[index] ?? { items: [] };
      });
      setLists(next);
      setNow(new Date());
    } catch (error) {
      if (mineNow === generation) setFailure(error);
    } finally {
      if (mineNow === generation) setLoading(false);
    }
  };
  createEffect(
    on(assignee, () => {
      setLoading(true);
      void load();
    }),
  );

  const place = (task: Task) => setLists((current) => placeTask(current, task, now(), i18n.timeZone()));
  const setTaskBusy = (id: string, on: boolean) =>
    setBusy((set) => {
      const next = new Set(set);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  /** A write refused at a stale version: the task as it is now replaces the one shown. */
  const colleagueChanged = async (task: Task) => {
    const fresh = await api()
      .tasks.get(task.id)
      .catch((error: unknown) => (error instanceof ApiError && error.status === 404 ? null : undefined));
    if (fresh === null) {
      setLists((current) => dropTask(current, task.id));
      toast.show(t('tasks.toasts.gone', { title: task.title }), 'info');
      return;
    }
    if (fresh) place(fresh);
    else void load();
    toast.show(t('tasks.toasts.changedByColleague', { title: task.title }), 'info');
  };

  /** Puts the focus back on a task's checkbox after its row was drawn again. */
  const refocus = (id: string, had: boolean) => {
    if (had)
      queueMicrotask(() =>
        document.querySelector<HTMLElement>(`[data-task-id="${id}"] [data-testid="task-done"]`)?.focus(),
      );
  };

  const toggleDone = async (task: Task) => {
    if (busy().has(task.id)) return;
    const focused =
      document.activeElement?.closest('[data-task-id]')?.getAttribute('data-task-id') === task.id;
    setTaskBusy(task.id, true);
    try {
      const saved = await api().tasks.update(task.id, task.version, { done: !task.done });
      place(saved);
      refocus(task.id, focused);
      toast.show(t(saved.done ? 'tasks.toasts.done' : 'tasks.toasts.reopened', { title: saved.title }));
    } catch (error) {
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        await colleagueChanged(task);
      } else toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setTaskBusy(task.id, false);
      refocus(task.id, focused);
    }
  };

  const remove = async () => {
    const task = deleting();
    if (!task) return;
    setDeleteBusy(true);
    try {
      await api().tasks.remove(task.id, task.version);
      setLists((current) => dropTask(current, task.id));
      toast.show(t('tasks.toasts.deleted', { title: task.title }));
    } catch (error) {
      if (error instanceof ApiError && (error.status === 409 || error.status === 404))
        await colleagueChanged(task);
      else toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setDeleteBusy(false);
      setDeleting(undefined);
    }
  };

  const loadMore = async () => {
    const name = tab();
    const cursor = lists()[name].nextCursor;
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await api().tasks.list(name, {
        limit: pageSize,
        cursor,
        ...(mine() ? {} : { assigneeId: assignee() }),
      });
      setLists((current) => {
        const known = new Set(current[name].items.map((item) => item.id));
        return {
          ...current,
          [name]: {
            items: [...current[name].items, ...page.items.filter((item) => !known.has(item.id))],
            ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
          },
        };
      });
    } catch (error) {
      toast.show(describeError(error, i18n).message, 'danger');
    } finally {
      setLoadingMore(false);
    }
  };

  // /tasks/<id>: the task a notification points at, opened in its form.
  createEffect(
    on(
      () => props.openTaskId,
      (id) => {
        if (!id) return;
        api()
          .tasks.get(id)
          .then((task) => setEditing(task))
          .catch(() => {
            toast.show(t('tasks.notFound'), 'danger');
            navigate('/tasks', { replace: true });
          });
      },
    ),
  );
  const closeEditor = () => {
    setEditing(undefined);
    if (props.openTaskId) navigate('/tasks', { replace: true });
  };

  const selectTab = (name: TaskList) => setSearch({ list: name === 'today' ? undefined : name });
  const tabButtons: HTMLButtonElement[] = [];
  const onTabKey = (event: KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + taskLists.length) % taskLists.length;
    selectTab(taskLists[next] as TaskList);
    tabButtons[next]?.focus();
  };

  const assigneeOptions = () => [
    { value: actor().userId, label: t('tasks.mine') },
    ...staff()
      .filter((s) => s.id !== actor().userId)
      .map((s) => ({ value: s.id, label: s.name })),
  ];

  return (
    <div class="page page--wide tasks-page">
      <header class="list-header">
        <div class="list-header__title">
          <h1 class="page-header__title">{t('tasks.title')}</h1>
        </div>
        <div class="list-header__actions">
          <Show when={isManager(actor()) && staff().length > 0}>
            <SelectField
              class="tasks-page__assignee"
              label={t('tasks.assignee')}
              hideLabel
              options={assigneeOptions()}
              value={assignee()}
              data-testid="task-assignee-select"
              onChange={(event) =>
                setSearch({
                  assignee:
                    event.currentTarget.value === actor().userId ? undefined : event.currentTarget.value,
                })
              }
            />
          </Show>
          <Button variant="ghost" icon="refresh" onClick={() => void load()}>
            {t('tasks.refresh')}
          </Button>
          <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
            {t('tasks.newTask')}
          </Button>
        </div>
      </header>

      <div class="task-tabs" role="tablist" aria-label={t('tasks.tabs.label')}>
        <For each={taskLists}>
          {(name, index) => (
            <button
              ref={(element) => {
                tabButtons[index()] = element;
              }}
              type="button"
              role="tab"
              id={`task-tab-${name}`}
              class="task-tabs__tab"
              classList={{ 'is-active': tab() === name, 'task-tabs__tab--overdue': name === 'overdue' }}
              aria-selected={tab() === name}
              aria-controls="task-panel"
              tabIndex={tab() === name ? 0 : -1}
              data-testid={`task-tab-${name}`}
              onClick={() => selectTab(name)}
              onKeyDown={(event) => onTabKey(event, index())}
            >
              <span>{t(`tasks.tabs.${name}`)}</span>
              <Show when={!loading() && !failure()}>
                <span
                  class="task-tabs__count"
                  classList={{
                    'task-tabs__count--alert':
                      name === 'overdue' && lists().overdue.items.some((task) => !task.done),
                  }}
                  data-testid="task-tab-count"
                >
                  {countText(lists()[name])}
                </span>
              </Show>
            </button>
          )}
        </For>
      </div>

      <section
        class="panel task-panel"
        role="tabpanel"
        id="task-panel"
        aria-labelledby={`task-tab-${tab()}`}
        data-testid="task-panel"
      >
        <Show when={!failure()} fallback={<ApiErrorState error={failure()} onRetry={() => void load()} />}>
          <Show when={!loading()} fallback={<Skeleton lines={5} label={t('common.loading')} />}>
            <Show
              when={lists()[tab()].items.length > 0}
              fallback={
                <EmptyState
                  icon={tab() === 'overdue' ? 'check' : 'inbox'}
                  title={t(`tasks.empty.${tab()}.title`)}
                  text={t(`tasks.empty.${tab()}.text`)}
                />
              }
            >
              <h2 class="sr-only">{t(`tasks.list.${tab()}`)}</h2>
              <ul class="task-list" data-testid="task-list">
                <For each={lists()[tab()].items}>
                  {(task) => (
                    <TaskRow
                      task={task}
                      now={now()}
                      busy={busy().has(task.id)}
                      assigneeName={mine() ? undefined : staffName(task.assigneeId)}
                      onToggleDone={toggleDone}
                      onEdit={(current) => setEditing(current)}
                      onDelete={(current) => setDeleting(current)}
                    />
                  )}
                </For>
              </ul>
              <Show when={lists()[tab()].nextCursor}>
                <div class="list-footer">
                  <Button variant="secondary" busy={loadingMore()} onClick={() => void loadMore()}>
                    {t('tasks.list.loadMore')}
                  </Button>
                </div>
              </Show>
            </Show>
          </Show>
        </Show>
      </section>

      <TaskDialog
        open={creating() || editing() !== undefined}
        task={editing()}
        prefill={mine() ? {} : { assigneeId: assignee() }}
        onClose={() => {
          setCreating(false);
          closeEditor();
        }}
        onSaved={(task, created) => {
          setCreating(false);
          closeEditor();
          if (task.assigneeId === assignee()) place(task);
          else setLists((current) => dropTask(current, task.id));
          toast.show(t(created ? 'tasks.toasts.created' : 'tasks.toasts.saved', { title: task.title }));
        }}
        onFresh={(task) => place(task)}
      />
      <ConfirmDialog
        open={deleting() !== undefined}
        title={t('tasks.deleteConfirm.title')}
        message={t('tasks.deleteConfirm.message', { title: deleting()?.title ?? '' })}
        confirmLabel={t('common.delete')}
        cancelLabel={t('common.cancel')}
        closeLabel={t('common.close')}
        busy={deleteBusy()}
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(undefined)}
      />
    </div>
  );
};
