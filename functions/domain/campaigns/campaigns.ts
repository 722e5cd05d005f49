// Campaigns as users see them (docs/campaigns.md "Campaigns"): administrators and marketing
// create, change (drafts only), launch, pause, resume and cancel them; sales managers read them.
// Every change is a versioned, audited write (409 when stale or when the state does not allow
// it). A launch snapshots the segment's filter and the template; launching "now" starts a run
// at once (its stream event starts the fan-out), "at" an instant or "recurring" on a cron in the
// tenant's time zone makes a Scheduler schedule `campaign-<id>` whose event starts each run.
import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-scheduler';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { z } from 'zod';
import { retryPolicy } from '../../../events/rules.ts';
import { campaignLaunchDueV1 } from '../../../events/schemas/campaigns.ts';
import { now, nowIso } from '../../lib/clock.ts';
import { decodeBoundCursor, encodeBoundCursor } from '../../lib/cursor.ts';
import { db, tableName } from '../../lib/dynamo.ts';
import { tenantConfig } from '../../lib/env.ts';
import { Conflict, NotFound, ValidationFailed } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import {
  eventBusArn,
  scheduleDeadLetterArn,
  scheduleGroupName,
  scheduler,
  schedulerRoleArn,
} from '../../lib/scheduler.ts';
import { parseInput } from '../../lib/validation.ts';
import { readTemplate } from '../email-templates/email-templates.ts';
import { createVersioned, updateVersioned } from '../mutations.ts';
import { requireMarketingEditor, requireMarketingReader, requireRecordReader } from '../records/access.ts';
import { readSegment } from '../segments/segments.ts';
import {
  auditedCampaignFields,
  type CampaignAttributes,
  type CampaignItem,
  type CampaignSchedule,
  type CampaignState,
  campaignActionSchema,
  campaignKey,
  campaignList,
  campaignListKeys,
  createCampaignSchema,
  launchScheduleName,
  updateCampaignSchema,
} from './campaign.entity.ts';
import { newFanOut, readCampaign } from './campaign-runs.ts';

const what = 'campaigns';
const subject = (id: string) => ({ entity: 'campaign', id });

export const getCampaignItem = async (id: string): Promise<CampaignItem> => {
  const item = await readCampaign(id);
  if (!item) throw new NotFound('campaign', id);
  return item;
};

const checkReferences = async (input: { segmentId?: string; templateId?: string }) => {
  const errors: { field: string; message: string }[] = [];
  const segment = input.segmentId
    ? await readSegment(input.segmentId).catch((error: unknown) => {
        if (error instanceof NotFound) errors.push({ field: 'segmentId', message: 'is not a segment' });
        else throw error;
        return undefined;
      })
    : undefined;
  const template = input.templateId
    ? await readTemplate(input.templateId).catch((error: unknown) => {
        if (error instanceof NotFound) errors.push({ field: 'templateId', message: 'is not a template' });
        else throw error;
        return undefined;
      })
    : undefined;
  if (template?.archived) errors.push({ field: 'templateId', message: 'is archived' });
  if (errors.length > 0) throw new ValidationFailed(errors);
  return { segment, template };
};

const checkSchedule = (schedule: CampaignSchedule, field = 'schedule') => {
  if (schedule.kind === 'at' && Date.parse(schedule.at) <= now().getTime())
    throw new ValidationFailed([{ field: `${field}.at`, message: 'must be in the future' }]);
};

export const getCampaign = async (p: Principal, id: string): Promise<CampaignItem> => {
  requireMarketingReader(p, what);
  return getCampaignItem(id);
};

export const createCampaign = async (p: Principal, body: unknown): Promise<CampaignItem> => {
  requireMarketingEditor(p, what);
  const input = parseInput(createCampaignSchema, body);
  checkSchedule(input.schedule);
  await checkReferences(input);
  const id = ulid();
  const at = nowIso();
  const attributes: CampaignAttributes = { id, ...input, state: 'draft' };
  const { item } = await createVersioned(
    subject(id),
    campaignKey(id),
    { ...attributes, ...campaignListKeys({ id, createdAt: at }) },
    p.userId,
    { at, auditedFields: auditedCampaignFields.filter((f) => f in attributes) },
  );
  return item as unknown as CampaignItem;
};

