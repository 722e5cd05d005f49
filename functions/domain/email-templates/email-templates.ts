// Marketing e-mail templates: administrators and marketing write them, sales managers read
// and preview them. Saving checks the merge fields of all three parts (one 400 error per
// problem, naming the part and the line) and sanitizes the HTML, answering what was removed.
// Rendering for one contact (its company, its owner's name, e-mail and signature) is shared by
// the preview, the test send and the campaign sender.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { z } from 'zod';
import { decodeBoundCursor, encodeBoundCursor } from '../../lib/cursor.ts';
import { db, tableName } from '../../lib/dynamo.ts';
import { tenantConfig } from '../../lib/env.ts';
import { type FieldError, Merged, NotFound, ValidationFailed } from '../../lib/errors.ts';
import type { Principal } from '../../lib/principal.ts';
import { parseInput } from '../../lib/validation.ts';
import { type ContactItem, fullName } from '../contacts/contact.entity.ts';
import { sendEmailOnce } from '../email/send-once.ts';
import { createVersioned, updateVersioned } from '../mutations.ts';
import { requireMarketingEditor, requireMarketingReader } from '../records/access.ts';
import { contactKind } from '../records/record-kinds.ts';
import { readRecord } from '../records/records.ts';
import { getOrCreateProfile, readProfileOrAccount } from '../users/profiles.ts';
import type { UserItem } from '../users/user.entity.ts';
import {
  auditedTemplateFields,
  createTemplateSchema,
  previewTemplateSchema,
  type TemplateAttributes,
  type TemplateItem,
  templateKey,
  templateListKeys,
  templateLists,
  testSendSchema,
  updateTemplateSchema,
} from './email-template.entity.ts';
import {
  checkTemplatePart,
  type MergeValues,
  renderTemplatePart,
  type TemplatePart,
  type TemplateProblem,
} from './merge-fields.ts';
import { sanitizeTemplateHtml } from './sanitize.ts';

const what = 'e-mail templates';

const fieldErrorOf = (p: TemplateProblem): FieldError => ({
  field: p.part,
  message: `line ${p.line}, column ${p.column}: ${p.message}`,
});

/**
 * Checks the parts given (merge fields, one error per problem) and sanitizes the HTML. The HTML
 * is checked as written (the lines the author sees) and again as sanitized (what is stored).
 */
export const prepareTemplateParts = (
  parts: Partial<Record<TemplatePart, string>>,
): { parts: Partial<Record<TemplatePart, string>>; removed: readonly string[] } => {
  const problems = (['subject', 'html', 'text'] as const).flatMap((part) =>
    parts[part] === undefined ? [] : checkTemplatePart(part, parts[part]),
  );
  if (problems.length > 0)
    throw new ValidationFailed(problems.map(fieldErrorOf), 'The template has invalid merge fields.');
  if (parts.html === undefined) return { parts, removed: [] };
  const { html, removed } = sanitizeTemplateHtml(parts.html);
  const after = checkTemplatePart('html', html);
  if (after.length > 0)
    throw new ValidationFailed(
      after.map((p) => ({ ...fieldErrorOf(p), message: `after sanitizing, ${fieldErrorOf(p).message}` })),
    );
  if (html.trim() === '')
    throw new ValidationFailed([{ field: 'html', message: 'is empty once unsafe content is removed' }]);
  return { parts: { ...parts, html }, removed };
};

export const readTemplate = async (id: string): Promise<TemplateItem> => {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: templateKey(id), ConsistentRead: true }),
  );
  if (!Item) throw new NotFound('template', id);
  return Item as TemplateItem;
};

export const getTemplate = async (p: Principal, id: string): Promise<TemplateItem> => {
  requireMarketingReader(p, what);
  return readTemplate(id);
};

export type SavedTemplate = { readonly template: TemplateItem; readonly removed: readonly string[] };

