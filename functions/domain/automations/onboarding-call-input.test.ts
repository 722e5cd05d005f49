import { describe, expect, it } from 'vitest';
import { createTaskSchema } from '../tasks/task.entity.ts';
import { onboardingCallDue, onboardingCallInput } from './onboarding-call-input.ts';

describe('the onboarding call', () => {
  it('is due the next working day at 10:00 in the tenant’s time zone', () => {
    // Tuesday 15:00 in Moscow → Wednesday 10:00 (07:00 UTC).
    expect(onboardingCallDue(new Date('2026-11-24T12:00:00.000Z'), 'Europe/Moscow').toISOString()).toBe(
      '2026-11-25T07:00:00.000Z',
    );
  });

  it('skips the weekend, counting days where the tenant is', () => {
    // Friday 23:30 UTC is already Saturday 02:30 in Moscow → Monday 10:00.
    expect(onboardingCallDue(new Date('2026-11-27T23:30:00.000Z'), 'Europe/Moscow').toISOString()).toBe(
      '2026-11-30T07:00:00.000Z',
    );
    // The same instant in New York is still Friday 18:30 → Monday 10:00 EST.
    expect(onboardingCallDue(new Date('2026-11-27T23:30:00.000Z'), 'America/New_York').toISOString()).toBe(
      '2026-11-30T15:00:00.000Z',
    );
  });

  it('is a valid task for the deal’s owner, linked to the deal and its company, titled in the tenant’s language', () => {
    const input = onboardingCallInput(
      { dealId: 'd-1', title: 'Поставка 40 ноутбуков', ownerId: 'u-anna', companyId: 'c-1' },
      '2026-11-24T12:00:00.000Z',
      { timezone: 'Europe/Moscow', locale: 'ru' },
    );
    expect(createTaskSchema.parse(input)).toEqual({
      title: 'Онбординг-звонок: Поставка 40 ноутбуков',
      dueAt: '2026-11-25T07:00:00.000Z',
      assigneeId: 'u-anna',
      priority: 'high',
      remindBeforeMinutes: 30,
      companyId: 'c-1',
      dealId: 'd-1',
    });
  });
});
