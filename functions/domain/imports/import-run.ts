// The import itself, one chunk of rows at a time, the same for the queue worker and the CLI:
// check every row (row-input.ts), find its duplicates in the file and in the base, decide
// what it does (create, update, skip, fail), then write: new records with BatchWriteItem (25
// requests a call: the record items, their search tokens and links, and the batch's audit
// entry), updates of existing records through the API's own versioned save (conditional on
// the version, audited), then the chunk's invalid rows, then the high-water mark.
//
// Reruns are safe: a new record's id comes from (job, row), so a chunk written twice writes
// the same items; records this job wrote for rows not yet counted (a crashed run) are not
// taken for duplicates of those rows; an update that is already applied changes nothing;
// and a record a user changed between a crash and the resume is not overwritten.
import { BatchGetCommand, BatchWriteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailed, tableName } from '../../lib/dynamo.ts';
import { StaleVersion } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { diffFields, stableJson } from '../audit/audit.entity.ts';
import { cityOf } from '../companies/company.entity.ts';
import type { CustomFieldDefinition } from '../custom-fields/custom-field.entity.ts';
import type { ItemKey } from '../mutations.ts';
import { canCreateRecord, canEditRecord } from '../records/access.ts';
import { recordAttributes } from '../records/record-changes.ts';
import { listLimits, type RecordItem, recordKinds } from '../records/record-kinds.ts';
import { saveRecord } from '../records/records.ts';
import { type BaseIndex, type DuplicateHit, mapConcurrent, probeKeys, probeOf } from './base-index.ts';
import type { CsvRecord } from './csv-source.ts';
import {
  type ImportCounts,
  type ImportedRecordEntry,
  type ImportJobItem,
  type ImportPhase,
  importAuditItem,
  importIssuesKey,
  importJobKey,
  importRecordId,
  importRowOf,
  type RowIssue,
} from './import-job.entity.ts';
import { type CheckedRow, checkRow, type RowInput, type StaffDirectory } from './row-input.ts';

/** Who runs the import: their id goes into the audit, their roles decide what rows may do. */
export type ImportActor = { readonly userId: string; readonly principal?: Principal };

export type ImportContext = {
  readonly job: ImportJobItem;
  readonly actor: ImportActor;
  readonly index: BaseIndex;
  readonly staff: StaffDirectory;
  readonly customFields: readonly CustomFieldDefinition[];
  readonly currency: string;
  readonly now: () => string;
  /** Keys already seen in the file → the record their row went to. Per chunk in the worker, per run otherwise. */
  readonly fileKeys: Map<string, string>;
  /** Writes one BatchWriteItem's requests, retrying unprocessed ones. Tests inject faults here. */
  readonly writeBatch?: (requests: WriteRequest[]) => Promise<void>;
  /** BatchWriteItem calls in flight at once. */
  readonly concurrency?: number;
};

export type WriteRequest =
  | { readonly PutRequest: { readonly Item: Record<string, unknown> } }
  | { readonly DeleteRequest: { readonly Key: ItemKey } };

export type Chunk = {
  readonly index: number;
  readonly records: readonly CsvRecord[];
  /** Offset after the chunk's last record (where the next chunk starts). */
  readonly endOffset: number;
  readonly nextRow: number;
  readonly last: boolean;
};

type Outcome =
  | { readonly row: number; readonly action: 'failed'; readonly issues: RowIssue[] }
  | { readonly row: number; readonly action: 'skipped'; readonly duplicateOf: string }
  | { readonly row: number; readonly action: 'created' | 'updated'; readonly recordId: string };

type Pending = {
  readonly id: string;
  readonly kind: 'create' | 'update';
  /** Rows that go into the record, in order. */
  readonly rows: { row: number; input: RowInput; provided: ReadonlySet<string> }[];
};

export type ChunkPlan = {
  readonly outcomes: Outcome[];
  readonly pending: Map<string, Pending>;
  readonly counts: ImportCounts;
  readonly issues: RowIssue[];
};

const ownerRefusal =
  (actor: ImportActor) =>
  (ownerId: string): string | undefined => {
    if (!actor.principal || ownerId === actor.userId || canCreateRecord(actor.principal, ownerId))
      return undefined;
    return 'only a sales manager or an administrator may import records for another owner';
  };