export const createTemplate = async (p: Principal, body: unknown): Promise<SavedTemplate> => {
  requireMarketingEditor(p, what);
  const input = parseInput(createTemplateSchema, body);
  const { parts, removed } = prepareTemplateParts(input);
  const id = ulid();
  const attributes: TemplateAttributes = {
    id,
    name: input.name,
    subject: parts.subject as string,
    html: parts.html as string,
    text: parts.text as string,
    archived: false,
  };
  const { item } = await createVersioned(
    { entity: 'email-template', id },
    templateKey(id),
    { ...attributes, ...templateListKeys(attributes) },
    p.userId,
    { auditedFields: [...auditedTemplateFields] },
  );
  return { template: item as unknown as TemplateItem, removed };
};

export const updateTemplate = async (p: Principal, id: string, body: unknown): Promise<SavedTemplate> => {
  requireMarketingEditor(p, what);
  const { expectedVersion, subject, html, text, ...rest } = parseInput(updateTemplateSchema, body);
  const { parts, removed } = prepareTemplateParts({
    ...(subject !== undefined ? { subject } : {}),
    ...(html !== undefined ? { html } : {}),
    ...(text !== undefined ? { text } : {}),
  });
  const current = await readTemplate(id);
  const changes: Record<string, unknown> = { ...rest, ...parts };
  const next = { ...current, ...changes } as TemplateItem;
  const template = await updateVersioned<TemplateItem>(
    { entity: 'email-template', id },
    templateKey(id),
    expectedVersion,
    { ...changes, ...templateListKeys(next) },
    p.userId,
    { current, auditedFields: [...auditedTemplateFields] },
  );
  return { template, removed };
};

const expectedVersionSchema = z
  .object({
    expectedVersion: z.coerce
      .number({ error: 'must be the version you last read' })
      .int('must be the version you last read')
      .positive('must be the version you last read'),
  })
  .strict();

/** DELETE archives: the template leaves the pickers but stays readable (and can be restored). */
export const archiveTemplate = async (p: Principal, id: string, query: unknown): Promise<TemplateItem> => {
  requireMarketingEditor(p, what);
  const { expectedVersion } = parseInput(expectedVersionSchema, query);
  const current = await readTemplate(id);
  return updateVersioned<TemplateItem>(
    { entity: 'email-template', id },
    templateKey(id),
    expectedVersion,
    { archived: true, ...templateListKeys({ ...current, archived: true }) },
    p.userId,
    { current, auditedFields: [...auditedTemplateFields], action: 'deleted' },
  );
};

export const templateListQuerySchema = z
  .object({
    archived: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
    limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(200).default(50),
    cursor: z.string().max(2000).optional(),
  })
  .strict();

/** Templates by name, in use or archived, a page at a time. */
export const listTemplates = async (p: Principal, query: unknown) => {
  requireMarketingReader(p, what);
  const q = parseInput(templateListQuerySchema, query);
  const pk = q.archived === 'true' ? templateLists.archived : templateLists.active;
  const scope = JSON.stringify({ index: 'gsi1', pk });
  const start = q.cursor
    ? decodeBoundCursor(q.cursor, {
        scope,
        keyAttributes: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
        check: (k) => k.gsi1pk === pk,
      })
    : undefined;
  const page = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      Limit: q.limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  const last = page.LastEvaluatedKey as Record<string, string> | undefined;
  return {
    items: (page.Items ?? []) as TemplateItem[],
    ...(last ? { nextCursor: encodeBoundCursor(last, scope) } : {}),
  };
};

// ---------------------------------------------------------------------------------------------
// Rendering

export type RenderedTemplate = { readonly subject: string; readonly html: string; readonly text: string };

type RenderContact = {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly middleName?: string;
  readonly jobTitle?: string;
  readonly companyName?: string;
  readonly emails?: readonly { readonly value: string }[];
};

