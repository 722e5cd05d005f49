// /api/templates (docs/campaigns.md, "Templates"): marketing e-mail templates — subject, HTML and text
// bodies with merge fields. Saving answers the template and what the HTML sanitizer removed; an unknown
// merge field is an ApiError 400 with one error per problem (`field` the part, the message starting
// «line L, column C:»). Archive and restore at the version last read; preview against a contact; a test
// send to the caller's own address. Types are the domain's own (types only).
import type {
  TemplateView as DomainTemplateView,
  toTemplateSummary,
} from '../../../functions/domain/email-templates/email-template.entity.ts';
import type { HttpClient } from './http-client.ts';

export type EmailTemplate = DomainTemplateView;
export type EmailTemplateSummary = ReturnType<typeof toTemplateSummary>;
export type TemplateParts = { name: string; subject: string; html: string; text: string };
export type SavedTemplate = { template: EmailTemplate; removed: string[] };
export type RenderedTemplate = { subject: string; html: string; text: string };
export type TemplatePreview = { contact: { id: string; name: string }; rendered: RenderedTemplate };
export type TestSendResult = { to: string; subject: string; messageId?: string };

export type TemplatesApi = {
  list: (archived: boolean) => Promise<{ items: EmailTemplateSummary[]; nextCursor?: string }>;
  get: (id: string) => Promise<EmailTemplate>;
  create: (input: TemplateParts) => Promise<SavedTemplate>;
  update: (id: string, expectedVersion: number, changes: Partial<TemplateParts>) => Promise<SavedTemplate>;
  archive: (id: string, expectedVersion: number) => Promise<EmailTemplate>;
  restore: (id: string, expectedVersion: number) => Promise<EmailTemplate>;
  preview: (id: string, contactId: string) => Promise<TemplatePreview>;
  testSend: (id: string, contactId?: string) => Promise<TestSendResult>;
};

const templatePath = (id: string, suffix = '') => `/api/templates/${encodeURIComponent(id)}${suffix}`;

export const templatesApi = (http: HttpClient): TemplatesApi => ({
  list: async (archived) => {
    const body = await http.request<{ items?: EmailTemplateSummary[]; nextCursor?: string }>(
      'GET',
      '/api/templates',
      { query: { archived: String(archived), limit: 200 } },
    );
    return { items: body.items ?? [], ...(body.nextCursor ? { nextCursor: body.nextCursor } : {}) };
  },
  get: async (id) => (await http.request<{ template: EmailTemplate }>('GET', templatePath(id))).template,
  create: async (input) => {
    const body = await http.request<SavedTemplate>('POST', '/api/templates', { body: input });
    return { template: body.template, removed: body.removed ?? [] };
  },
  update: async (id, expectedVersion, changes) => {
    const body = await http.request<SavedTemplate>('PATCH', templatePath(id), {
      body: { expectedVersion, ...changes },
    });
    return { template: body.template, removed: body.removed ?? [] };
  },
  archive: async (id, expectedVersion) =>
    (
      await http.request<{ template: EmailTemplate }>('DELETE', templatePath(id), {
        query: { expectedVersion },
      })
    ).template,
  restore: async (id, expectedVersion) =>
    (
      await http.request<SavedTemplate>('PATCH', templatePath(id), {
        body: { expectedVersion, archived: false },
      })
    ).template,
  preview: (id, contactId) =>
    http.request<TemplatePreview>('POST', templatePath(id, '/preview'), { body: { contactId } }),
  testSend: async (id, contactId) =>
    (
      await http.request<{ sent: TestSendResult }>('POST', templatePath(id, '/test-send'), {
        body: contactId ? { contactId } : {},
      })
    ).sent,
});
