// Reading and changing the automation switches: everyone with a role reads them (the app shows
// what runs), only an administrator changes them; every change versioned and audited.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../lib/dynamo.ts';
import { Forbidden, StaleVersion } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import { createVersioned, updateVersioned } from '../mutations.ts';
import { requireRecordReader } from '../records/access.ts';
import {
  type AutomationSettings,
  type AutomationSettingsItem,
  automationSettingsKey,
  defaultAutomationSettings,
  updateAutomationSettingsSchema,
} from './automation-settings.entity.ts';

const subject = { entity: 'automation-settings', id: 'automations' };
const audited = ['onboardingCallOnWin'];

/** The switches as they are now (the defaults at version 0 when never saved). For event handlers too. */
export const readAutomationSettings = async (): Promise<AutomationSettings & { version: number }> => {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: automationSettingsKey, ConsistentRead: true }),
  );
  const item = Item as AutomationSettingsItem | undefined;
  return {
    onboardingCallOnWin: item?.onboardingCallOnWin ?? defaultAutomationSettings.onboardingCallOnWin,
    version: item?.version ?? 0,
  };
};

export const getAutomationSettings = async (principal: Principal) => {
  requireRecordReader(principal);
  return readAutomationSettings();
};

export const updateAutomationSettings = async (
  principal: Principal,
  body: unknown,
): Promise<AutomationSettings & { version: number }> => {
  requireRecordReader(principal);
  if (!principal.roles.includes('admin'))
    throw new Forbidden('Only an administrator may turn automations on or off.');
  const { expectedVersion, ...change } = parseInput(updateAutomationSettingsSchema, body);
  const current = await readAutomationSettings();
  const next: AutomationSettings = {
    onboardingCallOnWin: change.onboardingCallOnWin ?? current.onboardingCallOnWin,
  };
  if (expectedVersion !== current.version)
    throw new StaleVersion(subject.entity, subject.id, current.version);
  if (expectedVersion === 0) {
    const { created } = await createVersioned(subject, automationSettingsKey, { ...next }, principal.userId, {
      auditedFields: audited,
    });
    if (!created) throw new StaleVersion(subject.entity, subject.id, undefined);
    return { ...next, version: 1 };
  }
  const item = await updateVersioned<AutomationSettingsItem>(
    subject,
    automationSettingsKey,
    expectedVersion,
    { ...next },
    principal.userId,
    { auditedFields: audited },
  );
  return { onboardingCallOnWin: item.onboardingCallOnWin, version: item.version };
};
