// Forecast and dashboards (Прогноз, Аналитика): read from the monthly sales aggregates that
// `aggregate-changes` keeps from the table's stream (stats/sales-aggregate.ts) — a handful of
// items per request, never a scan of deals. Amounts are converted to the tenant's currency at
// the rates of the moment; weighted sums use the pipelines' current stage probabilities.
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { db, tableName } from '../../lib/dynamo.ts';
import { Forbidden, StaleVersion, ValidationFailed } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import { readRates } from '../deals/currency-rates.ts';
import { convert, type Rates } from '../deals/money.ts';
import { createVersioned, updateVersioned, type Versioned } from '../mutations.ts';
import type { PipelineItem } from '../pipelines/pipeline.entity.ts';
import { listPipelines } from '../pipelines/pipelines.ts';
import { requireRecordReader } from '../records/access.ts';
import { type StatsItem, salesStatsKey } from '../stats/stats.entity.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM');

/** The months from `from` to `to`, inclusive. */
export const monthsBetween = (from: string, to: string): string[] => {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      y++;
      m = 1;
    }
  }
  return out;
};

const periodSchema = z
  .object({
    from: month,
    to: month,
    owner: z.string().min(1).max(100).optional(),
    pipeline: z.string().min(1).max(40).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (monthsBetween(q.from, q.to).length > 36)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'at most 36 months' });
  });

type MonthItem = { month: string; item: StatsItem | undefined };

const readMonths = async (months: readonly string[]): Promise<MonthItem[]> => {
  const found = new Map<string, StatsItem>();
  for (let i = 0; i < months.length; i += 100) {
    let keys: Record<string, unknown>[] = months.slice(i, i + 100).map((m) => salesStatsKey(m));
    for (let attempt = 0; keys.length > 0 && attempt < 8; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
      const result = await db.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }));
      for (const item of (result.Responses?.[tableName] ?? []) as StatsItem[]) found.set(item.pk, item);
      keys = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return months.map((m) => ({ month: m, item: found.get(salesStatsKey(m).pk) }));
};

/** Every numeric attribute of `item` named `<prefix>#…`, split into its parts. */
const entries = (item: StatsItem | undefined, prefix: string): { parts: string[]; value: number }[] =>
  Object.entries(item ?? {})
    .filter(([k, v]) => k.startsWith(`${prefix}#`) && typeof v === 'number')
    .map(([k, v]) => ({ parts: k.slice(prefix.length + 1).split('#'), value: v as number }));

const money = (amount: number, currency: string, rates: Rates) => convert({ amount, currency }, rates) ?? 0;

export const planKey = (m: string) => ({ pk: `PLAN#${m}`, sk: 'PLAN' }) as const;
type PlanItem = Versioned & { readonly month: string; readonly amounts: Readonly<Record<string, number>> };

const readPlans = async (months: readonly string[]): Promise<Map<string, Record<string, number>>> => {
  const plans = new Map<string, Record<string, number>>();
  await Promise.all(
    months.map(async (m) => {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: planKey(m) }));
      if (Item) plans.set(m, { ...(Item as PlanItem).amounts });
    }),
  );
  return plans;
};

type OwnerForecast = {
  ownerId: string;
  won: number;
  wonCount: number;
  weighted: number;
  open: number;
  bestCase: number;
  plan: number;
  attainment?: number;
};

