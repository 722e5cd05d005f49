// The task screens' rules: lists in the organisation's day (Moscow here, the browser elsewhere), due
// times as people read them, reminder words, and a PATCH that carries only what changed.
import { describe, expect, it } from 'vitest';
import type { Task } from '../../api/tasks.ts';
import { createTranslator } from '../../i18n/translate.ts';
import {
  blankTaskForm,
  countText,
  dropTask,
  dueText,
  emptyLists,
  formChanges,
  formToNewTask,
  listsOf,
  placeTask,
  reminderLabel,
  shiftDay,
  taskToForm,
} from './task-model.ts';

const zone = 'Europe/Moscow';
// 24.11.2026, 15:00 in Moscow.
const now = new Date('2026-11-24T12:00:00.000Z');
const ru = createTranslator(() => 'ru');
const en = createTranslator(() => 'en');

const task = (overrides: Partial<Task> = {}): Task => ({
  id: '01JTASK0000000000000000001',
  title: 'Перезвонить по КП',
  dueAt: '2026-11-24T14:00:00.000Z',
  assigneeId: 'anna',
  priority: 'normal',
  done: false,
  overdue: false,
  createdBy: 'anna',
  version: 1,
  createdAt: '2026-11-20T09:00:00.000Z',
  updatedAt: '2026-11-20T09:00:00.000Z',
  ...overrides,
});

describe('the lists a task is in', () => {
  it('follows the organisation’s day, not UTC’s', () => {
    // 23:30 in Moscow on the 24th is already the 24th there, while 22:30 UTC on the 24th is the 25th there.
    expect(listsOf(task({ dueAt: '2026-11-24T20:30:00.000Z' }), now, zone)).toEqual(['today']);
    expect(listsOf(task({ dueAt: '2026-11-24T21:30:00.000Z' }), now, zone)).toEqual(['upcoming']);
    expect(listsOf(task({ dueAt: '2026-11-24T09:00:00.000Z' }), now, zone)).toEqual(['today', 'overdue']);
    expect(listsOf(task({ dueAt: '2026-11-20T09:00:00.000Z' }), now, zone)).toEqual(['overdue']);
    expect(listsOf(task({ done: true }), now, zone)).toEqual([]);
  });

  it('places a new task in due order, keeps a done one struck through, moves a re-dated one', () => {
    const early = task({ id: 'a', dueAt: '2026-11-24T07:00:00.000Z' });
    const late = task({ id: 'c', dueAt: '2026-11-24T16:00:00.000Z' });
    let lists = emptyLists();
    lists = placeTask(lists, late, now, zone);
    lists = placeTask(lists, early, now, zone);
    const middle = task({ id: 'b', dueAt: '2026-11-24T13:00:00.000Z' });
    lists = placeTask(lists, middle, now, zone);
    expect(lists.today.items.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(lists.overdue.items.map((t) => t.id)).toEqual(['a']);

    lists = placeTask(lists, { ...middle, done: true, version: 2 }, now, zone);
    expect(lists.today.items.map((t) => [t.id, t.done])).toEqual([
      ['a', false],
      ['b', true],
      ['c', false],
    ]);
    expect(countText(lists.today)).toBe('2');

    lists = placeTask(lists, { ...late, dueAt: '2026-11-26T07:00:00.000Z', version: 2 }, now, zone);
    expect(lists.today.items.map((t) => t.id)).toEqual(['a', 'b']);
    expect(lists.upcoming.items.map((t) => t.id)).toEqual(['c']);
    expect(dropTask(lists, 'a').overdue.items).toEqual([]);
  });

  it('leaves a task due after the last loaded one of a longer list to paging, and counts with a "+"', () => {
    const loaded = { items: [task({ id: 'x', dueAt: '2026-11-25T07:00:00.000Z' })], nextCursor: 'next' };
    const lists = { ...emptyLists(), upcoming: loaded };
    const later = task({ id: 'y', dueAt: '2026-12-01T07:00:00.000Z' });
    expect(placeTask(lists, later, now, zone).upcoming.items.map((t) => t.id)).toEqual(['x']);
    expect(countText(loaded)).toBe('1+');
  });
});

describe('due times and reminders as people read them', () => {
  const options = { locale: 'ru-RU', timeZone: zone };
  it('says today, tomorrow and yesterday in the organisation’s zone, else the date', () => {
    expect(dueText('2026-11-24T14:30:00.000Z', now, options, ru)).toBe('Сегодня, 17:30');
    expect(dueText('2026-11-24T21:30:00.000Z', now, options, ru)).toBe('Завтра, 00:30');
    expect(dueText('2026-11-23T06:00:00.000Z', now, options, ru)).toBe('Вчера, 09:00');
    expect(dueText('2026-12-01T06:00:00.000Z', now, options, ru)).toBe('01.12.2026, 09:00');
    expect(dueText('2026-11-25T06:00:00.000Z', now, { locale: 'en-GB', timeZone: zone }, en)).toBe(
      'Tomorrow, 09:00',
    );
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('names reminders with Russian plurals', () => {
    expect([0, 15, 60, 1440, 30, 120, 2880].map((m) => reminderLabel(m, ru))).toEqual([
      'В момент срока',
      'За 15 минут',
      'За 1 час',
      'За 1 день',
      'За 30 минут',
      'За 2 часа',
      'За 2 дня',
    ]);
    expect(reminderLabel(60, en)).toBe('1 hour before');
  });
});

describe('the task form', () => {
  it('starts due today at the next full hour in the organisation’s zone', () => {
    expect(blankTaskForm(now, zone, 'anna')).toMatchObject({ date: '2026-11-24', time: '16:00' });
    expect(blankTaskForm(new Date('2026-11-24T20:30:00.000Z'), zone, 'anna')).toMatchObject({
      date: '2026-11-24',
      time: '23:59',
    });
  });

  it('sends the due time in UTC and leaves out what is empty', () => {
    const form = {
      ...blankTaskForm(now, zone, 'anna'),
      title: '  Отправить КП ',
      time: '18:30',
      reminder: '15',
      companyId: 'c1',
    };
    expect(formToNewTask(form, zone)).toEqual({
      title: 'Отправить КП',
      dueAt: '2026-11-24T15:30:00.000Z',
      priority: 'normal',
      assigneeId: 'anna',
      remindBeforeMinutes: 15,
      companyId: 'c1',
    });
  });

  it('patches only what changed, clearing with null', () => {
    const current = task({ remindBeforeMinutes: 30, companyId: 'c1', description: 'Старое' });
    const form = taskToForm(current, zone);
    expect(form).toMatchObject({ date: '2026-11-24', time: '17:00', reminder: '30' });
    expect(formChanges(current, form, zone)).toEqual({});
    expect(
      formChanges(
        current,
        { ...form, time: '18:00', reminder: '', companyId: '', description: '', priority: 'high' },
        zone,
      ),
    ).toEqual({
      dueAt: '2026-11-24T15:00:00.000Z',
      remindBeforeMinutes: null,
      companyId: null,
      description: null,
      priority: 'high',
    });
  });
});
