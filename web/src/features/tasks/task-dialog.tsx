// "Новая задача" and a task's edit form: what to do, the due date and time (the organisation's wall
// clock), the assignee (managers and administrators choose anyone, others keep their own), priority,
// a reminder, and links to a company and a contact (the record picker) and an open deal. An edit
// sends only what changed at the version last read; when a colleague changed the task meanwhile, the
// form keeps what the user typed, takes the fresh version and says so.
import { createEffect, createMemo, createResource, createSignal, on, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import type { Deal } from '../../api/deals.ts';
import type { Task } from '../../api/tasks.ts';
import { formatUtcOffset } from '../../format/format.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField } from '../../ui/choice-fields.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { Alert } from '../../ui/feedback.tsx';
import { SegmentedControl, TextField } from '../../ui/field.tsx';
import { Icon } from '../../ui/icon.tsx';
import { loaded } from '../../ui/resource.ts';
import { isManager } from '../records/permissions.ts';
import { localizedFieldMessage } from '../records/save-outcome.ts';
import { RecordPicker } from '../search/record-picker.tsx';
import { useActor } from '../users/actor.ts';
import { useCurrentUser } from '../users/current-user.tsx';
import { staff, staffName } from '../users/staff.ts';
import { linkName, rememberName } from './link-names.ts';
import {
  blankTaskForm,
  checkTaskForm,
  formChanges,
  formToNewTask,
  reminderLabel,
  reminderPresets,
  type TaskForm,
  type TaskFormErrors,
  taskPriorities,
  taskToForm,
} from './task-model.ts';
import '../records/records.css';
import './tasks.css';

/** Links a new task starts with (from a record's card). */
export type TaskPrefill = {
  companyId?: string;
  companyName?: string;
  contactId?: string;
  contactName?: string;
  dealId?: string;
  /** Whose task (a manager looking at a colleague's list gives it to them). */
  assigneeId?: string;
};

const serverField: Record<string, keyof TaskForm> = {
  title: 'title',
  description: 'description',
  dueAt: 'date',
  assigneeId: 'assigneeId',
  priority: 'priority',
  remindBeforeMinutes: 'reminder',
  companyId: 'companyId',
  contactId: 'contactId',
  dealId: 'dealId',
};

export const TaskDialog = (props: {
  open: boolean;
  /** The task to edit; a new one when absent. */
  task?: Task | undefined;
  prefill?: TaskPrefill;
  onClose: () => void;
  onSaved: (task: Task, created: boolean) => void;
  /** The task as a colleague left it (after a 409), for the lists. */
  onFresh?: (task: Task) => void;
}) => {
  const i18n = useI18n();
  const { t } = i18n;
  const actor = useActor();
  const { me } = useCurrentUser();
  const [form, setForm] = createStore<TaskForm>(blankTaskForm(new Date(), i18n.timeZone(), ''));
  const [errors, setErrors] = createStore<TaskFormErrors>({});
  const [base, setBase] = createSignal<Task>();
  const [stale, setStale] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  let titleInput: HTMLInputElement | undefined;

  createEffect(
    on(
      () => props.open,
      (open) => {
        if (!open) return;
        setStale(false);
        setErrors(reconcile({}));
        setBase(props.task);
        if (props.task) setForm(taskToForm(props.task, i18n.timeZone()));
        else
          setForm({
            ...blankTaskForm(new Date(), i18n.timeZone(), props.prefill?.assigneeId ?? actor().userId),
            ...(props.prefill?.companyId
              ? { companyId: props.prefill.companyId, companyName: props.prefill.companyName ?? '' }
              : {}),
            ...(props.prefill?.contactId
              ? { contactId: props.prefill.contactId, contactName: props.prefill.contactName ?? '' }
              : {}),
            ...(props.prefill?.dealId ? { dealId: props.prefill.dealId } : {}),
          });
      },
    ),
  );

  // Open deals to link: the caller's own (a manager's: everyone's), newest first.
  const [deals] = createResource(
    () => (props.open ? actor().userId || undefined : undefined),
    async (userId) =>
      (
        await api().deals.list({
          status: 'open',
          limit: 100,
          ...(isManager(actor()) ? {} : { owner: userId }),
        })
      ).items,
  );
  const dealOptions = createMemo(() => {
    const list: Deal[] = loaded(deals) ?? [];
    for (const deal of list) rememberName('deal', deal.id, deal.title);
    const shown = form.companyId ? list.filter((d) => d.companyId === form.companyId) : list;
    const options = shown.map((d) => ({
      value: d.id,
      label: form.companyId ? d.title : `${d.title} · ${d.companyName}`,
    }));
    if (form.dealId && !options.some((o) => o.value === form.dealId))
      options.unshift({ value: form.dealId, label: linkName('deal', form.dealId) ?? form.dealId });
    return options;
  });

  const companyName = () =>
    form.companyName || (form.companyId ? (linkName('company', form.companyId) ?? '…') : '');
  const contactName = () =>
    form.contactName || (form.contactId ? (linkName('contact', form.contactId) ?? '…') : '');

  const assigneeOptions = () => {
    const mine = actor().userId;
    const myName = me.latest?.user.name ?? staffName(mine) ?? '';
    const others = staff().filter((s) => s.id !== mine);
    const current = form.assigneeId;
    const options = [
      { value: mine, label: t('tasks.form.me', { name: myName }) },
      ...others.map((s) => ({ value: s.id, label: s.name })),
    ];
    if (current && !options.some((o) => o.value === current))
      options.push({ value: current, label: staffName(current) ?? current });
    return options;
  };

  const reminderOptions = () => {
    const values: number[] = [...reminderPresets];
    const current = form.reminder === '' ? undefined : Number(form.reminder);
    if (current !== undefined && !values.includes(current)) values.push(current);
    return values.sort((a, b) => a - b).map((m) => ({ value: String(m), label: reminderLabel(m, i18n) }));
  };

  const set = <K extends keyof TaskForm>(key: K, value: TaskForm[K]) => {
    setForm(key, value);
    setErrors(key, undefined);
  };

  const submit = async (event?: Event) => {
    event?.preventDefault();
    const problems = checkTaskForm(form);
    const found: TaskFormErrors = {};
    for (const [key, problem] of Object.entries(problems))
      found[key as keyof TaskForm] = t(`tasks.form.errors.${problem}`);
    setErrors(reconcile(found));
    if (Object.keys(found).length > 0) {
      document.querySelector<HTMLElement>('.task-dialog [aria-invalid="true"]')?.focus();
      return;
    }
    const current = base();
    setBusy(true);
    try {
      if (!current) {
        props.onSaved(await api().tasks.create(formToNewTask(form, i18n.timeZone())), true);
        return;
      }
      const changes = formChanges(current, form, i18n.timeZone());
      if (Object.keys(changes).length === 0) {
        props.onClose();
        return;
      }
      props.onSaved(await api().tasks.update(current.id, current.version, changes), false);
    } catch (error) {
      if (current && error instanceof ApiError && error.status === 409) {
        const fresh = await api()
          .tasks.get(current.id)
          .catch(() => undefined);
        if (fresh) {
          setBase(fresh);
          props.onFresh?.(fresh);
        }
        setStale(true);
        return;
      }
      const fields: TaskFormErrors = {};
      if (error instanceof ApiError)
        for (const problem of error.fields) {
          const key = serverField[problem.field];
          if (key) fields[key] = localizedFieldMessage(problem.field, problem.message, i18n);
        }
      setErrors(reconcile({ ...fields, form: describeError(error, i18n).message }));
    } finally {
      setBusy(false);
    }
  };

  const picked = (label: string, name: string, testId: string, onRemove: () => void) => (
    <div class="field">
      <span class="field__label">{label}</span>
      <div class="picked">
        <span class="picked__name" data-testid={testId}>
          {name}
        </span>
        <button
          type="button"
          class="link-button"
          aria-label={t('tasks.form.removeLink', { name })}
          onClick={onRemove}
        >
          {t('tasks.form.remove')}
        </button>
      </div>
    </div>
  );

  return (
    <Dialog
      open={props.open}
      title={props.task ? t('tasks.form.titleEdit') : t('tasks.form.titleNew')}
      description={t('tasks.form.description', { zone: formatUtcOffset(i18n.timeZone()) })}
      onClose={props.onClose}
      closeLabel={t('common.close')}
      size="lg"
      class="task-dialog"
      initialFocus={() => titleInput}
      footer={
        <>
          <Button variant="secondary" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" busy={busy()} onClick={() => void submit()} data-testid="task-submit">
            {props.task ? t('tasks.form.submitEdit') : t('tasks.form.submitNew')}
          </Button>
        </>
      }
    >
      <form class="form-grid" onSubmit={(event) => void submit(event)} novalidate>
        <Show when={stale()}>
          <div class="form-grid__wide">
            <Alert tone="warning" role="alert">
              {t('tasks.toasts.changedByColleague', { title: base()?.title ?? form.title })}
            </Alert>
          </div>
        </Show>
        <Show when={errors.form}>
          <div class="form-grid__wide">
            <Alert tone="danger" role="alert">
              {errors.form}
            </Alert>
          </div>
        </Show>
        <TextField
          ref={(element) => {
            titleInput = element;
          }}
          class="form-grid__wide"
          label={`${t('tasks.form.name')} *`}
          placeholder={t('tasks.form.namePlaceholder')}
          maxLength={300}
          required
          value={form.title}
          error={errors.title}
          onInput={(event) => set('title', event.currentTarget.value)}
        />
        <div class="task-dialog__when">
          <TextField
            label={`${t('tasks.form.date')} *`}
            type="date"
            required
            value={form.date}
            error={errors.date}
            onInput={(event) => set('date', event.currentTarget.value)}
          />
          <TextField
            label={`${t('tasks.form.time')} *`}
            type="time"
            required
            value={form.time}
            error={errors.time}
            onInput={(event) => set('time', event.currentTarget.value)}
          />
        </div>
        <SelectField
          label={t('tasks.reminder.label')}
          placeholder={t('tasks.reminder.none')}
          options={reminderOptions()}
          value={form.reminder}
          error={errors.reminder}
          onChange={(event) => set('reminder', event.currentTarget.value)}
        />
        <div>
          <SegmentedControl
            legend={t('tasks.priority.label')}
            name="task-priority"
            size="sm"
            value={form.priority}
            choices={taskPriorities.map((p) => ({ value: p, label: t(`tasks.priority.${p}`) }))}
            onChange={(priority) => set('priority', priority)}
          />
        </div>
        <Show when={isManager(actor())}>
          <SelectField
            label={t('tasks.form.assignee')}
            options={assigneeOptions()}
            value={form.assigneeId}
            error={errors.assigneeId}
            onChange={(event) => set('assigneeId', event.currentTarget.value)}
          />
        </Show>
        <fieldset class="form-grid__wide task-dialog__links">
          <legend class="field__label">
            <Icon name="link" size={14} /> {t('tasks.form.links')}
          </legend>
          <div class="task-dialog__link-grid">
            <Show
              when={form.companyId}
              fallback={
                <RecordPicker
                  label={t('tasks.form.company')}
                  type="company"
                  placeholder={t('tasks.form.companyPlaceholder')}
                  error={errors.companyId}
                  testId="task-company-picker"
                  onPick={(hit) => {
                    rememberName('company', hit.id, hit.name);
                    setForm({ companyId: hit.id, companyName: hit.name });
                    setErrors('companyId', undefined);
                  }}
                />
              }
            >
              {picked(t('tasks.form.company'), companyName(), 'task-company', () =>
                setForm({ companyId: '', companyName: '' }),
              )}
            </Show>
            <Show
              when={form.contactId}
              fallback={
                <RecordPicker
                  label={t('tasks.form.contact')}
                  type="contact"
                  placeholder={t('tasks.form.contactPlaceholder')}
                  error={errors.contactId}
                  testId="task-contact-picker"
                  onPick={(hit) => {
                    rememberName('contact', hit.id, hit.name);
                    setForm({ contactId: hit.id, contactName: hit.name });
                    setErrors('contactId', undefined);
                  }}
                />
              }
            >
              {picked(t('tasks.form.contact'), contactName(), 'task-contact', () =>
                setForm({ contactId: '', contactName: '' }),
              )}
            </Show>
            <SelectField
              class="task-dialog__deal"
              label={t('tasks.form.deal')}
              placeholder={t('tasks.form.noDeal')}
              options={dealOptions()}
              value={form.dealId}
              error={errors.dealId}
              hint={form.companyId ? t('tasks.form.dealsOfCompany') : undefined}
              onChange={(event) => set('dealId', event.currentTarget.value)}
            />
          </div>
        </fieldset>
        <TextAreaField
          class="form-grid__wide"
          label={t('tasks.form.notes')}
          rows={3}
          maxLength={5000}
          value={form.description}
          error={errors.description}
          onInput={(event) => set('description', event.currentTarget.value)}
        />
        <Show when={props.task}>
          {(task) => (
            <p class="form-grid__wide task-dialog__created">
              {task().source
                ? t('tasks.form.automation', { when: i18n.fmt.dateTime(task().createdAt) })
                : t('tasks.form.createdBy', {
                    when: i18n.fmt.dateTime(task().createdAt),
                    name: staffName(task().createdBy) ?? t('records.unknownUser'),
                  })}
            </p>
          )}
        </Show>
      </form>
    </Dialog>
  );
};
