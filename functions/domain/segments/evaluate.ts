// Evaluating a segment (docs/campaigns.md, "Segments"): the contacts collection (gsi1 `CONTACT`,
// by name) is read one Query page at a time — never a Scan —, each page's companies are
// batch-got once per evaluation (a bounded cache), the deal criteria are resolved first into sets
// of contact and company ids (the open deals of every board column, the won deals of every
// pipeline), and segment-filter.ts judges each contact in memory.
//
// walkSegment is an async generator of pages for the campaign fan-out: each page carries the
// eligible contacts of one Query page, what was excluded and why, and a cursor that resumes the
// walk right after that page (none after the last). A walk resumed from a page's cursor sees no
// contact twice and skips none that stayed in place. The cursor is bound to the filter: a cursor
// of another filter is refused. evaluateSegment runs a whole walk for the live count and preview.
import { createHash } from 'node:crypto';
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { now as clockNow } from '../../lib/clock.ts';
import { decodeBoundCursor, encodeBoundCursor, type Key } from '../../lib/cursor.ts';
import { db, tableName } from '../../lib/dynamo.ts';
import { parseInput } from '../../lib/validation.ts';
import { stableJson } from '../audit/audit.entity.ts';
import { type CompanyItem, companyKey } from '../companies/company.entity.ts';
import { type ContactItem, contactLists, fullName } from '../contacts/contact.entity.ts';
import { closedColumn, type DealItem, stageColumn } from '../deals/deal.entity.ts';
import { type PipelineItem, pipelineList } from '../pipelines/pipeline.entity.ts';
import {
  type DealLinks,
  type DealSets,
  dealSetsNeeded,
  type ExclusionCounts,
  exclusionOf,
  marketingAddressOf,
  matchesSegment,
  needsCompany,
  noExclusions,
  type SegmentFilter,
  type SegmentFilterInput,
  segmentFilterSchema,
} from './segment-filter.ts';

type Item = Record<string, unknown>;

/** A contact who may get the segment's e-mail, with what a sender renders it with. */
export type EligibleContact = {
  readonly contact: ContactItem;
  /** The contact's current company, when the contact has one that exists. */
  readonly company?: CompanyItem;
  /** The address to send to (the contact's primary e-mail). */
  readonly email: string;
};

export type SegmentPage = {
  readonly eligible: readonly EligibleContact[];
  /** Contacts of this page that matched the filter but may not be e-mailed, by reason. */
  readonly excluded: ExclusionCounts;
  /** Contacts of this page read (matched or not). */
  readonly read: number;
  /** Resumes the walk after this page; absent after the last page. */
  readonly cursor?: string;
};

export type WalkOptions = {
  /** Where a previous walk of the same filter stopped (a page's `cursor`). */
  readonly cursor?: string;
  /** Contacts read per Query page (default 200). */
  readonly pageSize?: number;
  /** "Now" for activity recency (default the CRM clock). */
  readonly now?: Date;
};

const contactsIndex = contactLists.name;
const cursorAttributes = ['pk', 'sk', 'gsi1pk', 'gsi1sk'] as const;

/** What the predicate, the exclusions, the preview and the sender read of a contact. */
const contactAttributes = [
  ...cursorAttributes,
  'entity',
  'id',
  'version',
  'firstName',
  'lastName',
  'middleName',
  'jobTitle',
  'emails',
  'companyId',
  'companyName',
  'ownerId',
  'tags',
  'leadSource',
  'marketingConsent',
  'marketingUnsubscribedAt',
  'emailSuppressed',
  'customFields',
  'lastActivityAt',
  'deletedAt',
  'mergedInto',
];

/** The scope a walk's cursors are bound to: the contacts collection and the filter. */
const scopeOf = (filter: SegmentFilter): string =>
  `segment-walk:${createHash('sha256').update(stableJson(filter)).digest('base64url')}`;

const decodeWalkCursor = (cursor: string, filter: SegmentFilter): Key =>
  decodeBoundCursor(cursor, {
    scope: scopeOf(filter),
    keyAttributes: cursorAttributes,
    check: (k) =>
      k.gsi1pk === contactsIndex.pk &&
      typeof k.pk === 'string' &&
      k.pk.startsWith(contactLists.partitionPrefix),
  });

