// The tenant's sending cap (Настройки → Рассылки; docs/campaigns.md "Rate governor"): at most this
// many campaign e-mails a second across all of the tenant's campaigns, below SES's own
// MaxSendRate. The roles that see Маркетинг read it beside SES's quota; only an administrator
// changes it. Versioned and audited; the senders read it through a five-second cache, so a change
// takes effect within seconds, also for campaigns already sending.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { db, tableName } from '../../lib/dynamo.ts';
import { Forbidden, StaleVersion } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import { createVersioned, updateVersioned, type Versioned } from '../mutations.ts';
import { requireMarketingReader } from '../records/access.ts';
import { campaignSettingsKey } from './campaign.entity.ts';
import { sesMaxSendRate } from './rate-governor.ts';
import { campaignSes } from './ses-client.ts';

const subject = { entity: 'campaign-settings', id: 'campaigns' };
const audited = ['sendRatePerSecond'];

export const updateSendingSettingsSchema = z
  .object({
    /** 0 while the tenant has never saved its settings. */
    expectedVersion: z.number({ error: 'must be a number' }).int().min(0),
    /** null: no cap of the tenant's own (SES's quota and each campaign's limit still apply). */
    sendRatePerSecond: z
      .number({ error: 'must be a whole number of e-mails a second, or null for no cap' })
      .int('must be a whole number of e-mails a second')
      .min(1, 'at least 1')
      .max(10_000, 'at most 10000')
      .nullable(),
  })
  .strict();

type SendingSettingsItem = Versioned & { readonly sendRatePerSecond?: number };

export type SendingSettings = { readonly sendRatePerSecond: number | null; readonly version: number };

export const readSendingSettings = async (): Promise<SendingSettings> => {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: campaignSettingsKey, ConsistentRead: true }),
  );
  const item = Item as SendingSettingsItem | undefined;
  return { sendRatePerSecond: item?.sendRatePerSecond ?? null, version: item?.version ?? 0 };
};

/** The settings with SES's MaxSendRate beside them (left out when SES cannot be asked). */
export const getSendingSettings = async (p: Principal) => {
  requireMarketingReader(p, 'the sending settings');
  const [settings, sesRate] = await Promise.all([
    readSendingSettings(),
    campaignSes()
      .then(sesMaxSendRate)
      .catch(() => undefined),
  ]);
  return { ...settings, ...(sesRate ? { sesMaxSendRate: sesRate } : {}) };
};

export const updateSendingSettings = async (p: Principal, body: unknown): Promise<SendingSettings> => {
  requireMarketingReader(p, 'the sending settings');
  if (!p.roles.includes('admin'))
    throw new Forbidden('Only an administrator may change the sending settings.');
  const { expectedVersion, sendRatePerSecond } = parseInput(updateSendingSettingsSchema, body);
  const current = await readSendingSettings();
  if (expectedVersion !== current.version)
    throw new StaleVersion(subject.entity, subject.id, current.version);
  const next = sendRatePerSecond === null ? {} : { sendRatePerSecond };
  if (expectedVersion === 0) {
    const { created } = await createVersioned(subject, campaignSettingsKey, next, p.userId, {
      auditedFields: audited,
    });
    if (!created) throw new StaleVersion(subject.entity, subject.id, undefined);
    return { sendRatePerSecond, version: 1 };
  }
  const item = await updateVersioned<SendingSettingsItem>(
    subject,
    campaignSettingsKey,
    expectedVersion,
    { sendRatePerSecond: sendRatePerSecond ?? undefined },
    p.userId,
    { auditedFields: audited },
  );
  return { sendRatePerSecond: item.sendRatePerSecond ?? null, version: item.version };
};
