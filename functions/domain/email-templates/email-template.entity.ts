// A marketing e-mail template (docs/campaigns.md, "Templates"): a subject, an HTML body and a
// plain-text body with Liquid merge fields (merge-fields.ts). The HTML is stored sanitized
// (sanitize.ts). Templates are archived, never deleted, so campaigns that used one can still
// show it: an archived template moves to another gsi1 partition, out of the pickers.
import { z } from 'zod';
import type { Versioned } from '../mutations.ts';
import { normalizeText } from '../normalize/text.ts';

export const templateKey = (id: string) => ({ pk: `TEMPLATE#${id}`, sk: 'TEMPLATE' }) as const;

/** gsi1 partitions: templates in use and archived ones, each by name. */
export const templateLists = { active: 'TEMPLATES', archived: 'TEMPLATES#ARCHIVED' } as const;

export const templateSortName = (name: string): string => normalizeText(name).slice(0, 200);

export const templateListKeys = (t: Pick<TemplateAttributes, 'id' | 'name' | 'archived'>) => ({
  gsi1pk: t.archived ? templateLists.archived : templateLists.active,
  gsi1sk: `${templateSortName(t.name)}#${t.id}`,
});

export type TemplateAttributes = {
  readonly id: string;
  readonly name: string;
  readonly subject: string;
  /** Sanitized when saved. */
  readonly html: string;
  readonly text: string;
  readonly archived: boolean;
};

export type TemplateItem = Versioned & TemplateAttributes & ReturnType<typeof templateListKeys>;

/**
 * Size limits in UTF-8 bytes. An update's audit entry holds the old and the new value of each
 * changed part in one item, and DynamoDB items are at most 400 KB: 2 × (100 + 40) KB fits.
 */
export const templateLimits = { htmlBytes: 100_000, textBytes: 40_000 } as const;

const bytes = (max: number) => (v: string) => Buffer.byteLength(v, 'utf8') <= max;

const fields = {
  name: z.string().trim().min(1, 'must not be empty').max(120, 'at most 120 characters'),
  subject: z
    .string({ error: 'must be text' })
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'at most 200 characters'),
  html: z
    .string({ error: 'must be text' })
    .trim()
    .min(1, 'must not be empty')
    .refine(bytes(templateLimits.htmlBytes), `at most ${templateLimits.htmlBytes / 1000} KB`),
  text: z
    .string({ error: 'must be text' })
    .trim()
    .min(1, 'must not be empty')
    .refine(bytes(templateLimits.textBytes), `at most ${templateLimits.textBytes / 1000} KB`),
};

export const createTemplateSchema = z
  .object({ name: fields.name, subject: fields.subject, html: fields.html, text: fields.text })
  .strict();
export type CreateTemplate = z.infer<typeof createTemplateSchema>;

export const updateTemplateSchema = z
  .object({
    expectedVersion: z.number({ error: 'must be the version you last read' }).int().positive(),
    name: fields.name.optional(),
    subject: fields.subject.optional(),
    html: fields.html.optional(),
    text: fields.text.optional(),
    /** false takes an archived template back into use. */
    archived: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict();
export type UpdateTemplate = z.infer<typeof updateTemplateSchema>;

export const previewTemplateSchema = z
  .object({ contactId: z.string().min(1, 'must name a contact').max(100) })
  .strict();

export const testSendSchema = z
  .object({
    /** Renders against this contact; without one, the caller stands in for the contact. */
    contactId: z.string().min(1, 'must name a contact').max(100).optional(),
  })
  .strict();

export const auditedTemplateFields = ['name', 'subject', 'html', 'text', 'archived'] as const;

export const toTemplateView = (t: TemplateItem) => ({
  id: t.id,
  name: t.name,
  subject: t.subject,
  html: t.html,
  text: t.text,
  archived: t.archived,
  version: t.version,
  createdAt: t.createdAt,
  createdBy: t.createdBy,
  updatedAt: t.updatedAt,
  updatedBy: t.updatedBy,
});
export type TemplateView = ReturnType<typeof toTemplateView>;

/** What a list shows of a template (bodies left out). */
export const toTemplateSummary = (t: TemplateItem) => ({
  id: t.id,
  name: t.name,
  subject: t.subject,
  archived: t.archived,
  version: t.version,
  updatedAt: t.updatedAt,
});

export const createMockTemplate = (overrides: Partial<TemplateItem> = {}): TemplateItem => {
  const base: TemplateAttributes = {
    id: overrides.id ?? '01JTEMPLATE000000000000001',
    name: 'Приглашение на выставку',
    subject: '{{ contact.firstName | default: "Коллега" }}, приглашаем на выставку',
    html: '<p>Здравствуйте, {{ contact.firstName | default: "коллега" }}!</p><p><a href="{{ unsubscribeUrl }}">Отписаться</a></p>',
    text: 'Здравствуйте, {{ contact.firstName | default: "коллега" }}!\nОтписаться: {{ unsubscribeUrl }}',
    archived: false,
    ...overrides,
  };
  return {
    ...templateKey(base.id),
    ...templateListKeys(base),
    entity: 'email-template',
    version: 1,
    createdAt: '2026-11-24T09:00:00.000Z',
    createdBy: 'user-maria',
    updatedAt: '2026-11-24T09:00:00.000Z',
    updatedBy: 'user-maria',
    ...base,
    ...overrides,
  } as TemplateItem;
};
