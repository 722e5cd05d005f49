// The duplicate check's reads: one Query per lookup on the search indexes (INN, phone,
// e-mail; the first name word for similar names), in parallel, never a scan. Hits of search
// token items count for their record. The rules are in duplicates.ts.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../lib/dynamo.ts';
import type { SuspectedDuplicate } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { companyLookups, type RecordLookup } from '../companies/company.entity.ts';
import { contactLookups } from '../contacts/contact.entity.ts';
import { table } from '../table.ts';
import { requireRecordReader } from './access.ts';
import {
  comparableCompanyName,
  comparablePersonName,
  type DuplicateProbe,
  isSimilarName,
  probeFromDraft,
  rankDuplicates,
} from './duplicates.ts';
import type { RecordType } from './record-kinds.ts';

/** Candidates for a similar name read per check: a common first word must not cost a long scan. */
const nameCandidateBudget = 400;

type Hit = { id: string; name: string; companyId?: string };

const query = async (lookup: RecordLookup, budget: number): Promise<Hit[]> => {
  const index = table.globalSecondaryIndexes.find((i) => i.indexName === lookup.indexName);
  if (!index) throw new Error(`no index ${lookup.indexName}`);
  const hits: Hit[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        ExpressionAttributeValues: { ':pk': lookup.pk, ':prefix': lookup.skPrefix },
        Limit: Math.min(100, budget - hits.length),
        ExclusiveStartKey,
      }),
    );
    hits.push(...((page.Items ?? []) as Hit[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey && hits.length < budget);
  return hits;
};

const exact = async (
  lookup: RecordLookup,
  reason: SuspectedDuplicate['reason'],
  value: string,
): Promise<SuspectedDuplicate[]> =>
  (await query(lookup, 20)).map((hit) => ({ id: hit.id, name: hit.name, reason, value }));

/** Records of `type` that the probe may duplicate, strongest reason first. */
export const findDuplicates = async (
  type: RecordType,
  probe: DuplicateProbe,
  excludeId?: string,
): Promise<SuspectedDuplicate[]> => {
  const lookups = type === 'company' ? companyLookups : contactLookups;
  const comparable = type === 'company' ? comparableCompanyName : comparablePersonName;
  const searches: Promise<SuspectedDuplicate[]>[] = [
    ...(probe.inn && type === 'company' ? [exact(companyLookups.inn(probe.inn), 'inn', probe.inn)] : []),
    ...probe.emails.map((email) => exact(lookups.email(email), 'email', email)),
    ...probe.phones.map((phone) => exact(lookups.phone(phone), 'phone', phone)),
  ];
  if (probe.name && probe.firstWord) {
    const wanted = comparable(probe.name);
    searches.push(
      query(lookups.word(probe.firstWord), nameCandidateBudget).then((hits) =>
        hits
          .filter((hit) => type === 'company' || (hit.companyId ?? '') === (probe.companyId ?? ''))
          .filter((hit) => isSimilarName(wanted, comparable(hit.name)))
          .map((hit) => ({ id: hit.id, name: hit.name, reason: 'name' as const, value: hit.name })),
      ),
    );
  }
  return rankDuplicates((await Promise.all(searches)).flat(), excludeId);
};

/** POST /api/{companies|contacts}/duplicates: what the form typed so far may duplicate. */
export const checkDraftForDuplicates = async (
  type: RecordType,
  principal: Principal,
  body: unknown,
): Promise<SuspectedDuplicate[]> => {
  requireRecordReader(principal);
  const draft =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  const excludeId = typeof draft.excludeId === 'string' ? draft.excludeId : undefined;
  return findDuplicates(type, probeFromDraft(type, draft), excludeId);
};
