import { describe, expect, it } from 'vitest';
import { contentDisposition } from '../../lib/content-disposition.ts';
import { createAttachmentSchema, maxAttachmentBytes } from './attachment.entity.ts';

const valid = {
  subject: { type: 'company', id: 'c-1' },
  fileName: 'Договор.pdf',
  size: 1000,
  contentType: 'application/pdf',
};

describe('attachment limits', () => {
  it('takes documents, images, text and archives up to 25 MB', () => {
    for (const contentType of [
      'application/pdf',
      'image/png',
      'text/csv',
      'application/zip',
      'Text/Plain; charset=utf-8',
    ])
      expect(createAttachmentSchema.safeParse({ ...valid, contentType }).success, contentType).toBe(true);
    expect(createAttachmentSchema.parse({ ...valid, size: maxAttachmentBytes }).size).toBe(25 * 1024 * 1024);
  });

  it('refuses what a browser would run, bigger files, empty files and path tricks', () => {
    for (const contentType of [
      'text/html',
      'image/svg+xml',
      'application/javascript',
      'application/x-msdownload',
    ])
      expect(createAttachmentSchema.safeParse({ ...valid, contentType }).success, contentType).toBe(false);
    expect(createAttachmentSchema.safeParse({ ...valid, size: maxAttachmentBytes + 1 }).success).toBe(false);
    expect(createAttachmentSchema.safeParse({ ...valid, size: 0 }).success).toBe(false);
    expect(createAttachmentSchema.safeParse({ ...valid, fileName: '../../etc/passwd' }).success).toBe(false);
    expect(createAttachmentSchema.safeParse({ ...valid, subject: { type: 'deal', id: 'x' } }).success).toBe(
      false,
    );
  });
});

describe('contentDisposition', () => {
  it('saves under the file’s own name, with an ASCII fallback', () => {
    expect(contentDisposition('Счёт №1 "итог".pdf')).toBe(
      `attachment; filename="____ _1 ______.pdf"; filename*=UTF-8''${encodeURIComponent('Счёт №1 "итог".pdf')}`,
    );
    expect(contentDisposition("it's (1).txt")).toBe(
      `attachment; filename="it's (1).txt"; filename*=UTF-8''it%27s%20%281%29.txt`,
    );
  });
});
