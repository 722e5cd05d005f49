// Reading the CSV files people export from Excel, 1C and other CRMs: UTF-8 with or without a
// BOM, or Windows-1251 (what Russian Excel writes as "CSV"); comma or semicolon (Russian Excel
// separates with ";"); fields quoted per RFC 4180, with stray quotes tolerated inside unquoted
// fields (ООО "Ромашка" is common). Records come with their row number (as a spreadsheet
// shows it: the header is row 1, blank rows count but are passed over) and the byte offset right after them, so that an import can
// stop after any chunk and a later run can read on from that offset without re-reading the
// file (an S3 range request, or a file read from a position).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { CsvDelimiter, CsvEncoding } from './import-job.entity.ts';

const utf8Bom = Buffer.from([0xef, 0xbb, 0xbf]);

export const hasUtf8Bom = (bytes: Buffer): boolean => bytes.subarray(0, 3).equals(utf8Bom);

/**
 * Bytes at the end of a sample that may be the start of a multi-byte UTF-8 sequence cut off by
 * the sample's end (they would make valid UTF-8 look invalid).
 */
const cutSequenceLength = (bytes: Buffer): number => {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back] as number;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    if (b < 0x80) return 0;
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needed > back ? back : 0;
  }
  return 0;
};

/**
 * UTF-8 when the bytes are valid UTF-8 (a BOM settles it at once), Windows-1251 otherwise:
 * Cyrillic in Windows-1251 is almost never valid UTF-8. `complete` says the sample is the
 * whole file (otherwise a sequence cut at its end is not held against UTF-8).
 */
export const detectEncoding = (sample: Buffer, complete: boolean): CsvEncoding => {
  if (hasUtf8Bom(sample)) return 'utf-8';
  const body = complete ? sample : sample.subarray(0, sample.length - cutSequenceLength(sample));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return 'utf-8';
  } catch {
    return 'windows-1251';
  }
};

/** The delimiter of the header line: the one of `;` and `,` it has more of outside quotes. */
export const detectDelimiter = (headerLine: string): CsvDelimiter => {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const c of headerLine) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ';') semicolons++;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && (c === '\n' || c === '\r')) break;
  }
  return semicolons > commas ? ';' : ',';
};

// Windows-1251 is read byte for byte as Latin-1 (so the parser counts bytes exactly), then
// each field is mapped through the code page's table.
const cp1251Table = iconv.decode(Buffer.from(Array.from({ length: 256 }, (_, i) => i)), 'win1251');
const nonAscii = /[\u0080-\u00ff]/;
const fromCp1251 = (latin1: string): string => {
  if (!nonAscii.test(latin1)) return latin1;
  let out = '';
  for (let i = 0; i < latin1.length; i++) out += cp1251Table[latin1.charCodeAt(i)] ?? '?';
  return out;
};

/** Text of a byte range in the file's encoding (header detection, samples). */
export const decodeBytes = (bytes: Buffer, encoding: CsvEncoding): string =>
  encoding === 'utf-8'
    ? new TextDecoder('utf-8').decode(hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes)
    : iconv.decode(bytes, 'win1251');

export type CsvRecord = {
  /** The row a spreadsheet shows it on: the header is row 1; blank rows count but are not read. */
  readonly row: number;
  readonly cells: readonly string[];
  /** Byte offset in the file right after this record (and its line break). */
  readonly endOffset: number;
};

export type CsvReadOptions = {
  readonly encoding: CsvEncoding;
  readonly delimiter: CsvDelimiter;
  /** Where `input` starts in the file: offsets are reported from the file's start. */
  readonly startOffset: number;
  /** The row number of the first record `input` holds. */
  readonly firstRow: number;
};

export class CsvFormatError extends Error {
  readonly row: number;
  constructor(message: string, row: number) {
    super(message);
    this.row = row;
  }
}

const isBlank = (cells: readonly string[]): boolean => cells.every((c) => c.trim() === '');

