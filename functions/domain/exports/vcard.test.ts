import { describe, expect, it } from 'vitest';
import { createMockContact } from '../contacts/contact.entity.ts';
import { contactVCard, escapeText, foldLine } from './vcard.ts';

/** A small vCard reader (RFC 6350 §3): unfolds, splits name;params:value, unescapes text. */
const parseVCards = (text: string) => {
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  const cards: { name: string; params: Record<string, string>; value: string }[][] = [];
  let card: { name: string; params: Record<string, string>; value: string }[] = [];
  for (const line of unfolded.split('\r\n')) {
    if (line === '') continue;
    let quoted = false;
    let colon = -1;
    for (let i = 0; i < line.length; i++) {
      if (line[i] === '"') quoted = !quoted;
      else if (line[i] === ':' && !quoted) {
        colon = i;
        break;
      }
    }
    const [name = '', ...params] = line.slice(0, colon).split(';');
    const property = {
      name: name.toUpperCase(),
      params: Object.fromEntries(params.map((p) => p.split('=') as [string, string])),
      value: line.slice(colon + 1),
    };
    card.push(property);
    if (property.name === 'END') {
      cards.push(card);
      card = [];
    }
  }
  return cards;
};

/** Splits a structured value on unescaped ";" and unescapes each component. */
const components = (value: string): string[] =>
  value.split(/(?<!\\);/).map((c) => c.replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1'));

describe('escapeText', () => {
  it('escapes backslashes, commas, semicolons and line breaks', () => {
    expect(escapeText('ООО "Рога, копыта; и Ко"\\ \r\nвторая')).toBe(
      'ООО "Рога\\, копыта\\; и Ко"\\\\ \\nвторая',
    );
  });
});

describe('foldLine', () => {
  it('keeps every line within 75 octets and never splits a UTF-8 character', () => {
    const line = `NOTE:${'Ёжик в тумане, '.repeat(20)}`;
    const folded = foldLine(line);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const [i, l] of lines.entries()) {
      expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
      if (i > 0) expect(l.startsWith(' ')).toBe(true);
      expect(l).not.toContain('\uFFFD');
    }
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('leaves a short line alone', () => {
    expect(foldLine('FN:Иван')).toBe('FN:Иван');
  });
});

describe('contactVCard', () => {
  it('writes a vCard 4.0 that reads back to the contact', () => {
    const contact = createMockContact({
      id: '01JDEMAXQ3Z9B4Y7K0W2VTN6HS',
      firstName: 'Иван',
      lastName: 'Петров-Водкин',
      middleName: 'Сергеевич',
      jobTitle: 'Директор по развитию, Сибирь; Урал',
      companyName: 'ООО «Рога и копыта, Северо-Западное отделение длинного названия»',
      phones: [
        { value: '+79161234567', kind: 'mobile' },
        { value: '+74951234567', kind: 'work' },
      ],
      emails: [{ value: 'petrov@romashka.example', kind: 'work' }],
      birthday: '1985-11-24',
    });
    const text = contactVCard(contact);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);

    const [card] = parseVCards(text);
    const get = (name: string) => card?.filter((p) => p.name === name) ?? [];
    expect(card?.[0]).toMatchObject({ name: 'BEGIN', value: 'VCARD' });
    expect(card?.[1]).toMatchObject({ name: 'VERSION', value: '4.0' });
    expect(components(get('FN')[0]?.value ?? '')).toEqual(['Петров-Водкин Иван Сергеевич']);
    expect(components(get('N')[0]?.value ?? '')).toEqual(['Петров-Водкин', 'Иван', 'Сергеевич', '', '']);
    expect(components(get('ORG')[0]?.value ?? '')).toEqual([contact.companyName]);
    expect(components(get('TITLE')[0]?.value ?? '')).toEqual(['Директор по развитию, Сибирь; Урал']);
    expect(get('TEL').map((t) => [t.params.TYPE, t.value])).toEqual([
      ['"cell"', 'tel:+79161234567'],
      ['"work,voice"', 'tel:+74951234567'],
    ]);
    expect(get('TEL')[0]?.params.PREF).toBe('1');
    expect(get('EMAIL')[0]).toMatchObject({
      params: { TYPE: 'work', PREF: '1' },
      value: 'petrov@romashka.example',
    });
    expect(get('BDAY')[0]?.value).toBe('19851124');
    expect(get('UID')[0]?.value).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(get('NOTE')).toEqual([]);
    expect(card?.at(-1)).toMatchObject({ name: 'END', value: 'VCARD' });
  });

  it('writes a birthday without a year as --MMDD', () => {
    const text = contactVCard(createMockContact({ birthday: '--11-24' }));
    expect(text).toContain('\r\nBDAY:--1124\r\n');
  });
});
