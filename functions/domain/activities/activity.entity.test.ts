import { describe, expect, it } from 'vitest';
import { activitySnapshot } from '../../../events/schemas/activities.ts';
import {
  createActivitySchema,
  createMockActivity,
  linkedRecords,
  meetingAttendeeItems,
  toActivitySnapshot,
  updateActivitySchemas,
} from './activity.entity.ts';

describe('activity input', () => {
  it('takes a call, a meeting and an e-mail, each with its own fields, times in UTC', () => {
    expect(
      createActivitySchema.parse({
        kind: 'call',
        companyId: 'c-1',
        contactIds: ['p-1', 'p-1'],
        direction: 'inbound',
        durationSeconds: 95,
        outcome: 'connected',
        at: '2026-11-24T12:00:00+03:00',
      }),
    ).toEqual({
      kind: 'call',
      companyId: 'c-1',
      contactIds: ['p-1'],
      direction: 'inbound',
      durationSeconds: 95,
      outcome: 'connected',
      at: '2026-11-24T09:00:00.000Z',
    });
    expect(
      createActivitySchema.parse({
        kind: 'meeting',
        contactIds: ['p-1'],
        title: 'Встреча',
        startAt: '2026-11-26T11:00:00+03:00',
        endAt: '2026-11-26T12:30:00+03:00',
        staffIds: ['u-1'],
      }),
    ).toMatchObject({ startAt: '2026-11-26T08:00:00.000Z', endAt: '2026-11-26T09:30:00.000Z' });
    expect(
      createActivitySchema.parse({
        kind: 'email',
        companyId: 'c-1',
        subject: 'КП',
        body: 'Текст',
        direction: 'outbound',
      }),
    ).toMatchObject({ kind: 'email', subject: 'КП' });
  });

  it('refuses another kind’s fields and names each invalid one', () => {
    const call = createActivitySchema.safeParse({
      kind: 'call',
      companyId: 'c-1',
      direction: 'sideways',
      durationSeconds: -1,
      outcome: 'connected',
      subject: 'not a call field',
    });
    expect(call.success).toBe(false);
    expect(call.error?.issues.map((i) => i.path.join('.') || i.code).sort()).toEqual([
      'direction',
      'durationSeconds',
      'unrecognized_keys',
    ]);
    expect(createActivitySchema.safeParse({ kind: 'fax', companyId: 'c-1' }).success).toBe(false);
    expect(updateActivitySchemas.email.safeParse({ expectedVersion: 1, outcome: 'busy' }).success).toBe(
      false,
    );
  });
});

describe('activities', () => {
  it('name the records they are about, a deal among them, and travel in events as their contract says', () => {
    const call = createMockActivity({ dealId: 'd-1' });
    expect(linkedRecords(call)).toEqual([
      { type: 'company', id: '01JCOMPANY0000000000000001' },
      { type: 'contact', id: '01JCONTACT0000000000000001' },
      { type: 'deal', id: 'd-1' },
    ]);
    expect(activitySnapshot.parse(toActivitySnapshot(call))).toEqual(toActivitySnapshot(call));
  });

  it('give each staff participant of a meeting an attendee item listed by start, none once deleted', () => {
    const meeting = createMockActivity({
      kind: 'meeting',
      call: undefined,
      at: '2026-11-26T08:00:00.000Z',
      meeting: {
        title: 'Встреча',
        endAt: '2026-11-26T09:00:00.000Z',
        place: 'Офис',
        staffIds: ['u-1', 'u-2'],
      },
    });
    const items = meetingAttendeeItems(meeting);
    expect(items.map((i) => [i.pk, i.sk, i.gsi2pk, i.gsi2sk])).toEqual([
      [
        'ACTIVITY#01JACTIVITY000000000000001',
        'ATTENDEE#u-1',
        'MEETINGS#ATTENDEE#u-1',
        `2026-11-26T08:00:00.000Z#${meeting.id}`,
      ],
      [
        'ACTIVITY#01JACTIVITY000000000000001',
        'ATTENDEE#u-2',
        'MEETINGS#ATTENDEE#u-2',
        `2026-11-26T08:00:00.000Z#${meeting.id}`,
      ],
    ]);
    expect(items[0]).toMatchObject({
      title: 'Встреча',
      endAt: '2026-11-26T09:00:00.000Z',
      place: 'Офис',
      version: 1,
    });
    expect(meetingAttendeeItems({ ...meeting, deletedAt: '2026-11-25T00:00:00.000Z' })).toEqual([]);
    expect(meetingAttendeeItems(createMockActivity())).toEqual([]);
  });
});