/**
 * The records of `input`, in order, blank ones left out. Stop iterating at any time: the
 * parser and the input are closed.
 */
export async function* csvRecords(
  input: Readable | AsyncIterable<Buffer> | Iterable<Buffer>,
  options: CsvReadOptions,
): AsyncGenerator<CsvRecord> {
  const parser = parse({
    delimiter: options.delimiter,
    bom: options.encoding === 'utf-8' && options.startOffset === 0,
    encoding: options.encoding === 'utf-8' ? 'utf8' : 'latin1',
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    // Empty lines come through (and are passed over below) so that row numbers match the
    // rows a spreadsheet shows; a quoted cell with line breaks is one row there too.
    skip_empty_lines: false,
    // A quote that never closes would otherwise swallow the rest of the file into one field.
    max_record_size: 1_000_000,
  });
  // The parser pulls from the input. Stopping early destroys both; pipeline's premature-close
  // error is expected then, and is not waited for: an HTTP body (S3) need not ever emit 'close'.
  const source = input instanceof Readable ? input : Readable.from(input);
  pipeline(source, parser).catch(() => undefined);
  let row = options.firstRow;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { bytes: number };
    }>) {
      const cells = options.encoding === 'utf-8' ? record : record.map(fromCp1251);
      if (!isBlank(cells)) yield { row, cells, endOffset: options.startOffset + info.bytes };
      row++;
    }
  } catch (error) {
    // csv-parse says where (its `lines` count from where this read began).
    const lines = (error as { lines?: number }).lines;
    const at = lines === undefined ? row : options.firstRow + lines - 1;
    throw new CsvFormatError(`The file is not valid CSV near row ${at}: ${(error as Error).message}`, at);
  } finally {
    parser.destroy();
    source.destroy();
  }
}

/** What a look at the start of a file tells: how to read it, its columns and first rows. */
export type CsvSample = {
  readonly encoding: CsvEncoding;
  readonly delimiter: CsvDelimiter;
  readonly headers: readonly string[];
  /** Offset of the first data row. */
  readonly dataOffset: number;
  readonly sample: readonly (readonly string[])[];
};

/** Reads how a file is written from its first bytes (the whole file when it is short). */
export const sampleCsv = async (start: Buffer, complete: boolean, sampleRows = 5): Promise<CsvSample> => {
  const encoding = detectEncoding(start, complete);
  const text = decodeBytes(start.subarray(0, 64 * 1024), encoding);
  const delimiter = detectDelimiter(
    text.slice(0, text.search(/\r?\n/) < 0 ? undefined : text.search(/\r?\n/)),
  );
  let headers: string[] | undefined;
  let dataOffset = 0;
  const sample: string[][] = [];
  // A sample cut inside a record would report a broken last row: read whole records only.
  try {
    for await (const record of csvRecords([start], { encoding, delimiter, startOffset: 0, firstRow: 1 })) {
      if (!complete && record.endOffset >= start.length) break;
      if (headers === undefined) {
        headers = record.cells.map((h, i) => h.trim() || `Column ${i + 1}`);
        dataOffset = record.endOffset;
        continue;
      }
      sample.push([...record.cells]);
      if (sample.length >= sampleRows) break;
    }
  } catch (error) {
    // The cut end of a partial sample (an open quote) is not the file's fault.
    if (complete || headers === undefined) throw error;
  }
  if (headers === undefined) throw new CsvFormatError('The file has no header row.', 1);
  return { encoding, delimiter, headers, dataOffset, sample };
};

/** Data rows of a whole file (for progress totals). */
export const countDataRows = async (
  input: Readable | AsyncIterable<Buffer>,
  read: Pick<CsvReadOptions, 'encoding' | 'delimiter'>,
): Promise<number> => {
  let count = 0;
  for await (const _ of csvRecords(input, { ...read, startOffset: 0, firstRow: 1 })) count++;
  return Math.max(0, count - 1);
};
