// What an import needs to know about the base: which live records a row duplicates (same
// INN, e-mail or phone), which company a contact row names (by INN or name), and who the
// staff are. Two ways to ask, one answer:
// - `queryBaseIndex`: per row, the API's own duplicate check (records/find-duplicates.ts, one
//   Query per key on gsi9/gsi10/gsi11). The queue worker uses it: a chunk of 500 rows costs
//   about 1500 small Queries, nothing in proportion to the base.
// - `snapshotBaseIndex`: the same indexes read once, whole, into memory (keys only). The CLI
//   uses it for a whole file: DynamoDB Local answers a Query in time proportional to the
//   partition it searches (gsi9pk = INN holds every company), which makes per-row Queries
//   hundreds of times slower than the writes on a large base, while one paged read of each
//   index is cheap. Records written after the snapshot are the import's own (the planner
//   knows them), so the answers are the same.
import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../lib/dynamo.ts';
import {
  companyIndexKeys,
  companyLookups,
  createMockCompany,
  type RecordLookup,
} from '../companies/company.entity.ts';
import { contactLookups } from '../contacts/contact.entity.ts';
import { normalizeEmail } from '../normalize/email.ts';
import { normalizeText, sortableName } from '../normalize/text.ts';
import { findDuplicates } from '../records/find-duplicates.ts';
import { table } from '../table.ts';
import { type UserItem, userListKeys } from '../users/user.entity.ts';
import type { ImportRecordType } from './import-job.entity.ts';
import type { StaffDirectory } from './row-input.ts';

export type DuplicateReason = 'inn' | 'email' | 'phone';

/** What a row is found by: its INN, e-mails and phones (E.164), normalized. */
export type DuplicateProbe = {
  readonly inn?: string;
  readonly emails: readonly string[];
  readonly phones: readonly string[];
};

export type DuplicateHit = { readonly id: string; readonly reason: DuplicateReason };

export type CompanyMatch = { readonly id: string; readonly name: string };

export type BaseIndex = {
  /** For each probe (by position), the records it duplicates: INN first, then e-mail, then phone. */
  readonly duplicates: (
    type: ImportRecordType,
    probes: readonly DuplicateProbe[],
  ) => Promise<DuplicateHit[][]>;
  /** Companies with this INN. */
  readonly companiesByInn: (inns: readonly string[]) => Promise<Map<string, CompanyMatch[]>>;
  /** Companies whose name is this one (compared normalized, legal form aside). */
  readonly companiesByName: (names: readonly string[]) => Promise<Map<string, CompanyMatch[]>>;
};

export const probeOf = (input: Readonly<Record<string, unknown>>): DuplicateProbe => {
  const values = (list: unknown) =>
    (Array.isArray(list) ? list : []).map((v) => String((v as { value: string }).value));
  return {
    ...(typeof input.inn === 'string' && input.inn ? { inn: input.inn } : {}),
    emails: values(input.emails).map(normalizeEmail),
    phones: values(input.phones),
  };
};

/** The string a key is compared by: the index's own value (phones as their index digits). */
export const probeKeys = (
  type: ImportRecordType,
  probe: DuplicateProbe,
): { key: string; reason: DuplicateReason }[] => {
  const lookups = type === 'company' ? companyLookups : contactLookups;
  const keyOf = (l: RecordLookup) => `${l.indexName}:${l.skPrefix}`;
  return [
    ...(probe.inn && type === 'company'
      ? [{ key: keyOf(companyLookups.inn(probe.inn)), reason: 'inn' as const }]
      : []),
    ...probe.emails.map((e) => ({ key: keyOf(lookups.email(e)), reason: 'email' as const })),
    ...probe.phones.map((p) => ({ key: keyOf(lookups.phone(p)), reason: 'phone' as const })),
  ];
};

const reasonOrder: Readonly<Record<DuplicateReason, number>> = { inn: 0, email: 1, phone: 2 };

/** Runs `task` over `items`, `concurrency` at a time, results in order. */
export const mapConcurrent = async <T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> => {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
};

