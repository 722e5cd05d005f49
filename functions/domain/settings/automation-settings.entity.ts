// The tenant's automation switches (Автоматизации), one settings item: which rule-driven
// automations run. Today one: a won deal creates an "onboarding call" task for its owner.
// A tenant that never saved them has the defaults (version 0): every automation off, so that
// nothing acts on a tenant's data until an administrator turns it on.
import { z } from 'zod';
import type { Versioned } from '../mutations.ts';

export const automationSettingsKey = { pk: 'SETTINGS#automations', sk: 'AUTOMATIONS' } as const;

export type AutomationSettings = {
  /** A won deal creates an "onboarding call" task for the deal's owner. */
  readonly onboardingCallOnWin: boolean;
};

export const defaultAutomationSettings: AutomationSettings = { onboardingCallOnWin: false };

export const updateAutomationSettingsSchema = z
  .object({
    /** 0 while the tenant has never saved its settings. */
    expectedVersion: z.number().int().min(0),
    onboardingCallOnWin: z.boolean().optional(),
  })
  .strict();

export type AutomationSettingsItem = Versioned & AutomationSettings;

export const toAutomationSettingsView = (s: AutomationSettings & { readonly version: number }) => ({
  automations: { onboardingCallOnWin: s.onboardingCallOnWin },
  version: s.version,
});
