// Deals: created by sales for themselves (managers and admins for anyone), changed by their
// owner, a sales manager or an admin, read by every role. Every write is conditional on the
// version the caller read, so two people moving one deal never lose a move silently: the
// second gets a 409 and the board reloads the deal. Each write is audited with the deal's
// company and contacts as related records, so it shows on their timelines; link items in
// their partitions let their cards list the deal.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { nowIso } from '../../lib/clock.ts';
import { db, tableName } from '../../lib/dynamo.ts';
import { Conflict, Forbidden, NotFound, StaleVersion, ValidationFailed } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import type { AuditRef } from '../audit/audit.entity.ts';
import { type CampaignItem, campaignKey } from '../campaigns/campaign.entity.ts';
import { createVersioned, deleteVersioned, type TransactItem, updateVersioned } from '../mutations.ts';
import type { PipelineItem, Stage } from '../pipelines/pipeline.entity.ts';
import { listPipelines, readPipeline } from '../pipelines/pipelines.ts';
import {
  canCreateRecord,
  canReassign,
  requireEditor,
  requireRecordReader,
  requireRecordWriter,
} from '../records/access.ts';
import { companyKind, contactKind, uniqueRefs } from '../records/record-kinds.ts';
import { readRecord } from '../records/records.ts';
import { readRates, requireConvertible } from './currency-rates.ts';
import {
  auditedDealFields,
  closeDealSchema,
  createDealSchema,
  type DealAttributes,
  type DealItem,
  dealIndexKeys,
  dealKey,
  dealLinkItems,
  moveDealSchema,
  type StageVisit,
  updateDealSchema,
} from './deal.entity.ts';

const audited = [...auditedDealFields];

export const readDeal = async (id: string): Promise<DealItem> => {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: dealKey(id), ConsistentRead: true }),
  );
  if (!Item) throw new NotFound('deal', id);
  return Item as DealItem;
};

export const getDeal = async (principal: Principal, id: string): Promise<DealItem> => {
  requireRecordReader(principal);
  return readDeal(id);
};

const relatedOf = (d: Pick<DealAttributes, 'companyId' | 'contacts'>): AuditRef[] => [
  { type: 'company', id: d.companyId },
  ...d.contacts.map((c) => ({ type: 'contact', id: c.contactId })),
];

const stageOf = (pipeline: PipelineItem, stageId: string, field = 'stageId'): Stage => {
  const stage = pipeline.stages.find((s) => s.id === stageId);
  if (!stage)
    throw new ValidationFailed([
      {
        field,
        message: `is not a stage of pipeline «${pipeline.name}» (${pipeline.stages.map((s) => s.id).join(', ')})`,
      },
    ]);
  return stage;
};

/** The company (its name is copied onto the deal) and that every contact exists: 400 otherwise. */
const checkLinks = async (
  companyId: string | undefined,
  contacts: readonly { contactId: string }[] | undefined,
): Promise<{ companyName?: string }> => {
  const problems: { field: string; message: string }[] = [];
  let companyName: string | undefined;
  if (companyId !== undefined) {
    try {
      companyName = String((await readRecord(companyKind, companyId)).name);
    } catch {
      problems.push({
        field: 'companyId',
        message: 'is not a company of this organisation (or it was deleted)',
      });
    }
  }
  await Promise.all(
    (contacts ?? []).map(async (c, i) => {
      try {
        await readRecord(contactKind, c.contactId);
      } catch {
        problems.push({ field: `contacts.${i}.contactId`, message: 'is not a contact of this organisation' });
      }
    }),
  );
  if (problems.length > 0) throw new ValidationFailed(problems);
  return companyName === undefined ? {} : { companyName };
};

/**
 * The campaign a deal names as its source: it must exist and have been launched (a draft's name
 * may still change, and it has reached nobody). Its name is copied onto the deal.
 */
const campaignSource = async (campaignId: string): Promise<{ campaignName: string }> => {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: campaignKey(campaignId), ConsistentRead: true }),
  );
  const campaign = Item as CampaignItem | undefined;
  if (!campaign)
    throw new ValidationFailed([{ field: 'campaignId', message: 'is not a campaign of this organisation' }]);
  if (campaign.state === 'draft')
    throw new ValidationFailed([
      { field: 'campaignId', message: `campaign «${campaign.name}» is a draft; launch it first` },
    ]);
  return { campaignName: campaign.name };
};

const onlyWithCampaignSource = {
  field: 'campaignId',
  message: "is allowed only with source 'campaign'",
};

/** Link items to delete: those of records the deal no longer belongs to. */
const droppedLinks = (before: DealAttributes, after: DealAttributes): TransactItem[] => {
  const keep = new Set(dealLinkItems(after).map((l) => l.pk));
  return dealLinkItems(before)
    .filter((l) => !keep.has(l.pk))
    .map((l) => ({ Delete: { TableName: tableName, Key: { pk: l.pk, sk: l.sk } } }));
};

