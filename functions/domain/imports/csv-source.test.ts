import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { countDataRows, csvRecords, detectDelimiter, detectEncoding, sampleCsv } from './csv-source.ts';

const all = async (bytes: Buffer, options: Partial<Parameters<typeof csvRecords>[1]> = {}) => {
  const out = [];
  for await (const r of csvRecords(Readable.from([bytes]), {
    encoding: 'utf-8',
    delimiter: ';',
    startOffset: 0,
    firstRow: 1,
    ...options,
  }))
    out.push(r);
  return out;
};

// "Название;ИНН\r\nООО «Ромашка»;7707083893\r\n" as Russian Excel saves it (Windows-1251), byte by byte.
const cp1251File = Buffer.from([
  0xcd, 0xe0, 0xe7, 0xe2, 0xe0, 0xed, 0xe8, 0xe5, 0x3b, 0xc8, 0xcd, 0xcd, 0x0d, 0x0a, 0xce, 0xce, 0xce, 0x20,
  0xab, 0xd0, 0xee, 0xec, 0xe0, 0xf8, 0xea, 0xe0, 0xbb, 0x3b, 0x37, 0x37, 0x30, 0x37, 0x30, 0x38, 0x33, 0x38,
  0x39, 0x33, 0x0d, 0x0a,
]);

describe('detectEncoding', () => {
  it('reads UTF-8 with or without a BOM as UTF-8', () => {
    expect(detectEncoding(Buffer.from('\uFEFFНазвание;ИНН\n', 'utf8'), true)).toBe('utf-8');
    expect(detectEncoding(Buffer.from('Название;ИНН\n', 'utf8'), true)).toBe('utf-8');
    expect(detectEncoding(Buffer.from('name,inn\n', 'utf8'), true)).toBe('utf-8');
  });

  it('reads bytes that are not valid UTF-8 as Windows-1251', () => {
    expect(detectEncoding(cp1251File, true)).toBe('windows-1251');
  });

  it('does not hold a multi-byte character cut by the end of a partial sample against UTF-8', () => {
    const bytes = Buffer.from('Название;Город\nМосква', 'utf8');
    const cut = bytes.subarray(0, bytes.length - 1); // half of the last "а"
    expect(detectEncoding(cut, false)).toBe('utf-8');
    expect(detectEncoding(cut, true)).toBe('windows-1251');
  });
});

describe('detectDelimiter', () => {
  it('takes the separator the header line has more of, outside quotes', () => {
    expect(detectDelimiter('Название;ИНН;Телефон')).toBe(';');
    expect(detectDelimiter('Name,INN,Phone')).toBe(',');
    expect(detectDelimiter('"Название, полное";ИНН;Телефон')).toBe(';');
    expect(detectDelimiter('"a;b;c",d')).toBe(',');
  });
});

describe('csvRecords', () => {
  it('decodes a Windows-1251 file field by field', async () => {
    const records = await all(cp1251File, { encoding: 'windows-1251' });
    expect(records.map((r) => r.cells)).toEqual([
      ['Название', 'ИНН'],
      ['ООО «Ромашка»', '7707083893'],
    ]);
    expect(records[1]?.endOffset).toBe(cp1251File.length);
  });

  it('reads quoting per RFC 4180: delimiters, doubled quotes and line breaks inside quotes', async () => {
    const text = 'a;b;c\r\n"x;y";"он сказал ""да""";"строка 1\r\nстрока 2"\r\n';
    const records = await all(Buffer.from(text, 'utf8'));
    expect(records[1]?.cells).toEqual(['x;y', 'он сказал "да"', 'строка 1\r\nстрока 2']);
  });

  it('tolerates quotes inside an unquoted field, as people type company names', async () => {
    const records = await all(Buffer.from('Название;ИНН\nООО "Ромашка";7707083893\n', 'utf8'));
    expect(records[1]?.cells).toEqual(['ООО "Ромашка"', '7707083893']);
  });

  it('numbers rows as a spreadsheet does, passes blank rows over and continues exactly from a record’s end', async () => {
    const bytes = Buffer.from('\uFEFFh1;h2\r\nа;1\r\n\r\n;;\r\nб;2\r\n"в\r\nв";3\r\nг;4\r\n', 'utf8');
    const records = await all(bytes);
    expect(records.map((r) => [r.row, r.cells[0]])).toEqual([
      [1, 'h1'],
      [2, 'а'],
      [5, 'б'],
      [6, 'в\r\nв'],
      [7, 'г'],
    ]);
    const after = records[2] as { endOffset: number; row: number };
    const rest = await all(bytes.subarray(after.endOffset), {
      startOffset: after.endOffset,
      firstRow: after.row + 1,
    });
    expect(rest.map((r) => [r.row, r.cells[0]])).toEqual([
      [6, 'в\r\nв'],
      [7, 'г'],
    ]);
    expect(rest.at(-1)?.endOffset).toBe(bytes.length);
  });

  it('reports a quote that never closes as a format error with the row', async () => {
    await expect(all(Buffer.from('a;b\n"open;x\n', 'utf8'))).rejects.toThrow(/not valid CSV near row 2/);
  });
});

describe('sampleCsv', () => {
  it('finds encoding, delimiter, headers, the first data offset and sample rows', async () => {
    const text = 'Name,INN\nAcme,7707083893\nGlobex,500100732259\n';
    const sample = await sampleCsv(Buffer.from(text), true, 1);
    expect(sample).toMatchObject({
      encoding: 'utf-8',
      delimiter: ',',
      headers: ['Name', 'INN'],
      dataOffset: 'Name,INN\n'.length,
      sample: [['Acme', '7707083893']],
    });
    expect(await countDataRows(Readable.from([Buffer.from(text)]), sample)).toBe(2);
  });

  it('reads a 1251 file written with iconv the same way', async () => {
    const bytes = iconv.encode('Компания;Город\r\nАльфа;Москва\r\n', 'win1251');
    const sample = await sampleCsv(bytes, true);
    expect(sample).toMatchObject({
      encoding: 'windows-1251',
      delimiter: ';',
      headers: ['Компания', 'Город'],
    });
    expect(sample.sample).toEqual([['Альфа', 'Москва']]);
  });
});