const indexOf = (indexName: string) => {
  const index = table.globalSecondaryIndexes.find((i) => i.indexName === indexName);
  if (!index) throw new Error(`no index ${indexName}`);
  return index;
};

/** Every item of an index partition whose sort key begins with `prefix`, page by page. */
const queryAll = async (
  lookup: RecordLookup,
  projection: readonly string[],
  each: (item: Record<string, unknown>) => void,
): Promise<void> => {
  const index = indexOf(lookup.indexName);
  const names: Record<string, string> = { '#pk': index.partitionKey, '#sk': index.sortKey };
  projection.forEach((p, i) => {
    names[`#p${i}`] = p;
  });
  const pages = paginateQuery(
    { client: db },
    {
      TableName: tableName,
      IndexName: index.indexName,
      KeyConditionExpression: lookup.skPrefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: {
        ':pk': lookup.pk,
        ...(lookup.skPrefix ? { ':prefix': lookup.skPrefix } : {}),
      },
      ProjectionExpression: ['#sk', ...projection.map((_, i) => `#p${i}`)].join(', '),
    },
  );
  for await (const page of pages)
    for (const item of page.Items ?? []) each({ ...item, __sk: item[index.sortKey] });
};

/** The name lookup of companies (gsi1: `<sortable name>#<id>`), from the entity's own key builder. */
const companyNameLookup = (name: string): RecordLookup => {
  const keys = companyIndexKeys({ ...createMockCompany({ id: '', name, phones: [], emails: [] }) });
  return { indexName: 'gsi1', pk: keys.gsi1pk as string, skPrefix: keys.gsi1sk as string };
};

const comparableName = (name: string) => sortableName(name);

/** Per-row Queries through the API's duplicate check; company lookups by Query too. */
export const queryBaseIndex = (concurrency = 16): BaseIndex => ({
  duplicates: async (type, probes) =>
    mapConcurrent(probes, concurrency, async (probe) => {
      if (!probe.inn && probe.emails.length === 0 && probe.phones.length === 0) return [];
      const found = await findDuplicates(type, {
        ...probe,
        ...(type === 'contact' ? { inn: undefined } : {}),
      });
      return found
        .filter((d): d is typeof d & { reason: DuplicateReason } => d.reason !== 'name')
        .map((d) => ({ id: d.id, reason: d.reason }));
    }),
  companiesByInn: async (inns) => {
    const out = new Map<string, CompanyMatch[]>();
    await mapConcurrent([...new Set(inns)], concurrency, async (inn) => {
      const lookup = companyLookups.inn(inn);
      const hits: CompanyMatch[] = [];
      await queryAll(lookup, ['id', 'name'], (item) =>
        hits.push({ id: String(item.id), name: String(item.name) }),
      );
      out.set(inn, hits);
    });
    return out;
  },
  companiesByName: async (names) => {
    const out = new Map<string, CompanyMatch[]>();
    await mapConcurrent([...new Set(names)], concurrency, async (name) => {
      const hits: CompanyMatch[] = [];
      await queryAll(companyNameLookup(name), ['id', 'name', 'deletedAt'], (item) => {
        if (!item.deletedAt) hits.push({ id: String(item.id), name: String(item.name) });
      });
      out.set(name, hits);
    });
    return out;
  },
});

/**
 * The same answers from one read of each index partition: duplicates from gsi9/10/11 (keys
 * only); companies by INN and name when a contact file links to companies.
 */
