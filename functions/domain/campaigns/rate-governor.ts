// The per-tenant rate governor of campaign e-mail (docs/campaigns.md "Rate governor"): one
// counter item per second, `ADD n :1` on condition `n < :limit`, shared by every sender of the
// tenant, so that concurrent campaigns together never exceed the limit in any second. The limit
// is the smallest of the campaign's, the tenant's setting and SES's MaxSendRate (GetAccount,
// cached five minutes). A token is only handed out in the first 850 ms of a second, so that the
// call it allows reaches SES within the same second.
import { GetAccountCommand } from '@aws-sdk/client-sesv2';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { now } from '../../lib/clock.ts';
import { db, isConditionFailed, tableName } from '../../lib/dynamo.ts';
import { campaignSettingsKey, rateKey } from './campaign.entity.ts';
import type { SesSend } from './ses-client.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const cached = <T>(ttlMs: number, load: () => Promise<T>) => {
  let value: { at: number; promise: Promise<T> } | undefined;
  return (): Promise<T> => {
    if (!value || Date.now() - value.at > ttlMs) {
      const promise = load().catch((error: unknown) => {
        value = undefined;
        throw error;
      });
      value = { at: Date.now(), promise };
    }
    return value.promise;
  };
};

let sesRate: (() => Promise<number>) | undefined;

/** SES's MaxSendRate for the account, cached five minutes. */
export const sesMaxSendRate = (ses: SesSend): Promise<number> => {
  sesRate ??= cached(5 * 60_000, async () => {
    const account = await ses.send(new GetAccountCommand({}));
    const rate = account.SendQuota?.MaxSendRate;
    if (!rate || rate < 1) throw new Error('SES reports no sending rate (is sending enabled?)');
    return Math.floor(rate);
  });
  return sesRate();
};

/**
 * The tenant's own cap (`SETTINGS#campaigns`, Настройки → Рассылки), cached five seconds so that
 * a change bites at once; undefined when not set.
 */
export const tenantSendRate = cached(5_000, async (): Promise<number | undefined> => {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: campaignSettingsKey }));
  const rate = Item?.sendRatePerSecond;
  return typeof rate === 'number' && rate >= 1 ? Math.floor(rate) : undefined;
});

export const effectiveRateLimit = async (ses: SesSend, campaignLimit?: number): Promise<number> =>
  Math.min(
    await sesMaxSendRate(ses),
    (await tenantSendRate()) ?? Number.POSITIVE_INFINITY,
    campaignLimit ?? Number.POSITIVE_INFINITY,
  );

/** Waits for one send token of the current second under `limit`. */
export const takeSendToken = async (limit: number): Promise<void> => {
  for (;;) {
    const at = now().getTime();
    const intoSecond = at % 1000;
    if (intoSecond > 850) {
      await sleep(1000 - intoSecond + Math.random() * 30);
      continue;
    }
    const second = Math.floor(at / 1000);
    try {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: rateKey(second),
          UpdateExpression: 'SET expiresAt = :ttl, entity = :entity ADD n :one',
          ConditionExpression: 'attribute_not_exists(n) OR n < :limit',
          ExpressionAttributeValues: { ':ttl': second + 60, ':entity': 'rate', ':one': 1, ':limit': limit },
        }),
      );
      return;
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      await sleep(1000 - (now().getTime() % 1000) + Math.random() * 30);
    }
  }
};
