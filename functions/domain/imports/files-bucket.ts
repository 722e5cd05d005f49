// The tenant's files bucket as imports use it: presigned uploads signed for the declared size
// and type (S3 refuses any other body), sizes, and reads from a byte offset (a range request),
// so a chunk of a 100 MB file reads only what follows the last chunk. Handlers import this;
// the CLI reads files from disk instead.
import { Readable } from 'node:stream';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { filesBucket, headObject, presignPut, s3 } from '../../lib/files.ts';
import type { ImportFiles } from './import-jobs.ts';

/** How long an upload URL works. */
const uploadExpirySeconds = 15 * 60;

export const bucketFiles: ImportFiles = {
  presignUpload: (key, size, contentType) => presignPut(key, size, contentType, uploadExpirySeconds),
  size: async (key) => (await headObject(key))?.size,
  read: async (key, offset, length) => {
    if (length === 0) return Readable.from([]);
    const range = length === undefined ? `bytes=${offset}-` : `bytes=${offset}-${offset + length - 1}`;
    try {
      const object = await s3.send(new GetObjectCommand({ Bucket: filesBucket, Key: key, Range: range }));
      return object.Body as Readable;
    } catch (error) {
      // Reading from the very end of the file (nothing after the last chunk) is no error.
      const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (e.name === 'InvalidRange' || e.$metadata?.httpStatusCode === 416) return Readable.from([]);
      throw error;
    }
  },
};
