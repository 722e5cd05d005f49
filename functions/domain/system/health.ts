// Health of a tenant: each dependency is asked one cheap, read-only question with a short
// timeout. Locally the same calls reach the emulators, so health reports each of them.
import { DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeEventBusCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetAccountCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { now } from '../../lib/clock.ts';
import { requireEnv } from '../../lib/env.ts';
import { allQueueNames, queueUrlVariable } from '../../lib/function-environment.ts';
import { cognito, userPoolId } from '../../lib/user-pool.ts';
import { heartbeatMaxAgeMs, readHeartbeat } from './heartbeat.entity.ts';

export type CheckStatus = 'ok' | 'pending' | 'error';
export type Check = { name: string; status: CheckStatus; latencyMs: number; detail?: string };
export type Health = {
  status: 'ok' | 'degraded';
  tenant: string;
  checks: Check[];
  scheduler: { lastHeartbeatAt?: string };
};

const busName = requireEnv('EVENT_BUS_NAME');
const queueUrls = allQueueNames().map((name) => ({ name, url: requireEnv(queueUrlVariable(name)) }));
const events = new EventBridgeClient({});
const sqs = new SQSClient({});
const ses = new SESv2Client({});

const timeoutMs = 3000;

const timed = async (
  name: string,
  probe: () => Promise<{ status?: CheckStatus; detail?: string } | undefined>,
): Promise<Check> => {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      probe(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(Object.assign(new Error('timeout'), { name: 'NoAnswer' })),
          timeoutMs,
        );
      }),
    ]);
    return {
      name,
      status: result?.status ?? 'ok',
      latencyMs: latencyMs(),
      ...(result?.detail ? { detail: result.detail } : {}),
    };
  } catch (error) {
    // The route is public: say what kind of failure, not its message (which may name accounts or ARNs).
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    const http = e.$metadata?.httpStatusCode ? ` (HTTP ${e.$metadata.httpStatusCode})` : '';
    return { name, status: 'error', latencyMs: latencyMs(), detail: `${e.name || 'Error'}${http}` };
  } finally {
    clearTimeout(timer);
  }
};

export const checkHealth = async (tenantId: string): Promise<Health> => {
  let lastHeartbeatAt: string | undefined;
  const checks = await Promise.all([
    timed('table', async () => {
      lastHeartbeatAt = (await readHeartbeat())?.lastHeartbeatAt;
      return undefined;
    }),
    timed('bus', async () => {
      await events.send(new DescribeEventBusCommand({ Name: busName }));
      return undefined;
    }),
    timed('queues', async () => {
      const depths = await Promise.all(
        queueUrls.map(async ({ name, url }) => {
          const { Attributes } = await sqs.send(
            new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
          );
          return { name, depth: Number(Attributes?.ApproximateNumberOfMessages ?? 0) };
        }),
      );
      const dead = depths.filter((q) => q.name.endsWith('-dlq') && q.depth > 0);
      return dead.length === 0
        ? undefined
        : { status: 'error', detail: dead.map((q) => `${q.depth} message(s) in ${q.name}`).join(', ') };
    }),
    timed('email', async () => {
      const account = await ses.send(new GetAccountCommand({}));
      return account.SendingEnabled === false
        ? { status: 'error', detail: 'sending is disabled for the account' }
        : undefined;
    }),
    timed('users', async () => {
      await cognito.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }));
      return undefined;
    }),
  ]);
  const beatAge = lastHeartbeatAt ? now().getTime() - Date.parse(lastHeartbeatAt) : undefined;
  checks.push({
    name: 'scheduler',
    latencyMs: 0,
    ...(beatAge === undefined
      ? { status: 'pending', detail: 'no heartbeat recorded yet' }
      : beatAge > heartbeatMaxAgeMs
        ? { status: 'error', detail: `last heartbeat ${Math.round(beatAge / 60000)} min ago` }
        : { status: 'ok' }),
  });
  return {
    status: checks.some((c) => c.status === 'error') ? 'degraded' : 'ok',
    tenant: tenantId,
    checks,
    scheduler: lastHeartbeatAt ? { lastHeartbeatAt } : {},
  };
};
