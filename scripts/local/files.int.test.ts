// The files bucket locally: a presigned PUT made the way functions make it (path-style, on
// the app's origin under /_s3) uploads through the gateway to fauxqs, and a presigned GET
// reads it back — the browser never leaves the app's origin, so no CORS is involved.
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClients, localCredentials } from './aws-clients.ts';
import type { LocalRuntime } from './runtime.ts';
import { startTestRuntime } from './testing.ts';

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime(['demo']);
});
afterAll(async () => runtime?.stop());

describe('files bucket through the gateway', () => {
  it('takes a presigned upload on the app origin and serves a presigned download', async () => {
    const demo = runtime.tenant('demo');
    const asFunctions = new S3Client({
      region: 'eu-central-1',
      endpoint: `${demo.appUrl}/_s3`,
      forcePathStyle: true,
      credentials: localCredentials,
    });
    const Key = 'attachments/test/hello.txt';
    const uploadUrl = await getSignedUrl(
      asFunctions,
      new PutObjectCommand({ Bucket: demo.filesBucket, Key, ContentType: 'text/plain' }),
      { expiresIn: 300 },
    );
    expect(uploadUrl.startsWith(`${demo.appUrl}/_s3/${demo.filesBucket}/`)).toBe(true);
    const put = await fetch(uploadUrl, {
      method: 'PUT',
      body: 'Привет',
      headers: { 'content-type': 'text/plain' },
    });
    expect(put.status).toBe(200);

    const { s3 } = localClients(runtime.endpoints, 'eu-central-1');
    const stored = await s3.send(new GetObjectCommand({ Bucket: demo.filesBucket, Key }));
    expect(await stored.Body?.transformToString()).toBe('Привет');

    const downloadUrl = await getSignedUrl(
      asFunctions,
      new GetObjectCommand({ Bucket: demo.filesBucket, Key }),
      { expiresIn: 300 },
    );
    const got = await fetch(downloadUrl);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('Привет');
  });
});