/** Checks the rows and links contact rows to their companies. */
export const checkRows = async (ctx: ImportContext, records: readonly CsvRecord[]): Promise<CheckedRow[]> => {
  const { job } = ctx;
  const rowCtx = {
    type: job.recordType,
    headers: job.headers ?? [],
    columns: job.columns ?? [],
    customFields: ctx.customFields,
    staff: ctx.staff,
    defaultOwnerId: job.defaultOwnerId ?? ctx.actor.userId,
    ownerRefusal: ownerRefusal(ctx.actor),
    currency: ctx.currency,
    now: ctx.now(),
  };
  const checked = records.map((r) => checkRow(r.row, r.cells, rowCtx));
  const refs = checked.flatMap((c) => (c.ok && c.companyRef ? [c.companyRef] : []));
  if (refs.length === 0) return checked;
  const [byInn, byName] = await Promise.all([
    ctx.index.companiesByInn(refs.flatMap((r) => (r.inn ? [r.inn] : []))),
    ctx.index.companiesByName(refs.flatMap((r) => (!r.inn && r.name ? [r.name] : []))),
  ]);
  return checked.map((c) => {
    if (!c.ok || !c.companyRef) return c;
    const ref = c.companyRef;
    const matches = ref.inn ? (byInn.get(ref.inn) ?? []) : ref.name ? (byName.get(ref.name) ?? []) : [];
    const value = ref.inn ?? ref.name ?? '';
    const problem =
      matches.length === 0
        ? ref.inn
          ? 'no company with this INN in the CRM'
          : 'no company with this name in the CRM (give its INN, or import the companies first)'
        : matches.length > 1 && !ref.inn
          ? 'several companies have this name: give the INN instead'
          : undefined;
    if (problem)
      return {
        row: c.row,
        ok: false,
        issues: [{ row: c.row, field: 'companyId', column: ref.column, value, message: problem }],
      };
    const company = matches[0] as { id: string; name: string };
    return { ...c, input: { ...c.input, companyId: company.id, companyName: company.name } };
  });
};

const emptyCounts = (): { created: number; updated: number; skipped: number; failed: number } => ({
  created: 0,
  updated: 0,
  skipped: 0,
  failed: 0,
});

/**
 * Decides each row's outcome. `firstUncountedRow`: rows from there on are not yet counted, so
 * base records this job created for them are leftovers of an earlier attempt, not duplicates.
 */
export const planRows = async (
  ctx: ImportContext,
  checked: readonly CheckedRow[],
  phase: ImportPhase,
  firstUncountedRow: number,
): Promise<ChunkPlan> => {
  const { job } = ctx;
  const valid = checked.filter((c): c is Extract<CheckedRow, { ok: true }> => c.ok);
  const probes = valid.map((c) => probeOf(c.input));
  const baseHits = await ctx.index.duplicates(job.recordType, probes);
  const hitsByRow = new Map<number, DuplicateHit[]>();
  valid.forEach((c, i) => {
    hitsByRow.set(
      c.row,
      (baseHits[i] ?? []).filter((h) => {
        const ownRow = importRowOf(job.id, h.id);
        if (ownRow === undefined) return true;
        return phase === 'import' && ownRow < firstUncountedRow;
      }),
    );
  });
  const pending = new Map<string, Pending>();
  const outcomes: Outcome[] = [];
  const issues: RowIssue[] = [];
  const counts = emptyCounts();
  for (const c of checked) {
    if (!c.ok) {
      outcomes.push({ row: c.row, action: 'failed', issues: c.issues });
      issues.push(...c.issues);
      counts.failed++;
      continue;
    }
    const keys = probeKeys(job.recordType, probeOf(c.input));
    // The strongest reason first; for each, what the file already resolved it to, then the base.
    let target: string | undefined;
    for (const reason of ['inn', 'email', 'phone'] as const) {
      for (const k of keys.filter((x) => x.reason === reason)) target ??= ctx.fileKeys.get(k.key);
      target ??= hitsByRow.get(c.row)?.find((h) => h.reason === reason)?.id;
      if (target) break;
    }
    const row = { row: c.row, input: c.input, provided: c.provided };
    let outcome: Outcome;
    if (target && job.mode === 'skip') {
      outcome = { row: c.row, action: 'skipped', duplicateOf: target };
    } else if (target && job.mode === 'update') {
      const into = pending.get(target);
      if (into) into.rows.push(row);
      else pending.set(target, { id: target, kind: 'update', rows: [row] });
      outcome = { row: c.row, action: 'updated', recordId: target };
    } else if (c.missingRequired.length > 0) {
      outcome = { row: c.row, action: 'failed', issues: c.missingRequired };
    } else {
      const id = importRecordId(job.id, c.row);
      pending.set(id, { id, kind: 'create', rows: [row] });
      outcome = { row: c.row, action: 'created', recordId: id };
    }
    if (outcome.action === 'failed') {
      issues.push(...outcome.issues);
      counts.failed++;
    } else {
      counts[outcome.action]++;
      const resolved = outcome.action === 'skipped' ? outcome.duplicateOf : outcome.recordId;
      for (const k of keys) if (!ctx.fileKeys.has(k.key)) ctx.fileKeys.set(k.key, resolved);
    }
    outcomes.push(outcome);
  }
  return { outcomes, pending, counts, issues };
};

