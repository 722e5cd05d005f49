// Companies: create (with the duplicate warning), change, and the contacts a company card
// lists. Reads, delete, restore, merge and bulk actions are shared with contacts
// (functions/domain/records/).
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { db, tableName } from '../../lib/dynamo.ts';
import { DuplicateSuspected, Forbidden } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import { companyContactLinkPrefix } from '../contacts/contact.entity.ts';
import {
  canCreateRecord,
  canReassign,
  requireEditor,
  requireRecordReader,
  requireRecordWriter,
} from '../records/access.ts';
import { probeFromDraft } from '../records/duplicates.ts';
import { findDuplicates } from '../records/find-duplicates.ts';
import { recordAttributes } from '../records/record-changes.ts';
import {
  applyCustomFields,
  applyPatch,
  parseRecordInput,
  splitAllowDuplicate,
} from '../records/record-input.ts';
import { companyKind, type RecordItem } from '../records/record-kinds.ts';
import { createRecord, newRecordId, readRecord, saveRecord } from '../records/records.ts';
import { cityOf, createCompanySchema, updateCompanySchema } from './company.entity.ts';

export const createCompany = async (principal: Principal, body: unknown): Promise<RecordItem> => {
  requireRecordWriter(principal, 'companies');
  const { allowDuplicate, fields } = splitAllowDuplicate(body);
  const { input, customFields } = await parseRecordInput(createCompanySchema, fields, 'company', 'create');
  const ownerId = input.ownerId ?? principal.userId;
  if (!canCreateRecord(principal, ownerId))
    throw new Forbidden(
      'Sales staff create companies they own; managers and administrators create them for others.',
    );
  if (!allowDuplicate) {
    const duplicates = await findDuplicates('company', probeFromDraft('company', input));
    if (duplicates.length > 0) throw new DuplicateSuspected(duplicates);
  }
  const city = cityOf(input.addresses);
  return createRecord(
    companyKind,
    (at) => ({
      ...input,
      id: newRecordId(),
      ownerId,
      customFields: customFields ?? {},
      ...(city ? { city } : {}),
      lastActivityAt: at,
    }),
    principal.userId,
  );
};

export const updateCompany = async (principal: Principal, id: string, body: unknown): Promise<RecordItem> => {
  requireRecordWriter(principal, 'companies');
  const current = await readRecord(companyKind, id);
  requireEditor(principal, current, 'company');
  const { input, customFields } = await parseRecordInput(updateCompanySchema, body, 'company', 'update');
  const { expectedVersion, customFields: _checked, ...patch } = input;
  if (patch.ownerId !== undefined && !canReassign(principal, current, patch.ownerId))
    throw new Forbidden('Only a sales manager or an administrator may hand a company to another owner.');
  return saveRecord(
    companyKind,
    current,
    () => {
      const next = applyPatch(recordAttributes(current), patch);
      if (customFields) next.customFields = applyCustomFields(current.customFields, customFields);
      if (patch.addresses) {
        const city = cityOf(patch.addresses);
        if (city) next.city = city;
        else delete next.city;
      }
      return next;
    },
    principal.userId,
    { expectedVersion },
  );
};

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1, 'at least 1').max(200, 'at most 200').default(50),
  cursor: z.string().optional(),
});

/** The contacts of a company card, by their link items in the company's partition. */
export const listCompanyContacts = async (principal: Principal, companyId: string, query: unknown) => {
  requireRecordReader(principal);
  const page = parseInput(pageQuerySchema, query);
  await readRecord(companyKind, companyId);
  const pk = companyKind.partition(companyId);
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': companyContactLinkPrefix },
      Limit: page.limit,
      ExclusiveStartKey: decodeCursor(page.cursor, { pk }),
    }),
  );
  const nextCursor = encodeCursor(result.LastEvaluatedKey as Record<string, string> | undefined);
  return {
    items: (result.Items ?? []).map((link) => ({
      id: String(link.contactId),
      name: String(link.name),
      ...(link.jobTitle ? { jobTitle: String(link.jobTitle) } : {}),
      ...(link.primaryPhone ? { primaryPhone: String(link.primaryPhone) } : {}),
      ...(link.primaryEmail ? { primaryEmail: String(link.primaryEmail) } : {}),
    })),
    ...(nextCursor ? { nextCursor } : {}),
  };
};