/** The merge values of one recipient: the contact, its company's name, its owner's profile. */
export const mergeValuesFor = (input: {
  readonly contact: RenderContact;
  /** The company's current name; the contact's denormalized one when left out. */
  readonly companyName?: string;
  readonly owner?: Pick<UserItem, 'name' | 'email' | 'signature'>;
  readonly unsubscribeUrl: string;
}): MergeValues => {
  const c = input.contact;
  return {
    contact: {
      ...(c.firstName ? { firstName: c.firstName } : {}),
      ...(c.lastName ? { lastName: c.lastName } : {}),
      fullName: fullName({ firstName: c.firstName ?? '', lastName: c.lastName, middleName: c.middleName }),
      ...(c.jobTitle ? { jobTitle: c.jobTitle } : {}),
      ...(c.emails?.[0] ? { email: c.emails[0].value } : {}),
    },
    company: { name: input.companyName ?? c.companyName ?? '' },
    ...(input.owner
      ? {
          owner: {
            name: input.owner.name,
            email: input.owner.email,
            ...(input.owner.signature ? { signature: input.owner.signature } : {}),
          },
        }
      : {}),
    unsubscribeUrl: input.unsubscribeUrl,
  };
};

export const renderTemplate = (
  template: Pick<TemplateAttributes, 'subject' | 'html' | 'text'>,
  values: MergeValues,
): RenderedTemplate => ({
  subject: renderTemplatePart('subject', template.subject, values),
  html: renderTemplatePart('html', template.html, values),
  text: renderTemplatePart('text', template.text, values),
});

/**
 * Where `{{ unsubscribeUrl }}` points in previews and test sends: the unsubscribe page without a
 * token, which unsubscribes nobody. Campaign e-mails get a signed link per recipient.
 */
export const previewUnsubscribeUrl = (): string => `${tenantConfig().appUrl}/api/u/preview`;

/** The merge values of a real contact (404 when it does not exist or is deleted). */
const valuesForContact = async (contactId: string) => {
  const contact = await readRecord(contactKind, contactId).catch((error: unknown) => {
    if (error instanceof NotFound || error instanceof Merged)
      throw new ValidationFailed([{ field: 'contactId', message: 'is not a contact in the CRM' }]);
    throw error;
  });
  const owner = contact.ownerId ? await readProfileOrAccount(String(contact.ownerId)) : undefined;
  return {
    contact,
    values: mergeValuesFor({
      contact: contact as RenderContact,
      ...(owner ? { owner } : {}),
      unsubscribeUrl: previewUnsubscribeUrl(),
    }),
  };
};

export const previewTemplate = async (p: Principal, id: string, body: unknown) => {
  requireMarketingReader(p, what);
  const { contactId } = parseInput(previewTemplateSchema, body);
  const template = await readTemplate(id);
  const { contact, values } = await valuesForContact(contactId);
  return {
    contact: { id: contact.id, name: fullName(contact as unknown as ContactItem) },
    rendered: renderTemplate(template, values),
  };
};

/** The caller stands in for a contact: their name, the organisation as company, themselves as owner. */
const valuesForCaller = (caller: UserItem): MergeValues => {
  const [firstName, ...rest] = caller.name.split(/\s+/);
  return mergeValuesFor({
    contact: {
      ...(firstName ? { firstName } : {}),
      ...(rest.length ? { lastName: rest.join(' ') } : {}),
      emails: [{ value: caller.email }],
    },
    companyName: tenantConfig().name,
    owner: caller,
    unsubscribeUrl: previewUnsubscribeUrl(),
  });
};

/**
 * Sends the rendering to the caller's own address, once per call (a fresh send key), without
 * List-Unsubscribe headers: it is a test, not marketing mail to a recipient.
 */
export const testSendTemplate = async (p: Principal, id: string, body: unknown) => {
  requireMarketingEditor(p, what);
  const { contactId } = parseInput(testSendSchema, body ?? {});
  const template = await readTemplate(id);
  const caller = await getOrCreateProfile(p, tenantConfig().locale);
  if (!caller.email)
    throw new ValidationFailed([{ field: '(caller)', message: 'your account has no e-mail address' }]);
  const values = contactId ? (await valuesForContact(contactId)).values : valuesForCaller(caller);
  const rendered = renderTemplate(template, values);
  const mark = tenantConfig().locale === 'ru' ? '[Тест]' : '[Test]';
  const subject = `${mark} ${rendered.subject}`;
  const outcome = await sendEmailOnce(`template-test#${id}#${ulid()}`, {
    to: caller.email,
    subject,
    html: rendered.html,
    text: rendered.text,
  });
  return { to: caller.email, subject, messageId: outcome.status === 'sent' ? outcome.messageId : undefined };
};
