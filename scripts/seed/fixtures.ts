// A base of companies and contacts written straight into a running runtime's table, for
// integration tests of lists, search and counters: items built by record-items.ts (the same
// shape the API writes), with creation, change and activity times spread over the past so
// that every sort has a known order. Returns what it wrote, so tests compute expectations.
import { ulid } from 'ulid';
import { localClients } from '../local/aws-clients.ts';
import type { LocalRuntime } from '../local/runtime.ts';
import { fakeCompany, fakeContact } from './fake-data.ts';
import { documentClient, writeItems } from './load-items.ts';
import { companyRecord, contactRecord, type StoredRecord } from './record-items.ts';

export type FixtureOptions = {
  readonly companies: number;
  /** Contacts of the first companies, one each (and as many more without a company). */
  readonly contacts?: number;
  readonly owners: readonly string[];
  readonly seed?: number;
  /** The first fake-data index (keeps several fixtures of one tenant unique). */
  readonly start?: number;
  /** Attributes per company index (deletedAt, customFields, …). */
  readonly extra?: (index: number) => Record<string, unknown>;
  readonly now?: Date;
};

const hour = 3600 * 1000;

export const writeFixtureBase = async (
  runtime: LocalRuntime,
  tenantId: string,
  options: FixtureOptions,
): Promise<{ companies: StoredRecord[]; contacts: StoredRecord[] }> => {
  const tenant = runtime.tenant(tenantId);
  const db = documentClient(localClients(runtime.endpoints, tenant.tenant.region).dynamodb);
  const now = (options.now ?? new Date()).getTime();
  const seed = options.seed ?? 11;
  const start = options.start ?? 0;
  const companies: StoredRecord[] = [];
  for (let i = 0; i < options.companies; i++) {
    const index = start + i;
    const at = new Date(now - (options.companies - i) * hour).toISOString();
    const owner = options.owners[i % options.owners.length] as string;
    const record = companyRecord(
      fakeCompany(seed, index),
      ulid(),
      owner,
      { at, actorId: owner },
      {
        // Activity in an order of its own: every 7th company was last touched long ago.
        lastActivityAt: new Date(
          now - ((i * 7919) % options.companies) * 24 * hour - (i % 7 === 0 ? 400 : 0) * 24 * hour,
        ).toISOString(),
        ...options.extra?.(i),
      },
    );
    companies.push(record);
  }
  const contacts: StoredRecord[] = [];
  for (let i = 0; i < (options.contacts ?? 0); i++) {
    const company = i % 2 === 0 ? companies[i % Math.max(1, companies.length)] : undefined;
    const owner = options.owners[i % options.owners.length] as string;
    const at = new Date(now - ((options.contacts ?? 0) - i) * hour).toISOString();
    const domain = String(company?.item.website ?? `https://person${start + i}.example`).replace(
      'https://',
      '',
    );
    contacts.push(
      contactRecord(
        fakeContact(seed, start + i, 0, domain),
        ulid(),
        owner,
        company ? { id: company.item.id, name: String(company.item.name) } : undefined,
        { at, actorId: owner },
      ),
    );
  }
  const all = [...companies, ...contacts].flatMap((r) => [r.item as Record<string, unknown>, ...r.derived]);
  await writeItems(db, tenant.tableName, all, { concurrency: 4 });
  return { companies, contacts };
};