export const snapshotBaseIndex = async (
  type: ImportRecordType,
  options: { companies: boolean; onProgress?: (itemsRead: number) => void },
): Promise<BaseIndex> => {
  const lookups = type === 'company' ? companyLookups : contactLookups;
  // The sort keys read `<value>#<TYPE>#<id>`; the marker `#<TYPE>#` comes from the entity's lookups.
  const marker = lookups.email('').skPrefix;
  const byKey = new Map<string, string[]>();
  let read = 0;
  const load = async (lookup: RecordLookup, reasonMarker: string) => {
    await queryAll({ ...lookup, skPrefix: '' }, [], (item) => {
      read++;
      if (read % 10_000 === 0) options.onProgress?.(read);
      const sk = String(item.__sk);
      const at = sk.lastIndexOf(reasonMarker);
      if (at < 0) return;
      const key = `${lookup.indexName}:${sk.slice(0, at + reasonMarker.length)}`;
      const id = sk.slice(at + reasonMarker.length);
      const ids = byKey.get(key);
      if (ids) {
        if (!ids.includes(id)) ids.push(id);
      } else byKey.set(key, [id]);
    });
  };
  await Promise.all([
    ...(type === 'company' ? [load(companyLookups.inn(''), marker)] : []),
    load(lookups.email(''), marker),
    load(lookups.phone('+70000000000'), marker),
  ]);
  const companiesByInn = new Map<string, CompanyMatch[]>();
  const companiesByName = new Map<string, CompanyMatch[]>();
  if (options.companies) {
    const companyMarker = companyLookups.inn('').skPrefix;
    await Promise.all([
      queryAll({ ...companyLookups.inn(''), skPrefix: '' }, ['id', 'name'], (item) => {
        const sk = String(item.__sk);
        const at = sk.lastIndexOf(companyMarker);
        if (at < 0) return;
        const inn = sk.slice(0, at);
        companiesByInn.set(inn, [
          ...(companiesByInn.get(inn) ?? []),
          { id: String(item.id), name: String(item.name) },
        ]);
      }),
      queryAll({ ...companyNameLookup(''), skPrefix: '' }, ['id', 'name', 'deletedAt'], (item) => {
        if (item.deletedAt || typeof item.name !== 'string') return;
        const name = comparableName(item.name);
        companiesByName.set(name, [
          ...(companiesByName.get(name) ?? []),
          { id: String(item.id), name: item.name },
        ]);
      }),
    ]);
  }
  options.onProgress?.(read);
  return {
    duplicates: async (t, probes) =>
      probes.map((probe) => {
        const hits: DuplicateHit[] = [];
        for (const { key, reason } of probeKeys(t, probe))
          for (const id of byKey.get(key) ?? [])
            if (!hits.some((h) => h.id === id)) hits.push({ id, reason });
        return hits.sort((a, b) => reasonOrder[a.reason] - reasonOrder[b.reason]);
      }),
    companiesByInn: async (inns) => new Map(inns.map((inn) => [inn, companiesByInn.get(inn) ?? []])),
    companiesByName: async (names) =>
      new Map(names.map((n) => [n, companiesByName.get(comparableName(n)) ?? []])),
  };
};

/** Staff by e-mail and by name (their CRM profiles: everyone who has signed in once). */
export const loadStaff = async (): Promise<
  StaffDirectory & {
    readonly ids: ReadonlySet<string>;
    readonly nameOf: (userId: string) => string | undefined;
  }
> => {
  const byEmail = new Map<string, string>();
  const byName = new Map<string, string | null>();
  const names = new Map<string, string>();
  const ids = new Set<string>();
  const usersPartition = userListKeys('', '').gsi1pk;
  await queryAll(
    { indexName: 'gsi1', pk: usersPartition, skPrefix: '' },
    ['userId', 'email', 'name'],
    (item) => {
      const user = item as Partial<UserItem>;
      if (!user.userId) return;
      ids.add(user.userId);
      if (user.name) names.set(user.userId, user.name);
      if (user.email) byEmail.set(normalizeEmail(user.email), user.userId);
      if (user.name) {
        const name = normalizeText(user.name);
        byName.set(name, byName.has(name) && byName.get(name) !== user.userId ? null : user.userId);
        // "Смирнова Анна" finds "Анна Смирнова" too.
        const reversed = name.split(' ').reverse().join(' ');
        if (!byName.has(reversed)) byName.set(reversed, user.userId);
      }
    },
  );
  return {
    ids,
    nameOf: (userId) => names.get(userId),
    find: (text) => {
      const t = text.trim();
      if (t.includes('@')) return byEmail.get(normalizeEmail(t));
      return byName.get(normalizeText(t)) ?? (ids.has(t) ? t : undefined);
    },
  };
};
