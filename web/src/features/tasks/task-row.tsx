// One task in a list: the done checkbox, the title (opens the task), priority and overdue marks, the due
// time in the organisation's zone, the reminder, the linked company, contact and deal as links, and the
// edit and delete buttons.
import { A } from '@solidjs/router';
import { type JSX, Show } from 'solid-js';
import type { Task } from '../../api/tasks.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { intlLocale } from '../../i18n/locales.ts';
import { Icon, type IconName } from '../../ui/icon.tsx';
import { Badge } from '../../ui/panel.tsx';
import { dealHref } from '../deals/deal-format.ts';
import { recordHref } from '../records/record-links.ts';
import { type LinkType, linkName } from './link-names.ts';
import { dueText, isOverdue, reminderLabel } from './task-model.ts';

const hrefOf = (type: LinkType, id: string) => (type === 'deal' ? dealHref(id) : recordHref(type, id));
const iconOf: Record<LinkType, IconName> = { company: 'building', contact: 'user', deal: 'briefcase' };

export const TaskRow = (props: {
  task: Task;
  now: Date;
  busy: boolean;
  /** Shown when the list is not the signed-in user's own. */
  assigneeName?: string | undefined;
  /** Resolves once the server answered (or refused). */
  onToggleDone: (task: Task) => Promise<void>;
  onEdit: (task: Task) => void;
  onDelete: (task: Task) => void;
}) => {
  const i18n = useI18n();
  const { t } = i18n;
  const overdue = () => isOverdue(props.task, props.now);

  const link = (type: LinkType, id: string | undefined): JSX.Element => (
    <Show when={id}>
      {(recordId) => {
        const name = () => linkName(type, recordId());
        return (
          <span class="task-row__meta-item">
            <Icon name={iconOf[type]} size={14} />
            <span class="sr-only">{t(`tasks.row.${type}`)}: </span>
            <Show
              when={name() !== null}
              fallback={<span class="task-row__unavailable">{t('tasks.row.unavailable')}</span>}
            >
              <A href={hrefOf(type, recordId())} class="task-row__link" data-testid={`task-${type}-link`}>
                {name() ?? t('tasks.row.loadingName')}
              </A>
            </Show>
          </span>
        );
      }}
    </Show>
  );

  return (
    <li
      class="task-row"
      classList={{
        'task-row--overdue': overdue(),
        'task-row--done': props.task.done,
        'task-row--high': props.task.priority === 'high' && !props.task.done,
      }}
      data-testid="task-row"
      data-task-id={props.task.id}
    >
      <input
        type="checkbox"
        class="checkbox task-row__check"
        checked={props.task.done}
        disabled={props.busy}
        aria-label={t('tasks.row.markDone', { title: props.task.title })}
        aria-busy={props.busy ? 'true' : undefined}
        data-testid="task-done"
        onChange={async (event) => {
          // Ticked at once; once the server has answered, the box shows what the task is.
          const box = event.currentTarget;
          await props.onToggleDone(props.task);
          box.checked = props.task.done;
        }}
      />
      <div class="task-row__main">
        <div class="task-row__top">
          <button
            type="button"
            class="task-row__title"
            data-testid="task-title"
            onClick={() => props.onEdit(props.task)}
          >
            {props.task.title}
          </button>
          <Show when={props.task.done}>
            <Badge tone="success">{t('tasks.row.done')}</Badge>
          </Show>
          <Show when={overdue()}>
            <Badge tone="danger" class="task-row__overdue">
              <Icon name="alert" size={12} />
              <span data-testid="task-overdue">{t('tasks.row.overdue')}</span>
            </Badge>
          </Show>
          <Show when={props.task.priority !== 'normal'}>
            <Badge tone={props.task.priority === 'high' ? 'warning' : 'neutral'}>
              <span class="sr-only">{t('tasks.priority.label')}: </span>
              {t(`tasks.priority.${props.task.priority}`)}
            </Badge>
          </Show>
        </div>
        <Show when={props.task.description}>
          <p class="task-row__description">{props.task.description}</p>
        </Show>
        <p class="task-row__meta">
          <span class="task-row__meta-item task-row__due" data-testid="task-due">
            <Icon name="clock" size={14} />
            <span class="sr-only">{t('tasks.row.due')}: </span>
            <time dateTime={props.task.dueAt}>
              {dueText(
                props.task.dueAt,
                props.now,
                { locale: intlLocale(i18n.locale()), timeZone: i18n.timeZone() },
                i18n,
              )}
            </time>
          </span>
          <Show when={props.task.remindBeforeMinutes !== undefined && !props.task.done}>
            <span class="task-row__meta-item" title={t('tasks.reminder.label')}>
              <Icon name="bell" size={14} />
              <span class="sr-only">
                {t('tasks.row.reminder', { when: reminderLabel(props.task.remindBeforeMinutes ?? 0, i18n) })}
              </span>
              <span aria-hidden="true">{reminderLabel(props.task.remindBeforeMinutes ?? 0, i18n)}</span>
            </span>
          </Show>
          <Show when={props.assigneeName}>
            <span class="task-row__meta-item">
              <Icon name="user" size={14} />
              {t('tasks.row.assignee', { name: props.assigneeName ?? '' })}
            </span>
          </Show>
          {link('company', props.task.companyId)}
          {link('contact', props.task.contactId)}
          {link('deal', props.task.dealId)}
          <Show when={props.task.source}>
            <span class="task-row__meta-item">
              <Icon name="refresh" size={14} />
              {t('tasks.row.automation')}
            </span>
          </Show>
        </p>
      </div>
      <div class="task-row__actions">
        <button
          type="button"
          class="icon-button icon-button--sm"
          aria-label={t('tasks.row.edit', { title: props.task.title })}
          title={t('common.edit')}
          onClick={() => props.onEdit(props.task)}
        >
          <Icon name="edit" size={16} />
        </button>
        <button
          type="button"
          class="icon-button icon-button--sm task-row__delete"
          aria-label={t('tasks.row.delete', { title: props.task.title })}
          title={t('common.delete')}
          onClick={() => props.onDelete(props.task)}
        >
          <Icon name="trash" size={16} />
        </button>
      </div>
    </li>
  );
};
