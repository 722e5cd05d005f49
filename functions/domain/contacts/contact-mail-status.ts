// The marketing-mail status of a contact, as the public unsubscribe endpoint and the SES events
// handler change it (docs/campaigns.md): `marketingUnsubscribedAt` and `emailSuppressed`. Each
// change is a versioned write of the contact with its audit entry (`contact.unsubscribed`,
// `contact.resubscribed`, `contact.suppressed`), which the timeline projects; a write that
// would change nothing is skipped, so repeating one is harmless. A stale version (someone
// edited the contact meanwhile) is read again and retried.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../../lib/clock.ts';
import { db, tableName } from '../../lib/dynamo.ts';
import { Merged, NotFound, StaleVersion } from '../../lib/errors.ts';
import type { AuditAction } from '../audit/audit.entity.ts';
import { normalizeEmail } from '../normalize/email.ts';
import { recordAttributes } from '../records/record-changes.ts';
import { contactKind, type RecordItem } from '../records/record-kinds.ts';
import { readRecord, saveRecord } from '../records/records.ts';
import { contactLookups, type EmailSuppression } from './contact.entity.ts';

const attempts = 5;

/** The contact (a merged one's survivor; a deleted one too: its consent still matters), or undefined. */
const readForMail = async (contactId: string): Promise<RecordItem | undefined> => {
  try {
    return await readRecord(contactKind, contactId, { includeDeleted: true });
  } catch (error) {
    if (error instanceof Merged) return readForMail(error.survivorId);
    if (error instanceof NotFound) return undefined;
    throw error;
  }
};

type Change = {
  readonly action: AuditAction;
  /** The attributes to set (undefined removes), or undefined when the contact already has them. */
  readonly changes: (current: RecordItem, at: string) => Record<string, unknown> | undefined;
};

export type MailStatusOutcome =
  | { readonly status: 'changed'; readonly contact: RecordItem }
  | { readonly status: 'unchanged'; readonly contact: RecordItem }
  | { readonly status: 'no-contact' };

const apply = async (contactId: string, actorId: string, change: Change): Promise<MailStatusOutcome> => {
  for (let attempt = 1; ; attempt++) {
    const current = await readForMail(contactId);
    if (!current) return { status: 'no-contact' };
    const at = nowIso();
    const changes = change.changes(current, at);
    if (changes === undefined) return { status: 'unchanged', contact: current };
    try {
      const contact = await saveRecord(
        contactKind,
        current,
        () => {
          const next = { ...recordAttributes(current), ...changes };
          for (const [field, value] of Object.entries(changes)) if (value === undefined) delete next[field];
          return next;
        },
        actorId,
        { expectedVersion: current.version, action: change.action, at },
      );
      return { status: 'changed', contact };
    } catch (error) {
      if (!(error instanceof StaleVersion) || attempt >= attempts) throw error;
    }
  }
};

/** Sets `marketingUnsubscribedAt`, unless the contact has already unsubscribed. */
export const markUnsubscribed = (contactId: string, actorId: string): Promise<MailStatusOutcome> =>
  apply(contactId, actorId, {
    action: 'unsubscribed',
    changes: (c, at) => (c.marketingUnsubscribedAt ? undefined : { marketingUnsubscribedAt: at }),
  });

/** Removes `marketingUnsubscribedAt` (the undo button), unless it is not set. */
export const markResubscribed = (contactId: string, actorId: string): Promise<MailStatusOutcome> =>
  apply(contactId, actorId, {
    action: 'resubscribed',
    changes: (c) => (c.marketingUnsubscribedAt ? { marketingUnsubscribedAt: undefined } : undefined),
  });

/** Sets `emailSuppressed`, unless the address is already suppressed (the first reason stays). */
export const markSuppressed = (
  contactId: string,
  reason: EmailSuppression['reason'],
  actorId: string,
): Promise<MailStatusOutcome> =>
  apply(contactId, actorId, {
    action: 'suppressed',
    changes: (c, at) =>
      c.emailSuppressed ? undefined : { emailSuppressed: { reason, at } satisfies EmailSuppression },
  });

/**
 * Ids of the contacts that have this address (primary or further e-mail), through the e-mail
 * index as the duplicate check reads it; token items count for their contact.
 */
export const contactIdsByEmail = async (email: string): Promise<string[]> => {
  const lookup = contactLookups.email(normalizeEmail(email));
  const ids = new Set<string>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: lookup.indexName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': `${lookup.indexName}pk`, '#sk': `${lookup.indexName}sk` },
        ExpressionAttributeValues: { ':pk': lookup.pk, ':prefix': lookup.skPrefix },
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const sk = String(item[`${lookup.indexName}sk`] ?? '');
      ids.add(sk.slice(lookup.skPrefix.length));
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return [...ids].filter(Boolean);
};