export const updateCampaign = async (p: Principal, id: string, body: unknown): Promise<CampaignItem> => {
  requireMarketingEditor(p, what);
  const { expectedVersion, ...changes } = parseInput(updateCampaignSchema, body);
  const current = await getCampaignItem(id);
  if (current.state !== 'draft')
    throw new Conflict(`Only a draft campaign can be changed; this one is ${current.state}.`);
  if (changes.schedule) checkSchedule(changes.schedule);
  await checkReferences(changes);
  const written: Record<string, unknown> = { ...changes };
  if (changes.rateLimitPerSecond === null) written.rateLimitPerSecond = undefined;
  return updateVersioned<CampaignItem>(subject(id), campaignKey(id), expectedVersion, written, p.userId, {
    current,
    auditedFields: auditedCampaignFields,
  });
};

const campaignListQuerySchema = z
  .object({
    limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(200).default(50),
    cursor: z.string().max(2000).optional(),
  })
  .strict();

/** One page of the campaign list (gsi4), newest first. */
const newestCampaigns = (limit: number, start: Record<string, unknown> | undefined) =>
  db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: campaignList.indexName,
      KeyConditionExpression: 'gsi4pk = :pk',
      ExpressionAttributeValues: { ':pk': campaignList.pk },
      ScanIndexForward: false,
      Limit: limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );

/** Campaigns, newest first, a page at a time. */
export const listCampaigns = async (p: Principal, query: unknown) => {
  requireMarketingReader(p, what);
  const q = parseInput(campaignListQuerySchema, query);
  const scope = JSON.stringify({ index: campaignList.indexName, pk: campaignList.pk });
  const start = q.cursor
    ? decodeBoundCursor(q.cursor, {
        scope,
        keyAttributes: ['pk', 'sk', 'gsi4pk', 'gsi4sk'],
        check: (k) => k.gsi4pk === campaignList.pk,
      })
    : undefined;
  const page = await newestCampaigns(q.limit, start);
  const last = page.LastEvaluatedKey as Record<string, string> | undefined;
  return {
    items: (page.Items ?? []) as CampaignItem[],
    ...(last ? { nextCursor: encodeBoundCursor(last, scope) } : {}),
  };
};

/**
 * The campaigns a deal may name as its lead source: launched ones (not drafts), newest first, at
 * most `sourceLimit`. Every role that reads deals may list them (id, name and state only), since
 * salespeople record where their deals came from.
 */
export const sourceLimit = 100;
export const listCampaignSources = async (p: Principal) => {
  requireRecordReader(p);
  const found: { id: string; name: string; state: CampaignState }[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await newestCampaigns(200, start);
    for (const c of (page.Items ?? []) as CampaignItem[])
      if (c.state !== 'draft' && found.length < sourceLimit)
        found.push({ id: c.id, name: c.name, state: c.state });
    start = page.LastEvaluatedKey;
  } while (start && found.length < sourceLimit);
  return found;
};

// ---------------------------------------------------------------------------------------------
// Launch schedules

