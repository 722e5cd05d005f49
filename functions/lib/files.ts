// The tenant's files bucket client, created once per function instance. Importing this module
// requires FILES_BUCKET (the function's catalog entry must ask for `files` access). Locally
// the bucket is reached path-style through the gateway (S3_FORCE_PATH_STYLE), so that the
// browser uploads and downloads on the app's own origin.
import { S3Client } from '@aws-sdk/client-s3';
import { requireEnv } from './env.ts';

export const filesBucket = requireEnv('FILES_BUCKET');

export const s3 = new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });
