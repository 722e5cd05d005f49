// The activity forms' rules: durations as typed, the organisation's clock, what each kind needs, and
// the request sent — without `at` while a call stays at "now", with it once moved to the past.
import { describe, expect, it } from 'vitest';
import {
  blankActivityForm,
  checkActivityForm,
  durationText,
  formFieldOf,
  parseDuration,
  toNewActivity,
} from './activity-model.ts';

const zone = 'Europe/Moscow';
// 24.11.2026, 15:20 in Moscow.
const now = new Date('2026-11-24T12:20:00.000Z');

describe('durations', () => {
  it('reads minutes, minutes and seconds, and decimal minutes', () => {
    expect(['5', '4:30', '1,5', '0:45', '', ' 12 ', '1440'].map(parseDuration)).toEqual([
      300, 270, 90, 45, 0, 720, 86_400,
    ]);
    expect(['пять', '4:75', '-3', '1441', '1:2:3'].map(parseDuration)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect([300, 270, 45].map(durationText)).toEqual(['5', '4:30', '0:45']);
  });
});

describe('the call form', () => {
  const company = { companyId: 'c1' };

  it('sends a call at "now" without a date, and one moved to the past with it', () => {
    const form = { ...blankActivityForm('call', now, zone, 'anna'), duration: '7', notes: ' Ждут КП ' };
    expect(form.when).toBe('2026-11-24T15:20');
    expect(checkActivityForm(form, company, now, zone)).toEqual({});
    expect(toNewActivity(form, company, zone)).toEqual({
      kind: 'call',
      companyId: 'c1',
      direction: 'outbound',
      durationSeconds: 420,
      outcome: 'connected',
      notes: 'Ждут КП',
    });
    const backdated = { ...form, when: '2026-11-20T10:00', whenChanged: true };
    expect(toNewActivity(backdated, company, zone)).toMatchObject({ at: '2026-11-20T07:00:00.000Z' });
  });

  it('refuses a future time, a bad duration and a call about no record', () => {
    const form = { ...blankActivityForm('call', now, zone, 'anna'), duration: 'долго' };
    expect(
      checkActivityForm({ ...form, when: '2026-11-25T10:00', whenChanged: true }, {}, now, zone),
    ).toEqual({
      links: 'needRecord',
      duration: 'durationInvalid',
      when: 'whenFuture',
    });
  });

  it('adds the contacts chosen to the card’s own', () => {
    const form = {
      ...blankActivityForm('email', now, zone, 'anna'),
      subject: 'КП',
      body: 'Добрый день!',
      contacts: [
        { id: 'p1', name: 'Иван' },
        { id: 'p2', name: 'Мария' },
      ],
    };
    expect(toNewActivity(form, { contactIds: ['p1'], dealId: 'd1' }, zone)).toEqual({
      kind: 'email',
      contactIds: ['p1', 'p2'],
      dealId: 'd1',
      subject: 'КП',
      body: 'Добрый день!',
      direction: 'outbound',
    });
    expect(checkActivityForm({ ...form, subject: ' ' }, { contactIds: ['p1'] }, now, zone)).toEqual({
      subject: 'subjectRequired',
    });
  });
});

describe('the meeting form', () => {
  it('starts at the next full hour for an hour, with the author', () => {
    const form = blankActivityForm('meeting', now, zone, 'anna');
    expect(form).toMatchObject({ start: '2026-11-24T16:00', end: '2026-11-24T17:00', staffIds: ['anna'] });
    expect(checkActivityForm(form, { companyId: 'c1' }, now, zone)).toEqual({ title: 'titleRequired' });
    const filled = { ...form, title: 'Переговоры', place: 'Офис клиента' };
    expect(toNewActivity(filled, { companyId: 'c1' }, zone)).toEqual({
      kind: 'meeting',
      companyId: 'c1',
      title: 'Переговоры',
      startAt: '2026-11-24T13:00:00.000Z',
      endAt: '2026-11-24T14:00:00.000Z',
      place: 'Офис клиента',
      staffIds: ['anna'],
    });
  });

  it('needs the end after the start and at most 14 days later', () => {
    const form = { ...blankActivityForm('meeting', now, zone, 'anna'), title: 'x' };
    expect(checkActivityForm({ ...form, end: form.start }, { companyId: 'c1' }, now, zone)).toEqual({
      end: 'endBeforeStart',
    });
    expect(checkActivityForm({ ...form, end: '2026-12-20T10:00' }, { companyId: 'c1' }, now, zone)).toEqual({
      end: 'tooLong',
    });
  });

  it('maps the server’s field names onto the form', () => {
    expect(['durationSeconds', 'startAt', 'at', 'contactIds.0', 'other'].map(formFieldOf)).toEqual([
      'duration',
      'start',
      'when',
      'contacts',
      undefined,
    ]);
  });
});
