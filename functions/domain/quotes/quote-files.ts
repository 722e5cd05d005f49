// A quote's PDF in the tenant's files bucket: rendered once, on first need (download or e-mail),
// and kept under a key derived from the quote's id. A quote never changes what it shows, so the
// stored file stays right; one lost to a failed upload is simply rendered again.
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { filesBucket, headObject, isMissingObject, presignGet, s3 } from '../../lib/files.ts';
import { type QuoteItem, quoteFileKey, quoteFileName } from './quote.entity.ts';
import { renderQuotePdf } from './quote-pdf.ts';

/** How long a download link works. */
const downloadExpirySeconds = 15 * 60;

export const pdfContentType = 'application/pdf';

const storePdf = async (quote: QuoteItem): Promise<Uint8Array> => {
  const pdf = await renderQuotePdf(quote);
  await s3.send(
    new PutObjectCommand({
      Bucket: filesBucket,
      Key: quoteFileKey(quote.id),
      Body: pdf,
      ContentType: pdfContentType,
    }),
  );
  return pdf;
};

/** The stored PDF's bytes (to attach to an e-mail), rendered and stored first if there is none. */
export const quotePdf = async (quote: QuoteItem): Promise<Uint8Array> => {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: filesBucket, Key: quoteFileKey(quote.id) }));
    if (object.Body) return await object.Body.transformToByteArray();
  } catch (error) {
    if (!isMissingObject(error)) throw error;
  }
  return storePdf(quote);
};

/** A short-lived link that downloads the PDF under the quote's number (КП-2026-0001.pdf). */
export const quotePdfUrl = async (quote: QuoteItem): Promise<string> => {
  if (!(await headObject(quoteFileKey(quote.id)))) await storePdf(quote);
  return presignGet(
    quoteFileKey(quote.id),
    quoteFileName(quote.number),
    downloadExpirySeconds,
    pdfContentType,
  );
};