const queryAll = async (input: {
  indexName: string;
  pk: string;
  projection?: readonly string[];
}): Promise<Item[]> => {
  const items: Item[] = [];
  let start: Item | undefined;
  const names = Object.fromEntries((input.projection ?? []).map((a, i) => [`#p${i}`, a]));
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: input.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${input.indexName}pk`, ...names },
        ExpressionAttributeValues: { ':pk': input.pk },
        ...(input.projection ? { ProjectionExpression: Object.keys(names).join(', ') } : {}),
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

type DealLink = Pick<DealItem, 'companyId' | 'contacts' | 'lines'>;

const linksOf = (deals: readonly DealLink[]): DealLinks => ({
  companyIds: new Set(deals.map((d) => d.companyId)),
  contactIds: new Set(deals.flatMap((d) => d.contacts.map((c) => c.contactId))),
});

/**
 * The deal sets a filter needs, from the deal indexes (no scan): open deals are the board
 * columns of every stage of every pipeline, won deals the `:won` column of every pipeline.
 */
export const readDealSets = async (filter: SegmentFilter): Promise<DealSets> => {
  const needed = dealSetsNeeded(filter);
  if (!needed.open && !needed.won && !needed.boughtProducts) return {};
  const pipelines = (await queryAll({ ...pipelineList })) as PipelineItem[];
  const projection = ['companyId', 'contacts', 'lines'];
  const sets: { open?: DealLinks; won?: DealLinks; boughtProducts?: DealLinks } = {};
  if (needed.open) {
    const open = await Promise.all(
      pipelines.flatMap((p) =>
        p.stages.map((s) => queryAll({ indexName: 'gsi1', pk: stageColumn(p.id, s.id), projection })),
      ),
    );
    sets.open = linksOf(open.flat() as DealLink[]);
  }
  if (needed.won || needed.boughtProducts) {
    const won = (
      await Promise.all(
        pipelines.map((p) => queryAll({ indexName: 'gsi1', pk: closedColumn(p.id, 'won'), projection })),
      )
    ).flat() as DealLink[];
    if (needed.won) sets.won = linksOf(won);
    if (needed.boughtProducts) {
      const products = new Set(filter.boughtProducts);
      sets.boughtProducts = linksOf(
        won.filter((d) => (d.lines ?? []).some((l) => products.has(l.productId))),
      );
    }
  }
  return sets;
};

/** Companies by id, read in batches and kept for the rest of one evaluation (bounded). */
export class CompanyCache {
  readonly #found = new Map<string, CompanyItem | null>();
  readonly #capacity: number;
  /** BatchGetItem calls made (tests check that a company is read once). */
  reads = 0;

  constructor(capacity = 20_000) {
    this.#capacity = capacity;
  }

  /** The companies of `ids` (missing or deleted ones absent), reading only those not cached. */
  async get(ids: Iterable<string>): Promise<Map<string, CompanyItem>> {
    const wanted = [...new Set(ids)];
    const missing = wanted.filter((id) => !this.#found.has(id));
    for (let i = 0; i < missing.length; i += 100) await this.#read(missing.slice(i, i + 100));
    const result = new Map<string, CompanyItem>();
    for (const id of wanted) {
      const company = this.#found.get(id);
      if (company) result.set(id, company);
    }
    return result;
  }

  async #read(ids: readonly string[]): Promise<void> {
    let keys: Item[] = ids.map((id) => companyKey(id));
    for (let attempt = 0; keys.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** Math.min(attempt, 6)));
      if (attempt > 10) throw new Error('companies left unprocessed by BatchGetItem');
      this.reads++;
      const result = await db.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }));
      for (const item of (result.Responses?.[tableName] ?? []) as CompanyItem[])
        this.#remember(item.id, item.deletedAt || item.mergedInto ? null : item);
      keys = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Item[];
    }
    for (const id of ids) if (!this.#found.has(id)) this.#remember(id, null);
  }

  #remember(id: string, company: CompanyItem | null): void {
    if (this.#found.size >= this.#capacity) {
      const oldest = this.#found.keys().next().value;
      if (oldest !== undefined) this.#found.delete(oldest);
    }
    this.#found.set(id, company);
  }
}

/**
 * Walks the contacts a filter matches, one page of the contacts collection at a time, yielding
 * every page (also one without eligible contacts, so that a saved cursor always moves on).
 */
export async function* walkSegment(
  input: SegmentFilter | SegmentFilterInput,
  options: WalkOptions & { readonly companies?: CompanyCache } = {},
): AsyncGenerator<SegmentPage> {
  // Parsed again: a stored filter gets the defaults of the current schema.
  const filter = parseInput(segmentFilterSchema, input);
  const at = options.now ?? clockNow();
  const pageSize = options.pageSize ?? 200;
  const scope = scopeOf(filter);
  let start: Key | undefined = options.cursor ? decodeWalkCursor(options.cursor, filter) : undefined;
  const deals = await readDealSets(filter);
  const companies = options.companies ?? new CompanyCache();
  const withCompany = needsCompany(filter);
  const names = Object.fromEntries(contactAttributes.map((a, i) => [`#a${i}`, a]));
  const partitionName = `#a${contactAttributes.indexOf(`${contactsIndex.indexName}pk`)}`;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: contactsIndex.indexName,
        KeyConditionExpression: `${partitionName} = :pk`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':pk': contactsIndex.pk },
        ProjectionExpression: Object.keys(names).join(', '),
        Limit: pageSize,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    const contacts = ((page.Items ?? []) as ContactItem[]).filter(
      (c) => c.entity === 'contact' && !c.deletedAt && !c.mergedInto,
    );
    // Every company is wanted for rendering (company.name), but only read when the filter looks
    // at it; the sender has the contact's denormalized companyName otherwise.
    const found = withCompany
      ? await companies.get(contacts.flatMap((c) => (c.companyId ? [c.companyId] : [])))
      : new Map<string, CompanyItem>();
    const eligible: EligibleContact[] = [];
    const excluded = noExclusions();
    for (const contact of contacts) {
      const company = contact.companyId ? found.get(contact.companyId) : undefined;
      if (!matchesSegment(filter, contact, company, deals, at)) continue;
      const reason = exclusionOf(contact);
      if (reason) {
        excluded[reason]++;
        continue;
      }
      eligible.push({
        contact,
        ...(company ? { company } : {}),
        email: marketingAddressOf(contact) as string,
      });
    }
    start = page.LastEvaluatedKey as Key | undefined;
    yield {
      eligible,
      excluded,
      read: page.Items?.length ?? 0,
      ...(start ? { cursor: encodeBoundCursor(start, scope) } : {}),
    };
  } while (start);
}

