// Automation "a won deal creates an onboarding call task for its owner" (on/off per tenant,
// settings/automation-settings.ts). A deal.won.v1 handler calls createOnboardingCallTask with
// the deal; the task is created once per deal whatever the redeliveries (its id derives from
// the deal's), as onboarding-call-input.ts describes it.
import { readAutomationSettings } from '../settings/automation-settings.ts';
import type { TaskItem } from '../tasks/task.entity.ts';
import { createTask } from '../tasks/tasks.ts';
import { onboardingCallInput, type WonDeal } from './onboarding-call-input.ts';

export const onboardingCallSource = 'automation:onboarding-call';

export type OnboardingOutcome =
  | { readonly status: 'off' }
  | { readonly status: 'created' | 'existed'; readonly task: TaskItem };

export const createOnboardingCallTask = async (
  deal: WonDeal,
  wonAt: string,
  tenant: { readonly timezone: string; readonly locale: 'ru' | 'en' },
): Promise<OnboardingOutcome> => {
  const settings = await readAutomationSettings();
  if (!settings.onboardingCallOnWin) return { status: 'off' };
  const { task, created } = await createTask(onboardingCallInput(deal, wonAt, tenant), {
    actorId: 'system:automations',
    idempotencyKey: `onboarding-call#${deal.dealId}`,
    source: onboardingCallSource,
    linksChecked: true,
  });
  return { status: created ? 'created' : 'existed', task };
};
