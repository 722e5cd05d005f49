// The API's limits for attachments, checked in the browser before an upload starts, and the
// type of a file the browser does not type (by its extension).
import {
  allowedContentTypes,
  baseContentType,
  maxAttachmentBytes,
} from '../../../../functions/domain/attachments/attachment-limits.ts';

const byExtension: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  rtf: 'application/rtf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
  csv: 'text/csv',
  zip: 'application/zip',
};

/** The file's type as the browser reports it, or from its extension when it does not. */
export const contentTypeOf = (file: { name: string; type: string }): string => {
  const reported = baseContentType(file.type);
  if (reported && (allowedContentTypes as readonly string[]).includes(reported)) return reported;
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return byExtension[extension] ?? (reported || 'application/octet-stream');
};

export type AttachmentProblem = 'tooBig' | 'badType' | 'emptyFile';

export const attachmentProblem = (file: {
  name: string;
  type: string;
  size: number;
}): AttachmentProblem | undefined => {
  if (file.size === 0) return 'emptyFile';
  if (file.size > maxAttachmentBytes) return 'tooBig';
  return (allowedContentTypes as readonly string[]).includes(contentTypeOf(file)) ? undefined : 'badType';
};
