// The tenant's files bucket as exports use it: the worker writes the file; the API hands out a
// short-lived presigned download link that saves it under its name.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { filesBucket, presignGet, s3 } from '../../lib/files.ts';
import type { ExportFiles } from './exports.ts';

/** How long a download link works. */
const downloadExpirySeconds = 15 * 60;

export const bucketExportFiles: ExportFiles = {
  put: async (key, body, contentType) => {
    await s3.send(
      new PutObjectCommand({ Bucket: filesBucket, Key: key, Body: body, ContentType: contentType }),
    );
  },
  presignDownload: (key, fileName) => presignGet(key, fileName, downloadExpirySeconds),
};