const mergeList = (
  current: unknown,
  added: unknown,
  keyOf: (v: unknown) => string,
  max: number,
): unknown[] => {
  const list = Array.isArray(current) ? [...current] : [];
  const seen = new Set(list.map(keyOf));
  for (const v of Array.isArray(added) ? added : []) {
    if (list.length >= max) break;
    if (!seen.has(keyOf(v))) {
      seen.add(keyOf(v));
      list.push(v);
    }
  }
  return list;
};

const listKey: Readonly<Record<string, (v: unknown) => string>> = {
  phones: (v) => String((v as { value: string }).value),
  emails: (v) => String((v as { value: string }).value),
  tags: (v) => String(v),
  addresses: (v) => String((v as { line: string }).line).toLocaleLowerCase('ru'),
};

/**
 * The attributes after a row fills and overwrites what it provides: scalars are replaced,
 * phones, e-mails, tags and addresses are added to, custom fields are set one by one; a
 * contact moving to another company keeps the old one in its history.
 */
export const applyRow = (
  type: ImportJobItem['recordType'],
  current: Readonly<Record<string, unknown>>,
  row: { input: RowInput; provided: ReadonlySet<string> },
  at: string,
): Record<string, unknown> => {
  const next: Record<string, unknown> = { ...current };
  for (const field of row.provided) {
    if (field.startsWith('customFields.')) {
      const key = field.slice('customFields.'.length);
      next.customFields = {
        ...((next.customFields as object | undefined) ?? {}),
        [key]: row.input.customFields[key],
      };
    } else if (field === 'addresses') {
      // The file's address (and city) overwrites: it goes first, where the city is read from.
      next.addresses = mergeList(
        row.input.addresses,
        next.addresses,
        listKey.addresses as (v: unknown) => string,
        10,
      );
    } else if (listKey[field]) {
      // Phones, e-mails and tags are added to: the record's first (primary) ones stay first.
      next[field] = mergeList(next[field], row.input[field], listKey[field], listLimits[field] ?? 10);
    } else if (field === 'companyId' && type === 'contact') {
      if (next.companyId !== row.input.companyId) {
        if (typeof next.companyId === 'string')
          next.pastCompanies = [
            ...((next.pastCompanies as unknown[] | undefined) ?? []),
            {
              companyId: next.companyId,
              ...(typeof next.jobTitle === 'string' ? { jobTitle: next.jobTitle } : {}),
              until: at,
            },
          ].slice(-(listLimits.pastCompanies ?? 50));
        next.companyId = row.input.companyId;
        next.companyName = row.input.companyName;
      }
    } else if (row.input[field] !== undefined) {
      next[field] = row.input[field];
    }
  }
  if (type === 'company' && row.provided.has('addresses')) {
    const city = cityOf((next.addresses as Parameters<typeof cityOf>[0]) ?? []);
    if (city) next.city = city;
    else delete next.city;
  }
  return next;
};

/** The attributes of a record a row creates (as the API's create derives them). */
const newRecordAttributes = (
  job: ImportJobItem,
  id: string,
  rows: Pending['rows'],
  at: string,
): Record<string, unknown> => {
  const [first, ...more] = rows;
  if (!first) throw new Error(`no row for record ${id}`);
  const input = first.input;
  const city = cityOf((input.addresses as Parameters<typeof cityOf>[0] | undefined) ?? []);
  const base: Record<string, unknown> =
    job.recordType === 'company'
      ? { ...input, id, ...(city ? { city } : {}), lastActivityAt: at, importJobId: job.id }
      : { ...input, id, pastCompanies: [], lastActivityAt: at, importJobId: job.id };
  return more.reduce((attrs, row) => applyRow(job.recordType, attrs, row, at), base);
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** BatchWriteItem with the unprocessed requests retried, backing off exponentially with jitter. */
export const batchWrite = async (requests: WriteRequest[]): Promise<void> => {
  let left = requests;
  for (let attempt = 0; left.length > 0; attempt++) {
    if (attempt > 0) await sleep(Math.min(5_000, 50 * 2 ** attempt) * (0.5 + Math.random() / 2));
    if (attempt > 12)
      throw new Error(`BatchWriteItem left ${left.length} requests unprocessed after 12 retries`);
    const { UnprocessedItems } = await db.send(
      new BatchWriteCommand({ RequestItems: { [tableName]: left as Record<string, unknown>[] } }),
    );
    left = (UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
  }
};

/** Items by key, in chunks of 100 (BatchGetItem), consistent, unprocessed keys retried. */
export const batchGet = async (keys: readonly ItemKey[]): Promise<Map<string, RecordItem>> => {
  const found = new Map<string, RecordItem>();
  for (let i = 0; i < keys.length; i += 100) {
    let left: ItemKey[] = keys.slice(i, i + 100);
    for (let attempt = 0; left.length > 0; attempt++) {
      if (attempt > 0) await sleep(Math.min(5_000, 50 * 2 ** attempt));
      const { Responses, UnprocessedKeys } = await db.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: left, ConsistentRead: true } } }),
      );
      for (const item of Responses?.[tableName] ?? []) found.set(String(item.pk), item as RecordItem);
      left = (UnprocessedKeys?.[tableName]?.Keys ?? []) as ItemKey[];
    }
  }
  return found;
};

const maxRequestsPerBatch = 25;

type Written = {
  readonly counts: ImportCounts;
  readonly issues: RowIssue[];
};

/**
 * Writes a planned chunk. Updates go through the API's versioned save one record at a time
 * (a concurrent edit is re-read and re-applied); new records go out in batches, each with its
 * audit entry. Rows whose update is refused (role, or changed too often meanwhile) fail.
 */
export const writePlan = async (
  ctx: ImportContext,
  plan: ChunkPlan,
  options: { rerun: boolean },
): Promise<Written> => {
  const { job } = ctx;
  const kind = recordKinds[job.recordType];
  const at = ctx.now();
  const counts = { ...plan.counts };
  const issues = [...plan.issues];
  const entries = new Map<string, ImportedRecordEntry[]>();
  const fail = (rows: readonly number[], message: string) => {
    for (const row of rows) {
      counts.updated--;
      counts.failed++;
      issues.push({ row, field: '(row)', message });
    }
  };

  // Existing records the file updates: read them, check the importer may change them.
  const updates = [...plan.pending.values()].filter((p) => p.kind === 'update');
  const current = await batchGet(updates.map((p) => kind.key(p.id)));
  await mapConcurrent(updates, ctx.concurrency ?? 8, async (p) => {
    let record = current.get(kind.partition(p.id));
    for (let attempt = 0; attempt < 4; attempt++) {
      if (!record || record.deletedAt || record.mergedInto) {
        fail(
          p.rows.map((r) => r.row),
          `the ${job.recordType} it duplicates (${p.id}) was deleted or merged meanwhile`,
        );
        return;
      }
      if (ctx.actor.principal && !canEditRecord(ctx.actor.principal, record)) {
        fail(
          p.rows.map((r) => r.row),
          `duplicates ${job.recordType} ${p.id}, which your role may not change`,
        );
        return;
      }
      const before = record;
      try {
        const saved = await saveRecord(
          kind,
          before,
          (writeAt) =>
            p.rows.reduce(
              (attrs, row) => applyRow(job.recordType, attrs, row, writeAt),
              recordAttributes(before),
            ),
          ctx.actor.userId,
          { expectedVersion: before.version },
        );
        entries.set(p.id, [
          {
            id: p.id,
            row: p.rows[0]?.row ?? 0,
            action: 'updated',
            changes: diffFields(before, saved, kind.auditedFields),
          },
        ]);
        return;
      } catch (error) {
        if (!(error instanceof StaleVersion)) throw error;
        record = (await batchGet([kind.key(p.id)])).get(kind.partition(p.id));
      }
    }
    fail(
      p.rows.map((r) => r.row),
      `${job.recordType} ${p.id} kept changing while the import tried to update it`,
    );
  });

  // New records: the items of each, ready to batch.
  const creates = [...plan.pending.values()].filter((p) => p.kind === 'create');
  const keep = new Set<string>();
  if (options.rerun && creates.length > 0) {
    // A crashed run may have written some; one a user has changed since stays as they left it.
    const existing = await batchGet(creates.map((p) => kind.key(p.id)));
    for (const [pk, item] of existing) if (item.version > 1) keep.add(pk);
  }
  type Unit = { id: string; firstRow: number; items: WriteRequest[]; entry: ImportedRecordEntry };
  const units: Unit[] = [];
  for (const p of creates) {
    const attributes = newRecordAttributes(job, p.id, p.rows, at);
    const firstRow = p.rows[0]?.row ?? 0;
    const entry: ImportedRecordEntry = {
      id: p.id,
      row: firstRow,
      action: 'created',
      values: Object.fromEntries(
        kind.auditedFields.flatMap((f) => (attributes[f] === undefined ? [] : [[f, attributes[f]]])),
      ),
    };
    if (keep.has(kind.partition(p.id))) {
      units.push({ id: p.id, firstRow, items: [], entry });
      continue;
    }
    const stamped = { ...attributes, createdAt: at, updatedAt: at } as unknown as RecordItem;
    const item = {
      ...attributes,
      ...kind.indexKeys(stamped),
      ...kind.key(p.id),
      entity: job.recordType,
      version: 1,
      createdAt: at,
      createdBy: ctx.actor.userId,
      updatedAt: at,
      updatedBy: ctx.actor.userId,
    };
    units.push({
      id: p.id,
      firstRow,
      items: [
        { PutRequest: { Item: item } },
        ...kind.derivedItems(stamped).map((d) => ({ PutRequest: { Item: { ...d } } })),
      ],
      entry,
    });
  }
  // Updates are listed in the audit entry of the batch their first row falls in.
  for (const [id, list] of entries)
    for (const e of list) units.push({ id, firstRow: e.row, items: [], entry: e });
  units.sort((a, b) => a.firstRow - b.firstRow);

  const batches: Unit[][] = [];
  let batch: Unit[] = [];
  let size = 1; // the audit entry
  for (const unit of units) {
    if (batch.length > 0 && (size + unit.items.length > maxRequestsPerBatch || batch.length >= 50)) {
      batches.push(batch);
      batch = [];
      size = 1;
    }
    batch.push(unit);
    size += unit.items.length;
  }
  if (batch.length > 0) batches.push(batch);

  const write = ctx.writeBatch ?? batchWrite;
  await mapConcurrent(batches, ctx.concurrency ?? 8, async (units) => {
    const audit = importAuditItem({
      job,
      actorId: ctx.actor.userId,
      at,
      firstRow: units[0]?.firstRow ?? 0,
      records: units.map((u) => u.entry),
    });
    await write([...units.flatMap((u) => u.items), { PutRequest: { Item: audit } }]);
  });
  return { counts, issues };
};

/** The most invalid rows one chunk item keeps (the count is always exact). */
const maxIssuesPerItem = 1000;

/** Writes the invalid rows of a chunk (one item; rewritten by a rerun). */
export const saveIssues = async (
  job: ImportJobItem,
  phase: ImportPhase,
  chunk: number,
  issues: readonly RowIssue[],
): Promise<void> => {
  if (issues.length === 0) return;
  let kept = issues.slice(0, maxIssuesPerItem);
  while (kept.length > 1 && Buffer.byteLength(stableJson(kept)) > 300_000)
    kept = kept.slice(0, Math.floor(kept.length / 2));
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...importIssuesKey(job.id, phase, chunk),
        entity: 'import-issues',
        jobId: job.id,
        chunk,
        issues: kept,
        total: issues.length,
        rows: new Set(issues.map((i) => i.row)).size,
      },
    }),
  );
};

export type ChunkResult = Written & { readonly status: string; readonly done: boolean };

