// What an attachment may be: at most 25 MB, and documents, spreadsheets, presentations, images,
// text and zip archives only — nothing a browser would run (no HTML, SVG or scripts). Free of
// dependencies: the API enforces it and the web app checks it before an upload starts.

export const maxAttachmentBytes = 25 * 1024 * 1024;

export const allowedContentTypes = [
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/rtf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
  'application/zip',
  'application/x-zip-compressed',
] as const;

/** `Text/Plain; charset=utf-8` → `text/plain`: parameters play no part in the allow-list. */
export const baseContentType = (value: string): string => value.split(';')[0]?.trim().toLowerCase() ?? '';
