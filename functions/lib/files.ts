// The tenant's files bucket client, created once per function instance, and the few object
// operations every feature uses (attachments, imports, exports): PUT URLs signed for a size and
// type, GET URLs that download under a file's own name, HeadObject that tells a missing object
// from a failure. Importing this module requires FILES_BUCKET (the function's catalog entry must
// ask for `files` access). Locally the bucket is reached path-style through the gateway
// (S3_FORCE_PATH_STYLE), so that the browser uploads and downloads on the app's own origin.
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { contentDisposition } from './content-disposition.ts';
import { requireEnv } from './env.ts';

export const filesBucket = requireEnv('FILES_BUCKET');

export const s3 = new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });

/** S3's answer for a key that is not there (HeadObject says NotFound, GetObject NoSuchKey). */
export const isMissingObject = (error: unknown): boolean => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
};

/**
 * A PUT URL signed for this key, type and size: S3 refuses a body of another length or a
 * different Content-Type (the presigner leaves content-type unsigned unless told to sign it).
 * Send exactly the returned headers; the browser adds Content-Length itself.
 */
export const presignPut = async (
  key: string,
  size: number,
  contentType: string,
  expiresIn: number,
): Promise<{ url: string; headers: Record<string, string> }> => ({
  url: await getSignedUrl(
    s3,
    new PutObjectCommand({ Bucket: filesBucket, Key: key, ContentType: contentType, ContentLength: size }),
    { expiresIn, signableHeaders: new Set(['content-type', 'content-length']) },
  ),
  headers: { 'content-type': contentType },
});

/** A GET URL that saves the object under `fileName` (Cyrillic names included). */
export const presignGet = (
  key: string,
  fileName: string,
  expiresIn: number,
  contentType?: string,
): Promise<string> =>
  getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket: filesBucket,
      Key: key,
      ResponseContentDisposition: contentDisposition(fileName),
      ...(contentType ? { ResponseContentType: contentType } : {}),
    }),
    { expiresIn },
  );

/** The object's size and type, or undefined when there is no such object. */
export const headObject = async (
  key: string,
): Promise<{ size: number; contentType: string | undefined } | undefined> => {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: filesBucket, Key: key }));
    return { size: head.ContentLength ?? 0, contentType: head.ContentType };
  } catch (error) {
    if (isMissingObject(error)) return undefined;
    throw error;
  }
};