/**
 * Claims chunk `index` for a run: the job must be running with this chunk next. Returns
 * whether an earlier attempt began it (a rerun), or why it must not run.
 */
export const beginChunk = async (
  jobId: string,
  index: number,
  at: string,
): Promise<{ ok: true; rerun: boolean } | { ok: false }> => {
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: importJobKey(jobId),
        UpdateExpression: 'SET chunkStarted = :n, updatedAt = :at',
        ConditionExpression: '#status = :running AND nextChunk = :n',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':n': index, ':running': 'running', ':at': at },
        ReturnValues: 'ALL_OLD',
      }),
    );
    const started = (Attributes as ImportJobItem | undefined)?.chunkStarted;
    return { ok: true, rerun: started !== undefined && started >= index };
  } catch (error) {
    if (isConditionFailed(error)) return { ok: false };
    throw error;
  }
};

/**
 * Counts a written chunk and moves the high-water mark past it, once: the condition on
 * `nextChunk` makes a second attempt (a redelivered message) count nothing. Returns the job
 * as it is after, or undefined when the chunk was counted already.
 */
export const finishChunk = async (
  job: ImportJobItem,
  chunk: Chunk,
  written: Written,
  at: string,
): Promise<ImportJobItem | undefined> => {
  const c = written.counts;
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: importJobKey(job.id),
        UpdateExpression: [
          'SET nextChunk = :next, nextOffset = :offset, nextRow = :row, updatedAt = :at, version = version + :one,',
          'rowsDone = rowsDone + :rows, issuesTotal = issuesTotal + :issues,',
          'counts.created = counts.created + :created, counts.updated = counts.updated + :updated,',
          'counts.skipped = counts.skipped + :skipped, counts.failed = counts.failed + :failed',
        ].join(' '),
        ConditionExpression: 'nextChunk = :n',
        ExpressionAttributeValues: {
          ':n': chunk.index,
          ':next': chunk.index + 1,
          ':offset': chunk.endOffset,
          ':row': chunk.nextRow,
          ':at': at,
          ':one': 1,
          ':rows': chunk.records.length,
          ':issues': written.issues.length,
          ':created': c.created,
          ':updated': c.updated,
          ':skipped': c.skipped,
          ':failed': c.failed,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes as ImportJobItem;
  } catch (error) {
    if (isConditionFailed(error)) return undefined;
    throw error;
  }
};

/** Sets the job's status when it is one of `from` (false when it was not). */
export const moveStatus = async (
  jobId: string,
  from: readonly string[],
  to: string,
  at: string,
  extra: Readonly<Record<string, unknown>> = {},
): Promise<boolean> => {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':to': to, ':at': at, ':one': 1 };
  const sets = ['#status = :to', 'updatedAt = :at', 'version = version + :one'];
  Object.entries(extra).forEach(([k, v], i) => {
    names[`#x${i}`] = k;
    values[`:x${i}`] = v;
    sets.push(`#x${i} = :x${i}`);
  });
  const conditions = from.map((s, i) => {
    values[`:from${i}`] = s;
    return `#status = :from${i}`;
  });
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: importJobKey(jobId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: conditions.join(' OR '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
};

/**
 * One chunk of an import, start to finish: claim, check, plan, write, record the invalid rows,
 * count. `firstUncountedRow` is the chunk's first row. Returns the job after it, or undefined
 * when the chunk is not this run's to do (cancelled, or done already).
 */
export const runChunk = async (
  ctx: ImportContext,
  chunk: Chunk,
  options: { claim?: boolean } = {},
): Promise<{ job: ImportJobItem; written: Written } | undefined> => {
  const at = ctx.now();
  let rerun = true;
  if (options.claim !== false) {
    const claim = await beginChunk(ctx.job.id, chunk.index, at);
    if (!claim.ok) return undefined;
    rerun = claim.rerun;
  }
  const firstRow = chunk.records[0]?.row ?? chunk.nextRow;
  const checked = await checkRows(ctx, chunk.records);
  const plan = await planRows(ctx, checked, 'import', firstRow);
  const written = await writePlan(ctx, plan, { rerun });
  await saveIssues(ctx.job, 'import', chunk.index, written.issues);
  const job = await finishChunk(ctx.job, chunk, written, ctx.now());
  return job ? { job, written } : undefined;
};