/** Per owner and in total: won, weighted open pipeline, best case (won + all open), plan and attainment. */
export const readForecast = async (principal: Principal, query: unknown) => {
  requireRecordReader(principal);
  const q = parseInput(periodSchema, query);
  const months = monthsBetween(q.from, q.to);
  const [items, rates, pipelines, plans] = await Promise.all([
    readMonths(months),
    readRates(),
    listPipelines(principal),
    readPlans(months),
  ]);
  const probability = probabilities(pipelines);
  const rows = new Map<string, OwnerForecast>();
  const row = (ownerId: string) => {
    let r = rows.get(ownerId);
    if (!r) {
      r = { ownerId, won: 0, wonCount: 0, weighted: 0, open: 0, bestCase: 0, plan: 0 };
      rows.set(ownerId, r);
    }
    return r;
  };
  for (const { item } of items) {
    for (const { parts, value } of entries(item, 'won'))
      row(parts[0] as string).won += money(value, parts[1] as string, rates);
    for (const { parts, value } of entries(item, 'wonN')) row(parts[0] as string).wonCount += value;
    for (const { parts, value } of entries(item, 'open')) {
      const [pipelineId, stageId, ownerId, currency] = parts as [string, string, string, string];
      if (q.pipeline && pipelineId !== q.pipeline) continue;
      const amount = money(value, currency, rates);
      const r = row(ownerId);
      r.open += amount;
      r.weighted += (amount * (probability.get(`${pipelineId}#${stageId}`) ?? 0)) / 100;
    }
  }
  for (const amounts of plans.values())
    for (const [ownerId, amount] of Object.entries(amounts)) row(ownerId).plan += amount;
  const owners = [...rows.values()]
    .filter((r) => !q.owner || r.ownerId === q.owner)
    .map((r) => ({
      ...r,
      weighted: Math.round(r.weighted),
      bestCase: r.won + r.open,
      ...(r.plan > 0 ? { attainment: Math.round((r.won / r.plan) * 1000) / 10 } : {}),
    }))
    .sort((a, b) => b.won - a.won || b.weighted - a.weighted);
  const sum = (k: 'won' | 'wonCount' | 'weighted' | 'open' | 'bestCase' | 'plan') =>
    owners.reduce((a, r) => a + r[k], 0);
  const plan = sum('plan');
  return {
    period: { from: q.from, to: q.to },
    currency: rates.base,
    owners,
    totals: {
      won: sum('won'),
      wonCount: sum('wonCount'),
      weighted: sum('weighted'),
      open: sum('open'),
      bestCase: sum('bestCase'),
      plan,
      ...(plan > 0 ? { attainment: Math.round((sum('won') / plan) * 1000) / 10 } : {}),
    },
  };
};

const probabilities = (pipelines: readonly PipelineItem[]) =>
  new Map(pipelines.flatMap((p) => p.stages.map((s) => [`${p.id}#${s.id}`, s.probability] as const)));

