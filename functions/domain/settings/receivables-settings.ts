// Reading and changing the receivables settings: everyone with a role reads them (the invoice
// screens show the payment term and when reminders go out), only an administrator changes them;
// every change versioned and audited. The daily run and invoice issuing read them too.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../lib/dynamo.ts';
import { Forbidden, StaleVersion } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import { createVersioned, updateVersioned } from '../mutations.ts';
import { requireRecordReader } from '../records/access.ts';
import {
  defaultReceivablesSettings,
  type ReceivablesSettings,
  type ReceivablesSettingsItem,
  receivablesSettingsKey,
  updateReceivablesSettingsSchema,
} from './receivables-settings.entity.ts';

const subject = { entity: 'receivables-settings', id: 'receivables' };
const audited = ['reminderDaysBefore', 'escalateAfterDays', 'defaultPaymentDays'];

/** The settings as they are now (the defaults at version 0 when never saved). For event handlers too. */
export const readReceivablesSettings = async (): Promise<ReceivablesSettings & { version: number }> => {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: receivablesSettingsKey, ConsistentRead: true }),
  );
  const item = Item as ReceivablesSettingsItem | undefined;
  return {
    reminderDaysBefore: item?.reminderDaysBefore ?? defaultReceivablesSettings.reminderDaysBefore,
    escalateAfterDays: item?.escalateAfterDays ?? defaultReceivablesSettings.escalateAfterDays,
    defaultPaymentDays: item?.defaultPaymentDays ?? defaultReceivablesSettings.defaultPaymentDays,
    version: item?.version ?? 0,
  };
};

export const getReceivablesSettings = async (principal: Principal) => {
  requireRecordReader(principal);
  return readReceivablesSettings();
};

export const updateReceivablesSettings = async (
  principal: Principal,
  body: unknown,
): Promise<ReceivablesSettings & { version: number }> => {
  requireRecordReader(principal);
  if (!principal.roles.includes('admin'))
    throw new Forbidden('Only an administrator may change the receivables settings.');
  const { expectedVersion, ...change } = parseInput(updateReceivablesSettingsSchema, body);
  const current = await readReceivablesSettings();
  if (expectedVersion !== current.version)
    throw new StaleVersion(subject.entity, subject.id, current.version);
  const next: ReceivablesSettings = {
    reminderDaysBefore: change.reminderDaysBefore ?? current.reminderDaysBefore,
    escalateAfterDays: change.escalateAfterDays ?? current.escalateAfterDays,
    defaultPaymentDays: change.defaultPaymentDays ?? current.defaultPaymentDays,
  };
  if (expectedVersion === 0) {
    const { created } = await createVersioned(
      subject,
      receivablesSettingsKey,
      { ...next },
      principal.userId,
      {
        auditedFields: audited,
      },
    );
    if (!created) throw new StaleVersion(subject.entity, subject.id, undefined);
    return { ...next, version: 1 };
  }
  const item = await updateVersioned<ReceivablesSettingsItem>(
    subject,
    receivablesSettingsKey,
    expectedVersion,
    { ...next },
    principal.userId,
    { auditedFields: audited },
  );
  return {
    reminderDaysBefore: item.reminderDaysBefore,
    escalateAfterDays: item.escalateAfterDays,
    defaultPaymentDays: item.defaultPaymentDays,
    version: item.version,
  };
};