const linkPuts = (d: DealAttributes): TransactItem[] =>
  dealLinkItems(d).map((Item) => ({ Put: { TableName: tableName, Item } }));

export const createDeal = async (principal: Principal, body: unknown): Promise<DealItem> => {
  requireRecordWriter(principal, 'deals');
  const input = parseInput(createDealSchema, body);
  const ownerId = input.ownerId ?? principal.userId;
  if (!canCreateRecord(principal, ownerId))
    throw new Forbidden('Your role may create deals only for yourself.');
  const pipelines = await listPipelines(principal);
  const pipeline = input.pipelineId
    ? (pipelines.find((p) => p.id === input.pipelineId) ??
      (() => {
        throw new ValidationFailed([
          { field: 'pipelineId', message: 'is not a pipeline of this organisation' },
        ]);
      })())
    : (pipelines[0] as PipelineItem);
  const stage = stageOf(pipeline, input.stageId ?? (pipeline.stages[0]?.id as string));
  requireConvertible(input.value, await readRates(), 'value');
  if (input.campaignId && input.source && input.source !== 'campaign')
    throw new ValidationFailed([onlyWithCampaignSource]);
  const { companyName } = await checkLinks(input.companyId, input.contacts);
  const campaign = input.campaignId
    ? { campaignId: input.campaignId, ...(await campaignSource(input.campaignId)) }
    : {};
  const at = nowIso();
  const id = ulid();
  const attributes: DealAttributes = {
    id,
    title: input.title,
    companyId: input.companyId,
    companyName: companyName as string,
    contacts: input.contacts,
    value: input.value,
    ...(input.expectedCloseDate ? { expectedCloseDate: input.expectedCloseDate } : {}),
    ownerId,
    pipelineId: pipeline.id,
    stageId: stage.id,
    stageEnteredAt: at,
    stageHistory: [{ pipelineId: pipeline.id, stageId: stage.id, stageName: stage.name, enteredAt: at }],
    status: 'open',
    ...(input.campaignId ? { source: 'campaign' } : input.source ? { source: input.source } : {}),
    ...campaign,
    ...(input.description ? { description: input.description } : {}),
  };
  const { item } = await createVersioned(
    { entity: 'deal', id },
    dealKey(id),
    { ...attributes, ...dealIndexKeys({ ...attributes, createdAt: at }) },
    principal.userId,
    {
      at,
      auditedFields: audited,
      audit: { relatedTo: relatedOf(attributes) },
      derived: linkPuts(attributes),
    },
  );
  return item as unknown as DealItem;
};

/**
 * Writes `changes` at `expectedVersion` with the index keys and link items of the result (also
 * used by the deal's product lines, functions/domain/quotes/deal-lines.ts).
 */
export const saveDeal = async (
  principal: Principal,
  current: DealItem,
  expectedVersion: number,
  changes: Partial<Record<keyof DealAttributes, unknown>>,
  at: string,
): Promise<DealItem> => {
  const next = { ...current, ...changes } as DealItem;
  for (const [k, v] of Object.entries(changes))
    if (v === undefined) delete (next as Record<string, unknown>)[k];
  return updateVersioned<DealItem>(
    { entity: 'deal', id: current.id },
    dealKey(current.id),
    expectedVersion,
    { ...changes, ...dealIndexKeys(next) },
    principal.userId,
    {
      current,
      at,
      auditedFields: audited,
      audit: { relatedTo: uniqueRefs([...relatedOf(current), ...relatedOf(next)]) },
      derived: [...droppedLinks(current, next), ...linkPuts(next)],
    },
  );
};

/**
 * The campaign source after an update: naming a campaign sets the source to `campaign`; a source
 * other than `campaign` drops the campaign (naming one with it is a 400).
 */
const campaignChanges = async (
  current: DealItem,
  input: { source?: string | null; campaignId?: string | null },
): Promise<Record<string, unknown>> => {
  const source = input.source === undefined ? current.source : (input.source ?? undefined);
  if (input.campaignId) {
    if (input.source !== undefined && source !== 'campaign')
      throw new ValidationFailed([onlyWithCampaignSource]);
    if (input.campaignId === current.campaignId) return { source: 'campaign' };
    return { source: 'campaign', campaignId: input.campaignId, ...(await campaignSource(input.campaignId)) };
  }
  if (input.campaignId === null || (current.campaignId && source !== 'campaign'))
    return { campaignId: undefined, campaignName: undefined };
  return {};
};

