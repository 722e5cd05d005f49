// Contacts: create (with the duplicate warning), change (moving to another company keeps the
// old one in pastCompanies), restore, and the moves other processes make: a company merge
// re-points its contacts and their histories, a company rename refreshes `companyName`.
import { GetCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { conditionFailedAt, db, tableName } from '../../lib/dynamo.ts';
import {
  DuplicateSuspected,
  Forbidden,
  Merged,
  NotFound,
  StaleVersion,
  ValidationFailed,
} from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { transactWrite } from '../mutations.ts';
import { canCreateRecord, canReassign, requireEditor, requireRecordWriter } from '../records/access.ts';
import { probeFromDraft } from '../records/duplicates.ts';
import { findDuplicates } from '../records/find-duplicates.ts';
import { derivedWrites, recordAttributes } from '../records/record-changes.ts';
import {
  applyCustomFields,
  applyPatch,
  parseRecordInput,
  splitAllowDuplicate,
} from '../records/record-input.ts';
import { companyKind, contactKind, type RecordItem } from '../records/record-kinds.ts';
import { createRecord, newRecordId, readRecord, restoreRecord, saveRecord } from '../records/records.ts';
import {
  companyContactLinkPrefix,
  createContactSchema,
  type PastCompany,
  updateContactSchema,
} from './contact.entity.ts';

/** How much history of past employers a contact keeps. */
const maxPastCompanies = 50;

/** The company a contact is linked to, checked to exist: a field error otherwise. */
const companyOf = async (companyId: string): Promise<{ companyId: string; companyName: string }> => {
  try {
    const company = await readRecord(companyKind, companyId);
    return { companyId, companyName: String(company.name) };
  } catch (error) {
    if (error instanceof NotFound)
      throw new ValidationFailed([{ field: 'companyId', message: 'is not a company in the CRM' }]);
    if (error instanceof Merged)
      throw new ValidationFailed([{ field: 'companyId', message: `was merged into ${error.survivorId}` }]);
    throw error;
  }
};

export const createContact = async (principal: Principal, body: unknown): Promise<RecordItem> => {
  requireRecordWriter(principal, 'contacts');
  const { allowDuplicate, fields } = splitAllowDuplicate(body);
  const { input, customFields } = await parseRecordInput(createContactSchema, fields, 'contact', 'create');
  const ownerId = input.ownerId ?? principal.userId;
  if (!canCreateRecord(principal, ownerId))
    throw new Forbidden(
      'Sales staff create contacts they own; managers and administrators create them for others.',
    );
  const company = input.companyId ? await companyOf(input.companyId) : undefined;
  if (!allowDuplicate) {
    const duplicates = await findDuplicates('contact', probeFromDraft('contact', input));
    if (duplicates.length > 0) throw new DuplicateSuspected(duplicates);
  }
  return createRecord(
    contactKind,
    (at) => ({
      ...input,
      ...company,
      id: newRecordId(),
      ownerId,
      pastCompanies: [],
      customFields: customFields ?? {},
      lastActivityAt: at,
    }),
    principal.userId,
  );
};

/** The history after leaving `companyId` at `until`, newest last, bounded. */
const leaving = (
  past: readonly PastCompany[],
  companyId: string,
  jobTitle: unknown,
  until: string,
): PastCompany[] =>
  [...past, { companyId, ...(typeof jobTitle === 'string' ? { jobTitle } : {}), until }].slice(
    -maxPastCompanies,
  );

export const updateContact = async (principal: Principal, id: string, body: unknown): Promise<RecordItem> => {
  requireRecordWriter(principal, 'contacts');
  const current = await readRecord(contactKind, id);
  requireEditor(principal, current, 'contact');
  const { input, customFields } = await parseRecordInput(updateContactSchema, body, 'contact', 'update');
  const { expectedVersion, customFields: _checked, companyId, ...patch } = input;
  if (patch.ownerId !== undefined && !canReassign(principal, current, patch.ownerId))
    throw new Forbidden('Only a sales manager or an administrator may hand a contact to another owner.');
  const moving = companyId !== undefined && companyId !== (current.companyId ?? null);
  const company = moving && companyId ? await companyOf(companyId) : undefined;
  return saveRecord(
    contactKind,
    current,
    (at) => {
      const next = applyPatch(recordAttributes(current), patch);
      if (customFields) next.customFields = applyCustomFields(current.customFields, customFields);
      if (moving) {
        if (current.companyId)
          next.pastCompanies = leaving(
            (current.pastCompanies as PastCompany[] | undefined) ?? [],
            current.companyId,
            current.jobTitle,
            at,
          );
        delete next.companyId;
        delete next.companyName;
        Object.assign(next, company);
      }
      return next;
    },
    principal.userId,
    { expectedVersion },
  );
};

/** Restore: a contact whose company was merged while it sat in the trash follows the survivor. */
export const restoreContact = (principal: Principal, id: string, expectedVersion: number) =>
  restoreRecord(contactKind, principal, id, expectedVersion, async (attributes) => {
    const companyId = attributes.companyId;
    if (typeof companyId !== 'string') return attributes;
    try {
      await readRecord(companyKind, companyId, { includeDeleted: true });
      return attributes;
    } catch (error) {
      if (!(error instanceof Merged)) throw error;
      return { ...attributes, ...(await companyOf(error.survivorId)) };
    }
  });

const readRaw = async (id: string): Promise<RecordItem | undefined> =>
  (await db.send(new GetCommand({ TableName: tableName, Key: contactKind.key(id), ConsistentRead: true })))
    .Item as RecordItem | undefined;

/** Re-reads and retries a versioned change a few times when someone else wrote in between. */
const withRetry = async (run: () => Promise<boolean>): Promise<boolean> => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof StaleVersion) || attempt >= 4) throw error;
    }
  }
};

