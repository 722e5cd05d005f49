// An invoice's PDF in the tenant's files bucket (`invoices/<id>.pdf`): rendered and stored at
// issue, served through a short-lived presigned link and attached to e-mails. An issued invoice
// may still change what its document shows (the billing contact; paid and outstanding amounts), so
// the object carries the hash of the document it was rendered from and is rendered again on
// demand when the invoice now shows something else. A draft has no PDF (it has no number yet).
import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { Conflict } from '../../lib/errors.ts';
import { filesBucket, isMissingObject, presignGet, s3 } from '../../lib/files.ts';
import { renderDocumentHtml } from '../quotes/quote-html.ts';
import { renderDocumentPdf } from '../quotes/quote-pdf.ts';
import { type InvoiceAttributes, invoiceFileKey, invoiceFileName } from './invoice.entity.ts';
import { invoiceDocument } from './invoice-document.ts';

export const pdfContentType = 'application/pdf';
/** How long a download link works. */
const downloadExpirySeconds = 15 * 60;
const hashMetadata = 'document-hash';

const documentHash = (invoice: InvoiceAttributes): string =>
  createHash('sha256')
    .update(JSON.stringify([invoiceDocument(invoice), invoice.locale]))
    .digest('hex');

export const renderInvoicePdf = (invoice: InvoiceAttributes): Promise<Buffer> =>
  renderDocumentPdf(invoiceDocument(invoice), invoice.locale);

export const renderInvoiceHtml = (invoice: InvoiceAttributes): string =>
  renderDocumentHtml(invoiceDocument(invoice), invoice.locale);

/** Renders the PDF and stores it under the invoice's key, with the hash of what it shows. */
export const storeInvoicePdf = async (invoice: InvoiceAttributes): Promise<Uint8Array> => {
  const pdf = await renderInvoicePdf(invoice);
  await s3.send(
    new PutObjectCommand({
      Bucket: filesBucket,
      Key: invoiceFileKey(invoice.id),
      Body: pdf,
      ContentType: pdfContentType,
      Metadata: { [hashMetadata]: documentHash(invoice) },
    }),
  );
  return pdf;
};

const requireIssued = (invoice: InvoiceAttributes): void => {
  if (!invoice.number) throw new Conflict('A draft has no PDF yet: issue the invoice first.');
};

/** Whether the stored PDF shows what the invoice shows now. */
const storedIsCurrent = async (invoice: InvoiceAttributes): Promise<boolean> => {
  try {
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: filesBucket, Key: invoiceFileKey(invoice.id) }),
    );
    return head.Metadata?.[hashMetadata] === documentHash(invoice);
  } catch (error) {
    if (isMissingObject(error)) return false;
    throw error;
  }
};

/** The PDF's bytes (to attach to an e-mail): the stored one when current, else rendered and stored. */
export const invoicePdf = async (invoice: InvoiceAttributes): Promise<Uint8Array> => {
  requireIssued(invoice);
  if (await storedIsCurrent(invoice)) {
    try {
      const object = await s3.send(
        new GetObjectCommand({ Bucket: filesBucket, Key: invoiceFileKey(invoice.id) }),
      );
      if (object.Body) return await object.Body.transformToByteArray();
    } catch (error) {
      if (!isMissingObject(error)) throw error;
    }
  }
  return storeInvoicePdf(invoice);
};

/** A short-lived link that downloads the PDF under the invoice's number (СЧ-2026-0001.pdf). */
export const invoicePdfUrl = async (invoice: InvoiceAttributes): Promise<string> => {
  requireIssued(invoice);
  if (!(await storedIsCurrent(invoice))) await storeInvoicePdf(invoice);
  return presignGet(
    invoiceFileKey(invoice.id),
    invoiceFileName(invoice.number as string),
    downloadExpirySeconds,
    pdfContentType,
  );
};