export const updateDeal = async (principal: Principal, id: string, body: unknown): Promise<DealItem> => {
  requireRecordWriter(principal, 'deals');
  const current = await readDeal(id);
  requireEditor(principal, current, 'deal');
  const { expectedVersion, ...input } = parseInput(updateDealSchema, body);
  if (input.ownerId !== undefined && !canReassign(principal, current, input.ownerId))
    throw new Forbidden('Only a sales manager or an administrator may hand a deal to someone else.');
  const valueChanged =
    input.value !== undefined &&
    (input.value.amount !== current.value.amount || input.value.currency !== current.value.currency);
  if (valueChanged && current.lines?.length)
    throw new ValidationFailed([
      { field: 'value', message: 'follows the product lines of this deal; change the lines instead' },
    ]);
  if (input.value) requireConvertible(input.value, await readRates(), 'value');
  const { companyName } = await checkLinks(
    input.companyId !== undefined && input.companyId !== current.companyId ? input.companyId : undefined,
    input.contacts,
  );
  const changes: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) changes[k] = v === null ? undefined : v;
  if (companyName !== undefined) changes.companyName = companyName;
  Object.assign(changes, await campaignChanges(current, input));
  return saveDeal(principal, current, expectedVersion, changes, nowIso());
};

/** The history with the open visit closed at `at`. */
const leave = (history: readonly StageVisit[], at: string): StageVisit[] =>
  history.map((v, i) => (i === history.length - 1 && !v.leftAt ? { ...v, leftAt: at } : v));

export const moveDeal = async (principal: Principal, id: string, body: unknown): Promise<DealItem> => {
  requireRecordWriter(principal, 'deals');
  const current = await readDeal(id);
  requireEditor(principal, current, 'deal');
  const input = parseInput(moveDealSchema, body);
  if (current.version !== input.expectedVersion) throw new StaleVersion('deal', id, current.version);
  if (current.status !== 'open')
    throw new Conflict(`This deal is ${current.status}; reopen it before moving it to another stage.`);
  const pipeline = await readPipeline(input.pipelineId ?? current.pipelineId).catch(() => {
    throw new ValidationFailed([{ field: 'pipelineId', message: 'is not a pipeline of this organisation' }]);
  });
  const stage = stageOf(pipeline, input.stageId);
  if (pipeline.id === current.pipelineId && stage.id === current.stageId) return current;
  const at = nowIso();
  return saveDeal(
    principal,
    current,
    input.expectedVersion,
    {
      pipelineId: pipeline.id,
      stageId: stage.id,
      stageEnteredAt: at,
      stageHistory: [
        ...leave(current.stageHistory, at),
        { pipelineId: pipeline.id, stageId: stage.id, stageName: stage.name, enteredAt: at },
      ],
    },
    at,
  );
};

export const closeDeal = async (principal: Principal, id: string, body: unknown): Promise<DealItem> => {
  requireRecordWriter(principal, 'deals');
  const current = await readDeal(id);
  requireEditor(principal, current, 'deal');
  const input = parseInput(closeDealSchema, body);
  if (current.version === input.expectedVersion && current.status !== 'open')
    throw new Conflict(`This deal is already ${current.status}.`);
  const at = nowIso();
  return saveDeal(
    principal,
    current,
    input.expectedVersion,
    {
      status: input.status,
      closedAt: at,
      stageHistory: leave(current.stageHistory, at),
      ...(input.status === 'lost'
        ? { lostReason: input.lostReason, lostNote: input.lostNote }
        : { lostReason: undefined, lostNote: undefined }),
    },
    at,
  );
};

/** A won or lost deal goes back to its last stage (the first one, if that stage is gone). */
export const reopenDeal = async (
  principal: Principal,
  id: string,
  expectedVersion: number,
): Promise<DealItem> => {
  requireRecordWriter(principal, 'deals');
  const current = await readDeal(id);
  requireEditor(principal, current, 'deal');
  if (current.version === expectedVersion && current.status === 'open')
    throw new Conflict('This deal is open already.');
  const pipeline = await readPipeline(current.pipelineId);
  const stage = pipeline.stages.find((s) => s.id === current.stageId) ?? (pipeline.stages[0] as Stage);
  const at = nowIso();
  return saveDeal(
    principal,
    current,
    expectedVersion,
    {
      status: 'open',
      closedAt: undefined,
      lostReason: undefined,
      lostNote: undefined,
      stageId: stage.id,
      stageEnteredAt: at,
      stageHistory: [
        ...current.stageHistory,
        { pipelineId: pipeline.id, stageId: stage.id, stageName: stage.name, enteredAt: at },
      ],
    },
    at,
  );
};

export const deleteDeal = async (
  principal: Principal,
  id: string,
  expectedVersion: number,
): Promise<void> => {
  requireRecordWriter(principal, 'deals');
  const current = await readDeal(id);
  requireEditor(principal, current, 'deal');
  await deleteVersioned({ entity: 'deal', id }, dealKey(id), expectedVersion, principal.userId, {
    current,
    auditedFields: audited,
    audit: { relatedTo: relatedOf(current) },
    derived: dealLinkItems(current).map((l) => ({
      Delete: { TableName: tableName, Key: { pk: l.pk, sk: l.sk } },
    })),
  });
};

/** The stage (probability, limit) a deal is in, for its view. */
export const stageInfo = (pipeline: PipelineItem | undefined, deal: DealItem) =>
  pipeline?.stages.find((s) => s.id === deal.stageId);
