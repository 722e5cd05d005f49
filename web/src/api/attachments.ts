// /api/attachments: files on a record. Create checks the limits and answers a presigned PUT; the
// browser uploads, then `complete` makes the file visible. Downloads go through a presigned GET.
import type { HttpClient } from './http-client.ts';
import type { RecordType } from './records.ts';
import { type PresignedUpload, parseUpload } from './upload.ts';

export type Attachment = {
  id: string;
  fileName: string;
  size: number;
  contentType: string;
  status?: string;
  createdAt?: string;
  createdBy?: string;
};

export type AttachmentsApi = {
  list: (subject: { type: RecordType; id: string }) => Promise<Attachment[]>;
  create: (input: {
    subject: { type: RecordType; id: string };
    fileName: string;
    size: number;
    contentType: string;
  }) => Promise<{ attachment: Attachment; upload: PresignedUpload }>;
  complete: (id: string) => Promise<Attachment>;
  downloadUrl: (id: string) => Promise<string>;
  remove: (id: string) => Promise<void>;
};

const one = (body: unknown): Attachment =>
  ((body as { attachment?: Attachment })?.attachment ?? body) as Attachment;

const at = (id: string, suffix = '') => `/api/attachments/${encodeURIComponent(id)}${suffix}`;

export const attachmentsApi = (http: HttpClient): AttachmentsApi => ({
  list: async (subject) => {
    const body = await http.request<{ items?: Attachment[] }>('GET', '/api/attachments', {
      query: { subjectType: subject.type, subjectId: subject.id },
    });
    return body?.items ?? [];
  },
  create: async (input) => {
    const body = await http.request('POST', '/api/attachments', { body: input });
    return { attachment: one(body), upload: parseUpload(body) };
  },
  complete: async (id) => one(await http.request('POST', at(id, '/complete'))),
  downloadUrl: async (id) => {
    const body = await http.request<{ url?: string }>('GET', at(id, '/download'));
    return body?.url ?? '';
  },
  remove: async (id) => {
    await http.request('DELETE', at(id));
  },
});