/** A merge moves the contacts of the duplicate company to the survivor (versioned and audited). */
export const moveContactToCompany = (
  contactId: string,
  fromCompanyId: string,
  to: { id: string; name: string },
  actorId: string,
): Promise<boolean> =>
  withRetry(async () => {
    const current = await readRaw(contactId);
    if (!current || current.mergedInto || current.companyId !== fromCompanyId) return false;
    await saveRecord(
      contactKind,
      current,
      () => ({ ...recordAttributes(current), companyId: to.id, companyName: to.name }),
      actorId,
      { expectedVersion: current.version },
    );
    return true;
  });

/** A merge re-points the history of people who used to work at the duplicate company. */
export const repointPastCompany = (
  contactId: string,
  fromCompanyId: string,
  toCompanyId: string,
  actorId: string,
): Promise<boolean> =>
  withRetry(async () => {
    const current = await readRaw(contactId);
    const past = (current?.pastCompanies as PastCompany[] | undefined) ?? [];
    if (!current || !past.some((p) => p.companyId === fromCompanyId)) return false;
    await saveRecord(
      contactKind,
      current,
      () => ({
        ...recordAttributes(current),
        pastCompanies: past.map((p) =>
          p.companyId === fromCompanyId ? { ...p, companyId: toCompanyId } : p,
        ),
      }),
      actorId,
      { expectedVersion: current.version },
    );
    return true;
  });

/**
 * After a company is renamed, its contacts' denormalized `companyName` (and their search
 * tokens) take the company's current name. Derived data, not a user's change: no version
 * bump and no audit (the rename is audited on the company); conditional on the contact's
 * version, so a concurrent edit makes it re-read. Reading the company's current name (not
 * the event's) makes out-of-order renames end with the latest.
 */
export const refreshCompanyName = async (companyId: string): Promise<number> => {
  const { Item: company } = await db.send(
    new GetCommand({ TableName: tableName, Key: companyKind.key(companyId), ConsistentRead: true }),
  );
  if (!company || company.deletedAt || company.mergedInto) return 0;
  const name = String(company.name);
  let refreshed = 0;
  const pages = paginateQuery(
    { client: db },
    {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': companyKind.partition(companyId),
        ':prefix': companyContactLinkPrefix,
      },
    },
  );
  for await (const page of pages) {
    for (const link of page.Items ?? []) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const contact = await readRaw(String(link.contactId));
        if (!contact || contact.companyId !== companyId || contact.companyName === name) break;
        const next = { ...contact, companyName: name } as RecordItem;
        try {
          await transactWrite(
            [
              {
                Update: {
                  TableName: tableName,
                  Key: contactKind.key(contact.id),
                  UpdateExpression: 'SET #companyName = :name',
                  ConditionExpression: '#version = :version AND #companyId = :companyId',
                  ExpressionAttributeNames: {
                    '#companyName': 'companyName',
                    '#version': 'version',
                    '#companyId': 'companyId',
                  },
                  ExpressionAttributeValues: {
                    ':name': name,
                    ':version': contact.version,
                    ':companyId': companyId,
                  },
                },
              },
            ],
            derivedWrites(tableName, contactKind.derivedItems(contact), contactKind.derivedItems(next)),
          );
          refreshed++;
          break;
        } catch (error) {
          if (!conditionFailedAt(error, 0)) throw error;
        }
      }
    }
  }
  return refreshed;
};