/** The sales dashboard of a period: funnel, revenue by month, leaderboard, activities, time in stage. */
export const readDashboard = async (principal: Principal, query: unknown) => {
  requireRecordReader(principal);
  const q = parseInput(periodSchema, query);
  const months = monthsBetween(q.from, q.to);
  const [items, rates, pipelines] = await Promise.all([
    readMonths(months),
    readRates(),
    listPipelines(principal),
  ]);
  const pipeline = pipelines.find((p) => p.id === q.pipeline) ?? pipelines[0];
  if (q.pipeline && pipeline?.id !== q.pipeline)
    throw new ValidationFailed([{ field: 'pipeline', message: 'is not a pipeline of this organisation' }]);
  const stages = pipeline?.stages ?? [];
  const entered = new Map<string, number>();
  const hours = new Map<string, number>();
  const exits = new Map<string, number>();
  const leaders = new Map<
    string,
    { ownerId: string; wonAmount: number; dealsWon: number; dealsLost: number; activities: number }
  >();
  const leader = (ownerId: string) => {
    let l = leaders.get(ownerId);
    if (!l) {
      l = { ownerId, wonAmount: 0, dealsWon: 0, dealsLost: 0, activities: 0 };
      leaders.set(ownerId, l);
    }
    return l;
  };
  const revenue = items.map(({ month: m, item }) => {
    let won = 0;
    let count = 0;
    for (const { parts, value } of entries(item, 'won')) {
      const amount = money(value, parts[1] as string, rates);
      won += amount;
      leader(parts[0] as string).wonAmount += amount;
    }
    for (const { parts, value } of entries(item, 'wonN')) {
      count += value;
      leader(parts[0] as string).dealsWon += value;
    }
    for (const { parts, value } of entries(item, 'lostN')) leader(parts[0] as string).dealsLost += value;
    for (const { parts, value } of entries(item, 'activities'))
      leader(parts[0] as string).activities += value;
    const add = (into: Map<string, number>, prefix: string) => {
      for (const { parts, value } of entries(item, prefix))
        if (parts[0] === pipeline?.id)
          into.set(parts[1] as string, (into.get(parts[1] as string) ?? 0) + value);
    };
    add(entered, 'entered');
    add(hours, 'stageHours');
    add(exits, 'stageExits');
    return { month: m, won, count };
  });
  const funnel = stages.map((s, i) => {
    const n = entered.get(s.id) ?? 0;
    const next = i + 1 < stages.length ? (entered.get(stages[i + 1]?.id as string) ?? 0) : undefined;
    return {
      stageId: s.id,
      name: s.name,
      entered: n,
      ...(next !== undefined && n > 0 ? { conversion: Math.round((next / n) * 1000) / 10 } : {}),
    };
  });
  const wonCount = revenue.reduce((a, r) => a + r.count, 0);
  const lastStage = funnel.at(-1);
  if (lastStage && lastStage.entered > 0)
    Object.assign(lastStage, { conversion: Math.round((wonCount / lastStage.entered) * 1000) / 10 });
  return {
    period: { from: q.from, to: q.to },
    currency: rates.base,
    pipeline: pipeline ? { id: pipeline.id, name: pipeline.name } : undefined,
    funnel,
    won: { count: wonCount, amount: revenue.reduce((a, r) => a + r.won, 0) },
    revenue: revenue.map(({ month: m, won }) => ({ month: m, won })),
    leaderboard: [...leaders.values()].sort(
      (a, b) => b.wonAmount - a.wonAmount || b.dealsWon - a.dealsWon || b.activities - a.activities,
    ),
    timeInStage: stages.map((s) => {
      const n = exits.get(s.id) ?? 0;
      return {
        stageId: s.id,
        name: s.name,
        exits: n,
        ...(n > 0 ? { averageDays: Math.round(((hours.get(s.id) ?? 0) / n / 24) * 10) / 10 } : {}),
      };
    }),
  };
};

export const updatePlanSchema = z
  .object({
    expectedVersion: z.number().int().min(0),
    /** Per manager: the amount to win in the month, minor units of the tenant's currency. */
    amounts: z.record(
      z.string().min(1).max(100),
      z.number().int('must be whole minor units').min(0).max(1e15),
    ),
  })
  .strict();

/** A month's plan per manager (sales managers and admins set it). */
export const updatePlan = async (principal: Principal, m: string, body: unknown) => {
  requireRecordReader(principal);
  if (!principal.roles.some((r) => r === 'admin' || r === 'sales-manager'))
    throw new Forbidden('Only a sales manager or an administrator may set plans.');
  const monthValue = parseInput(z.object({ month }), { month: m }).month;
  const input = parseInput(updatePlanSchema, body);
  if (input.expectedVersion === 0) {
    const { created, item } = await createVersioned(
      { entity: 'sales-plan', id: monthValue },
      planKey(monthValue),
      { month: monthValue, amounts: input.amounts },
      principal.userId,
    );
    // Someone saved this month's plan first: as any stale write, a 409 with nothing written.
    if (!created) throw new StaleVersion('sales-plan', monthValue, undefined);
    return item;
  }
  return updateVersioned<PlanItem>(
    { entity: 'sales-plan', id: monthValue },
    planKey(monthValue),
    input.expectedVersion,
    { amounts: input.amounts },
    principal.userId,
  );
};

export const readPlan = async (principal: Principal, m: string) => {
  requireRecordReader(principal);
  const monthValue = parseInput(z.object({ month }), { month: m }).month;
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: planKey(monthValue), ConsistentRead: true }),
  );
  const plan = Item as PlanItem | undefined;
  return { month: monthValue, amounts: plan?.amounts ?? {}, version: plan?.version ?? 0 };
};
