// A user's tasks and meetings as an iCalendar feed (RFC 5545), written by ical-generator
// (CRLF line endings, lines folded at 75 octets, text escaped). Tasks are VEVENTs, not VTODOs:
// Google Calendar ignores VTODO in a subscribed feed, and Outlook shows VTODOs of a subscribed
// calendar nowhere; a task is a 30-minute, transparent (not busy) event at its due time, with
// its reminder as a VALARM. UIDs are stable per task or meeting, SEQUENCE is the item's version
// and DTSTAMP its last change, so a subscribed calendar updates an entry in place. Pure.
import ical, {
  ICalAlarmType,
  ICalCalendarMethod,
  ICalEventBusyStatus,
  ICalEventTransparency,
} from 'ical-generator';
import type { MeetingAttendeeItem } from '../activities/activity.entity.ts';
import type { TaskItem, TaskPriority } from '../tasks/task.entity.ts';

export type FeedTask = Pick<
  TaskItem,
  'id' | 'title' | 'description' | 'dueAt' | 'priority' | 'remindBeforeMinutes' | 'version' | 'updatedAt'
>;
export type FeedMeeting = Pick<
  MeetingAttendeeItem,
  'activityId' | 'title' | 'startAt' | 'endAt' | 'place' | 'notes' | 'version' | 'updatedAt'
>;

export type FeedContext = {
  readonly tenant: { readonly id: string; readonly name: string; readonly appUrl: string };
  readonly locale: 'ru' | 'en';
};

/** How long a task's event lasts in a calendar. */
export const taskEventMinutes = 30;

/** iCalendar PRIORITY: 1 is the highest, 9 the lowest. */
const icalPriority: Readonly<Record<TaskPriority, number>> = { high: 1, normal: 5, low: 9 };

const texts = {
  ru: { calendar: 'CRM', task: 'Задача', open: 'Открыть в CRM' },
  en: { calendar: 'CRM', task: 'Task', open: 'Open in the CRM' },
} as const;

export const taskUid = (tenantId: string, taskId: string) => `task-${taskId}@crm-${tenantId}`;
export const meetingUid = (tenantId: string, activityId: string) => `meeting-${activityId}@crm-${tenantId}`;

export const renderCalendar = (
  context: FeedContext,
  items: { readonly tasks: readonly FeedTask[]; readonly meetings: readonly FeedMeeting[] },
): string => {
  const t = texts[context.locale];
  const link = (path: string) => new URL(path, context.tenant.appUrl).toString();
  const calendar = ical({
    prodId: {
      company: 'Serverless CRM',
      product: `crm-${context.tenant.id}`,
      language: context.locale.toUpperCase(),
    },
    name: `${t.calendar}: ${context.tenant.name}`,
    method: ICalCalendarMethod.PUBLISH,
    // Calendar apps poll a subscribed feed; ask for every 15 minutes (most poll less often anyway).
    ttl: 15 * 60,
  });
  for (const task of items.tasks) {
    const url = link(`/tasks/${task.id}`);
    const start = new Date(task.dueAt);
    calendar.createEvent({
      id: taskUid(context.tenant.id, task.id),
      sequence: task.version,
      stamp: new Date(task.updatedAt),
      start,
      end: new Date(start.getTime() + taskEventMinutes * 60_000),
      summary: `${t.task}: ${task.title}`,
      description: [task.description, `${t.open}: ${url}`].filter(Boolean).join('\n\n'),
      url,
      priority: icalPriority[task.priority],
      categories: [{ name: t.task }],
      transparency: ICalEventTransparency.TRANSPARENT,
      busystatus: ICalEventBusyStatus.FREE,
      alarms:
        task.remindBeforeMinutes === undefined
          ? []
          : [
              {
                type: ICalAlarmType.display,
                triggerBefore: task.remindBeforeMinutes * 60,
                description: task.title,
              },
            ],
    });
  }
  for (const meeting of items.meetings) {
    const url = link(`/activities/${meeting.activityId}`);
    calendar.createEvent({
      id: meetingUid(context.tenant.id, meeting.activityId),
      sequence: meeting.version,
      stamp: new Date(meeting.updatedAt),
      start: new Date(meeting.startAt),
      end: new Date(meeting.endAt),
      summary: meeting.title,
      ...(meeting.place ? { location: meeting.place } : {}),
      description: [meeting.notes, `${t.open}: ${url}`].filter(Boolean).join('\n\n'),
      url,
    });
  }
  // RFC 5545 ends every content line with CRLF, the last one too; the library leaves it off.
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
};
