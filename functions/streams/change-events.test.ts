import { describe, expect, it } from 'vitest';
import { createMockNotification } from '../domain/notifications/notification.entity.ts';
import { createMockUser } from '../domain/users/user.entity.ts';
import { eventsForChange } from './change-events.ts';

const at = '2026-11-24T09:00:00.000Z';

describe('eventsForChange', () => {
  it('turns a new profile into user.created.v1', () => {
    const events = eventsForChange({ kind: 'INSERT', newImage: createMockUser(), at });
    expect(events.map((e) => e.contract.detailType)).toEqual(['user.created.v1']);
    expect(events[0]?.detail).toMatchObject({ user: { name: 'Анна Смирнова', version: 1 }, at });
  });

  it('lists the changed fields of a profile update, without bookkeeping or index keys', () => {
    const before = createMockUser();
    const after = createMockUser({
      locale: 'en',
      version: 2,
      updatedAt: '2026-11-24T10:00:00.000Z',
      gsi1sk: 'x',
    });
    const [event] = eventsForChange({ kind: 'MODIFY', oldImage: before, newImage: after, at });
    expect(event?.contract.detailType).toBe('user.updated.v1');
    expect(event?.detail).toMatchObject({ changedFields: ['locale'], actorId: after.updatedBy });
  });

  it('publishes notification.created.v1 for a new notification only', () => {
    const n = createMockNotification();
    expect(eventsForChange({ kind: 'INSERT', newImage: n, at }).map((e) => e.contract.detailType)).toEqual([
      'notification.created.v1',
    ]);
    expect(eventsForChange({ kind: 'MODIFY', oldImage: n, newImage: { ...n, readAt: at }, at })).toEqual([]);
  });

  it('publishes nothing for items without events (audit entries, counters)', () => {
    expect(
      eventsForChange({ kind: 'INSERT', newImage: { pk: 'AUDIT#user#1', sk: 'x', entity: 'audit' }, at }),
    ).toEqual([]);
    expect(eventsForChange({ kind: 'INSERT', newImage: { pk: 'SYSTEM', sk: 'HEARTBEAT' }, at })).toEqual([]);
  });

  it('refuses to publish a detail that breaks its contract', () => {
    const broken = { ...createMockUser(), locale: 'de' };
    expect(() => eventsForChange({ kind: 'INSERT', newImage: broken, at })).toThrow();
  });
});
