// The attachment objects in the tenant's files bucket: presigned PUTs signed for the declared
// size and type, presigned GETs that download under the file's own name, the HeadObject
// check of an upload, removal. Importing it needs FILES_BUCKET (the `files` access).
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { filesBucket, headObject, presignGet, presignPut, s3 } from '../../lib/files.ts';
import { type AttachmentItem, baseContentType } from './attachment.entity.ts';

const uploadExpirySeconds = 15 * 60;
const downloadExpirySeconds = 5 * 60;

/** By the system clock, which the signature uses too (not the domain clock, which tests move). */
const expiry = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

export type PresignedUpload = {
  readonly method: 'PUT';
  readonly url: string;
  /** Send exactly these: the signature covers them (the browser adds Content-Length itself). */
  readonly headers: Readonly<Record<string, string>>;
  readonly expiresAt: string;
};

/** A PUT URL signed for this object's type and size (S3 refuses any other body). */
export const presignUpload = async (a: AttachmentItem): Promise<PresignedUpload> => ({
  method: 'PUT',
  ...(await presignPut(a.objectKey, a.size, a.contentType, uploadExpirySeconds)),
  expiresAt: expiry(uploadExpirySeconds),
});

export const presignDownload = async (a: AttachmentItem): Promise<{ url: string; expiresAt: string }> => ({
  url: await presignGet(a.objectKey, a.fileName, downloadExpirySeconds, a.contentType),
  expiresAt: expiry(downloadExpirySeconds),
});

export type UploadCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly missing: true }
  | { readonly ok: false; readonly missing: false; readonly problems: { field: string; message: string }[] };

/** Whether the uploaded object is what was announced: its size and its type. */
export const checkUpload = async (a: AttachmentItem): Promise<UploadCheck> => {
  const head = await headObject(a.objectKey);
  if (!head) return { ok: false, missing: true };
  const problems: { field: string; message: string }[] = [];
  if (head.size !== a.size)
    problems.push({
      field: 'size',
      message: `the uploaded file has ${head.size} bytes, not ${a.size}`,
    });
  const type = baseContentType(head.contentType ?? '');
  if (type !== a.contentType)
    problems.push({
      field: 'contentType',
      message: `the uploaded file is ${type || 'untyped'}, not ${a.contentType}`,
    });
  return problems.length === 0 ? { ok: true } : { ok: false, missing: false, problems };
};

export const deleteObject = async (a: AttachmentItem): Promise<void> => {
  await s3.send(new DeleteObjectCommand({ Bucket: filesBucket, Key: a.objectKey }));
};
