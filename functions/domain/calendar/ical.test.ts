import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { createMockTask } from '../tasks/task.entity.ts';
import { type FeedMeeting, meetingUid, renderCalendar, taskUid } from './ical.ts';

const context = {
  tenant: { id: 'demo', name: 'ООО «Демо»', appUrl: 'https://crm.example.com' },
  locale: 'ru' as const,
};

const meeting: FeedMeeting = {
  activityId: '01JMEETING0000000000000001',
  title: 'Встреча: обсуждение договора; этап 2, цены',
  startAt: '2026-11-26T08:00:00.000Z',
  endAt: '2026-11-26T09:30:00.000Z',
  place: 'Москва, ул. Тверская, д. 1, офис 5',
  notes: 'Повестка:\n1) цены\n2) сроки',
  version: 3,
  updatedAt: '2026-11-24T10:00:00.000Z',
};

const longTitle = `Подготовить коммерческое предложение для ООО «Ромашка» ${'и согласовать скидки '.repeat(5)}`;

const parse = (text: string) => new ICAL.Component(ICAL.parse(text));

describe('the calendar feed', () => {
  const task = createMockTask({ title: longTitle, version: 4, updatedAt: '2026-11-24T09:30:00.000Z' });
  const text = renderCalendar(context, { tasks: [task], meetings: [meeting] });

  it('is an RFC 5545 calendar: CRLF line endings, lines folded at 75 octets', () => {
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const lines = text.split('\r\n');
    expect(lines.every((line) => !line.includes('\n') && !line.includes('\r'))).toBe(true);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    // The long Cyrillic title had to be folded: a continuation line starts with a space.
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
  });

  it('parses with ical.js into one VEVENT per task and per meeting, with the calendar’s PRODID and VERSION', () => {
    const calendar = parse(text);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Serverless CRM//crm-demo//RU');
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.uid)).toEqual([
      taskUid('demo', task.id),
      meetingUid('demo', meeting.activityId),
    ]);

    const [t, m] = events as [ICAL.Event, ICAL.Event];
    expect(t.summary).toBe(`Задача: ${longTitle}`);
    expect(t.startDate.toJSDate().toISOString()).toBe(task.dueAt);
    expect(t.endDate.toJSDate().getTime() - Date.parse(task.dueAt)).toBe(30 * 60_000);
    expect(t.sequence).toBe(4);
    expect(t.component.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-11-24T09:30:00Z');
    expect(t.component.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
    expect(t.description).toContain('https://crm.example.com/tasks/01JTASK0000000000000000001');
    const alarm = t.component.getFirstSubcomponent('valarm');
    expect(alarm?.getFirstPropertyValue('trigger')?.toString()).toBe('-PT30M');

    // Commas, semicolons and line breaks come back as written: they were escaped.
    expect(m.summary).toBe(meeting.title);
    expect(m.location).toBe(meeting.place);
    expect(m.description.startsWith('Повестка:\n1) цены\n2) сроки')).toBe(true);
    expect(m.startDate.toJSDate().toISOString()).toBe(meeting.startAt);
    expect(m.endDate.toJSDate().toISOString()).toBe(meeting.endAt);
    expect(m.sequence).toBe(3);
  });

  it('keeps the same UID when a task changes, with a higher SEQUENCE', () => {
    const later = renderCalendar(context, {
      tasks: [{ ...task, dueAt: '2026-11-27T11:00:00.000Z', version: 5 }],
      meetings: [],
    });
    const [event] = parse(later)
      .getAllSubcomponents('vevent')
      .map((e) => new ICAL.Event(e));
    expect(event?.uid).toBe(taskUid('demo', task.id));
    expect(event?.sequence).toBe(5);
    expect(event?.startDate.toJSDate().toISOString()).toBe('2026-11-27T11:00:00.000Z');
  });

  it('is an empty calendar, still valid, when there is nothing to show', () => {
    const calendar = parse(renderCalendar({ ...context, locale: 'en' }, { tasks: [], meetings: [] }));
    expect(calendar.getAllSubcomponents('vevent')).toEqual([]);
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Serverless CRM//crm-demo//EN');
  });
});
