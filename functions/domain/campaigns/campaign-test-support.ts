// Helpers of the campaign integration tests and benchmark: contacts written straight into the
// tenant's table in bulk (as an import would leave them: the item with its list keys), a segment
// that matches exactly them by a tag of their own, a template, and reads of what the sending
// path wrote (send records, recipients) and of what the SES emulator captured.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { localCredentials } from '../../../scripts/local/aws-clients.ts';
import type { LocalRuntime } from '../../../scripts/local/runtime.ts';
import { contactIndexKeys, createMockContact } from '../contacts/contact.entity.ts';

// Keys as campaign-results.ts builds them (importing it would need a function's environment).
const sendRecordKey = (campaignId: string, contactId: string) => ({
  pk: `SEND#${campaignId}#${contactId}`,
  sk: 'SEND',
});
export const campaignTotalsKey = (campaignId: string) => ({ pk: `CAMPAIGN#${campaignId}`, sk: 'TOTALS' });

export type SeededContact = { readonly id: string; readonly email: string };
export type Exclusion = 'noConsent' | 'unsubscribed' | 'suppressed' | 'noEmail';

export const tableClient = (runtime: LocalRuntime, tenantId = 'demo') => {
  const tenant = runtime.tenant(tenantId);
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: tenant.tenant.region,
      endpoint: runtime.endpoints.dynamodb,
      credentials: localCredentials,
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return { db, tableName: tenant.tableName };
};

const pool = async <T>(items: readonly T[], size: number, run: (item: T) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) await run(items[next++] as T);
    }),
  );
};

const batchWrite = async (
  db: DynamoDBDocumentClient,
  tableName: string,
  items: Record<string, unknown>[],
) => {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  await pool(chunks, 8, async (chunk) => {
    let requests = chunk.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * attempt));
      const { UnprocessedItems } = await db.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  });
};

/**
 * `eligible` contacts tagged `tag` who may get marketing e-mail, and as many more per exclusion
 * reason as `excluded` says (tagged too, so the segment matches them and must leave them out).
 */
export const seedContacts = async (
  runtime: LocalRuntime,
  options: {
    readonly tag: string;
    readonly eligible: number;
    readonly excluded?: Partial<Record<Exclusion, number>>;
    readonly ownerId: string;
  },
) => {
  const { db, tableName } = tableClient(runtime);
  const at = new Date().toISOString();
  const make = (i: number, exclusion?: Exclusion) => {
    const id = ulid();
    const email = `${options.tag}-${exclusion ?? 'ok'}-${i}@example.test`;
    const attributes = createMockContact({
      id,
      firstName: `Имя${i}`,
      lastName: `${options.tag}${exclusion ?? ''}${i}`,
      middleName: undefined,
      phones: [],
      emails: exclusion === 'noEmail' ? [] : [{ value: email, kind: 'work' }],
      companyId: undefined,
      companyName: undefined,
      ownerId: options.ownerId,
      tags: [options.tag],
      marketingConsent:
        exclusion === 'noConsent'
          ? { status: 'withdrawn', at, method: 'email' }
          : { status: 'granted', at, method: 'web-form' },
      ...(exclusion === 'unsubscribed' ? { marketingUnsubscribedAt: at } : {}),
      ...(exclusion === 'suppressed' ? { emailSuppressed: { reason: 'bounce', at } } : {}),
      createdAt: at,
      updatedAt: at,
      lastActivityAt: at,
    } as Parameters<typeof createMockContact>[0]);
    return { item: { ...attributes, ...contactIndexKeys(attributes) }, contact: { id, email } };
  };
  const eligible = Array.from({ length: options.eligible }, (_, i) => make(i));
  const excluded = Object.entries(options.excluded ?? {}).flatMap(([reason, n]) =>
    Array.from({ length: n ?? 0 }, (_, i) => make(i, reason as Exclusion)),
  );
  await batchWrite(
    db,
    tableName,
    [...eligible, ...excluded].map((e) => e.item as Record<string, unknown>),
  );
  return {
    eligible: eligible.map((e) => e.contact) as SeededContact[],
    excluded: excluded.map((e) => e.contact) as SeededContact[],
  };
};

/** The send records of these contacts for the campaign, by contact id (consistent reads). */
export const sendRecords = async (
  runtime: LocalRuntime,
  campaignId: string,
  contactIds: readonly string[],
) => {
  const { db, tableName } = tableClient(runtime);
  const found = new Map<string, Record<string, unknown>>();
  const chunks: string[][] = [];
  for (let i = 0; i < contactIds.length; i += 100) chunks.push(contactIds.slice(i, i + 100));
  await pool(chunks, 4, async (chunk) => {
    let keys: Record<string, unknown>[] = chunk.map((id) => sendRecordKey(campaignId, id));
    while (keys.length > 0) {
      const result = await db.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const item of result.Responses?.[tableName] ?? []) found.set(String(item.contactId), item);
      keys = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
  });
  return found;
};

/** The captured e-mails per recipient address, among `addresses`. */
export const capturedPerAddress = (
  emails: readonly { destination: { to: string[] } }[],
  addresses: ReadonlySet<string>,
): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const e of emails)
    for (const to of e.destination.to) {
      const address = to.replace(/^.*<([^>]+)>$/, '$1');
      if (addresses.has(address)) counts.set(address, (counts.get(address) ?? 0) + 1);
    }
  return counts;
};

/** A template with a greeting and no unsubscribe merge field (the sender appends a link). */
export const campaignTemplate = (tag: string) => ({
  name: `Рассылка ${tag}`,
  subject: `Новости ${tag} для {{ contact.firstName | default: "коллега" }}`,
  html: '<p>Здравствуйте, {{ contact.firstName | default: "коллега" }}!</p><p>Новости компании.</p>',
  text: 'Здравствуйте, {{ contact.firstName | default: "коллега" }}!\nНовости компании.',
});