export const launchScheduleRequest = (campaign: CampaignItem): CreateScheduleCommandInput => {
  const schedule = campaign.schedule;
  if (schedule.kind === 'now') throw new Error('a campaign launched now has no schedule');
  return {
    Name: launchScheduleName(campaign.id),
    GroupName: scheduleGroupName,
    Description: `Launch of campaign ${campaign.id}`,
    ScheduleExpression:
      schedule.kind === 'at'
        ? `at(${new Date(schedule.at).toISOString().slice(0, 19)})`
        : `cron(${schedule.cron})`,
    ScheduleExpressionTimezone: schedule.kind === 'at' ? 'UTC' : tenantConfig().timezone,
    FlexibleTimeWindow: { Mode: 'OFF' },
    ...(schedule.kind === 'at' ? { ActionAfterCompletion: 'DELETE' as const } : {}),
    State: 'ENABLED',
    Target: {
      Arn: eventBusArn,
      RoleArn: schedulerRoleArn,
      Input: JSON.stringify(
        campaignLaunchDueV1.schema.parse({
          campaignId: campaign.id,
          ...(schedule.kind === 'at' ? { scheduledFor: new Date(schedule.at).toISOString() } : {}),
        }),
      ),
      EventBridgeParameters: {
        Source: campaignLaunchDueV1.source,
        DetailType: campaignLaunchDueV1.detailType,
      },
      RetryPolicy: {
        MaximumRetryAttempts: retryPolicy.maximumRetryAttempts,
        MaximumEventAgeInSeconds: retryPolicy.maximumEventAgeSeconds,
      },
      DeadLetterConfig: { Arn: scheduleDeadLetterArn },
    },
  };
};

const deleteLaunchSchedule = (campaignId: string) =>
  scheduler
    .send(new DeleteScheduleCommand({ Name: launchScheduleName(campaignId), GroupName: scheduleGroupName }))
    .catch((error: unknown) => {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    });

// ---------------------------------------------------------------------------------------------
// State changes

const transition = async (
  p: Principal,
  id: string,
  body: unknown,
  allowed: readonly CampaignState[],
  verb: string,
  changes: (current: CampaignItem) => Promise<Record<string, unknown>> | Record<string, unknown>,
): Promise<CampaignItem> => {
  requireMarketingEditor(p, what);
  const { expectedVersion } = parseInput(campaignActionSchema, body);
  const current = await getCampaignItem(id);
  if (current.version === expectedVersion && !allowed.includes(current.state))
    throw new Conflict(`A ${current.state} campaign cannot be ${verb}.`);
  return updateVersioned<CampaignItem>(
    subject(id),
    campaignKey(id),
    expectedVersion,
    await changes(current),
    p.userId,
    {
      current,
      auditedFields: auditedCampaignFields,
    },
  );
};

export const launchCampaign = async (p: Principal, id: string, body: unknown): Promise<CampaignItem> => {
  const launched = await transition(p, id, body, ['draft'], 'launched', async (current) => {
    checkSchedule(current.schedule);
    const { segment, template } = await checkReferences(current);
    if (!segment || !template) throw new Error('references were checked');
    const snapshot = {
      filter: segment.filter,
      template: {
        templateId: template.id,
        version: template.version,
        subject: template.subject,
        html: template.html,
        text: template.text,
      },
    };
    const at = nowIso();
    return current.schedule.kind === 'now'
      ? { ...snapshot, state: 'sending', runId: ulid(), runs: 1, fanOut: newFanOut(), launchedAt: at }
      : { ...snapshot, state: 'scheduled' };
  });
  if (launched.state === 'scheduled') {
    await scheduler
      .send(new CreateScheduleCommand(launchScheduleRequest(launched)))
      .catch((error: unknown) => {
        if (!(error instanceof ConflictException)) throw error;
      });
  }
  return launched;
};

export const pauseCampaign = (p: Principal, id: string, body: unknown) =>
  transition(p, id, body, ['sending'], 'paused', () => ({ state: 'paused', pausedAt: nowIso() }));

export const resumeCampaign = (p: Principal, id: string, body: unknown) =>
  transition(p, id, body, ['paused'], 'resumed', () => ({ state: 'sending', pausedReason: undefined }));

export const cancelCampaign = async (p: Principal, id: string, body: unknown) => {
  const cancelled = await transition(
    p,
    id,
    body,
    ['draft', 'scheduled', 'sending', 'paused'],
    'cancelled',
    () => ({
      state: 'cancelled',
      cancelledAt: nowIso(),
    }),
  );
  if (cancelled.schedule.kind !== 'now') await deleteLaunchSchedule(id);
  return cancelled;
};
