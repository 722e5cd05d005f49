// A file attached to a company or contact (Вложение). The item (`ATTACHMENT#<id>`) holds the
// file's name, size and type and where its object is; once the upload is checked, a link
// item in the record's partition lists it on the card (a merge moves the link). Limits:
// 25 MB, and an allow-list of document, image, text and archive types — nothing a browser
// would run (no HTML, SVG or scripts).
import { z } from 'zod';
import type { Versioned } from '../mutations.ts';
import { type RecordRef, recordKinds, recordRefSchema } from '../records/record-kinds.ts';
import { allowedContentTypes, baseContentType, maxAttachmentBytes } from './attachment-limits.ts';

export { allowedContentTypes, baseContentType, maxAttachmentBytes };

/** How long an upload may take before its pending item expires (TTL), in seconds. */
export const pendingAttachmentTtlSeconds = 24 * 3600;

export const attachmentKey = (id: string) => ({ pk: `ATTACHMENT#${id}`, sk: 'ATTACHMENT' }) as const;

export const attachmentLinkPrefix = 'ATTACHMENT#';

/** The link in the record's partition that lists a ready attachment on its card. */
export const attachmentLinkKey = (subject: RecordRef, id: string) =>
  ({ pk: recordKinds[subject.type].partition(subject.id), sk: `${attachmentLinkPrefix}${id}` }) as const;

/** Where the file lives in the tenant's files bucket; never derived from user input. */
export const attachmentObjectKey = (id: string) => `attachments/${id}`;

export const createAttachmentSchema = z
  .object({
    subject: recordRefSchema,
    fileName: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(255, 'at most 255 characters')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
      .refine((v) => !/[/\\\u0000-\u001f\u007f]/.test(v), 'must not contain slashes or control characters'),
    size: z
      .number()
      .int('must be a whole number of bytes')
      .min(1, 'the file is empty')
      .max(maxAttachmentBytes, 'files may be at most 25 MB'),
    contentType: z
      .string()
      .max(200)
      .transform(baseContentType)
      .refine(
        (v) => (allowedContentTypes as readonly string[]).includes(v),
        'is not a type the CRM keeps: PDF, office documents, images, text, CSV or ZIP',
      ),
  })
  .strict();
export type CreateAttachment = z.infer<typeof createAttachmentSchema>;

export type AttachmentStatus = 'pending' | 'ready';

export type AttachmentAttributes = {
  readonly id: string;
  readonly subject: RecordRef;
  readonly fileName: string;
  readonly size: number;
  readonly contentType: string;
  readonly objectKey: string;
  readonly status: AttachmentStatus;
  /** Epoch seconds: a pending upload nobody completed disappears. */
  readonly expiresAt?: number;
};

export type AttachmentItem = Versioned & AttachmentAttributes;

export const attachmentLink = (a: AttachmentItem) =>
  a.status === 'ready'
    ? {
        ...attachmentLinkKey(a.subject, a.id),
        entity: 'attachment-link',
        attachmentId: a.id,
        fileName: a.fileName,
        size: a.size,
        contentType: a.contentType,
        createdAt: a.createdAt,
        createdBy: a.createdBy,
      }
    : undefined;

export type AttachmentView = {
  readonly id: string;
  readonly subject: RecordRef;
  readonly fileName: string;
  readonly size: number;
  readonly contentType: string;
  readonly status: AttachmentStatus;
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
};

export const toAttachmentView = (a: AttachmentItem): AttachmentView => ({
  id: a.id,
  subject: a.subject,
  fileName: a.fileName,
  size: a.size,
  contentType: a.contentType,
  status: a.status,
  version: a.version,
  createdAt: a.createdAt,
  createdBy: a.createdBy,
});

export const createMockAttachment = (overrides: Partial<AttachmentItem> = {}): AttachmentItem => {
  const id = overrides.id ?? '01JATTACH00000000000000001';
  return {
    ...attachmentKey(id),
    entity: 'attachment',
    id,
    subject: { type: 'company', id: '01JCOMPANY0000000000000001' },
    fileName: 'Договор №1.pdf',
    size: 1024,
    contentType: 'application/pdf',
    objectKey: attachmentObjectKey(id),
    status: 'ready',
    version: 2,
    createdAt: '2026-11-24T09:00:00.000Z',
    createdBy: 'user-anna',
    updatedAt: '2026-11-24T09:00:10.000Z',
    updatedBy: 'user-anna',
    ...overrides,
  };
};
