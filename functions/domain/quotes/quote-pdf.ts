// A quote as a PDF: the quote template laid out by pdfmake on A4 landscape. The fonts are the
// Roboto that pdfmake ships (it has Cyrillic), taken from its bundled font files into an
// in-memory file system of our own, so the Lambda bundle carries them and nothing is read from
// disk or fetched: both access policies refuse everything. (pdfmake's own in-memory file system
// needs `__dirname`, which an ES module bundle does not have.)
import pdfmake, { type Content } from 'pdfmake';
import robotoFiles from 'pdfmake/build/vfs_fonts.js';
import type { QuoteItem } from './quote.entity.ts';
import { type QuoteDocument, quoteDocument } from './quote-document.ts';

const roboto = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
};

/** The file system pdfmake reads fonts (and would read images) from: the fonts, in memory. */
const memoryFs = (files: ReadonlyMap<string, Buffer>) => ({
  existsSync: (name: unknown): boolean => typeof name === 'string' && files.has(name),
  readFileSync: (name: string, options?: BufferEncoding | { encoding?: BufferEncoding }): Buffer | string => {
    const content = files.get(name);
    if (!content) throw new Error(`no file ${name} in the PDF renderer's file system`);
    const encoding = typeof options === 'string' ? options : options?.encoding;
    return encoding ? content.toString(encoding) : content;
  },
  writeFileSync: (name: string): never => {
    throw new Error(`the PDF renderer may not write ${name}`);
  },
});

let ready = false;
const setUp = (): void => {
  if (ready) return;
  const files = new Map<string, Buffer>();
  for (const file of Object.values(roboto)) {
    const data = robotoFiles[file];
    if (!data) throw new Error(`pdfmake's bundled fonts have no ${file}`);
    files.set(file, Buffer.from(data, 'base64'));
  }
  // pdfmake's Node build looks fonts up in `virtualfs` before the real file system.
  (pdfmake as unknown as { virtualfs: ReturnType<typeof memoryFs> }).virtualfs = memoryFs(files);
  pdfmake.setFonts({ Roboto: roboto });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  ready = true;
};

/** Column widths of the lines table (11 columns; the name takes what is left). */
const widths = [16, '*', 60, 38, 26, 62, 40, 66, 30, 58, 66];

export const documentDefinition = (doc: QuoteDocument, lang: string) => {
  const numeric = (i: number) => i >= 3 && i !== 4;
  const header: Content[] = doc.columns.map((c) => ({ text: c, bold: true, fillColor: '#eeeeee' }));
  const rows: Content[][] = doc.rows.map((cells) =>
    cells.map((c, i) => (numeric(i) ? { text: c, alignment: 'right' as const, noWrap: true } : c)),
  );
  const totals: Content = {
    table: {
      widths: ['auto', 'auto'],
      body: doc.totals.map(([label, value, strong]) => [
        { text: label, bold: strong === true },
        { text: value, alignment: 'right', bold: strong === true, noWrap: true },
      ]),
    },
    layout: 'noBorders',
  };
  const content: Content[] = [
    { text: doc.heading, fontSize: 15, bold: true, margin: [0, 0, 0, 10] },
    {
      table: {
        widths: ['auto', '*'],
        body: doc.parties.map(([label, value]) => [{ text: label, color: '#555555' }, value]),
      },
      layout: 'noBorders',
      margin: [0, 0, 0, 10],
    },
    { table: { headerRows: 1, widths, body: [header, ...rows] }, fontSize: 8.5 },
    // A table is right-aligned by a column of its own width after one that takes the rest.
    {
      columns: [
        { text: '', width: '*' },
        { ...totals, width: 'auto' },
      ],
      margin: [0, 10, 0, 0],
    },
    ...(doc.note
      ? [{ text: [{ text: `${doc.note[0]}: `, bold: true }, doc.note[1]], margin: [0, 10, 0, 0] } as Content]
      : []),
    ...doc.footnotes.map((f): Content => ({ text: f, fontSize: 8, color: '#555555', margin: [0, 8, 0, 0] })),
  ];
  return {
    pageSize: 'A4' as const,
    pageOrientation: 'landscape' as const,
    pageMargins: [36, 36, 36, 36] as [number, number, number, number],
    info: { title: doc.title, subject: doc.number, creator: 'CRM' },
    language: lang,
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    content,
  };
};

/** Any document of the quote template's shape (a quote, an invoice) as a PDF. */
export const renderDocumentPdf = async (doc: QuoteDocument, lang: string): Promise<Buffer> => {
  setUp();
  return pdfmake.createPdf(documentDefinition(doc, lang)).getBuffer();
};

export const renderQuotePdf = async (quote: QuoteItem): Promise<Buffer> =>
  renderDocumentPdf(quoteDocument(quote), quote.locale);
