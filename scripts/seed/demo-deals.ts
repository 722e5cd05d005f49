// Demo deals on the tenant's first pipeline, written through the domain's own functions (createDeal,
// moveDeal, closeDeal: validation, index keys, stage history, audit, events) as each company's owner.
// Their history is real history, as in demo-base.ts: a deal is created and moved at moments of the
// past weeks by moving the domain's clock, so days in stage, stage history and the "stalled" flag
// read as in a lived-in CRM. A tenant that already has a deal gets none: running the seed again
// adds nothing. Imported only after the environment points the domain at the tenant's table.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { lostReasons } from '../../functions/domain/deals/deal.entity.ts';
import { closeDeal, createDeal, moveDeal } from '../../functions/domain/deals/deals.ts';
import { listPipelines } from '../../functions/domain/pipelines/pipelines.ts';
import { leadSources } from '../../functions/domain/records/value-lists.ts';
import { db, tableName } from '../../functions/lib/dynamo.ts';
import { at, type Staff } from './demo-base.ts';
import { createRandom } from './fake-data.ts';

const day = 24 * 3600 * 1000;

const titles = [
  'Поставка серверного оборудования',
  'Внедрение CRM на 25 рабочих мест',
  'Годовое сервисное обслуживание',
  'Лицензии 1С: расширение на филиал',
  'Аудит информационной безопасности',
  'Поставка расходных материалов на квартал',
  'Разработка корпоративного сайта',
  'Обучение отдела продаж',
  'Продление подписки на 2027 год',
  'Монтаж системы видеонаблюдения',
  'Аренда складских помещений',
  'Консалтинг по логистике',
  'Поставка ноутбуков для новых сотрудников',
  'Облачное хранилище и резервное копирование',
  'Пилотный проект по автоматизации склада',
  'Техническая поддержка 24/7',
  'Модернизация локальной сети',
  'Оснащение переговорных комнат',
  'Renewal: support contract (EN)',
  'Интеграция с маркетплейсами',
] as const;

/** Whether the tenant has any deal (gsi4 holds every deal by creation time). */
const hasDeals = async (): Promise<boolean> => {
  const { Count } = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :pk',
      ExpressionAttributeValues: { ':pk': 'DEAL' },
      Select: 'COUNT',
      Limit: 1,
    }),
  );
  return (Count ?? 0) > 0;
};

/** The newest companies with their owners. */
const someCompanies = async (limit: number): Promise<{ id: string; ownerId: string }[]> => {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :pk',
      ExpressionAttributeValues: { ':pk': 'COMPANY' },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items.map((i) => ({ id: String(i.id), ownerId: String(i.ownerId) }));
};

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const seedDemoDeals = async (options: { staff: readonly Staff[]; seed: number; count?: number }) => {
  const sellers = options.staff.filter((s) =>
    s.roles.some((r) => r === 'sales' || r === 'sales-manager' || r === 'admin'),
  );
  const first = sellers[0];
  if (!first || (await hasDeals())) return { deals: 0, won: 0, lost: 0 };
  const [pipeline] = await listPipelines(first);
  const companies = await someCompanies(60);
  if (!pipeline || companies.length === 0) return { deals: 0, won: 0, lost: 0 };
  const stages = pipeline.stages;
  const r = createRandom(options.seed * 7919);
  const count = Math.min(options.count ?? 20, companies.length);
  const result = { deals: 0, won: 0, lost: 0 };

  for (let i = 0; i < count; i++) {
    const company = companies[(i * 7) % companies.length] as { id: string; ownerId: string };
    const owner = sellers.find((s) => s.userId === company.ownerId) ?? (r.pick(sellers) as Staff);
    // A few are closed: won from the last stage, or lost anywhere with a reason. Most open deals sit
    // in the early stages. Counting back from when a deal entered its stage (within the stage's
    // limit, or past it for every fifth deal: stalled), it entered each earlier stage some days before.
    const closing = i % 7 === 3 ? 'won' : i % 7 === 5 ? 'lost' : undefined;
    const stage = r.pick([0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 4]);
    const target = Math.min(closing === 'won' ? stages.length - 1 : stage, stages.length - 1);
    const limit = stages[target]?.maxDaysInStage ?? 14;
    const last = i % 5 === 1 ? limit + r.int(2, 12) : r.int(0, Math.max(0, limit - 3));
    const entered = [last];
    for (let j = 0; j < target; j++) entered.unshift((entered[0] as number) + r.int(2, 9));
    const [created = last, ...moves] = entered;
    const amount = r.int(3, 450) * 10_000_00 + (r.chance(0.3) ? r.int(1, 99_99) : 0);
    const body = {
      title: titles[i % titles.length] as string,
      companyId: company.id,
      value: { amount, currency: 'RUB' },
      pipelineId: pipeline.id,
      stageId: stages[0]?.id,
      source: r.pick(leadSources),
      ...(r.chance(0.8) ? { expectedCloseDate: isoDay(Date.now() + r.int(-5, 120) * day) } : {}),
      ...(r.chance(0.4) ? { description: 'Клиент просит КП с рассрочкой платежа на 3 месяца.' } : {}),
    };
    let deal = await at(created * day, () => createDeal(owner, body));
    for (const [j, daysAgo] of moves.entries()) {
      const stageId = stages[j + 1]?.id as string;
      const version = deal.version;
      deal = await at(daysAgo * day, () => moveDeal(owner, deal.id, { expectedVersion: version, stageId }));
    }
    result.deals++;
    if (closing) {
      const version = deal.version;
      const when = (last / 2) * day;
      await at(when, () =>
        closeDeal(
          owner,
          deal.id,
          closing === 'won'
            ? { expectedVersion: version, status: 'won' }
            : { expectedVersion: version, status: 'lost', lostReason: r.pick(lostReasons) },
        ),
      );
      result[closing]++;
    }
  }
  return result;
};