/** A contact as the preview lists it. */
export const toSampleContact = (e: EligibleContact) => ({
  id: e.contact.id,
  name: fullName(e.contact),
  email: e.email,
  ...(e.contact.companyId ? { companyId: e.contact.companyId } : {}),
  ...(e.contact.companyName ? { companyName: e.contact.companyName } : {}),
});

export type SegmentPreview = {
  readonly count: number;
  readonly excluded: ExclusionCounts;
  readonly sample: ReturnType<typeof toSampleContact>[];
};

/** The live count of a filter: eligible contacts, exclusions by reason, and the first few by name. */
export const evaluateSegment = async (
  filter: SegmentFilter | SegmentFilterInput,
  options: { readonly sampleSize?: number; readonly now?: Date } = {},
): Promise<SegmentPreview> => {
  const sampleSize = options.sampleSize ?? 20;
  let count = 0;
  const excluded = noExclusions();
  const sample: ReturnType<typeof toSampleContact>[] = [];
  for await (const page of walkSegment(filter, {
    pageSize: 500,
    ...(options.now ? { now: options.now } : {}),
  })) {
    count += page.eligible.length;
    for (const [reason, n] of Object.entries(page.excluded)) excluded[reason as keyof ExclusionCounts] += n;
    for (const e of page.eligible) if (sample.length < sampleSize) sample.push(toSampleContact(e));
  }
  return { count, excluded, sample };
};
