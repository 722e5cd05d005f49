// The task the onboarding-call automation creates for a won deal (pure): due the next working
// day (Monday to Friday) at 10:00 in the tenant's time zone, for the deal's owner, high
// priority, linked to the deal and its company, with a reminder 30 minutes before.
import { addDays, instantAt, localDate, weekday } from '../../lib/time-zone.ts';
import type { CreateTask } from '../tasks/task.entity.ts';

export type WonDeal = {
  readonly dealId: string;
  readonly title: string;
  readonly ownerId: string;
  readonly companyId?: string;
};

export const onboardingCallReminderMinutes = 30;

const titles = { ru: 'Онбординг-звонок', en: 'Onboarding call' } as const;

/** The next working day after the win, at 10:00 local time. */
export const onboardingCallDue = (wonAt: Date, timeZone: string): Date => {
  let date = addDays(localDate(wonAt, timeZone), 1);
  while (weekday(date) === 0 || weekday(date) === 6) date = addDays(date, 1);
  return instantAt(date, '10:00', timeZone);
};

export const onboardingCallInput = (
  deal: WonDeal,
  wonAt: string,
  tenant: { readonly timezone: string; readonly locale: 'ru' | 'en' },
): CreateTask => ({
  title: `${titles[tenant.locale]}: ${deal.title}`.slice(0, 300),
  dueAt: onboardingCallDue(new Date(wonAt), tenant.timezone).toISOString(),
  assigneeId: deal.ownerId,
  priority: 'high',
  remindBeforeMinutes: onboardingCallReminderMinutes,
  ...(deal.companyId ? { companyId: deal.companyId } : {}),
  dealId: deal.dealId,
});
